"""Running a show: the host's actions, each written under the show's lock and pushed to every screen after
commit; and a participant's answer to the round's poll (once, final)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from convener.gameshow.models import Ballot, Judgement, Round, Show, Team
from convener.gameshow.services.common import changed, check_host, check_player, counted, current, lock
from convener.people.models import Participant

DEFAULT_MINUTES = 5
Phase = Round.Phase
PollState = Round.PollState


def _need_round(show: Show) -> Round:
    round_ = current(show)
    if round_ is None:
        raise ValidationError("No round is on: start the first round.", code="no_round")
    return round_


def _live(round_: Round) -> Judgement | None:
    return round_.judgements.filter(undone_at__isnull=True).first()


def _nodes_teams(show: Show) -> list[Team]:
    return list(show.teams.filter(is_helpdesk=False))


@transaction.atomic
def round_start(*, show: Show, by: Participant | None) -> Round:
    """The next round: its question on every screen, the team on turn by rotation (unless the host chose one)."""
    show = lock(show)
    check_host(by, show.session)
    now_round = current(show)
    if now_round is not None and (now_round.phase != Phase.REVEALED or _live(now_round) is None):
        raise ValidationError("Judge and reveal this round before the next one.", code="not_done")
    after = now_round.number if now_round else 0
    nxt = show.rounds.filter(number__gt=after, phase=Phase.WAITING).order_by("number").first()
    if nxt is None:
        raise ValidationError("That was the last round: the show is over. See the results.", code="over")
    teams = _nodes_teams(show)
    if nxt.team_id is None and teams:
        nxt.team = teams[(nxt.number - 1) % len(teams)]
    nxt.phase = Phase.ASKED
    nxt.started_at = timezone.now()
    nxt.save()
    show.current_round = nxt
    show.save(update_fields=["current_round", "updated_at"])
    changed(show)
    return nxt


@transaction.atomic
def round_set_team(*, show: Show, by: Participant | None, team_id: object) -> Round:
    """The host chooses the team on turn, before it goes to its breakout room."""
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if round_.phase != Phase.ASKED:
        raise ValidationError("The team on turn can change only before it goes to its breakout room.", code="phase")
    try:
        tid = int(team_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError("Choose a team of nodes.", code="team") from None
    team = show.teams.filter(pk=tid, is_helpdesk=False).first() if 0 < tid < 2**63 else None
    if team is None:
        raise ValidationError("Choose a team of nodes.", code="team")
    round_.team = team
    round_.save(update_fields=["team"])
    changed(show, poll=False)
    return round_


@transaction.atomic
def breakout_start(*, show: Show, by: Participant | None) -> Round:
    """The team on turn goes to its breakout room: a countdown of the round's minutes on every screen."""
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if round_.phase not in (Phase.ASKED, Phase.BREAKOUT):
        raise ValidationError("The team goes to its room after the question and before judging.", code="phase")
    if round_.team_id is None:
        raise ValidationError("Choose the team on turn first.", code="team")
    round_.phase = Phase.BREAKOUT
    round_.breakout_ends_at = timezone.now() + timedelta(minutes=round_.minutes or DEFAULT_MINUTES)
    round_.room_token = round_.room_token or secrets.token_hex(6)
    round_.save()
    changed(show, poll=False)
    return round_


@transaction.atomic
def breakout_end(*, show: Show, by: Participant | None) -> Round:
    """The team is back and presents its answer."""
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if round_.phase != Phase.BREAKOUT:
        raise ValidationError("No team is in its breakout room.", code="phase")
    round_.phase = Phase.PRESENTING
    round_.save(update_fields=["phase"])
    changed(show, poll=False)
    return round_


@transaction.atomic
def poll_open(*, show: Show, by: Participant | None) -> Round:
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if not round_.has_poll:
        raise ValidationError("This round has no poll.", code="no_poll")
    if round_.poll_state != PollState.READY or round_.phase == Phase.REVEALED:
        raise ValidationError("The poll can be opened once, before the reveal.", code="poll_state")
    round_.poll_state = PollState.OPEN
    round_.save(update_fields=["poll_state"])
    changed(show)
    return round_


@transaction.atomic
def poll_close(*, show: Show, by: Participant | None) -> Round:
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if round_.poll_state != PollState.OPEN:
        raise ValidationError("The poll is not open.", code="poll_state")
    round_.poll_state = PollState.CLOSED
    round_.save(update_fields=["poll_state"])
    changed(show)
    return round_


