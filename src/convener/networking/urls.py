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
    path("m/<slug:slug>/sessions/<int:pk>/icebreaker/", views.icebreaker_page, name="icebreaker"),
    path("m/<slug:slug>/sessions/<int:pk>/icebreaker/shuffle/", views.icebreaker_shuffle, name="icebreaker_shuffle"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/prompts/", views.prompts, name="prompts"),
    path("m/<slug:slug>/sessions/<int:pk>/rooms/round-<int:number>/prompt/", views.round_prompt, name="round_prompt"),
]
