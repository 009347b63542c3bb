"""Range requests, as a player seeking in a video makes them."""

import pytest
from django.urls import reverse

from convener.videos.ranges import Unsatisfiable, parse_range
from tests.videos import clips
from tests.videos.factories import presentation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=-5000", (0, 999)),
        (None, None),
        ("items=0-1", None),
        ("bytes=5-1", None),
        ("bytes=0-1,5-9", None),
        ("bytes=x-y", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_unsatisfiable(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


@pytest.fixture
def uploaded(personas):
    data = clips.webm(30)
    talk = presentation(personas, upload=clips.upload(data))
    url = reverse("videos:presentation_video", kwargs={"slug": "gnm", "pk": talk.pk})
    return data, url


def body(response):
    return b"".join(response.streaming_content)


def test_a_seek_in_the_middle_returns_206_with_the_right_bytes(personas, uploaded):
    data, url = uploaded
    client = personas.client_for(personas.participant)
    middle = len(data) // 2
    response = client.get(url, headers={"Range": f"bytes={middle}-{middle + 99}"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {middle}-{middle + 99}/{len(data)}"
    assert response["Content-Length"] == "100"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == data[middle : middle + 100]


def test_an_open_range_runs_to_the_end_and_no_range_sends_everything(personas, uploaded):
    data, url = uploaded
    client = personas.client_for(personas.participant)
    tail = client.get(url, headers={"Range": "bytes=100-"})
    assert (tail.status_code, body(tail)) == (206, data[100:])
    whole = client.get(url)
    assert (whole.status_code, whole["Content-Type"], body(whole)) == (200, "video/webm", data)
    assert whole["Content-Length"] == str(len(data))


def test_a_range_past_the_end_is_416(personas, uploaded):
    data, url = uploaded
    response = personas.client_for(personas.participant).get(url, headers={"Range": f"bytes={len(data)}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_a_stale_if_range_gets_the_whole_file(personas, uploaded):
    data, url = uploaded
    client = personas.client_for(personas.participant)
    first = client.get(url, headers={"Range": "bytes=0-1"})
    assert body(first) == data[:2]
    etag = first["ETag"]
    fresh = client.get(url, headers={"Range": "bytes=0-1", "If-Range": etag})
    stale = client.get(url, headers={"Range": "bytes=0-1", "If-Range": '"old"'})
    assert (fresh.status_code, stale.status_code) == (206, 200)
    assert body(fresh) == data[:2]
    assert body(stale) == data


def test_ranges_are_never_gzipped(personas, uploaded):
    data, url = uploaded
    client = personas.client_for(personas.participant)
    response = client.get(url, headers={"Range": "bytes=0-499", "Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response
    assert body(response) == data[:500]


def test_a_head_request_says_the_length_without_the_body(personas, uploaded):
    data, url = uploaded
    response = personas.client_for(personas.participant).head(url, headers={"Range": "bytes=0-9"})
    assert (response.status_code, response["Content-Length"], response.content) == (206, "10", b"")


def test_a_stranger_cannot_fetch_the_file_before_the_library_opens(personas, uploaded):
    _, url = uploaded
    assert personas.client_for(personas.stranger).get(url).status_code == 404
    assert personas.client_for(None).get(url, headers={"Range": "bytes=0-9"}).status_code == 404


def test_under_asgi_the_file_streams_through_an_async_iterator(personas, uploaded):
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    data, url = uploaded
    client = AsyncClient()
    client.force_login(personas.participant.user)

    async def seek() -> tuple[int, bool, bytes]:
        response = await client.get(url, headers={"Range": "bytes=10-2009"})
        return response.status_code, response.is_async, b"".join([part async for part in response])

    status, is_async, received = async_to_sync(seek)()
    assert (status, is_async, received) == (206, True, data[10:2010])
