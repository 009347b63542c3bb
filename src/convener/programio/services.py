"""Writes and reads of program import/export: a ``ProgramDoc`` into a meeting, and a meeting out as one.

``program_import`` writes everything in one transaction (a problem anywhere
leaves the meeting as it was) and every session through
``program.services.session_create``, so the change feed and the calendars stay
right. With ``dry_run`` it does the same work and rolls it back: the preview
has met every check the real import meets.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from convener.people.models import Participant, Region
from convener.program import services as program_services
from convener.program.models import Meeting, Session, SessionRole, Theme
from convener.programio.document import (
    FACILITATOR,
    MODERATOR,
    PersonDoc,
    PresentationDoc,
    ProgramDoc,
    ProgramInputError,
    SessionDoc,
    ThemeDoc,
    name_key,
)
from convener.programio.models import ListedPresentation, UnscheduledSession


@dataclass
class ImportReport:
    """What an import creates (or, dry, would create): the organiser's preview."""

    meeting: str
    dry_run: bool
    themes_created: list[str] = field(default_factory=list)
    themes_reused: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    unscheduled: list[str] = field(default_factory=list)
    people_matched: list[str] = field(default_factory=list)
    guests_created: list[str] = field(default_factory=list)
    presentations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "would create" if self.dry_run else "created"
        out = [f"{'Dry run: nothing written. ' if self.dry_run else ''}Import into {self.meeting}:"]

        def section(title: str, items: list[str]) -> None:
            out.append(f"  {title}: {len(items)}")
            out.extend(f"    - {item}" for item in items)

        section(f"themes {verb}", self.themes_created)
        section("themes already there", self.themes_reused)
        section(f"sessions {verb}", self.sessions)
        section(f"unscheduled sessions (to place) {verb}", self.unscheduled)
        section("people matched to participants", self.people_matched)
        section(f"guests {verb} (confirm them)", self.guests_created)
        section(f"presentations {verb}", self.presentations)
        out.extend(f"  note: {note}" for note in self.notes)
        return out


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _meeting_time(meeting: Meeting, dt: datetime) -> str:
    return dt.astimezone(meeting.zone).strftime("%a %d %b %Y %H:%M")


def _guest(meeting: Meeting, name: str) -> Participant:
    """A person named in a file but not registered: a guest without a usable login, for the organiser to confirm."""
    User = get_user_model()
    user = User(username=f"guest-{secrets.token_hex(8)}", is_active=False)
    user.set_unusable_password()
    user.save()
    guest = Participant(meeting=meeting, user=user, name=name[:150], role=Participant.Role.GUEST, languages=[])
    guest.full_clean()
    guest.save()
    return guest


class _People:
    def __init__(self, meeting: Meeting, report: ImportReport) -> None:
        self.meeting = meeting
        self.report = report
        self.by_key: dict[str, Participant] = {}
        for participant in Participant.objects.filter(meeting=meeting).order_by("id"):
            self.by_key.setdefault(name_key(participant.name), participant)
        self.seen: set[str] = set()

    def get(self, name: str) -> Participant:
        key = name_key(name)
        participant = self.by_key.get(key)
        if participant is None:
            participant = self.by_key[key] = _guest(self.meeting, name)
            self.report.guests_created.append(name)
            self.seen.add(key)
        elif key not in self.seen:
            self.seen.add(key)
            shown = name if participant.name == name else f"{name} → {participant.name}"
            self.report.people_matched.append(shown)
        return participant

    def roles(self, people: list[PersonDoc]) -> list[tuple[Participant, str]]:
        out: list[tuple[Participant, str]] = []
        for person in people:
            participant = self.get(person.name)
            if all(p.pk != participant.pk for p, _ in out):
                out.append((participant, person.role))
        return out


def _region(session: SessionDoc) -> Region | None:
    if not session.region:
        return None
    region = Region.objects.filter(name__iexact=session.region).first()
    if region is None:
        known = ", ".join(Region.objects.values_list("name", flat=True)) or "none defined"
        raise ProgramInputError(session.where, f"unknown region {session.region!r}: expected one of {known}")
    return region


def _presentations(meeting: Meeting, items: list[PresentationDoc], report: ImportReport, **under: object) -> None:
    for order, item in enumerate(items):
        listed = ListedPresentation(
            meeting=meeting, title=item.title, video_url=item.url, release_on=item.release_on, order=order, **under
        )
        try:
            listed.full_clean()
        except ValidationError as exc:
            raise ProgramInputError(item.where, f"presentation “{item.title[:60]}”: {_messages(exc)}") from None
        listed.save()
        report.presentations.append(item.title + (f" ({item.url})" if item.url else ""))


