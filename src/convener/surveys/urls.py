from django.urls import path

from convener.surveys.views import answering, builder, results

app_name = "surveys"

urlpatterns = [
    path("m/<slug:slug>/surveys/", answering.survey_list, name="list"),
    path("m/<slug:slug>/surveys/new/", builder.survey_create, name="create"),
    path("m/<slug:slug>/surveys/<int:pk>/", answering.answer, name="answer"),
    path("m/<slug:slug>/surveys/<int:pk>/build/", builder.build, name="build"),
    path("m/<slug:slug>/surveys/<int:pk>/build/sections/", builder.build_section, name="build_section"),
    path("m/<slug:slug>/surveys/<int:pk>/build/questions/", builder.build_question, name="build_question"),
    path("m/<slug:slug>/surveys/<int:pk>/results/", results.results, name="results"),
    path("m/<slug:slug>/surveys/<int:pk>/results.csv", results.results_csv, name="csv"),
    path("m/<slug:slug>/surveys/<int:pk>/remind/", results.remind, name="remind"),
]
