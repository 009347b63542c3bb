"""What the game show's writes share: who may host or play, locking the show, and the push after commit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from convener.core.live import broadcast_html_on_commit
from convener.gameshow import fragments, selectors
from convener.gameshow.models import Round, Show
from convener.people.models import Participant
from convener.program.models import Session


def check_host(by: Participant | None, session: Session) -> Participant:
    if not selectors.can_host(by, session):
        raise PermissionDenied("Only the meeting's organisers and the session's hosts run the game show.")
    assert by is not None
    return by


def check_player(by: Participant | None, session: Session) -> Participant:
    if by is None or by.meeting_id != session.meeting_id:
        raise PermissionDenied("Register for this meeting to play.")
    if not selectors.can_play(by):
        raise PermissionDenied("Guests watch the game show but do not answer. An organiser can change your role.")
    return by


def lock(show: Show) -> Show:
    """The show's row, locked: host actions on one show happen one after the other."""
    return Show.objects.select_for_update().select_related("session", "session__meeting").get(pk=show.pk)


def current(show: Show) -> Round | None:
    if show.current_round_id is None:
        return None
    return Round.objects.select_for_update().get(pk=show.current_round_id)


def changed(show: Show, *, poll: bool = True) -> None:
    """After commit, push every screen's new state; ``poll`` re-renders the participants' poll too (its state or
    round changed: nobody has answered a poll that has just opened, so nothing personal is lost)."""
    session_id = show.session_id
    broadcast_html_on_commit(lambda: fragments.everything(session_id, poll=poll))


def counted(show: Show) -> None:
    """A new answer: new counts for the host and the big screen (participants see results at the reveal)."""
    session_id = show.session_id
    broadcast_html_on_commit(lambda: fragments.counts(session_id))
