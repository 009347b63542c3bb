"""Live events: written first, broadcast after the transaction commits (Zulip's rule).

A client that misses an event, or reconnects, re-renders from the database,
so nothing lives only in a message.
"""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def broadcast_on_commit(group: str, event: dict[str, object]) -> None:
    """Send ``event`` to a Channels group once the current transaction has committed."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, event)

    transaction.on_commit(send)
