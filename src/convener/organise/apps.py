from django.apps import AppConfig


class OrganiseConfig(AppConfig):
    name = "convener.organise"
    label = "organise"
    verbose_name = "Organiser area"
    default_auto_field = "django.db.models.BigAutoField"
