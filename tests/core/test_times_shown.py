"""Every time a person reads is in their zone; a time in another zone says which, and its day when that differs.

Pages render times through one template tag (``{% when %}``) that emits
``<time datetime="ISO" data-zone="Zone">…</time>``. This test renders every
page of the demo meeting, as a participant and as an organiser, for viewers
far from the meeting (Pacific/Kiritimati is UTC+14, America/Bogota UTC-5),
and checks each page: every ``<time>`` shows its instant in the zone it names,
a zone other than the viewer's is labelled and carries its weekday when its
day is not the viewer's, and no clock time (``HH:MM``) stands outside a
``<time>``.
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from convener.availability.models import AvailabilityPoll
from convener.core.templatetags.convener import zone_abbr
from convener.demo import ORGANISER_EMAIL, PARTICIPANT_EMAIL, build_demo
from convener.discussion.models import LivePoll, Reply, Topic
from convener.networking import services as networking
from convener.networking.models import NetworkingPlan
from convener.people.models import Participant, Region
from convener.program.models import Session, Theme
from convener.surveys.models import Survey
from convener.videos.models import Presentation, Recording
from tests.core.test_no_500 import app_routes

pytestmark = pytest.mark.django_db

CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):[0-5]\d(?![\d:])")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SKIPPED = {"script", "style", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def names_zone_and_day(text: str, zone: ZoneInfo) -> bool:
    names = {zone.key} | {zone_abbr(datetime(2027, month, 1, tzinfo=zone)) for month in (1, 7)}
    return any(name in text for name in names) and any(day in text for day in WEEKDAYS)


class TimeChecker(HTMLParser):
    """Collects what a reader in ``viewer`` would find wrong with the times of one page."""

    def __init__(self, viewer: ZoneInfo):
        super().__init__(convert_charrefs=True)
        self.viewer = viewer
        self.stack: list[tuple[str, str | None]] = []  # open elements, each with the zone it declares
        self.time: dict[str, str] | None = None
        self.time_text = ""
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        zone = dict(attrs).get("data-zone") if tag != "time" else None
        self.stack.append((tag, zone))
        if tag == "time":
            self.time, self.time_text = {k: v or "" for k, v in attrs}, ""

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in {name for name, _ in self.stack}:
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag == "time" and self.time is not None:
            self.check_time(self.time, " ".join(self.time_text.split()))
            self.time = None

    def handle_data(self, data: str) -> None:
        if self.time is not None:
            self.time_text += data
        elif not SKIPPED & {name for name, _ in self.stack} and CLOCK.search(data):
            declared = [zone for _, zone in self.stack if zone]
            text = " ".join(data.split())
            if not declared:
                self.problems.append(f"a clock time outside <time>: {text!r}")
            elif declared[-1] != self.viewer.key and not names_zone_and_day(text, ZoneInfo(declared[-1])):
                # an <option> cannot hold a <time>: its list says its zone, and its text names zone and day
                self.problems.append(f"{text!r} is in {declared[-1]} but does not say so, or which day")

    def check_time(self, attrs: dict[str, str], text: str) -> None:
        if attrs.get("datetime", "").startswith("P"):  # a duration, such as a chapter's start in a video
            return
        if "data-zone" not in attrs or "datetime" not in attrs:
            self.problems.append(f"<time> without datetime and data-zone: {text!r}")
            return
        instant = datetime.fromisoformat(attrs["datetime"])
        zone = ZoneInfo(attrs["data-zone"])
        local = instant.astimezone(zone)
        clock = CLOCK.search(text)
        if clock and clock.group(0).zfill(5) != local.strftime("%H:%M"):
            self.problems.append(f"{text!r} is not {local:%H:%M} in {zone.key}")
        if zone.key == self.viewer.key:
            return
        if zone_abbr(local) not in text and zone.key not in text:
            self.problems.append(f"{text!r} is in {zone.key} but does not say so")
        if local.date() != instant.astimezone(self.viewer).date() and local.strftime("%a") not in text:
            self.problems.append(f"{text!r} is on {local:%A} in {zone.key}, another day than the viewer's")


def problems_of(html: str, viewer: ZoneInfo) -> list[str]:
    checker = TimeChecker(viewer)
    checker.feed(html)
    checker.close()
    return checker.problems


def test_the_checker_catches_each_kind_of_mistake():
    bogota = ZoneInfo("America/Bogota")
    fine = (
        '<p><time datetime="2027-03-25T22:00:00+00:00" data-zone="America/Bogota">Thu 25 Mar, 17:00</time>'
        '<time datetime="2027-03-26T04:00:00+00:00" data-zone="Europe/Copenhagen">Fri 05:00 CET</time></p>'
        "<script>var t = '12:00';</script>"
    )
    assert problems_of(fine, bogota) == []
    hours = '<table data-zone="America/Bogota"><td>07:00</td></table><time datetime="PT3M">3:00</time>'
    assert problems_of(hours, bogota) == []
    assert len(problems_of(hours.replace("Bogota", "Lima"), bogota)) == 1
    options = '<select data-zone="Europe/Copenhagen"><option>Opening (Thu 25 Mar, 14:00 CET)</option></select>'
    assert problems_of(options, bogota) == []
    assert len(problems_of(options.replace(" CET", ""), bogota)) == 1
    assert len(problems_of("<p>Ends at 13:45 meeting time</p>", bogota)) == 1
    assert len(problems_of("<time>13:45</time>", bogota)) == 1
    wrong_hour = '<time datetime="2027-03-25T22:00:00+00:00" data-zone="America/Bogota">22:00</time>'
    assert len(problems_of(wrong_hour, bogota)) == 1
    unlabelled = '<time datetime="2027-03-25T22:00:00+00:00" data-zone="Europe/Copenhagen">Thu 23:00</time>'
    assert len(problems_of(unlabelled, bogota)) == 1
    no_weekday = '<time datetime="2027-03-26T04:00:00+00:00" data-zone="Europe/Copenhagen">05:00 CET</time>'
    assert len(problems_of(no_weekday, bogota)) == 1


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # noqa: ARG001 - the database must exist first
    """The demo meeting, with its first networking round running (a room card that ends)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            result = build_demo(seed=2021)
            organiser = Participant.objects.get(meeting=result.meeting, user__email=ORGANISER_EMAIL)
            session = Session.objects.filter(meeting=result.meeting, kind=Session.Kind.NETWORKING).first()
            plan, _ = NetworkingPlan.objects.get_or_create(session=session)
            plan = networking.plan_configure(
                session=session, by=organiser, rounds=2, minutes_per_round=8, room_min=3, room_max=5
            )
            plan = networking.plan_generate(plan=plan, by=organiser, time_budget=0.2)
            networking.round_start_next(plan=plan, by=organiser)
            yield result
            transaction.set_rollback(True)


