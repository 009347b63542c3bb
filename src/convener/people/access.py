"""Admin access for organisers: the "Organisers" group and the staff flag follow the role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission

ORGANISERS_GROUP = "Organisers"

# app label -> model -> actions the organisers' group may take in the admin.
ORGANISER_PERMISSIONS = {
    "program": {
        "meeting": ["view", "change"],  # adding one is a grant of its own: `convener manage allow_meeting_creation`
        "theme": ["view", "add", "change", "delete"],
        "session": ["view", "add", "change", "delete"],
        "sessionrole": ["view", "add", "change", "delete"],
        "programchange": ["view"],
    },
    "availability": {
        "availabilitypoll": ["view", "add", "change", "delete"],
        "polloption": ["view", "delete"],
        "pollanswer": ["view", "delete"],
    },
    "networking": {
        "prompt": ["view", "add", "change", "delete"],
        "videosettings": ["view", "add", "change"],
        "networkingplan": ["view"],
    },
    "discussion": {
        "topic": ["view"],
        "question": ["view"],
        "livepoll": ["view"],
    },
    "programio": {  # imported sessions still to place, and the presentations a program page lists
        "unscheduledsession": ["view", "delete"],
        "listedpresentation": ["view", "delete"],
    },
    "people": {
        "participant": ["view", "change"],
        "node": ["view", "add", "change"],
        "region": ["view"],
    },
}


def organisers_group_ensure() -> Group:
    group, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    codenames = [
        (app, f"{action}_{model}")
        for app, models in ORGANISER_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        perm
        for perm in Permission.objects.filter(content_type__app_label__in=ORGANISER_PERMISSIONS).select_related(
            "content_type"
        )
        if (perm.content_type.app_label, perm.codename) in codenames
    ]
    group.permissions.set(permissions)
    return group


def organiser_access_sync(user: AbstractBaseUser) -> None:
    """Give organisers of any meeting the admin; take it away when they are organisers no more."""
    from convener.people.models import Participant

    organiser = Participant.objects.filter(user=user, role=Participant.Role.ORGANISER).exists()
    group = organisers_group_ensure()
    if organiser:
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    else:
        user.groups.remove(group)
        if user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
