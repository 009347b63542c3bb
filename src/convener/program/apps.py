from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "convener.program"
    label = "program"
