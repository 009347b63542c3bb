"""The websocket of a networking session: pushes each participant's new card when a round changes."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from convener.core.live import group_name
from convener.networking import icebreaker, selectors
from convener.networking.models import NetworkingPlan
from convener.people.selectors import is_member, participant_for
from convener.program.models import Session


class NetworkingConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.plan_id = int(self.scope["url_route"]["kwargs"]["plan_id"])
        allowed = await self._allowed()
        if not allowed:
            await self.close(code=4403)
            return
        self.group = group_name("networking", self.plan_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Clients only listen; anything they send, well-formed or not, is ignored."""

    async def round_changed(self, event: dict[str, Any]) -> None:
        html = await self._card_html()
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = self.scope.get("user")
        plan = NetworkingPlan.objects.select_related("session").filter(pk=self.plan_id).first()
        if plan is None or user is None:
            return False
        return is_member(participant_for(user=user, meeting_id=plan.session.meeting_id))

    @database_sync_to_async
    def _card_html(self) -> str:
        plan = NetworkingPlan.objects.select_related("session", "session__meeting").filter(pk=self.plan_id).first()
        participant = participant_for(user=self.scope["user"], meeting_id=plan.session.meeting_id) if plan else None
        if plan is None or participant is None:
            return ""
        card = selectors.card_for(plan, participant)
        return render_to_string("networking/_card.html", {
            "card": card, "plan": plan, "session": plan.session, "meeting": plan.session.meeting,
            "meeting_zone": plan.session.meeting.zone, "participant": participant,
        })


class IcebreakerConsumer(AsyncWebsocketConsumer):
    """The icebreaker's websocket: when a group forms, every waiting screen re-renders its own card."""

    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        if not await self._allowed():
            await self.close(code=4403)
            return
        self.group = group_name("icebreaker", self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Clients only listen; anything they send, well-formed or not, is ignored."""

    async def icebreaker_changed(self, event: dict[str, Any]) -> None:
        html = await self._card_html()
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = self.scope.get("user")
        session = Session.objects.filter(pk=self.session_id, kind=Session.Kind.ICEBREAKER).first()
        if session is None or user is None:
            return False
        return is_member(participant_for(user=user, meeting_id=session.meeting_id))

    @database_sync_to_async
    def _card_html(self) -> str:
        session = Session.objects.select_related("meeting").filter(pk=self.session_id).first()
        participant = participant_for(user=self.scope["user"], meeting_id=session.meeting_id) if session else None
        if session is None or participant is None:
            return ""
        return render_to_string("networking/_icebreaker_card.html", {
            "card": icebreaker.card_for(session, participant), "session": session, "meeting": session.meeting,
            "meeting_zone": session.meeting.zone, "participant": participant,
        })
