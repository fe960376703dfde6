"""Legal clocks: which clock starts and stops on entering each state, and how long it runs.

Durations are data (``cases/data/clocks.yaml``), per election kind, never constants in code.
Pure Python: the due date itself is computed by the holiday calendar (reference.calendar).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from jaganetral.cases.workflow import State

DATA_FILE = Path(__file__).resolve().parent / "data" / "clocks.yaml"
Count = Literal["working", "calendar", "election"]


class ClockRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    days: int = Field(ge=0, le=365)
    count: Count = "election"
    extension_days: int = Field(default=0, ge=0, le=365)
    starts_on: list[State] = Field(default_factory=list)
    stops_on: list[State] = Field(default_factory=list)
    basis: str = ""


class ClockBook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pemilu: dict[str, ClockRule]
    pilkada: dict[str, ClockRule]

    def rules(self, election_kind: str) -> dict[str, ClockRule]:
        if election_kind not in ("pemilu", "pilkada"):
            raise ValueError(f"jenis pemilihan tidak dikenal: {election_kind!r}")
        return self.pemilu if election_kind == "pemilu" else self.pilkada


def load(path: Path = DATA_FILE) -> ClockBook:
    return ClockBook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def default_book() -> ClockBook:
    """The shipped clock book, read once per process."""
    return load()


@dataclass(frozen=True)
class ClockChange:
    start: tuple[str, ...]
    stop: tuple[str, ...]


def on_enter(book: ClockBook, election_kind: str, state: State) -> ClockChange:
    """The clocks to start and to stop when a case enters ``state``."""
    rules = book.rules(election_kind)
    start = tuple(name for name, r in rules.items() if state in r.starts_on)
    stop = tuple(name for name, r in rules.items() if state in r.stops_on)
    return ClockChange(start=start, stop=stop)


def counts_working(rule: ClockRule, election_counts_working: bool) -> bool:
    if rule.count == "election":
        return election_counts_working
    return rule.count == "working"


REPORTING = "reporting"


@dataclass(frozen=True)
class Window:
    """How long the reporting window runs and how its days are counted."""

    label: str
    days: int
    working: bool


def reporting_window(
    book: ClockBook, election_kind: str | None, election_counts_working: bool | None = None
) -> Window:
    """The reporting window (``reporting`` clock) for an election kind, from the clock book.

    Without a known election the longest window of any kind is counted in working days: the longer
    and so the safer reading for the reporter.
    """
    if election_kind is None:
        rules = [book.rules(kind)[REPORTING] for kind in ("pemilu", "pilkada")]
        longest = max(rules, key=lambda r: r.days)
        return Window(label=longest.label, days=longest.days, working=True)
    rule = book.rules(election_kind)[REPORTING]
    return Window(
        label=rule.label, days=rule.days, working=counts_working(rule, bool(election_counts_working))
    )
