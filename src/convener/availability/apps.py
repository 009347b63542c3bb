from django.apps import AppConfig


class AvailabilityConfig(AppConfig):
    name = "convener.availability"
    label = "availability"
    verbose_name = "availability polls"
