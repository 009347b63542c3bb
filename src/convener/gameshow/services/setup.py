"""Setting a show up: importing a question set (all or nothing), exporting it back, teams and their members."""

from __future__ import annotations

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from convener.gameshow import draw, questionset, selectors
from convener.gameshow.models import Draw, Option, Presence, Round, Show, Team, TeamMember
from convener.gameshow.services.common import changed, check_host, lock
from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES
from convener.program.models import Session

DRAW_MAX = 20


@transaction.atomic
def show_import(*, session: Session, by: Participant | None, text: object, trusted: bool = False) -> Show:
    """The session's show from a YAML or JSON question set. A show not yet started is replaced; a show that
    has started is kept (its answers and points stay). Any error: nothing changes. ``trusted``: the command
    line, run by whoever runs the server, needs no host."""
    if not trusted:
        check_host(by, session)
    if session.kind != Session.Kind.GAME_SHOW:
        raise ValidationError("Only a session of kind game show has a game show.", code="kind")
    if not isinstance(text, str):
        raise ValidationError("Choose a YAML or JSON file.", code="type")
    try:
        spec = questionset.parse(text)
    except questionset.QuestionSetError as exc:
        raise ValidationError(exc.errors, code="invalid") from None
    Session.objects.select_for_update().filter(pk=session.pk).first()
    old = Show.objects.filter(session=session).first()
    if old is not None:
        if old.rounds.exclude(phase=Round.Phase.WAITING).exists():
            raise ValidationError(
                "This show has started: its rounds, answers and points are kept. Export it instead.", code="started"
            )
        old.delete()
    show = Show(session=session, title=spec.title, leaderboard=spec.leaderboard)
    show.full_clean()
    show.save()
    for i, team in enumerate(spec.teams):
        Team.objects.create(show=show, name=team.name, is_helpdesk=team.helpdesk, order=i)
    for number, item in enumerate(spec.rounds, start=1):
        round_ = Round.objects.create(
            show=show,
            number=number,
            main=item.main,
            answer=item.answer,
            notes=item.notes,
            minutes=item.minutes,
            poll_question=item.poll.question if item.poll else "",
            poll_multiple=item.poll.multiple if item.poll else False,
        )
        if item.poll:
            Option.objects.bulk_create(
                Option(round=round_, order=i, text=o.text, grade=o.grade) for i, o in enumerate(item.poll.options)
            )
    changed(show)
    return show


def question_set(show: Show) -> questionset.QuestionSet:
    """The show as a question set (what ``show_import`` reads back)."""
    rounds = []
    for r in show.rounds.prefetch_related("options"):
        poll = None
        if r.has_poll:
            poll = questionset.PollSpec(
                question=r.poll_question,
                multiple=r.poll_multiple,
                options=[questionset.OptionSpec(text=o.text, grade=o.grade) for o in r.options.all()],
            )
        rounds.append(questionset.RoundSpec(main=r.main, answer=r.answer, notes=r.notes, minutes=r.minutes, poll=poll))
    teams = [questionset.TeamSpec(name=t.name, helpdesk=t.is_helpdesk) for t in show.teams.all()]
    return questionset.QuestionSet(title=show.title, teams=teams, rounds=rounds, leaderboard=show.leaderboard)


@transaction.atomic
def member_set(*, show: Show, by: Participant | None, participant_id: object, team_id: object) -> TeamMember | None:
    """Put a person of the meeting in a team of the show (one team each), or out of every team (no team)."""
    show = lock(show)
    check_host(by, show.session)
    try:
        pid = int(participant_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError("Choose a person.", code="person") from None
    person = Participant.objects.filter(pk=pid, meeting_id=show.session.meeting_id).first() if 0 < pid < 2**63 else None
    if person is None:
        raise ValidationError("That person is not registered for this meeting.", code="person")
    team = None
    if team_id not in (None, ""):
        try:
            tid = int(team_id)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise ValidationError("Choose one of the show's teams.", code="team") from None
        team = show.teams.filter(pk=tid).first() if 0 < tid < 2**63 else None
        if team is None:
            raise ValidationError("Choose one of the show's teams.", code="team")
    TeamMember.objects.filter(show=show, participant=person).delete()
    member = TeamMember.objects.create(show=show, team=team, participant=person) if team else None
    changed(show, poll=False)
    return member


@transaction.atomic
def leaderboard_set(*, show: Show, by: Participant | None, on: bool, names: bool) -> Show:
    """The audience leaderboard on or off, with names or anonymous handles."""
    show = lock(show)
    check_host(by, show.session)
    show.leaderboard, show.leaderboard_names = bool(on), bool(names)
    show.save(update_fields=["leaderboard", "leaderboard_names", "updated_at"])
    changed(show, poll=False)
    return show


def presence_mark(*, show: Show, participant: Participant | None) -> None:
    """Note that a member of the meeting is here (page or socket): teams are drawn from them."""
    if participant is None or participant.meeting_id != show.session.meeting_id:
        return
    now = timezone.now()
    updated = Presence.objects.filter(show=show, participant=participant).update(seen_at=now)
    if not updated:
        Presence.objects.get_or_create(show=show, participant=participant, defaults={"seen_at": now})


@transaction.atomic
def team_draw(
    *, show: Show, by: Participant | None, team_id: object, size: object, rng: random.Random | None = None
) -> list[Participant]:
    """Draw a team of nodes from the members present (not the hosts, not the helpdesk): least drawn first, then
    mixing regions and nodes. The team's members become the people drawn."""
    show = lock(show)
    host = check_host(by, show.session)
    try:
        tid, count = int(team_id), int(size)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError("Choose a team of nodes and how many people to draw.", code="draw") from None
    team = show.teams.filter(pk=tid, is_helpdesk=False).first() if 0 < tid < 2**63 else None
    if team is None:
        raise ValidationError("Choose a team of nodes: the helpdesk is not drawn.", code="team")
    if not 1 <= count <= DRAW_MAX:
        raise ValidationError(f"Draw 1 to {DRAW_MAX} people.", code="size")
    helpdesk = set(
        TeamMember.objects.filter(show=show, team__is_helpdesk=True).values_list("participant_id", flat=True)
    )
    present = [
        p.participant
        for p in Presence.objects.filter(show=show, participant__role__in=MEMBER_ROLES).select_related(
            "participant__node__region"
        )
        if p.participant_id not in helpdesk and not selectors.can_host(p.participant, show.session)
    ]
    if not present:
        raise ValidationError(
            "Nobody is here to draw: people are counted once they open the game show's page.", code="nobody"
        )
    draws = dict(
        Draw.objects.filter(show=show)
        .values("participant_id")
        .annotate(n=Count("pk"))
        .values_list("participant_id", "n")
    )
    candidates = [
        draw.Candidate(
            id=p.pk,
            region=p.node.region.slug if p.node and p.node.region_id else "",
            node=str(p.node_id or ""),
            draws=draws.get(p.pk, 0),
        )
        for p in present
    ]
    ids = draw.pick(candidates, count, rng or random.Random())  # noqa: S311 - fairness, not secrecy
    TeamMember.objects.filter(show=show).filter(Q(team=team) | Q(participant_id__in=ids)).delete()
    now = timezone.now()
    for pid in ids:
        TeamMember.objects.create(show=show, team=team, participant_id=pid)
        Draw.objects.create(show=show, team=team, participant_id=pid, drawn_at=now, drawn_by=host)
    changed(show, poll=False)
    chosen = {p.pk: p for p in present}
    return [chosen[pid] for pid in ids]
