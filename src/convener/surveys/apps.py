from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "convener.surveys"
    label = "surveys"
    verbose_name = "Surveys"
