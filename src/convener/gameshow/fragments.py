"""The HTML pushed to a game show's screens: rendered once per audience, never once per person.

Groups per session: ``gameshow-<session>-host`` (the host console: counts, buttons), ``-all`` (the
participants' phones: question, countdown, score; the poll part only when the poll's state or the round
changes, so nobody's own answer is overwritten), ``-screen`` (the big screen) and ``-team-<team>`` (the team on
turn: its breakout room's link, which nobody else gets). Per-person bits (my answer, my team's room) come from
that person's page and from the state their socket is sent when it (re)connects.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from convener.core.live import group_name
from convener.gameshow import selectors
from convener.gameshow.models import Round, Show, Team
from convener.networking.services import meeting_video_link
from convener.people.models import Participant
from convener.program.models import Session


def groups(session_id: int) -> dict[str, str]:
    base = group_name("gameshow", session_id)
    return {"host": f"{base}-host", "all": f"{base}-all", "screen": f"{base}-screen"}


def team_group(session_id: int, team_id: int) -> str:
    return f"{group_name('gameshow', session_id)}-team-{team_id}"


def room_link(show: Show, round_: Round) -> str:
    return meeting_video_link(show.session, f"gameshow-{round_.number}-{round_.room_token}")


def context(show: Show, *, participant: Participant | None = None, host: bool = False) -> dict[str, object]:
    """What every game show template reads: the round that is on, its poll, the score, the verdict."""
    round_ = Round.objects.select_related("team").prefetch_related("options").filter(pk=show.current_round_id).first()
    all_rounds = list(show.rounds.values_list("number", flat=True))
    team = selectors.team_of(show, participant)
    mine = selectors.my_choices(round_, participant) if round_ is not None else set()
    in_room = round_ is not None and round_.phase == Round.Phase.BREAKOUT and round_.team_id is not None
    return {
        "show": show,
        "session": show.session,
        "meeting": show.session.meeting,
        "round": round_,
        "rounds_total": len(all_rounds),
        "is_last": round_ is not None and round_.number == max(all_rounds, default=0),
        "result": selectors.poll_result(round_) if round_ is not None and round_.has_poll else None,
        "judgement": selectors.live_judgement(round_) if round_ is not None else None,
        "scores": selectors.scoreboard(show),
        "teams": list(show.teams.all()),
        "leaders": selectors.leaderboard(show) if show.leaderboard else [],
        "mine": mine,
        "mine_options": [o for o in round_.options.all() if o.pk in mine] if round_ is not None else [],
        "my_team": team,
        "room": room_link(show, round_) if in_room and (host or (team and team.pk == round_.team_id)) else "",
        "is_host": host,
        "revealed": round_ is not None and round_.phase == Round.Phase.REVEALED,
    }


def _show(session_id: int) -> Show | None:
    return Show.objects.select_related("session", "session__meeting").filter(session_id=session_id).first()


def render_for(show: Show, audience: str, *, participant: Participant | None = None, oob: bool = True) -> str:
    """One audience's live part, whole: ``host``, ``screen``, or ``all`` (stage, poll and own room)."""
    ctx = {**context(show, participant=participant, host=audience == "host"), "oob": oob}
    if audience == "host":
        return render_to_string("gameshow/_host_live.html", ctx)
    if audience == "screen":
        return render_to_string("gameshow/_screen_live.html", ctx)
    return "".join(
        render_to_string(name, ctx)
        for name in ("gameshow/_stage.html", "gameshow/_play_poll.html", "gameshow/_room.html")
    )


def everything(session_id: int, *, poll: bool = True) -> dict[str, str]:
    """Every audience's new state after a host's action."""
    show = _show(session_id)
    names = groups(session_id)
    if show is None:
        return {}
    ctx = {**context(show), "oob": True}
    out = {
        names["host"]: render_to_string("gameshow/_host_live.html", {**ctx, "is_host": True}),
        names["screen"]: render_to_string("gameshow/_screen_live.html", ctx),
        names["all"]: render_to_string("gameshow/_stage.html", ctx)
        + (render_to_string("gameshow/_play_poll.html", ctx) if poll else ""),
    }
    round_ = ctx["round"]
    for team in ctx["teams"]:  # type: ignore[attr-defined]
        assert isinstance(team, Team)
        on_turn = isinstance(round_, Round) and round_.team_id == team.pk and round_.phase == Round.Phase.BREAKOUT
        room = room_link(show, round_) if on_turn and isinstance(round_, Round) else ""
        out[team_group(session_id, team.pk)] = render_to_string("gameshow/_room.html", {**ctx, "room": room})
    return out


def counts(session_id: int) -> dict[str, str]:
    """New poll counts: the host console and the big screen."""
    show = _show(session_id)
    if show is None:
        return {}
    names = groups(session_id)
    ctx = {**context(show), "oob": True}
    return {
        names["host"]: render_to_string("gameshow/_host_live.html", {**ctx, "is_host": True}),
        names["screen"]: render_to_string("gameshow/_screen_live.html", ctx),
    }


def session_of(session_id: int) -> Session | None:
    return Session.objects.select_related("meeting").filter(pk=session_id).first()
