from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "convener.core"
    label = "core"
