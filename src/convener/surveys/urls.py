from django.urls import path

from convener.surveys import views

app_name = "surveys"

urlpatterns = [
    path("m/<slug:slug>/surveys/", views.survey_list, name="list"),
    path("m/<slug:slug>/surveys/new/", views.survey_create, name="create"),
    path("m/<slug:slug>/surveys/<int:pk>/", views.answer, name="answer"),
    path("m/<slug:slug>/surveys/<int:pk>/build/", views.build, name="build"),
    path("m/<slug:slug>/surveys/<int:pk>/build/sections/", views.build_section, name="build_section"),
    path("m/<slug:slug>/surveys/<int:pk>/build/questions/", views.build_question, name="build_question"),
    path("m/<slug:slug>/surveys/<int:pk>/results/", views.results, name="results"),
    path("m/<slug:slug>/surveys/<int:pk>/results.csv", views.results_csv, name="csv"),
    path("m/<slug:slug>/surveys/<int:pk>/remind/", views.remind, name="remind"),
]
