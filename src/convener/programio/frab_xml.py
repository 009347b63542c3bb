"""frab schedule XML (``schedule.xml``), valid against the c3voc XSD (voc/schedule, ``validator/xsd/schedule.xml.xsd``).

The same mapping as ``frab_json`` with what the XSD allows: a person is a name with
an id, so facilitators and moderators alike are written as persons and read back as
facilitators; the time zone is the offset of each event's ``date``. Read with
xmlschema's defused parser: no entities, no network.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError, SubElement, indent, tostring  # noqa: S405 - building only
from zoneinfo import ZoneInfo

import xmlschema

from convener.programio import frab_json
from convener.programio.document import (
    FACILITATOR,
    PersonDoc,
    PresentationDoc,
    ProgramDoc,
    ProgramInputError,
    SessionDoc,
    ThemeDoc,
)
from convener.programio.frab_json import Conference

# The XSD has no generator element: the version says the file is convener's (its rooms are its themes' names).
VERSION = "convener-1"


def _text(parent: Element, tag: str, value: str, **attrs: str) -> Element:
    element = SubElement(parent, tag, attrs)
    element.text = value
    return element


def render(doc: ProgramDoc, conference: Conference) -> str:
    data = frab_json.build(doc, conference)["schedule"]["conference"]
    root = Element("schedule")
    _text(root, "version", VERSION)
    head = SubElement(root, "conference")
    _text(head, "title", data["title"])
    _text(head, "acronym", data["acronym"])
    _text(head, "start", data["start"])
    _text(head, "end", data["end"])
    _text(head, "days", str(data["daysCount"]))
    _text(head, "timeslot_duration", data["timeslot_duration"])
    person_ids: dict[str, int] = {}
    for day in data["days"]:
        day_element = SubElement(
            root,
            "day",
            {"date": day["date"], "start": day["day_start"], "end": day["day_end"], "index": str(day["index"])},
        )
        for room_name, events in day["rooms"].items():
            room_element = SubElement(day_element, "room", {"name": room_name})
            for event in events:
                _event(room_element, event, person_ids)
    indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _event(parent: Element, event: dict[str, Any], person_ids: dict[str, int]) -> None:
    element = SubElement(parent, "event", {"id": str(event["id"]), "guid": event["guid"]})
    for tag in ("date", "start", "duration", "room", "slug", "title", "subtitle"):
        _text(element, tag, str(event[tag]))
    _text(element, "track", event["track"] or "")
    _text(element, "type", event["type"])
    _text(element, "language", event["language"])
    _text(element, "abstract", event["abstract"])
    _text(element, "description", event["description"])
    persons = SubElement(element, "persons")
    for person in event["persons"]:
        number = person_ids.setdefault(person["guid"], len(person_ids) + 1)
        _text(persons, "person", person["name"], id=str(number))
    links = SubElement(element, "links")
    for link in event["links"]:
        _text(links, "link", link["title"], href=link["url"])


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


def _child_text(element: Element, tag: str, where: str, *, required: bool = False) -> str:
    child = element.find(tag)
    if child is None:
        if required:
            raise ProgramInputError(where, f"missing <{tag}>: expected it in every <{element.tag}>")
        return ""
    return (child.text or "").strip()


def _root(text: str) -> Element:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        raise ProgramInputError("line 1", "this looks like JSON, not XML: use --format frab-json")
    if not stripped.startswith("<"):
        raise ProgramInputError("line 1", "this is not XML: expected a frab schedule.xml starting with <schedule>")
    try:
        root = xmlschema.XMLResource(text, defuse="always").root
    except ParseError as exc:
        found = re.findall(r"line (\d+), column (\d+)", str(exc))
        line, column = getattr(exc, "position", None) or (found[-1] if found else (1, 1))
        problem = re.sub(r"^invalid XML syntax: |: line \d+, column \d+$", "", str(exc))
        raise ProgramInputError(f"line {line}, column {column}", f"not well-formed XML ({problem})") from None
    except (xmlschema.XMLResourceError, ValueError) as exc:
        raise ProgramInputError("line 1", f"cannot read this XML ({exc})") from None
    if root.tag != "schedule":
        raise ProgramInputError("/" + str(root.tag), "expected <schedule> as the root element of a frab schedule")
    return root


def parse(text: str, *, default_zone: str = "UTC") -> ProgramDoc:
    root = _root(text)
    conference = root.find("conference")
    if conference is None:
        raise ProgramInputError("/schedule", "missing <conference>: expected the conference's title and acronym")
    doc = ProgramDoc(title=_child_text(conference, "title", "/schedule/conference", required=True))
    zone = ZoneInfo(default_zone)
    events: list[tuple[str, str, Element]] = []
    for d, day in enumerate(root.findall("day"), start=1):
        for r, room in enumerate(day.findall("room"), start=1):
            for e, event in enumerate(room.findall("event"), start=1):
                events.append((f"/schedule/day[{d}]/room[{r}]/event[{e}]", room.get("name") or "", event))
    generated_here = _child_text(root, "version", "/schedule") == VERSION
    any_track = generated_here or any(_child_text(event, "track", where) for where, _, event in events)
    names = [
        (_child_text(event, "track", where) if any_track else room_name) or None for where, room_name, event in events
    ]
    doc.themes = [ThemeDoc(name=name) for name in dict.fromkeys(n for n in names if n)]
    for (where, _, event), theme in zip(events, names, strict=True):
        title = " ".join(_child_text(event, "title", where, required=True).split())
        if not title:
            raise ProgramInputError(f"{where}/title", "an empty title: expected the session's title")
        starts_at: datetime = frab_json.parse_start(
            _child_text(event, "date", where, required=True), zone, f"{where}/date"
        )
        length = frab_json.parse_duration(_child_text(event, "duration", where, required=True), f"{where}/duration")
        people = [
            PersonDoc(name=" ".join((p.text or "").split()), role=FACILITATOR)
            for p in event.findall("persons/person")
            if (p.text or "").strip()
        ]
        presentations = [
            PresentationDoc(title=" ".join((link.text or link.get("href") or "").split()), url=link.get("href") or "")
            for link in event.findall("links/link")
            if link.get("href")
        ]
        doc.sessions.append(
            SessionDoc(
                title=title,
                kind=frab_json.kind_of(_child_text(event, "type", where)),
                goal=_child_text(event, "abstract", where),
                format=_child_text(event, "description", where),
                starts_at=starts_at,
                ends_at=starts_at + length,
                theme=theme,
                people=people,
                presentations=presentations,
                where=where,
            )
        )
    return doc
