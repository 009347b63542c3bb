"""Live events: written first, broadcast after the transaction commits (Zulip's rule).

A client that misses an event, or reconnects, re-renders from the database,
so nothing lives only in a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

from convener.core.fanout import fanout


def group_name(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def broadcast_on_commit(group: str, event: dict[str, object]) -> None:
    """Send ``event`` to a Channels group once the current transaction has committed."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, event)

    transaction.on_commit(send)


def _fanout_transport() -> bool:
    return getattr(settings, "LIVE_TRANSPORT", "fanout") == "fanout"


def _raw_send(send: Any) -> Any:
    """The server's own ``send`` under Channels' session wrapper (which only adds cookies to HTTP responses)."""
    for _ in range(5):
        inner = getattr(getattr(send, "__self__", None), "real_send", None)
        if inner is None:
            break
        send = inner
    return send


async def join(consumer: Any, group: str) -> None:
    """Put a websocket consumer's socket in a live group (for fragments sent with ``send_html``)."""
    if _fanout_transport():
        await fanout().join(group, _raw_send(consumer.base_send))
    else:
        await consumer.channel_layer.group_add(group, consumer.channel_name)


async def leave(consumer: Any, group: str) -> None:
    if _fanout_transport():
        await fanout().leave(group, _raw_send(consumer.base_send))
    else:
        await consumer.channel_layer.group_discard(group, consumer.channel_name)


def send_html(fragments: dict[str, str]) -> None:
    """Send each group its HTML fragment now: straight to the sockets (``fanout``), or as a ``live.html`` event
    through the channel layer (consumers forward ``event["html"]``)."""
    if _fanout_transport():
        fanout().publish(fragments)
        return
    layer = get_channel_layer()
    if layer is None:
        return
    for group, html in fragments.items():
        if html:
            async_to_sync(layer.group_send)(group, {"type": "live.html", "html": html})


def broadcast_html_on_commit(render: Callable[[], dict[str, str]]) -> None:
    """After commit, call ``render`` once (it reads the committed state and returns {group: html}) and send it.

    One rendering per audience, whatever the number of people listening: consumers only forward the text.
    A failure to send (the channel layer is down) is logged, never undoes or fails the committed write;
    clients catch up from the database when they reconnect.
    """
    transaction.on_commit(lambda: send_html(render()), robust=True)
