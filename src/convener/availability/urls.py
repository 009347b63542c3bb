"""Availability polls ("when can you meet?"): organisers propose start times, participants answer in their zone."""

from django.urls import path

from convener.availability import views

app_name = "availability"

urlpatterns = [
    path("m/<slug:slug>/polls/", views.poll_list, name="poll_list"),
    path("m/<slug:slug>/polls/new/", views.poll_create, name="poll_create"),
    path("m/<slug:slug>/polls/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("m/<slug:slug>/polls/<int:pk>/status/", views.poll_status, name="poll_status"),
]
