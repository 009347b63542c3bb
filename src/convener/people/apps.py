from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "convener.people"
    label = "people"
