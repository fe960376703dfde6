"""Small-count suppression for public figures.

A public count from 1 to 4 could point at a person, so it is shown as "<5". A total that sits
beside suppressed cells is rounded up to the next multiple of five and marked approximate, so
the hidden cells cannot be got back by subtracting the shown ones from it. Zero stays zero: an
empty cell names nobody. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

THRESHOLD = 5
HIDDEN = "<5"


@dataclass(frozen=True)
class Shown:
    """One public figure: ``count`` is ``None`` where it is hidden; ``text`` is what to print."""

    count: int | None
    text: str
    approximate: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "text": self.text, "approximate": self.approximate}


def is_small(n: int) -> bool:
    return 0 < n < THRESHOLD


def cell(n: int) -> Shown:
    """One count as the public may see it."""
    if n < 0:
        raise ValueError("a count cannot be negative")
    if is_small(n):
        return Shown(None, HIDDEN)
    return Shown(n, str(n))


def round_up(n: int, base: int = THRESHOLD) -> int:
    return -(-n // base) * base


def total(counts: Iterable[int]) -> Shown:
    """The sum of ``counts`` as the public may see it: exact when no cell is hidden; otherwise
    rounded up to a multiple of five and marked approximate (at least five, never "<5")."""
    values = list(counts)
    exact = sum(values)
    if not any(is_small(v) for v in values) and not is_small(exact):
        return Shown(exact, str(exact))
    shown = max(round_up(exact), THRESHOLD)
    return Shown(shown, f"≈{shown}", approximate=True)


def suppress_items(
    items: Iterable[Mapping[str, Any]], key: str = "count"
) -> tuple[list[dict[str, Any]], Shown]:
    """``[{"key", "label", "count"}]`` with each small ``count`` hidden (``count: None``,
    ``text: "<5"``) and the total adjusted; returns ``(items, total)``."""
    out: list[dict[str, Any]] = []
    raw: list[int] = []
    for item in items:
        n = int(item[key])
        raw.append(n)
        shown = cell(n)
        out.append({**item, key: shown.count, "text": shown.text})
    return out, total(raw)
