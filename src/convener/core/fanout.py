"""Per-process fan-out of live HTML: one subscription per worker, written straight to that worker's sockets.

Channels' group send hands every message to every consumer through its own queue and task; with thousands of
people on one session that costs far more than the write itself (see ``bench/live_fanout.py``). Here a worker
keeps, per live group, the ASGI ``send`` of each socket joined to it, and a message for the group is written to
each of them in one loop, the same bytes for all.

- One process (no ``CONVENER_REDIS_URL``): ``publish`` hands the text to the event loop of each socket's worker
  thread (``call_soon_threadsafe``).
- Several workers: ``publish`` is one Redis ``PUBLISH`` per group; every worker that has sockets in some group
  holds one pattern subscription (``convener:live:*``) and writes what arrives to its own sockets.

Messages carry nothing that is not also in the database: a client that misses one (a worker restarts, Redis
blinks) re-reads the state when it reconnects.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

logger = logging.getLogger(__name__)

Send = Callable[[dict[str, Any]], Awaitable[None]]
CHANNEL_PREFIX = "convener:live:"


class _LoopHub:
    """The sockets of one event loop (one worker), by group."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.groups: dict[str, dict[Send, None]] = {}  # insertion-ordered sets
        self.subscriber: asyncio.Task[None] | None = None
        self.subscribed = asyncio.Event()

    async def deliver(self, group: str, text: str) -> None:
        members = self.groups.get(group)
        if not members:
            return
        message = {"type": "websocket.send", "text": text}
        for send in list(members):
            if _would_block(send):
                # A slow reader: its own task, so it holds up nobody else (its messages stay in order).
                asyncio.ensure_future(_send_or_drop(self, group, send, message))
                continue
            try:
                await send(message)
            except Exception:  # noqa: BLE001 - a socket that went away is dropped, the others go on
                self.drop(group, send)

    def drop(self, group: str, send: Send) -> None:
        members = self.groups.get(group)
        if members is not None:
            members.pop(send, None)
            if not members:
                del self.groups[group]


async def _send_or_drop(hub: _LoopHub, group: str, send: Send, message: dict[str, Any]) -> None:
    try:
        await send(message)
    except Exception:  # noqa: BLE001
        hub.drop(group, send)


def _would_block(send: Send) -> bool:
    """True unless the server's protocol says it can write now (uvicorn exposes a ``writable`` event)."""
    writable = getattr(getattr(send, "__self__", None), "writable", None)
    return not (isinstance(writable, asyncio.Event) and writable.is_set())


class Fanout:
    """Groups of sockets in this process, and the way messages reach them (in-process, or Redis pub/sub)."""

    def __init__(self, redis_url: str = ""):
        self.redis_url = redis_url
        self._hubs: dict[asyncio.AbstractEventLoop, _LoopHub] = {}
        self._lock = threading.Lock()
        self._publisher: Any = None

    # --- sockets (called in the socket's event loop) ------------------------------------------------------------

    async def join(self, group: str, send: Send) -> None:
        """Add a socket's ASGI ``send`` to ``group``; with Redis, returns once this worker is subscribed."""
        hub = self._hub(asyncio.get_running_loop())
        hub.groups.setdefault(group, {})[send] = None
        if self.redis_url:
            if hub.subscriber is None or hub.subscriber.done():
                hub.subscribed.clear()
                hub.subscriber = asyncio.ensure_future(self._subscribe(hub))
            try:
                await asyncio.wait_for(hub.subscribed.wait(), timeout=10)
            except TimeoutError:  # Redis is away: the socket stays; it hears messages once the subscription is back
                logger.warning("live fan-out: no Redis subscription yet for %s", group)

    async def leave(self, group: str, send: Send) -> None:
        hub = self._hubs.get(asyncio.get_running_loop())
        if hub is not None:
            hub.drop(group, send)

    def local_count(self, group: str) -> int:
        return sum(len(hub.groups.get(group, ())) for hub in list(self._hubs.values()))

    # --- messages (called from any thread, usually a request's after-commit hook) ---------------------------------

    def publish(self, fragments: dict[str, str]) -> None:
        """Send each group its text: to every worker's sockets in that group."""
        fragments = {group: text for group, text in fragments.items() if text}
        if not fragments:
            return
        if self.redis_url:
            client = self._redis()
            with client.pipeline(transaction=False) as pipe:
                for group, text in fragments.items():
                    pipe.publish(CHANNEL_PREFIX + group, text)
                pipe.execute()
            return
        for hub in list(self._hubs.values()):
            for group, text in fragments.items():
                if group in hub.groups:
                    self._schedule(hub, group, text)

    def _schedule(self, hub: _LoopHub, group: str, text: str) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is hub.loop:
            asyncio.ensure_future(hub.deliver(group, text))
            return
        try:
            hub.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(hub.deliver(group, text)))
        except RuntimeError:  # that loop has closed (a test's, or a worker shutting down)
            with self._lock:
                self._hubs.pop(hub.loop, None)

    # --- internals ------------------------------------------------------------------------------------------------

    def _hub(self, loop: asyncio.AbstractEventLoop) -> _LoopHub:
        with self._lock:
            for old in [other for other in self._hubs if other.is_closed()]:
                del self._hubs[old]
            hub = self._hubs.get(loop)
            if hub is None:
                hub = self._hubs[loop] = _LoopHub(loop)
            return hub

    def _redis(self) -> Any:
        with self._lock:
            if self._publisher is None:
                import redis

                self._publisher = redis.Redis.from_url(self.redis_url)
            return self._publisher

    async def _subscribe(self, hub: _LoopHub) -> None:
        """One pattern subscription per worker; reconnects with a pause when Redis goes away."""
        import redis.asyncio as aioredis

        pause = 0.5
        while True:
            client = aioredis.Redis.from_url(self.redis_url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                    await pubsub.get_message(timeout=5)  # the subscription's confirmation
                    hub.subscribed.set()
                    pause = 0.5
                    while True:
                        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=30)
                        if message is None or message.get("type") != "pmessage":
                            continue
                        group = message["channel"].decode()[len(CHANNEL_PREFIX) :]
                        text = message["data"].decode()
                        if group in hub.groups:
                            await hub.deliver(group, text)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - Redis went away: try again shortly; clients re-sync on reconnect
                logger.warning("live fan-out: Redis subscription lost; retrying in %.1f s", pause, exc_info=True)
                hub.subscribed.clear()
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)
            finally:
                await client.aclose()


_fanout: Fanout | None = None
_fanout_lock = threading.Lock()


def fanout() -> Fanout:
    """The process's fan-out, configured from settings (``CONVENER_REDIS_URL``)."""
    global _fanout
    with _fanout_lock:
        if _fanout is None:
            from django.conf import settings

            _fanout = Fanout(getattr(settings, "REDIS_URL", "") or "")
        return _fanout
