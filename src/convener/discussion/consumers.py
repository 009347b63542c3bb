"""The websocket of a session's live Q&A: forwards the fragments rendered once per audience.

A moderator's socket on the moderation page (``?view=mod``) joins ``qa-<session>-mod``, the big screen's
(``?view=screen``, whoever opened it) ``qa-<session>-screen``, everyone else's ``qa-<session>-all``. Clients have
nothing to say except ``{"action": "ping"}``; anything else (malformed JSON, wrong types, unknown
actions, binary or oversized frames) gets an error fragment back and changes nothing.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.html import format_html

from convener.core import live
from convener.discussion import fragments, selectors
from convener.people.selectors import participant_for
from convener.program.models import Session

MAX_FRAME = 4096


def notice(text: str) -> str:
    return format_html('<p id="qa-socket" hx-swap-oob="true" class="socket-notice" role="status">{}</p>', text)


class QAConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        audience = await self._audience()
        if audience is None:
            await self.close(code=4403)
            return
        mod_group, all_group = fragments.groups(self.session_id)
        # Moderators get names and buttons only on the moderation page (?view=mod), never on a big screen.
        view = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("view")
        if view == ["screen"]:
            self.group = fragments.screen_group(self.session_id)
        else:
            self.group = mod_group if audience == "mod" and view == ["mod"] else all_group
        await self.accept()
        await live.join(self, self.group)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await live.leave(self, self.group)

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
        action = message.get("action") if isinstance(message, dict) else None
        if action == "ping":
            await self.send(text_data=notice("Connected."))
        else:
            await self.send(text_data=notice("Unknown action. Questions, votes and answers go through the page."))

    async def live_html(self, event: dict[str, Any]) -> None:
        html = event.get("html")
        if isinstance(html, str) and html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _audience(self) -> str | None:
        user = self.scope.get("user")
        if not 0 < self.session_id < 2**63:
            return None
        session = Session.objects.filter(pk=self.session_id).first()
        if session is None or user is None:
            return None
        participant = participant_for(user=user, meeting_id=session.meeting_id)
        if not selectors.can_read(participant):
            return None
        return "mod" if selectors.can_moderate(participant, session) else "all"