def candidates(meeting) -> dict[str, list[int] | list[str]]:
    """For each kind of object a route names, a few of the demo's, so every page is seen with content."""
    sessions = Session.objects.filter(meeting=meeting)
    one_per_kind = {kind: sessions.filter(kind=kind).values_list("pk", flat=True).first() for kind in Session.Kind}
    few = slice(0, 3)
    return {
        "sessions": [pk for pk in one_per_kind.values() if pk],
        "polls": list(AvailabilityPoll.objects.filter(meeting=meeting).values_list("pk", flat=True)[few]),
        "themes": list(Theme.objects.filter(meeting=meeting).values_list("pk", flat=True)[:1]),
        "presentations": list(Presentation.objects.filter(meeting=meeting).values_list("pk", flat=True)[:2]),
        "topics": list(Topic.objects.filter(meeting=meeting).values_list("pk", flat=True)[few]),
        "replies": list(Reply.objects.filter(topic__meeting=meeting).values_list("pk", flat=True)[:1]),
        "live-polls": list(LivePoll.objects.filter(session__meeting=meeting).values_list("pk", flat=True)[:1]),
        "recordings": list(Recording.objects.filter(session__meeting=meeting).values_list("pk", flat=True)[:1]),
        "surveys": list(Survey.objects.filter(meeting=meeting).values_list("pk", flat=True)),
        "regions": list(Region.objects.values_list("slug", flat=True)[:2]),
    }


def urls(meeting) -> list[str]:
    """Every GET-able page of the demo meeting, with the objects its route names."""
    found = candidates(meeting)
    out: list[str] = []
    for route in app_routes():
        if route.endswith((".ics", ".atom", ".csv", "video", ".vtt", ".pdf")):
            continue
        path = "/" + route.replace("<slug:slug>", meeting.slug).replace("<int:number>", "1")
        if "<slug:region>" in path:
            out += [path.replace("<slug:region>", slug) for slug in found["regions"]]
            continue
        if "<int:pk>" not in path:
            out.append(path)
            continue
        before = path.split("<int:pk>")[0].rstrip("/").rsplit("/", 1)[-1]
        kind = {"videos": "presentations", "questions": None}.get(before, before)
        out += [path.replace("<int:pk>", str(pk)) for pk in found.get(kind or "", [])]
    return out


@pytest.mark.parametrize("viewer", ["Pacific/Kiritimati", "America/Bogota"])
@pytest.mark.parametrize("email", [PARTICIPANT_EMAIL, ORGANISER_EMAIL])
def test_every_page_shows_each_time_in_the_viewers_zone_or_says_which(demo, client, viewer, email):
    meeting = demo.meeting
    client.force_login(Participant.objects.get(meeting=meeting, user__email=email).user)
    client.cookies["convener_tz"] = viewer
    zone = ZoneInfo(viewer)
    seen, problems = 0, {}
    for url in urls(meeting):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        found = problems_of(response.content.decode(), zone)
        if found:
            problems[url] = sorted(set(found))
    assert seen > 40
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())
