"""Availability polls; included from scheduling/urls.py, so names read "scheduling:poll_…"."""

from django.urls import path

from convener.scheduling import poll_views

urlpatterns = [
    path("m/<slug:slug>/polls/", poll_views.poll_list, name="poll_list"),
    path("m/<slug:slug>/polls/new/", poll_views.poll_create, name="poll_create"),
    path("m/<slug:slug>/polls/<int:pk>/", poll_views.poll_detail, name="poll_detail"),
    path("m/<slug:slug>/polls/<int:pk>/status/", poll_views.poll_status, name="poll_status"),
]
