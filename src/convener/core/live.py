"""Live events: written first, broadcast after the transaction commits (Zulip's rule).

A client that misses an event, or reconnects, re-renders from the database,
so nothing lives only in a message.
"""

from __future__ import annotations

from collections.abc import Callable

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


def send_html(fragments: dict[str, str]) -> None:
    """Send each group its HTML fragment now, as a ``live.html`` event (consumers forward ``event["html"]``)."""
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
