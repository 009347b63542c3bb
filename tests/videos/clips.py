"""Tiny real videos made by the test suite with PyAV (its wheels bundle FFmpeg): no committed binaries."""

from __future__ import annotations

import io

import av
import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile


def webm(seconds: int, *, fps: int = 1, size: int = 16) -> bytes:
    """A VP8 WebM of ``seconds`` seconds: ``fps`` grey frames a second (an 8-minute one is ~14 kB)."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="webm") as out:
        stream = out.add_stream("libvpx", rate=fps)
        stream.width = stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(seconds * fps):
            frame = av.VideoFrame.from_ndarray(np.full((size, size, 3), (index * 7) % 255, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buffer.getvalue()


def mp4(seconds: int) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=1)
        stream.width = stream.height = 16
        stream.pix_fmt = "yuv420p"
        for index in range(seconds):
            frame = av.VideoFrame.from_ndarray(np.full((16, 16, 3), index % 255, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buffer.getvalue()


def upload(data: bytes, name: str = "talk.webm", content_type: str = "video/webm") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello from the node.\n"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
