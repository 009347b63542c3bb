from django.apps import AppConfig


class ProgramioConfig(AppConfig):
    name = "convener.programio"
    label = "programio"
    verbose_name = "Program import and export"
