"""Bars for the organiser's charts, drawn as SVG by the templates (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: float  # 0..100, the share of the longest bar
    percent: float  # 0..100, the share of the total


def bars(counts: list[tuple[str, int]]) -> list[Bar]:
    """One bar per label, scaled to the largest count, in the order given."""
    total = sum(count for _, count in counts)
    top = max((count for _, count in counts), default=0)
    return [
        Bar(
            label=label,
            count=count,
            width=100.0 * count / top if top else 0.0,
            percent=100.0 * count / total if total else 0.0,
        )
        for label, count in counts
    ]
