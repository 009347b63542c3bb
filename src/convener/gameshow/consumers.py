"""The game show's websocket: joins the socket to its audience's group and forwards what services push.

``?view=host`` (a host only) joins ``gameshow-<session>-host``, ``?view=screen`` the big screen's group, anyone
else of the meeting the participants' group, and a team member also their team's group (the breakout room's
link). On (re)connecting, the socket is sent its audience's whole state from the database, so a reload, a lost
message or a restarted worker loses nothing. Clients say nothing but ``{"action": "ping"}``; junk gets a notice.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.html import format_html

from convener.core import live
from convener.gameshow import fragments, selectors, services
from convener.people.selectors import participant_for

MAX_FRAME = 4096


def notice(text: str) -> str:
    return format_html('<p id="gs-socket" hx-swap-oob="true" class="socket-notice" role="status">{}</p>', text)


class GameShowConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        view = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("view", [""])[0]
        found = await self._audience(view)
        if found is None:
            await self.close(code=4403)
            return
        audience, self.groups_joined, state = found
        await self.accept()
        for group in self.groups_joined:
            await live.join(self, group)
        if state:
            await self.send(text_data=state)

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await live.leave(self, group)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None:
            await self.send(text_data=notice("This socket takes text frames only."))
            return
        if len(text_data) > MAX_FRAME:
            await self.send(text_data=notice(f"Message too large: at most {MAX_FRAME} characters."))
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.send(text_data=notice('Malformed message: send JSON such as {"action": "ping"}.'))
            return
        if isinstance(message, dict) and message.get("action") == "ping":
            await self.send(text_data=notice("Connected."))
        else:
            await self.send(text_data=notice("Unknown action. Answers and host actions go through the page."))

    async def live_html(self, event: dict[str, Any]) -> None:
        html = event.get("html")
        if isinstance(html, str) and html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _audience(self, view: str) -> tuple[str, list[str], str] | None:
        """(audience, groups to join, the current state to send) for this socket's user, or None to refuse."""
        user = self.scope.get("user")
        if not 0 < self.session_id < 2**63 or user is None:
            return None
        session = fragments.session_of(self.session_id)
        if session is None or session.kind != session.Kind.GAME_SHOW:
            return None
        participant = participant_for(user=user, meeting_id=session.meeting_id)
        if participant is None:
            return None
        names = fragments.groups(self.session_id)
        show = selectors.show_for(session)
        if view == "host" and selectors.can_host(participant, session):
            audience = "host"
        elif view == "screen":
            audience = "screen"
        else:
            audience = "all"
        if show is not None and audience == "all":
            services.presence_mark(show=show, participant=participant)
        joined = [names[audience]]
        team = selectors.team_of(show, participant) if show is not None and audience == "all" else None
        if team is not None:
            joined.append(fragments.team_group(self.session_id, team.pk))
        state = fragments.render_for(show, audience, participant=participant) if show is not None else ""
        return audience, joined, state
