from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_organisers_group(sender, **kwargs):  # type: ignore[no-untyped-def]
    from convener.people.access import organisers_group_ensure

    organisers_group_ensure()


class PeopleConfig(AppConfig):
    name = "convener.people"
    label = "people"

    def ready(self) -> None:
        # Permissions are created app by app after migrate; refresh the group after each.
        post_migrate.connect(_ensure_organisers_group, dispatch_uid="convener-organisers-group")
