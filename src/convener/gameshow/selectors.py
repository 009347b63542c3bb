"""Reads of a game show: who hosts, the scoreboard, a round's poll results with grades, the results page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Subquery
from django.utils.crypto import salted_hmac

from convener.gameshow.models import GRADE_POINTS, Ballot, Grade, Judgement, Option, Round, Show, Team
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser
from convener.program.models import Session, SessionRole


def can_host(participant: Participant | None, session: Session) -> bool:
    """The meeting's organisers and the session's facilitators and moderators run the show."""
    if participant is None or participant.meeting_id != session.meeting_id:
        return False
    if is_organiser(participant):
        return True
    return SessionRole.objects.filter(session=session, participant=participant).exists()


def can_play(participant: Participant | None) -> bool:
    """Members answer polls; guests watch."""
    return is_member(participant)


def show_for(session: Session) -> Show | None:
    return Show.objects.filter(session=session).select_related("session", "session__meeting", "current_round").first()


def rounds(show: Show) -> list[Round]:
    return list(show.rounds.select_related("team").prefetch_related("options"))


@dataclass
class TeamScore:
    team: Team
    points: int


def scoreboard(show: Show) -> list[TeamScore]:
    """Each team's points: the sum of its judgements that are not undone."""
    teams = list(show.teams.all())
    totals: dict[int, int] = {t.pk: 0 for t in teams}
    for judgement in Judgement.objects.filter(round__show=show, undone_at__isnull=True).only("team_id", "points"):
        totals[judgement.team_id] = totals.get(judgement.team_id, 0) + judgement.points
    return [TeamScore(team=t, points=totals.get(t.pk, 0)) for t in teams]


def live_judgement(round_: Round) -> Judgement | None:
    return round_.judgements.filter(undone_at__isnull=True).select_related("team", "judged_by").first()


def last_judgement(show: Show) -> Judgement | None:
    """The judgement an undo takes back: the latest that is not undone."""
    return (
        Judgement.objects.filter(round__show=show, undone_at__isnull=True)
        .select_related("round", "team")
        .order_by("-judged_at", "-pk")
        .first()
    )


@dataclass
class OptionResult:
    option: Option
    count: int
    percent: int

    @property
    def grade_label(self) -> str:
        return Grade(self.option.grade).label


@dataclass
class PollResult:
    voters: int
    options: list[OptionResult] = field(default_factory=list)


def poll_result(round_: Round) -> PollResult:
    """Counts per option (a person who chose several counts once per choice) and the share of voters."""
    # One statement, so the counts and the number of voters come from one snapshot even while answers arrive
    # (two queries could show 1,000 voters beside counts from before the last answers).
    voters_now = Ballot.objects.filter(round=round_).order_by().values("round").annotate(c=Count("pk")).values("c")[:1]
    options = list(
        round_.options.annotate(n=Count("ballots"), voters=Subquery(voters_now)).order_by("order", "pk")
    )  # explicit order: GROUP BY drops Meta.ordering
    voters = (options[0].voters or 0) if options else 0  # type: ignore[attr-defined]
    return PollResult(
        voters=voters,
        options=[OptionResult(o, o.n, round(100 * o.n / voters) if voters else 0) for o in options],  # type: ignore[attr-defined]
    )


def my_choices(round_: Round, participant: Participant | None) -> set[int]:
    if participant is None:
        return set()
    ballot = Ballot.objects.filter(round=round_, participant=participant).first()
    return set(ballot.options.values_list("pk", flat=True)) if ballot else set()


def team_of(show: Show, participant: Participant | None) -> Team | None:
    if participant is None:
        return None
    return Team.objects.filter(show=show, memberships__participant=participant).first()


def handle(show: Show, participant_id: int) -> str:
    """An anonymous handle, the same all show long, that says nothing about who it is."""
    return "Player " + salted_hmac("gameshow-handle", f"{show.pk}:{participant_id}").hexdigest()[:5].upper()


def team_of_members(team: Team) -> list[Participant]:
    return list(Participant.objects.filter(game_memberships__team=team).order_by("name"))


@dataclass
class LeaderRow:
    label: str
    points: int


def leaderboard(show: Show, *, limit: int = 10) -> list[LeaderRow]:
    """The audience's points by grade (best 3, alternative 2, discouraged 1, wrong 0) per choice made, over revealed
    rounds; names or anonymous handles as the show says."""
    totals: dict[int, int] = {}
    names: dict[int, str] = {}
    ballots = Ballot.objects.filter(round__show=show, round__phase=Round.Phase.REVEALED).prefetch_related("options")
    for ballot in ballots.select_related("participant"):
        points = sum(GRADE_POINTS[Grade(o.grade)] for o in ballot.options.all())
        totals[ballot.participant_id] = totals.get(ballot.participant_id, 0) + points
        names[ballot.participant_id] = ballot.participant.name
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [
        LeaderRow(label=names[pk] if show.leaderboard_names else handle(show, pk), points=points)
        for pk, points in ranked
    ]


@dataclass
class RoundResult:
    round: Round
    judgement: Judgement | None
    scores: list[TeamScore]
    poll: PollResult | None
    offset: timedelta | None  # from the session's start: where the round is in the recording (None: before it)

    @property
    def offset_text(self) -> str:
        if self.offset is None:
            return ""
        seconds = max(0, int(self.offset.total_seconds()))
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def results(show: Show) -> list[RoundResult]:
    """Round by round: the verdict, the score after it, the poll's results with grades, the recording moment."""
    teams = list(show.teams.all())
    running = {t.pk: 0 for t in teams}
    live = {
        j.round_id: j
        for j in Judgement.objects.filter(round__show=show, undone_at__isnull=True).select_related("team", "judged_by")
    }
    start: datetime = show.session.starts_at
    out: list[RoundResult] = []
    for r in rounds(show):
        judgement = live.get(r.pk)
        if judgement is not None:
            running[judgement.team_id] = running.get(judgement.team_id, 0) + judgement.points
        out.append(
            RoundResult(
                round=r,
                judgement=judgement,
                scores=[TeamScore(team=t, points=running[t.pk]) for t in teams],
                poll=poll_result(r) if r.has_poll else None,
                offset=(r.started_at - start) if r.started_at and r.started_at >= start else None,
            )
        )
    return out
