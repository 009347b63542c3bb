from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "convener.scheduling"
    label = "scheduling"
