"""The game show of a session: read by the meeting's participants, run by its hosts.

Reads: the show (teams and points, the round that is on), its rounds, the score history. A round's suggested
answer, notes, option grades and counts are for hosts, and for everyone once the round is revealed (as on the
phones). Writes: the host's actions (the same services as the console, pushed to every screen after commit)
and a participant's answer to the open poll.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from convener.api.auth import AUTH
from convener.api.permissions import meeting_for_reader
from convener.api.schemas import READ_ERRORS, WRITE_ERRORS, Id, InputSchema, UtcOut
from convener.gameshow import selectors, services
from convener.gameshow.models import Judgement, Round, Show
from convener.people.models import Participant
from convener.program.models import Session

router = Router(auth=AUTH, tags=["game show"])
Action = Literal["start", "breakout", "back", "open", "close", "nodes", "helpdesk", "undo", "reveal", "team"]


class TeamOut(Schema):
    id: int
    name: str
    is_helpdesk: bool
    points: int


class OptionOut(Schema):
    id: int
    text: str
    grade: str | None = None
    count: int | None = None


class PollOut(Schema):
    question: str
    multiple: bool
    state: str
    voters: int | None = None
    options: list[OptionOut]


class JudgementOut(Schema):
    round: int
    verdict: str
    team: str
    points: int
    judged_by: str | None
    judged_at: UtcOut
    undone_at: UtcOut | None = None
    undone_by: str | None = None


class RoundOut(Schema):
    id: int
    number: int
    phase: str
    main: str
    minutes: int | None
    team: str | None
    started_at: UtcOut | None
    breakout_ends_at: UtcOut | None
    answer: str | None = None
    notes: str | None = None
    poll: PollOut | None
    judgement: JudgementOut | None


class ShowOut(Schema):
    id: int
    title: str
    rounds_total: int
    leaderboard: bool
    teams: list[TeamOut]
    current_round: RoundOut | None


class ScoresOut(Schema):
    teams: list[TeamOut]
    judgements: list[JudgementOut]


class ActionIn(InputSchema):
    action: Action
    round_id: Id | None = None
    team_id: Id | None = None


class AnswerIn(InputSchema):
    round_id: Id
    option_ids: list[Id]


class AnswerOut(Schema):
    round_id: int
    option_ids: list[int]
    created_at: datetime


def _show(request: HttpRequest, slug: str, session_id: int) -> tuple[Show, Participant, bool]:
    meeting, participant = meeting_for_reader(request, slug)
    session = Session.objects.filter(meeting=meeting, pk=session_id, kind=Session.Kind.GAME_SHOW).first()
    if session is None:
        raise HttpError(404, f"No game-show session {session_id} in this meeting.")
    show = selectors.show_for(session)
    if show is None:
        raise HttpError(404, "This session has no game show yet.")
    return show, participant, selectors.can_host(participant, session)


def _judgement(j: Judgement) -> JudgementOut:
    return JudgementOut(
        round=j.round.number,
        verdict=j.verdict,
        team=j.team.name,
        points=j.points,
        judged_by=j.judged_by.name if j.judged_by else None,
        judged_at=j.judged_at,
        undone_at=j.undone_at,
        undone_by=j.undone_by.name if j.undone_by else None,
    )


def _round(r: Round, *, host: bool) -> RoundOut:
    open_book = host or r.phase == Round.Phase.REVEALED
    poll = None
    if r.has_poll:
        result = selectors.poll_result(r) if open_book else None
        counts = {o.option.pk: o.count for o in result.options} if result else {}
        poll = PollOut(
            question=r.poll_question,
            multiple=r.poll_multiple,
            state=r.poll_state,
            voters=result.voters if result else None,
            options=[
                OptionOut(
                    id=o.pk,
                    text=o.text,
                    grade=o.grade if open_book else None,
                    count=counts.get(o.pk) if open_book else None,
                )
                for o in r.options.all()
            ],
        )
    judgement = selectors.live_judgement(r)
    return RoundOut(
        id=r.pk,
        number=r.number,
        phase=r.phase,
        main=r.main,
        minutes=r.minutes,
        team=r.team.name if r.team else None,
        started_at=r.started_at,
        breakout_ends_at=r.breakout_ends_at,
        answer=r.answer if open_book else None,
        notes=r.notes if open_book else None,
        poll=poll,
        judgement=_judgement(judgement) if judgement else None,
    )


def _show_out(show: Show, *, host: bool) -> ShowOut:
    show = Show.objects.select_related("session", "session__meeting").get(pk=show.pk)
    current = Round.objects.select_related("team").filter(pk=show.current_round_id).first()
    return ShowOut(
        id=show.pk,
        title=show.title,
        rounds_total=show.rounds.count(),
        leaderboard=show.leaderboard,
        teams=[
            TeamOut(id=s.team.pk, name=s.team.name, is_helpdesk=s.team.is_helpdesk, points=s.points)
            for s in selectors.scoreboard(show)
        ],
        current_round=_round(current, host=host) if current else None,
    )


@router.get("/{slug}/sessions/{session_id}/gameshow", response={200: ShowOut, **READ_ERRORS})
def show_detail(request: HttpRequest, slug: str, session_id: Id) -> ShowOut:
    show, _, host = _show(request, slug, session_id)
    return _show_out(show, host=host)


@router.get("/{slug}/sessions/{session_id}/gameshow/rounds", response={200: list[RoundOut], **READ_ERRORS})
def round_list(request: HttpRequest, slug: str, session_id: Id) -> list[RoundOut]:
    """Hosts get every round; participants the rounds that have started."""
    show, _, host = _show(request, slug, session_id)
    rounds = show.rounds.select_related("team").prefetch_related("options")
    if not host:
        rounds = rounds.exclude(phase=Round.Phase.WAITING)
    return [_round(r, host=host) for r in rounds]


@router.get("/{slug}/sessions/{session_id}/gameshow/scores", response={200: ScoresOut, **READ_ERRORS})
def scores(request: HttpRequest, slug: str, session_id: Id) -> ScoresOut:
    """The points of each team, and every judgement with who judged and when (undone ones too)."""
    show, _, _ = _show(request, slug, session_id)
    judgements = Judgement.objects.filter(round__show=show).select_related("round", "team", "judged_by", "undone_by")
    return ScoresOut(
        teams=[
            TeamOut(id=s.team.pk, name=s.team.name, is_helpdesk=s.team.is_helpdesk, points=s.points)
            for s in selectors.scoreboard(show)
        ],
        judgements=[_judgement(j) for j in judgements],
    )


ACTIONS = {
    "start": services.round_start,
    "breakout": services.breakout_start,
    "back": services.breakout_end,
    "open": services.poll_open,
    "close": services.poll_close,
    "reveal": services.reveal,
    "undo": services.undo,
}


@router.post(
    "/{slug}/sessions/{session_id}/gameshow/actions",
    response={200: ShowOut, **WRITE_ERRORS},
    summary="Run the show (hosts): start, breakout, back, open, close, nodes, helpdesk, undo, reveal, team",
)
def act(request: HttpRequest, slug: str, session_id: Id, payload: ActionIn) -> ShowOut:
    """``round_id``, when given, must be the round that is on (a client that is behind is refused with 409)."""
    show, participant, host = _show(request, slug, session_id)
    if not host:
        raise HttpError(403, "Only the meeting's organisers and the session's hosts run the game show.")
    if payload.round_id is not None and payload.round_id != show.current_round_id:
        raise HttpError(409, "The show has moved on: round_id is not the round that is on.")
    try:
        if payload.action in ACTIONS:
            ACTIONS[payload.action](show=show, by=participant)
        elif payload.action == "team":
            services.round_set_team(show=show, by=participant, team_id=payload.team_id)
        else:
            services.judge(show=show, by=participant, verdict=payload.action)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    return _show_out(show, host=True)


@router.post(
    "/{slug}/sessions/{session_id}/gameshow/answers",
    response={201: AnswerOut, **WRITE_ERRORS},
    summary="Answer the open poll (members, once)",
)
def answer(request: HttpRequest, slug: str, session_id: Id, payload: AnswerIn) -> Status[AnswerOut]:
    show, participant, _ = _show(request, slug, session_id)
    try:
        ballot = services.answer(show=show, by=participant, round_id=payload.round_id, option_ids=payload.option_ids)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    ids = sorted(ballot.options.values_list("pk", flat=True))
    return Status(201, AnswerOut(round_id=ballot.round_id, option_ids=ids, created_at=ballot.created_at))
