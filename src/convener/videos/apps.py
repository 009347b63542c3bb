from django.apps import AppConfig


class VideosConfig(AppConfig):
    name = "convener.videos"
    label = "videos"
    verbose_name = "Videos: presentations, recordings and the library"
