from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "convener.core"
    label = "core"

    def ready(self) -> None:
        from convener.core import dates

        dates.install()
