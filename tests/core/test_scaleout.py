"""The scale-out path against the real services: PostgreSQL and Redis on 127.0.0.1.

The default test run uses SQLite and the in-memory channel layer; .ci/run
runs the whole suite again with CONVENER_DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
from django.db import connection

from tests.conftest import require_service

REDIS_URL = os.environ.get("CONVENER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def test_the_database_is_the_configured_one():
    url = os.environ.get("CONVENER_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "pgsql")) else "sqlite"
    assert connection.vendor == expected


def test_a_group_message_crosses_two_workers_through_redis():
    require_service(reachable(REDIS_URL, 6379), f"Redis is not reachable at {REDIS_URL}")
    from channels_redis.pubsub import RedisPubSubChannelLayer

    async def exchange() -> dict:
        # Two layers stand for two ASGI worker processes sharing one Redis.
        receiver_worker = RedisPubSubChannelLayer(hosts=[REDIS_URL], prefix="convener-test")
        sender_worker = RedisPubSubChannelLayer(hosts=[REDIS_URL], prefix="convener-test")
        try:
            channel = await receiver_worker.new_channel()
            await receiver_worker.group_add("session-42", channel)
            await asyncio.sleep(0.1)  # let the subscription reach Redis
            await sender_worker.group_send("session-42", {"type": "question.posted", "id": 7})
            return await asyncio.wait_for(receiver_worker.receive(channel), timeout=5)
        finally:
            await receiver_worker.flush()
            await sender_worker.flush()

    with ThreadPoolExecutor(max_workers=1) as pool:  # a fresh thread owns the event loop
        received = pool.submit(asyncio.run, exchange()).result(timeout=30)
    assert received == {"type": "question.posted", "id": 7}


def test_the_redis_url_selects_the_redis_channel_layer(tmp_path):
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONVENER_")}
    environment.update(CONVENER_DATA_DIR=str(tmp_path), CONVENER_REDIS_URL=REDIS_URL)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CHANNEL_LAYERS['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**environment, "DJANGO_SETTINGS_MODULE": "convener.settings"},
    )
    assert result.stdout.strip() == "channels_redis.pubsub.RedisPubSubChannelLayer"


@pytest.mark.django_db
def test_without_redis_one_process_uses_the_in_memory_layer(settings):
    if os.environ.get("CONVENER_REDIS_URL"):
        pytest.skip("this run is configured with Redis")
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
