from django.urls import path

from convener.networking import views

app_name = "networking"

urlpatterns = [
    path("m/<slug:slug>/sessions/<int:pk>/rooms/", views.live, name="live"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/manage/", views.manage, name="manage"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/configure/", views.configure, name="configure"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/plan/", views.generate, name="generate"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/next/", views.start_next, name="start_next"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/round-<int:number>-zoom.csv", views.zoom_csv, name="zoom_csv"),
]
