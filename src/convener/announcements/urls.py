from django.urls import path

from convener.announcements import views

app_name = "announcements"

urlpatterns = [
    path("m/<slug:slug>/announcements/", views.announcement_list, name="list"),
    path("m/<slug:slug>/email/", views.preferences, name="preferences"),
]
