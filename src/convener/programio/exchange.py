"""One entry each way, for the command line now and the organiser pages and the API later.

``import_program(meeting=…, text=…, format=…, dry_run=…)`` reads a file in one of
``IMPORT_FORMATS`` and writes it into the meeting (or previews it);
``export_program(meeting=…, format=…)`` writes the program in one of ``EXPORT_FORMATS``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse

from convener.program.ics import build_calendar
from convener.program.models import Meeting, Session
from convener.programio import frab_json, frab_xml, markdown_page, markdown_render, services
from convener.programio.document import ProgramDoc, ProgramInputError
from convener.programio.services import ImportReport

IMPORT_FORMATS = ("markdown", "frab-json", "frab-xml")
EXPORT_FORMATS = ("markdown", "frab-json", "frab-xml", "ics")
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".json": "frab-json", ".xml": "frab-xml"}
DEFAULT_BASE_URL = "http://localhost:8000"


def guess_format(filename: str, text: str) -> str:
    """The format a file is in: by its extension, else by its first character."""
    by_name = EXTENSIONS.get(Path(filename).suffix.lower())
    if by_name:
        return by_name
    start = text.lstrip()[:1]
    return {"{": "frab-json", "[": "frab-json", "<": "frab-xml"}.get(start, "markdown")


def decode(data: bytes) -> str:
    """The file's text (UTF-8, a BOM allowed); a binary file is refused with where it stops being text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProgramInputError(
            f"line {line}", "this is not UTF-8 text: expected a Markdown, JSON or XML file"
        ) from None


def parse(text: str, *, format: str, default_zone: str = "UTC") -> ProgramDoc:
    if format == "markdown":
        return markdown_page.parse(text, default_zone=default_zone)
    if format == "frab-json":
        return frab_json.parse(text, default_zone=default_zone)
    if format == "frab-xml":
        return frab_xml.parse(text, default_zone=default_zone)
    raise ProgramInputError("", f"unknown format {format!r}: expected one of {', '.join(IMPORT_FORMATS)}")


def import_program(*, meeting: Meeting, text: str, format: str, dry_run: bool = False) -> ImportReport:
    doc = parse(text, format=format, default_zone=meeting.time_zone)
    return services.program_import(meeting=meeting, doc=doc, dry_run=dry_run)


def conference(meeting: Meeting, base_url: str) -> frab_json.Conference:
    return frab_json.Conference(
        acronym=frab_json.acronym(meeting.slug),
        start=meeting.start_date,
        end=meeting.end_date,
        zone=meeting.time_zone,
        base_url=base_url,
    )


def export_program(*, meeting: Meeting, format: str, base_url: str = DEFAULT_BASE_URL) -> str:
    if format == "ics":
        return _ics(meeting, base_url)
    doc = services.program_document(meeting=meeting, base_url=base_url)
    if format == "markdown":
        return markdown_render.render(doc)
    if format == "frab-json":
        return frab_json.render(doc, conference(meeting, base_url))
    if format == "frab-xml":
        return frab_xml.render(doc, conference(meeting, base_url))
    raise ProgramInputError("", f"unknown format {format!r}: expected one of {', '.join(EXPORT_FORMATS)}")


def _ics(meeting: Meeting, base_url: str) -> str:
    """The public calendar of the program: no join links (those are for signed-in participants)."""
    sessions = (
        Session.objects.filter(meeting=meeting, is_draft=False)  # drafts are the organisers' until published
        .prefetch_related("roles__participant")
        .order_by("starts_at", "id")
    )
    calendar = build_calendar(
        meeting=meeting,
        sessions=sessions,
        name=meeting.name,
        host=urlsplit(base_url).hostname or "localhost",
        absolute_url=lambda session: (
            base_url.rstrip("/") + reverse("program:session", kwargs={"slug": meeting.slug, "pk": session.pk})
        ),
        show_join_link=lambda session: False,
    )
    return calendar.decode("utf-8")
