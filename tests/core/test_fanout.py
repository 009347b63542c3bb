"""The per-process fan-out: every socket of a group gets each message once, in order; a slow one holds up nobody."""

from __future__ import annotations

import asyncio
import os
import secrets
import threading

from convener.core.fanout import Fanout
from tests.conftest import require_service

REDIS_URL = os.environ.get("CONVENER_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


class FakeSocket:
    """An ASGI send that records what it is given; ``writable`` like uvicorn's protocol."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.writable = asyncio.Event()
        self.writable.set()
        self.got = asyncio.Event()

    async def send(self, message: dict[str, object]) -> None:
        await self.writable.wait()
        assert message["type"] == "websocket.send"
        self.received.append(str(message["text"]))
        self.got.set()


async def wait_for(predicate, seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.01)


def test_a_message_published_from_another_thread_reaches_every_socket_of_its_group_in_order():
    hub = Fanout()

    async def scenario() -> None:
        sockets = [FakeSocket() for _ in range(50)]
        others = FakeSocket()
        for s in sockets:
            await hub.join("qa-1-all", s.send)
        await hub.join("qa-2-all", others.send)
        assert hub.local_count("qa-1-all") == 50

        def post() -> None:  # what a request thread does after its commit
            for k in range(3):
                hub.publish({"qa-1-all": f"message {k}", "qa-9-all": "nobody listens"})

        thread = threading.Thread(target=post)
        thread.start()
        await wait_for(lambda: all(len(s.received) == 3 for s in sockets))
        thread.join()
        assert all(s.received == ["message 0", "message 1", "message 2"] for s in sockets)
        assert others.received == []
        await hub.leave("qa-1-all", sockets[0].send)
        hub.publish({"qa-1-all": "after leaving"})
        await wait_for(lambda: sockets[1].received[-1:] == ["after leaving"])
        assert sockets[0].received[-1] == "message 2"

    asyncio.run(scenario())


def test_a_slow_reader_does_not_hold_up_the_others_and_gets_its_messages_in_order():
    hub = Fanout()

    async def scenario() -> None:
        slow, fast = FakeSocket(), FakeSocket()
        slow.writable.clear()  # its buffer is full: sends wait
        await hub.join("g", slow.send)
        await hub.join("g", fast.send)
        hub.publish({"g": "one"})
        hub.publish({"g": "two"})
        await wait_for(lambda: fast.received == ["one", "two"])
        assert slow.received == []
        slow.writable.set()
        await wait_for(lambda: slow.received == ["one", "two"])

    asyncio.run(scenario())


def test_a_socket_that_fails_is_dropped_and_the_others_still_get_the_message():
    hub = Fanout()

    async def scenario() -> None:
        good = FakeSocket()

        async def broken(message: dict[str, object]) -> None:
            raise ConnectionResetError("gone")

        await hub.join("g", broken)
        await hub.join("g", good.send)
        hub.publish({"g": "hello"})
        await wait_for(lambda: good.received == ["hello"])
        await asyncio.sleep(0.05)
        assert hub.local_count("g") == 1

    asyncio.run(scenario())


def test_with_redis_a_message_published_by_one_worker_reaches_the_sockets_of_another():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        available = True
    except Exception:  # noqa: BLE001
        available = False
    require_service(available, f"the Redis fan-out test needs Redis at {REDIS_URL} (CONVENER_TEST_REDIS_URL)")
    group = f"qa-{secrets.token_hex(4)}-all"
    worker_a, worker_b = Fanout(REDIS_URL), Fanout(REDIS_URL)
    ready = threading.Event()
    result: list[list[str]] = []

    async def worker_b_sockets() -> None:
        sockets = [FakeSocket() for _ in range(20)]
        for s in sockets:
            await worker_b.join(group, s.send)  # returns once worker B is subscribed
        ready.set()
        await wait_for(lambda: all(len(s.received) == 2 for s in sockets))
        result.extend(s.received for s in sockets)

    thread = threading.Thread(target=lambda: asyncio.run(worker_b_sockets()))
    thread.start()
    assert ready.wait(10)
    worker_a.publish({group: "first"})
    worker_a.publish({group: "second"})
    thread.join(10)
    assert result and all(received == ["first", "second"] for received in result)
