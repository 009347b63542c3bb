"""New meetings, copies of an earlier one, and the meeting's organisers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convener.networking.models import Prompt, VideoSettings
from convener.organise.services.accounts import normalise_email, user_ensure
from convener.people.access import organiser_access_sync
from convener.people.models import Participant
from convener.people.services import participant_set_role
from convener.program import services as program_services
from convener.program.models import Meeting, Theme

PROVIDERS = VideoSettings.Provider


@transaction.atomic
def meeting_new(
    *,
    user: AbstractBaseUser,
    name: str,
    slug: str,
    start_date: object,
    end_date: object,
    time_zone: str,
    description: str = "",
    registration: str = Meeting.Registration.OPEN,
    provider: str = PROVIDERS.JITSI,
    jitsi_base_url: str = "https://meet.jit.si",
    copy_from: Meeting | None = None,
) -> Meeting:
    """Make a meeting whose maker is its organiser; bring an earlier meeting's set-up along if asked.

    A copy brings the themes, the prompt bank and the video provider; sessions and people stay behind.
    """
    meeting = program_services.meeting_create(
        user=user,
        name=name,
        slug=slug,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
        description=description,
        registration=registration,
    )
    video = VideoSettings(meeting=meeting, provider=provider, jitsi_base_url=jitsi_base_url)
    video.full_clean()
    video.save()
    if copy_from is not None:
        meeting_copy_setup(source=copy_from, target=meeting)
    return meeting


def meeting_copy_setup(*, source: Meeting, target: Meeting) -> None:
    """Themes and prompts of ``source`` into ``target`` (which keeps its own video settings)."""
    Theme.objects.bulk_create(
        Theme(meeting=target, name=theme.name, description=theme.description, order=theme.order)
        for theme in Theme.objects.filter(meeting=source)
    )
    Prompt.objects.bulk_create(
        Prompt(meeting=target, text=prompt.text, order=prompt.order) for prompt in Prompt.objects.filter(meeting=source)
    )


@transaction.atomic
def organiser_add(*, meeting: Meeting, email: object, name: str = "") -> tuple[Participant, bool]:
    """Make the person with this email an organiser of the meeting (their account is made if needed).

    Returns the participant and whether their account is new (they then need an invitation to sign in).
    """
    address = normalise_email(email)
    user, created = user_ensure(address)
    participant = Participant.objects.filter(meeting=meeting, user=user).first()
    if participant is None:
        participant = Participant(
            meeting=meeting,
            user=user,
            name=(name.strip() or address.split("@")[0])[:150],
            role=Participant.Role.ORGANISER,
            time_zone=meeting.time_zone,
            languages=[],
        )
        participant.full_clean()
        participant.save()
        organiser_access_sync(user)
    elif participant.role == Participant.Role.ORGANISER:
        raise ValidationError(f"{address} is already an organiser of this meeting.")
    else:
        participant_set_role(participant=participant, role=Participant.Role.ORGANISER)
    return participant, created


@transaction.atomic
def organiser_remove(*, meeting: Meeting, participant: Participant) -> Participant:
    """An organiser becomes a participant; the meeting never loses its last organiser."""
    if participant.meeting_id != meeting.pk or participant.role != Participant.Role.ORGANISER:
        raise ValidationError("This person is not an organiser of this meeting.")
    return participant_set_role(participant=participant, role=Participant.Role.PARTICIPANT)
