from django.apps import AppConfig


class NetworkingConfig(AppConfig):
    name = "convener.networking"
    label = "networking"
