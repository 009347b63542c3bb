"""Serving stored files with HTTP range requests (RFC 9110 §14), so a player can seek.

One byte range per request is served as 206 Partial Content; a range past the
end is 416 with ``Content-Range: bytes */size``; several ranges, or a header
that does not parse, are ignored and the whole file is sent (the RFC allows a
server to ignore Range). ``If-Range`` with a stale validator sends the whole
file. Files stream in chunks from any Django storage: an async iterator under
ASGI, a plain one under WSGI, so a long video never sits in memory.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import IO

from asgiref.sync import sync_to_async
from django.core.files.storage import Storage
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

CHUNK = 256 * 1024
_SPEC = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")


class Unsatisfiable(Exception):
    """The Range names no byte of the file."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive (first, last) byte a Range header asks for; None means: send everything."""
    if not header:
        return None
    unit, _, specs = header.partition("=")
    if unit.strip().lower() != "bytes" or not specs or "," in specs:
        return None
    match = _SPEC.match(specs)
    if not match or (not match.group(1) and not match.group(2)):
        return None
    first_text, last_text = match.groups()
    if not first_text:  # a suffix: the last N bytes
        length = int(last_text)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None  # not a valid range: ignore it
    if first >= size:
        raise Unsatisfiable
    return first, min(last, size - 1)


class _Chunks:
    """The bytes [first, first + length) of an open file, in chunks; closing it closes the file."""

    def __init__(self, handle: IO[bytes], first: int, length: int):
        self.handle, self.left = handle, length
        handle.seek(first)

    def read(self) -> bytes:
        if self.left <= 0:
            return b""
        block = self.handle.read(min(CHUNK, self.left))
        self.left = self.left - len(block) if block else 0
        return block

    def close(self) -> None:
        self.handle.close()

    def __iter__(self) -> Iterator[bytes]:
        while block := self.read():
            yield block


class _AsyncChunks(_Chunks):
    """The same, read in a worker thread, for ASGI servers."""

    __iter__ = None  # type: ignore[assignment]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while block := await sync_to_async(self.read, thread_sensitive=False)():
            yield block


def serve(
    request: HttpRequest,
    *,
    storage: Storage,
    name: str,
    content_type: str,
    etag: str,
    filename: str,
    attachment: bool = False,
) -> HttpResponse:
    """The stored file ``name``, whole (200) or the byte range asked for (206), or 416."""
    size = storage.size(name)
    common = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Cache-Control": "private, max-age=3600",
        "Content-Disposition": f'{"attachment" if attachment else "inline"}; filename="{filename}"',
    }
    wanted: tuple[int, int] | None
    try:
        wanted = parse_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        for key, value in {**common, "Content-Range": f"bytes */{size}"}.items():
            response.headers[key] = value
        return response
    if_range = request.headers.get("If-Range")
    if wanted is not None and if_range is not None and if_range.strip() != etag:
        wanted = None
    first, last = wanted if wanted is not None else (0, size - 1)
    length = max(0, last - first + 1)
    if request.method == "HEAD":
        response: HttpResponse = HttpResponse(status=206 if wanted else 200, content_type=content_type)
    else:
        handle = storage.open(name, "rb")
        chunks = _AsyncChunks if isinstance(request, ASGIRequest) else _Chunks
        body = chunks(handle, first, length)
        response = StreamingHttpResponse(body, status=206 if wanted else 200, content_type=content_type)
    for key, value in common.items():
        response.headers[key] = value
    response.headers["Content-Length"] = str(length)
    if wanted is not None:
        response.headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