@transaction.atomic
def program_import(*, meeting: Meeting, doc: ProgramDoc, dry_run: bool = False) -> ImportReport:
    """Write ``doc`` into ``meeting``; all or nothing. ``dry_run`` checks everything and writes nothing."""
    report = ImportReport(meeting=meeting.name, dry_run=dry_run)
    report.notes.extend(doc.notes)
    if doc.time_zone and doc.time_zone != meeting.time_zone:
        report.notes.append(
            f"The file's time zone is {doc.time_zone}; the meeting's is {meeting.time_zone}. "
            "Times are kept as the same instants."
        )
    if doc.description and not meeting.description:
        program_services.meeting_update(meeting=meeting, description=doc.description)
    themes: dict[str, Theme] = {theme.name: theme for theme in Theme.objects.filter(meeting=meeting)}
    descriptions = {theme.name: theme for theme in doc.themes}
    wanted = [theme.name for theme in doc.themes] + [s.theme for s in doc.sessions if s.theme]
    next_order = max((theme.order for theme in themes.values()), default=0) + 1
    for name in dict.fromkeys(wanted):
        if name in themes:
            report.themes_reused.append(name)
            continue
        spec = descriptions.get(name, ThemeDoc(name=name))
        try:
            themes[name] = program_services.theme_create(
                meeting=meeting, name=name, description=spec.description, order=next_order
            )
        except ValidationError as exc:
            raise ProgramInputError(spec.where, f"theme “{name[:60]}”: {_messages(exc)}") from None
        next_order += 1
        report.themes_created.append(name)
    people = _People(meeting, report)
    for order, session in enumerate(doc.sessions):
        fields: dict[str, object] = {
            "kind": session.kind,
            "title": session.title,
            "goal": session.goal,
            "format": session.format,
            "preparation": session.preparation,
            "theme": themes[session.theme] if session.theme else None,
            "region": _region(session),
            "recording_url": session.recording_url,
        }
        roles = people.roles(session.people)
        try:
            if session.starts_at and session.ends_at:
                created = program_services.session_create(
                    meeting=meeting, people=roles, starts_at=session.starts_at, ends_at=session.ends_at, **fields
                )
                _presentations(meeting, session.presentations, report, session=created)
                report.sessions.append(f"{session.title} ({_meeting_time(meeting, session.starts_at)})")
            else:
                pending = UnscheduledSession(meeting=meeting, order=order, **fields)
                pending.full_clean()
                pending.save()
                pending.facilitators.set([p for p, role in roles if role == FACILITATOR])
                pending.moderators.set([p for p, role in roles if role == MODERATOR])
                _presentations(meeting, session.presentations, report, unscheduled=pending)
                report.unscheduled.append(session.title)
        except ValidationError as exc:
            raise ProgramInputError(session.where, f"session “{session.title[:60]}”: {_messages(exc)}") from None
    if dry_run:
        transaction.set_rollback(True)
    return report


@transaction.atomic
def unscheduled_place(*, unscheduled: UnscheduledSession, starts_at: datetime, ends_at: datetime) -> Session:
    """Give an imported session its time: it becomes a program session (feed and calendars see it)."""
    people = [(p, FACILITATOR) for p in unscheduled.facilitators.all()]
    people += [(p, MODERATOR) for p in unscheduled.moderators.all() if all(p.pk != q.pk for q, _ in people)]
    session = program_services.session_create(
        meeting=unscheduled.meeting,
        people=people,
        kind=unscheduled.kind,
        title=unscheduled.title,
        goal=unscheduled.goal,
        format=unscheduled.format,
        preparation=unscheduled.preparation,
        theme=unscheduled.theme,
        region=unscheduled.region,
        recording_url=unscheduled.recording_url,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    unscheduled.presentations.update(session=session, unscheduled=None)
    unscheduled.delete()
    return session


def _listed(items: list[ListedPresentation]) -> list[PresentationDoc]:
    return [PresentationDoc(title=p.title, url=p.video_url, release_on=p.release_on) for p in items]


def program_document(*, meeting: Meeting, base_url: str = "") -> ProgramDoc:
    """The meeting's program as a ``ProgramDoc``: themes, sessions by time, then the unscheduled ones.

    ``base_url`` (such as ``https://convener.example.org``) makes each session's page address absolute.
    """
    zone = meeting.zone
    doc = ProgramDoc(title=meeting.name, description=meeting.description, time_zone=meeting.time_zone)
    doc.themes = [ThemeDoc(name=t.name, description=t.description) for t in Theme.objects.filter(meeting=meeting)]
    sessions = (
        Session.objects.filter(meeting=meeting, is_draft=False)  # drafts are the organisers' until published
        .select_related("theme", "region")
        .prefetch_related("roles__participant", "listed_presentations")
        .order_by("starts_at", "title", "id")
    )
    for session in sessions:
        roles = sorted(session.roles.all(), key=lambda r: (r.role != SessionRole.Role.FACILITATOR, r.participant.name))
        doc.sessions.append(
            SessionDoc(
                title=session.title,
                kind=session.kind,
                goal=session.goal,
                format=session.format,
                preparation=session.preparation,
                starts_at=session.starts_at.astimezone(zone),
                ends_at=session.ends_at.astimezone(zone),
                theme=session.theme.name if session.theme else None,
                region=session.region.name if session.region else None,
                recording_url=session.recording_url,
                people=[PersonDoc(name=r.participant.name, role=r.role) for r in roles],
                presentations=_listed(list(session.listed_presentations.all())),
                url=base_url.rstrip("/") + reverse("program:session", kwargs={"slug": meeting.slug, "pk": session.pk}),
            )
        )
    pending = (
        UnscheduledSession.objects.filter(meeting=meeting)
        .select_related("theme", "region")
        .prefetch_related("facilitators", "moderators", "presentations")
    )
    for item in pending:
        people = [PersonDoc(name=p.name, role=FACILITATOR) for p in item.facilitators.all()]
        people += [PersonDoc(name=p.name, role=MODERATOR) for p in item.moderators.all()]
        doc.sessions.append(
            SessionDoc(
                title=item.title,
                kind=item.kind,
                goal=item.goal,
                format=item.format,
                preparation=item.preparation,
                theme=item.theme.name if item.theme else None,
                region=item.region.name if item.region else None,
                recording_url=item.recording_url,
                people=people,
                presentations=_listed(list(item.presentations.all())),
            )
        )
    return doc
