from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SCHEMAS = Path(__file__).parent / "schemas"
# A copy of the secretariat's published sessions page (the reference page), byte for byte.
REFERENCE_PAGE = Path(__file__).parent / "fixtures" / "meeting-sessions-page.md"


def load_json_schema() -> dict:
    """The vendored c3voc schema; it carries two ``// TODO`` comments, which JSON does not allow."""
    text = (SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8")
    return json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE))


@pytest.fixture
def reference_text() -> str:
    return REFERENCE_PAGE.read_text(encoding="utf-8")
