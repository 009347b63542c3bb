"""The demo meeting's game show: the ten-round question set imported into the game-show session, ready to run,
with the helpdesk's staff member in the helpdesk team. Through the services, as a host would do it."""

from __future__ import annotations

from pathlib import Path

from convener.gameshow import services
from convener.program.models import Meeting, Session, SessionRole

QUESTIONS = Path(services.__file__).resolve().parents[1] / "fixtures" / "nodes-vs-helpdesk.yaml"


def build_demo_gameshow(*, meeting: Meeting) -> None:
    session = Session.objects.filter(meeting=meeting, kind=Session.Kind.GAME_SHOW).first()
    if session is None:
        return
    role = SessionRole.objects.filter(session=session).select_related("participant").first()
    if role is None:
        return
    host = role.participant
    show = services.show_import(session=session, by=host, text=QUESTIONS.read_text(encoding="utf-8"))
    helpdesk_team = show.teams.get(is_helpdesk=True)
    staff = meeting.participants.filter(node=host.node).exclude(pk=host.pk)
    helpdesk = next((p for p in staff if p.name in session.format), None)
    if helpdesk is not None:
        services.member_set(show=show, by=host, participant_id=helpdesk.pk, team_id=helpdesk_team.pk)
