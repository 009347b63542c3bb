from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "convener.api"
    label = "api"
