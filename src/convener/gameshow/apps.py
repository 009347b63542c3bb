from django.apps import AppConfig


class GameshowConfig(AppConfig):
    name = "convener.gameshow"
    label = "gameshow"
    verbose_name = "Game show"
