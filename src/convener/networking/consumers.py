"""The websockets of a networking session and an icebreaker: each participant's card, pushed when it changes.

A socket gets the current card as soon as it (re)connects, read from the database: a page opened before the
rounds were planned, or one whose socket dropped, misses nothing.
"""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from convener.core.live import group_name
from convener.core.middleware import TZ_COOKIE
from convener.core.timezones import from_cookie
from convener.networking import icebreaker, selectors
from convener.networking.models import NetworkingPlan
from convener.people.selectors import is_member, participant_for
from convener.program.models import Session

MAX_FRAME = 4096
NETWORKING_KINDS = (Session.Kind.NETWORKING, Session.Kind.ICEBREAKER)


class _PersonalCardConsumer(AsyncWebsocketConsumer):
    """When their live group changes, each socket gets its own card re-rendered from the database, and on every
    (re)connect the current one. Subclasses name the group and say who may listen and what the card is."""

    kind = ""

    async def connect(self) -> None:
        self.target_id = int(next(iter(self.scope["url_route"]["kwargs"].values())))
        if not await self._allowed():
            await self.close(code=4403)
            return
        self.group = group_name(self.kind, self.target_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.push_card()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Clients only listen; anything they send, well-formed or not, is ignored."""

    async def push_card(self) -> None:
        html = await self._card_html()
        if html:
            await self.send(text_data=html)

    async def _allowed(self) -> bool:
        raise NotImplementedError

    async def _card_html(self) -> str:
        raise NotImplementedError

    def _zone(self) -> ZoneInfo | None:
        """The viewer's zone, from the cookie the page was loaded with (None: the meeting's)."""
        return from_cookie(self.scope.get("cookies", {}).get(TZ_COOKIE, ""))


def _is_heartbeat(text: str | None) -> bool:
    """``{"action": "heartbeat", ...}`` (htmx's ws-send adds the request headers); anything else is ignored."""
    if text is None or len(text) > MAX_FRAME:
        return False
    try:
        message = json.loads(text)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("action") == "heartbeat"


class NetworkingConsumer(_PersonalCardConsumer):
    """A networking session's socket (``session_id``): each participant's new card when the plan or round changes.

    Keyed by the session, not the plan, so a page opened before the organisers set up the rounds is connected too.
    """

    kind = "networking"

    async def round_changed(self, event: dict[str, Any]) -> None:
        await self.push_card()

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = self.scope.get("user")
        session = Session.objects.filter(pk=self.target_id, kind__in=NETWORKING_KINDS).first()
        if session is None or user is None:
            return False
        return is_member(participant_for(user=user, meeting_id=session.meeting_id))

    @database_sync_to_async
    def _card_html(self) -> str:
        session = Session.objects.select_related("meeting").filter(pk=self.target_id).first()
        participant = participant_for(user=self.scope["user"], meeting_id=session.meeting_id) if session else None
        if session is None or participant is None:
            return ""
        plan = NetworkingPlan.objects.filter(session=session).first()
        if plan is not None:
            plan.session = session
        return render_to_string(
            "networking/_card.html",
            {
                "card": selectors.card_for(plan, participant) if plan else None,
                "plan": plan,
                "session": session,
                "meeting": session.meeting,
                "meeting_zone": session.meeting.zone,
                "zone": self._zone() or session.meeting.zone,
                "participant": participant,
            },
        )


class IcebreakerConsumer(_PersonalCardConsumer):
    """The icebreaker's socket (``session_id``): when a group forms, every waiting screen re-renders its card.

    A waiting screen sends ``{"action": "heartbeat"}`` every ``HEARTBEAT_SECONDS``: each runs the waiting rule
    (``icebreaker.match_waiting``), so two people left waiting get their pair without pressing anything.
    """

    kind = "icebreaker"

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if _is_heartbeat(text_data):
            await self._heartbeat()

    @database_sync_to_async
    def _heartbeat(self) -> None:
        session = Session.objects.filter(pk=self.target_id).first()
        if session is not None:
            icebreaker.match_waiting(session=session)

    async def icebreaker_changed(self, event: dict[str, Any]) -> None:
        await self.push_card()

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = self.scope.get("user")
        session = Session.objects.filter(pk=self.target_id, kind=Session.Kind.ICEBREAKER).first()
        if session is None or user is None:
            return False
        return is_member(participant_for(user=user, meeting_id=session.meeting_id))

    @database_sync_to_async
    def _card_html(self) -> str:
        session = Session.objects.select_related("meeting").filter(pk=self.target_id).first()
        participant = participant_for(user=self.scope["user"], meeting_id=session.meeting_id) if session else None
        if session is None or participant is None:
            return ""
        return render_to_string(
            "networking/_icebreaker_card.html",
            {
                "card": icebreaker.card_for(session, participant),
                "session": session,
                "meeting": session.meeting,
                "meeting_zone": session.meeting.zone,
                "zone": self._zone() or session.meeting.zone,
                "participant": participant,
            },
        )
