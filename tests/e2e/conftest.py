"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Every page a test visits is checked with axe-core (vendored from the npm
registry); serious or critical violations fail the test, and so does any
Content-Security-Policy violation the browser reports.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require_service

CHROMIUM = os.environ.get("CONVENER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    available = bool(shutil.which(CHROMIUM) or Path(CHROMIUM).exists())
    require_service(available, f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make beside it are still synchronous.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class CheckedPage:
    """A Playwright page whose every visited document must pass axe and the CSP."""

    def __init__(self, page: object, base_url: str):
        self.page = page
        self.base_url = base_url
        self.csp_errors: list[str] = []
        self.navigated: list[str] = []
        self.checked: set[str] = set()
        page.on("console", self._on_console)
        page.on("framenavigated", self._on_navigated)

    def _on_console(self, message: object) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def _on_navigated(self, frame: object) -> None:
        if frame == self.page.main_frame and frame.url.startswith(self.base_url):
            self.navigated.append(frame.url)

    def goto(self, path: str) -> object:
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        self.check()
        return response

    def check(self) -> None:
        """Run axe-core on the current document; fail on serious or critical violations."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_SOURCE)  # evaluate is not subject to the page's CSP
        results = self.page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        blocking = [v for v in results if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            summary = [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [n["target"] for n in v["nodes"][:5]],
                }
                for v in blocking
            ]
            pytest.fail(f"axe found violations on {self.page.url}:\n{json.dumps(summary, indent=2)}")
        self.checked.add(self.page.url)

    def finish(self) -> None:
        unchecked = [url for url in self.navigated if url not in self.checked and not url.endswith(".ics")]
        assert not unchecked, f"pages visited without an axe check: {unchecked}"
        assert not self.csp_errors, f"Content-Security-Policy violations: {self.csp_errors}"


def _page_opener(browser: object, base_url: str) -> Iterator[object]:
    contexts = []
    pages: list[CheckedPage] = []

    def make(time_zone: str = "UTC", **context_options: object) -> CheckedPage:
        context = browser.new_context(timezone_id=time_zone, locale="en-GB", accept_downloads=True, **context_options)
        contexts.append(context)
        checked = CheckedPage(context.new_page(), base_url)
        pages.append(checked)
        return checked

    yield make
    try:
        for checked in pages:
            checked.finish()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(time_zone) -> CheckedPage in a fresh browser context set to that zone (Django's WSGI live server:
    pages and forms, no websockets)."""
    yield from _page_opener(browser, live_server.url)


@dataclass
class AsgiLiveServer:
    url: str


@pytest.fixture
def asgi_live_server(transactional_db) -> Iterator[AsgiLiveServer]:
    """convener's ASGI application (HTTP and websockets, in-memory channel layer) served by uvicorn in a thread.

    It shares the test database: under SQLite the tests use a file database (see tests/conftest.py), since an
    in-memory one cannot be shared with the threads that serve requests.
    """
    import uvicorn

    from convener.asgi import application

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(application, lifespan="off", log_level="warning", ws="websockets-sansio")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="asgi-live-server")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the ASGI live server did not start")
        time.sleep(0.02)
    try:
        yield AsgiLiveServer(url=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def open_asgi_page(browser, asgi_live_server):
    """Like open_page, against the ASGI live server: for pages that talk over websockets."""
    yield from _page_opener(browser, asgi_live_server.url)
