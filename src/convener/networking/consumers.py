"""The websocket of a networking session: pushes each participant's new card when a round changes."""

from __future__ import annotations

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


class _PersonalCardConsumer(AsyncWebsocketConsumer):
    """Clients only listen: when their live group changes, each socket gets its own card re-rendered from the
    database. Subclasses name the group and say who may listen and what the card is."""

    kind = ""

    async def connect(self) -> None:
        self.target_id = int(next(iter(self.scope["url_route"]["kwargs"].values())))
        if not await self._allowed():
            await self.close(code=4403)
            return
        self.group = group_name(self.kind, self.target_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

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


class NetworkingConsumer(_PersonalCardConsumer):
    """A networking session's socket (``plan_id``): each participant's new card when a round changes."""

    kind = "networking"

    async def round_changed(self, event: dict[str, Any]) -> None:
        await self.push_card()

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = self.scope.get("user")
        plan = NetworkingPlan.objects.select_related("session").filter(pk=self.target_id).first()
        if plan is None or user is None:
            return False
        return is_member(participant_for(user=user, meeting_id=plan.session.meeting_id))

    @database_sync_to_async
    def _card_html(self) -> str:
        plan = NetworkingPlan.objects.select_related("session", "session__meeting").filter(pk=self.target_id).first()
        participant = participant_for(user=self.scope["user"], meeting_id=plan.session.meeting_id) if plan else None
        if plan is None or participant is None:
            return ""
        card = selectors.card_for(plan, participant)
        return render_to_string(
            "networking/_card.html",
            {
                "card": card,
                "plan": plan,
                "session": plan.session,
                "meeting": plan.session.meeting,
                "meeting_zone": plan.session.meeting.zone,
                "zone": self._zone() or plan.session.meeting.zone,
                "participant": participant,
            },
        )


class IcebreakerConsumer(_PersonalCardConsumer):
    """The icebreaker's socket (``session_id``): when a group forms, every waiting screen re-renders its card."""

    kind = "icebreaker"

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
