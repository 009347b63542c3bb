"""The drop-in icebreaker: "shuffle me" puts a person into a small group of people they have not met yet.

People who press the button wait in the session's queue; as soon as the engine
(``engine.shuffle_into_group``) can form a group of 3-4 with the newcomer —
nobody already met in this meeting's breakout rooms or icebreaker groups, a
shared language, nodes mixed — the group is written and every waiting screen
hears of it after the commit. Someone who has waited long enough may get a
pair instead of staying alone: that rule also runs on every waiting screen's
heartbeat (``match_waiting``), so nobody has to press a button for it.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from convener.core.live import broadcast_on_commit, group_name
from convener.networking import engine
from convener.networking.models import IcebreakerGroup, IcebreakerTicket, Prompt, Seat, VideoSettings
from convener.networking.services import _engine_attendee, video_link
from convener.people.models import Participant
from convener.people.selectors import is_member
from convener.program.models import Session

GROUP_SIZE = engine.RoomSize(3, 4)
PAIR_SIZE = engine.RoomSize(2, 4)
PAIR_AFTER = timedelta(seconds=90)  # someone waiting this long may be offered a pair
STALE_AFTER = timedelta(minutes=10)  # a ticket this old no longer counts as waiting (the page was closed)
OPENS_BEFORE = timedelta(minutes=15)


def live_group(session: Session) -> str:
    return group_name("icebreaker", session.pk)


def _check_open(session: Session, participant: Participant | None, now: datetime) -> Participant:
    if session.kind != Session.Kind.ICEBREAKER:
        raise ValidationError("Shuffling into groups belongs to icebreaker sessions.")
    if participant is None or participant.meeting_id != session.meeting_id or not is_member(participant):
        raise PermissionDenied("The icebreaker is for the meeting's registered participants.")
    if now < session.starts_at - OPENS_BEFORE:
        raise ValidationError("The icebreaker has not opened yet: it opens 15 minutes before the session starts.")
    if now >= session.ends_at:
        raise ValidationError("The icebreaker has ended.")
    return participant


def met_pairs(meeting_id: int) -> set[frozenset[str]]:
    """Everyone who has shared a breakout room or an icebreaker group in this meeting, as pairs of ids."""
    rooms: dict[tuple[str, int], list[str]] = {}
    seats = Seat.objects.filter(round__plan__session__meeting_id=meeting_id, round__started_at__isnull=False)
    for room_id, pid in seats.values_list("room_id", "participant_id"):
        rooms.setdefault(("room", room_id), []).append(str(pid))
    tickets = IcebreakerTicket.objects.filter(session__meeting_id=meeting_id, group__isnull=False)
    for group_id, pid in tickets.values_list("group_id", "participant_id"):
        rooms.setdefault(("group", group_id), []).append(str(pid))
    return {frozenset(pair) for members in rooms.values() for pair in itertools.combinations(members, 2)}


def _prompt(session: Session, rng: random.Random, fallback: str) -> str:
    bank = list(Prompt.objects.filter(meeting_id=session.meeting_id).values_list("text", flat=True))
    return rng.choice(bank) if bank else fallback


@transaction.atomic
def shuffle_me(*, session: Session, participant: Participant | None, now: datetime | None = None) -> IcebreakerTicket:
    """Queue ``participant`` and form a group with them when enough people they have not met are waiting.

    Returns their ticket: with a group when one formed, else waiting.
    """
    now = now or timezone.now()
    participant = _check_open(session, participant, now)
    # One shuffle at a time per session: the waiting queue is read and taken under this lock.
    session = Session.objects.select_for_update().get(pk=session.pk)
    IcebreakerTicket.objects.filter(session=session, group__isnull=True, joined_at__lt=now - STALE_AFTER).delete()
    mine = IcebreakerTicket.objects.filter(session=session, participant=participant, group__isnull=True).first()
    if mine is None:
        mine = IcebreakerTicket.objects.create(session=session, participant=participant, joined_at=now)
    waiting = [t for t in _waiting(session) if t.pk != mine.pk]
    mine.participant = participant
    if _form_group(session, mine, waiting, met_pairs(session.meeting_id), now) is not None:
        broadcast_on_commit(live_group(session), {"type": "icebreaker.changed", "session": session.pk})
        mine.refresh_from_db()
    return mine


@transaction.atomic
def match_waiting(*, session: Session, now: datetime | None = None) -> int:
    """Apply the waiting rule without anyone pressing a button: whoever has waited longest gets a group, or a pair
    once they have waited ``PAIR_AFTER``; again while groups form. Every waiting screen's heartbeat calls this.

    Returns the number of groups formed; their screens hear of them after the commit.
    """
    now = now or timezone.now()
    if session.kind != Session.Kind.ICEBREAKER or not session.starts_at - OPENS_BEFORE <= now < session.ends_at:
        return 0
    fresh = IcebreakerTicket.objects.filter(session=session, group__isnull=True, joined_at__gte=now - STALE_AFTER)
    # The common case (nobody waiting long enough, or alone) reads two rows and takes no lock.
    if fresh.count() < 2 or not fresh.filter(joined_at__lte=now - PAIR_AFTER).exists():
        return 0
    session = Session.objects.select_for_update().get(pk=session.pk)
    IcebreakerTicket.objects.filter(session=session, group__isnull=True, joined_at__lt=now - STALE_AFTER).delete()
    waiting = _waiting(session)
    met = met_pairs(session.meeting_id)
    formed = i = 0
    while i < len(waiting) and now - waiting[i].joined_at >= PAIR_AFTER:
        group = _form_group(session, waiting[i], waiting[:i] + waiting[i + 1 :], met, now)
        if group is None:
            i += 1  # nobody waiting whom they have not met: the next in line
            continue
        formed += 1
        taken = set(IcebreakerTicket.objects.filter(group=group).values_list("pk", flat=True))
        waiting = [t for t in waiting if t.pk not in taken]
    if formed:
        broadcast_on_commit(live_group(session), {"type": "icebreaker.changed", "session": session.pk})
    return formed


def _waiting(session: Session) -> list[IcebreakerTicket]:
    """The queue, those who waited longest first (call under the session's lock)."""
    return list(
        IcebreakerTicket.objects.filter(session=session, group__isnull=True)
        .select_related("participant", "participant__node", "participant__node__region")
        .order_by("joined_at", "pk")
    )


def _form_group(
    session: Session,
    anchor: IcebreakerTicket,
    waiting: list[IcebreakerTicket],
    met: set[frozenset[str]],
    now: datetime,
) -> IcebreakerGroup | None:
    """A group of 3-4 for ``anchor`` among ``waiting`` (nobody met before), else a pair once someone in it has
    waited ``PAIR_AFTER``; written with its tickets, or None. The caller holds the session's lock."""
    newcomer = _engine_attendee(anchor.participant)
    pool = [_engine_attendee(t.participant) for t in waiting]
    seed = session.pk * 1_000_003 + IcebreakerGroup.objects.filter(session=session).count()
    formed = engine.shuffle_into_group(newcomer, pool, met, size=GROUP_SIZE, seed=seed)
    longest = min([anchor.joined_at, *(t.joined_at for t in waiting)])
    if formed is None and waiting and now - longest >= PAIR_AFTER:
        formed = engine.shuffle_into_group(newcomer, pool, met, size=PAIR_SIZE, seed=seed)
    if formed is None:
        return None
    number = (IcebreakerGroup.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0) + 1
    group = IcebreakerGroup.objects.create(
        session=session, number=number, prompt=_prompt(session, random.Random(seed), formed.prompt), created_at=now
    )
    by_participant = {str(t.participant_id): t for t in [anchor, *waiting]}
    IcebreakerTicket.objects.filter(pk__in=[by_participant[pid].pk for pid in formed.members]).update(group=group)
    members = set(formed.members)
    met.update(frozenset(pair) for pair in itertools.combinations(members, 2))
    return group


@transaction.atomic
def stop_waiting(*, session: Session, participant: Participant | None) -> None:
    """Leave the queue (nothing happens when the person is not waiting)."""
    if participant is None:
        return
    IcebreakerTicket.objects.filter(session=session, participant=participant, group__isnull=True).delete()


@dataclass
class IcebreakerCard:
    """What a person sees in the icebreaker: nothing yet, waiting, or their group."""

    session: Session
    ticket: IcebreakerTicket | None
    companions: list[Participant]
    link: str
    waiting_count: int
    opens_at: datetime
    is_open: bool

    @property
    def state(self) -> str:
        if self.ticket is None:
            return "idle"
        return "grouped" if self.ticket.group_id else "waiting"


def group_link(group: IcebreakerGroup, session: Session, settings: VideoSettings | None) -> str:
    """Jitsi: an unguessable room per group. Zoom: the session's link (the host moves the group to a room)."""
    return video_link(session, settings, f"icebreaker-{group.number}-{group.token}")


def card_for(session: Session, participant: Participant, now: datetime | None = None) -> IcebreakerCard:
    now = now or timezone.now()
    ticket = (
        IcebreakerTicket.objects.filter(session=session, participant=participant)
        .select_related("group")
        .order_by("-joined_at", "-pk")
        .first()
    )
    if ticket is not None and ticket.group_id is None and ticket.joined_at < now - STALE_AFTER:
        ticket = None
    companions: list[Participant] = []
    link = ""
    if ticket is not None and ticket.group is not None:
        companions = [
            t.participant
            for t in IcebreakerTicket.objects.filter(group=ticket.group)
            .exclude(participant=participant)
            .select_related("participant", "participant__node")
            .order_by("participant__name")
        ]
        settings = VideoSettings.objects.filter(meeting_id=session.meeting_id).first()
        link = group_link(ticket.group, session, settings)
    waiting = IcebreakerTicket.objects.filter(
        session=session, group__isnull=True, joined_at__gte=now - STALE_AFTER
    ).count()
    opens_at = session.starts_at - OPENS_BEFORE
    return IcebreakerCard(session, ticket, companions, link, waiting, opens_at, opens_at <= now < session.ends_at)
