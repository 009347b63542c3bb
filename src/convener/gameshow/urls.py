from django.urls import path

from convener.gameshow import views

app_name = "gameshow"

urlpatterns = [
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/", views.play, name="play"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/host/", views.host, name="host"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/screen/", views.screen, name="screen"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/results/", views.results, name="results"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/export/", views.export, name="export"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/import/", views.import_set, name="import"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/act/", views.act, name="act"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/members/", views.member, name="member"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/draw/", views.draw, name="draw"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/leaderboard/", views.leaderboard, name="leaderboard"),
    path("m/<slug:slug>/sessions/<int:pk>/gameshow/answer/", views.answer, name="answer"),
]