@transaction.atomic
def judge(*, show: Show, by: Participant | None, verdict: object) -> Judgement:
    """The nodes' point (a correct answer) or the helpdesk's (wrong or missing), with who judged and when."""
    show = lock(show)
    host = check_host(by, show.session)
    round_ = _need_round(show)
    if verdict not in Judgement.Verdict.values:
        raise ValidationError("Judge the answer: the nodes' point or the helpdesk's.", code="verdict")
    if round_.phase == Phase.WAITING or _live(round_) is not None:
        raise ValidationError("This round is already judged: undo the judgement to change it.", code="judged")
    if verdict == Judgement.Verdict.NODES:
        team = round_.team
        if team is None:
            raise ValidationError("No team of nodes is on turn in this round.", code="team")
    else:
        team = show.teams.filter(is_helpdesk=True).first()
        if team is None:
            raise ValidationError("This show has no helpdesk team.", code="team")
    judgement = Judgement(round=round_, verdict=verdict, team=team, judged_by=host, judged_at=timezone.now())
    judgement.full_clean()
    judgement.save()
    if round_.phase != Phase.REVEALED:
        round_.phase = Phase.JUDGED
        round_.save(update_fields=["phase"])
    changed(show, poll=False)
    return judgement


@transaction.atomic
def undo(*, show: Show, by: Participant | None) -> Judgement:
    """Take back the last judgement (it stays in the history, marked undone); the round can be judged again."""
    show = lock(show)
    host = check_host(by, show.session)
    round_ = _need_round(show)
    last = Judgement.objects.filter(round__show=show, undone_at__isnull=True).order_by("-judged_at", "-pk").first()
    if last is None:
        raise ValidationError("There is no judgement to undo.", code="nothing")
    if last.round_id != round_.pk:
        raise ValidationError("Only the judgement of the round that is on can be undone.", code="old_round")
    last.undone_at, last.undone_by = timezone.now(), host
    last.save(update_fields=["undone_at", "undone_by"])
    if round_.phase == Phase.JUDGED:
        round_.phase = Phase.PRESENTING
        round_.save(update_fields=["phase"])
    changed(show, poll=False)
    return last


@transaction.atomic
def reveal(*, show: Show, by: Participant | None) -> Round:
    """The suggested answer with its notes, the poll's results with each option's grade; the poll closes."""
    show = lock(show)
    check_host(by, show.session)
    round_ = _need_round(show)
    if round_.phase != Phase.JUDGED:
        raise ValidationError("Judge the answer before the reveal.", code="phase")
    round_.phase = Phase.REVEALED
    round_.revealed_at = timezone.now()
    if round_.poll_state == PollState.OPEN:
        round_.poll_state = PollState.CLOSED
    round_.save()
    changed(show)
    return round_


@transaction.atomic
def answer(*, show: Show, by: Participant | None, round_id: object, option_ids: object) -> Ballot:
    """A participant's answer to the open poll of the round that is on: one option, or several if it allows."""
    voter = check_player(by, show.session)
    if not isinstance(option_ids, list | tuple) or not option_ids:
        raise ValidationError("Choose an answer first.", code="empty")
    try:
        ids = {int(o) for o in option_ids}
        rid = int(round_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError("That is not one of the poll's options.", code="option") from None
    Participant.objects.select_for_update().filter(pk=voter.pk).first()  # one person's answers one at a time
    show = Show.objects.get(pk=show.pk)
    round_ = Round.objects.filter(pk=show.current_round_id).first()
    if round_ is None or round_.pk != rid:
        raise ValidationError("That round is over: answer the poll of the round that is on.", code="stale")
    if round_.poll_state != PollState.OPEN:
        raise ValidationError("The poll is not open.", code="not_open")
    valid = set(round_.options.filter(pk__in=[i for i in ids if 0 < i < 2**63]).values_list("pk", flat=True))
    if valid != ids:
        raise ValidationError("That is not one of the poll's options.", code="option")
    if not round_.poll_multiple and len(ids) != 1:
        raise ValidationError("Choose exactly one answer.", code="single")
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(round=round_, participant=voter)
    except IntegrityError:
        raise ValidationError("You have already answered this poll.", code="already_answered") from None
    ballot.options.set(sorted(ids))
    counted(show)
    return ballot
