"""The demo meeting: a five-day global nodes meeting with ~60 nodes and ~150 people.

``build_demo()`` creates it through the program services, so validation (no
facilitator booked twice, sessions inside the meeting's dates) and the change
log are the real ones. It is modelled on the sessions page of a real virtual
global nodes meeting (see docs): an icebreaker, theme panels built on
pre-recorded presentations, live Q&As, speed-dating networking, demo groups,
regional sessions at hours that suit each region, a marine data session, a
game show, an evaluation and opening/closing plenaries.

The meeting runs Thursday 25 to Wednesday 31 March 2027 in Europe/Copenhagen,
across Europe's change to summer time on Sunday 28 March: 14:00 in Copenhagen
is 13:00 UTC on Thursday and 12:00 UTC on Monday.

Everything is deterministic given the seed, except the passwords of the three
sign-in accounts, the join-link tokens and the participants' calendar tokens.
"""

from __future__ import annotations

import secrets
from collections import Counter
from random import Random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from convener.demo.availability import build_availability_poll
from convener.demo.base import (
    END_DATE,
    GUEST_EMAIL,
    ICEBREAKER_TITLE,
    MEETING_NAME,
    MEETING_SLUG,
    MEETING_ZONE,
    ORGANISER_EMAIL,
    PARTICIPANT_EMAIL,
    START_DATE,
    THEME3_TITLE,
    DemoResult,
    Login,
    Progress,
    Steps,
)
from convener.demo.discussion import build_demo_discussion
from convener.demo.gameshow import build_demo_gameshow
from convener.demo.network import NODES, REGIONS, SECRETARIAT, email_local_part, make_people
from convener.demo.networking import build_prompt_bank
from convener.demo.program import build_program
from convener.demo.surveys import build_demo_surveys
from convener.demo.texts import MEETING_DESCRIPTION, THEMES
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, ProgramChange, Session, SessionRole, Theme

__all__ = [
    "GUEST_EMAIL",
    "ICEBREAKER_TITLE",
    "MEETING_SLUG",
    "ORGANISER_EMAIL",
    "PARTICIPANT_EMAIL",
    "THEME3_TITLE",
    "DemoResult",
    "Login",
    "Progress",
    "build_demo",
    "email_local_part",
]


def build_demo(*, seed: int = 2021, progress: Progress | None = None) -> DemoResult:
    """Create the demo meeting in the current database; see the module docstring."""
    with transaction.atomic():
        return _build(seed=seed, progress=progress)


def _build(*, seed: int, progress: Progress | None) -> DemoResult:
    if Meeting.objects.filter(slug=MEETING_SLUG).exists():
        raise ValueError(
            f"A meeting with the slug {MEETING_SLUG!r} already exists: build the demo on a fresh "
            "database (convener demo does this for you)."
        )
    rng = Random(seed)
    step = Steps(total=9 + 20, progress=progress)
    User = get_user_model()

    # Regions and nodes.
    regions: dict[str, Region] = {}
    for order, spec in enumerate(REGIONS, start=1):
        regions[spec.name], _ = Region.objects.get_or_create(
            name=spec.name, defaults={"slug": spec.slug, "order": order}
        )
    step("regions")
    nodes: dict[str, Node] = {}
    for spec in [SECRETARIAT, *NODES]:
        nodes[spec.name], _ = Node.objects.get_or_create(
            name=spec.name,
            defaults={"country": spec.country, "region": regions[spec.region], "kind": spec.kind},
        )
    step("nodes")

    meeting = Meeting(
        name=MEETING_NAME,
        slug=MEETING_SLUG,
        description=MEETING_DESCRIPTION,
        start_date=START_DATE,
        end_date=END_DATE,
        time_zone=MEETING_ZONE,
        registration=Meeting.Registration.OPEN,
    )
    meeting.full_clean()
    meeting.save()
    themes = [
        Theme.objects.create(meeting=meeting, name=name, description=description, order=order)
        for order, (name, description) in enumerate(THEMES, start=1)
    ]
    step("meeting and themes")

    # People: users in bulk; three sign-in accounts with a fresh password each.
    people = make_people(rng)
    emails = [p.email for p in people]
    if User.objects.filter(email__in=emails).exists():
        raise ValueError("Some demo users already exist: build the demo on a fresh database.")
    logins = [Login(email, secrets.token_urlsafe(9)) for email in (ORGANISER_EMAIL, PARTICIPANT_EMAIL, GUEST_EMAIL)]
    passwords = dict(logins)
    unusable = make_password(None)
    users = []
    for person in people:
        user = User(username=person.email, email=person.email, first_name=person.first, last_name=person.last)
        if person.email in passwords:
            user.set_password(passwords[person.email])
        else:
            user.password = unusable
        if person.email == ORGANISER_EMAIL:
            user.is_staff = user.is_superuser = True
        users.append(user)
    User.objects.bulk_create(users)
    user_ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    step("users")

    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_ids[email], email=email, verified=True, primary=True) for email in passwords
    )
    step("sign-in accounts")

    participants = [
        Participant(
            meeting=meeting,
            user_id=user_ids[p.email],
            name=p.name,
            node=nodes[p.node] if p.node else None,
            role=p.role,
            time_zone=p.time_zone,
            languages=p.languages,
        )
        for p in people
    ]
    for participant in participants:
        participant.full_clean(exclude=["user", "meeting", "node", "calendar_token"])
    Participant.objects.bulk_create(participants)
    by_email = {
        participant.user.email: participant
        for participant in Participant.objects.filter(meeting=meeting).select_related("user", "node", "node__region")
    }
    step("participants")

    build_program(meeting, themes, regions, people, by_email, rng, step)
    build_availability_poll(meeting, by_email, rng)
    build_prompt_bank(meeting)
    # Threads, a live Q&A with votes, a draft poll; then the evaluation survey and one session's feedback.
    build_demo_discussion(
        meeting=meeting,
        organiser=by_email[ORGANISER_EMAIL],
        keep_free=by_email[PARTICIPANT_EMAIL],
        rng=Random(seed + 11),
    )
    build_demo_surveys(
        meeting=meeting,
        organiser=by_email[ORGANISER_EMAIL],
        keep_free=by_email[PARTICIPANT_EMAIL],
        rng=Random(seed + 7),
    )
    build_demo_gameshow(meeting=meeting)
    step("availability poll")

    counts = {
        "regions": len(regions),
        "nodes": len(nodes),
        "participants": Participant.objects.filter(meeting=meeting).count(),
        "sessions": Session.objects.filter(meeting=meeting).count(),
        "themes": len(themes),
        "session roles": SessionRole.objects.filter(session__meeting=meeting).count(),
        "program changes": ProgramChange.objects.filter(meeting=meeting).count(),
    }
    roles = dict(Counter(str(p.role) for p in people))
    step("demo meeting ready")
    return DemoResult(meeting=meeting, counts=counts, logins=logins, roles=roles)
