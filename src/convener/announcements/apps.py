from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "convener.announcements"
    label = "announcements"
    verbose_name = "Announcements and reminders"
    default_auto_field = "django.db.models.BigAutoField"
