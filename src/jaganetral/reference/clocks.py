"""Legal clocks and periods: how long each clock runs, how its days are counted, which case states
start and stop it, and the periods that follow from an election's dates.

Durations are data (``reference/data/clocks.yaml``), per election kind, never constants in code.
Pure Python: the due dates themselves are counted on the holiday calendar (``reference.calendar``,
:func:`~jaganetral.reference.calendar.reporting_deadline`).
The states are the case workflow's (``cases.workflow.State``); the case register checks at start-up
that every state named here exists there, so this layer need not import it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field

DATA_FILE = Path(__file__).resolve().parent / "data" / "clocks.yaml"
Count = Literal["working", "calendar", "election"]


class ClockRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    days: int = Field(ge=0, le=365)
    count: Count = "election"
    extension_days: int = Field(default=0, ge=0, le=365)
    starts_on: list[str] = Field(default_factory=list)
    stops_on: list[str] = Field(default_factory=list)
    basis: str = ""


class Period(BaseModel):
    """A span around voting day: from the campaign start (or ``before_voting_days`` before voting
    day when the election has no campaign dates) to ``after_voting_days`` after it."""

    model_config = ConfigDict(extra="forbid")
    before_voting_days: int = Field(ge=0, le=730)
    after_voting_days: int = Field(ge=0, le=365)
    basis: str = ""


class Periods(BaseModel):
    model_config = ConfigDict(extra="forbid")
    screening: Period


class ClockBook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pemilu: dict[str, ClockRule]
    pilkada: dict[str, ClockRule]
    personnel: dict[str, ClockRule] = Field(default_factory=dict)
    periods: Periods

    def rules(self, election_kind: str) -> dict[str, ClockRule]:
        if election_kind not in ("pemilu", "pilkada"):
            raise ValueError(f"jenis pemilihan tidak dikenal: {election_kind!r}")
        return self.pemilu if election_kind == "pemilu" else self.pilkada

    def states(self) -> set[str]:
        """Every case state the election-kind clocks name (for the case register's start-up check)."""
        return {
            s for book in (self.pemilu, self.pilkada) for r in book.values() for s in r.starts_on + r.stops_on
        }

    def person_states(self) -> set[str]:
        """Every person-path state the personnel clocks name (checked the same way)."""
        return {s for r in self.personnel.values() for s in r.starts_on + r.stops_on}

    def rule(self, election_kind: str, name: str) -> ClockRule:
        """A clock by name: the election kind's own, else a personnel clock."""
        rules = self.rules(election_kind)
        return rules[name] if name in rules else self.personnel[name]


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


def on_enter(book: ClockBook, election_kind: str, state: str) -> ClockChange:
    """The clocks to start and to stop when a case enters ``state``."""
    rules = book.rules(election_kind)
    start = tuple(name for name, r in rules.items() if state in r.starts_on)
    stop = tuple(name for name, r in rules.items() if state in r.stops_on)
    return ClockChange(start=start, stop=stop)


def on_person_enter(book: ClockBook, state: str) -> ClockChange:
    """The personnel clocks to start and stop when a civil servant's path enters ``state``."""
    start = tuple(name for name, r in book.personnel.items() if state in r.starts_on)
    stop = tuple(name for name, r in book.personnel.items() if state in r.stops_on)
    return ClockChange(start=start, stop=stop)


def counts_working(rule: ClockRule, election_counts_working: bool) -> bool:
    if rule.count == "election":
        return election_counts_working
    return rule.count == "working"


REPORTING = "reporting"
FINDING_REVIEW = "finding_review"


class ElectionRule(Protocol):
    """What the clocks need of an election (``reference.models.Election`` has it)."""

    @property
    def kind(self) -> str: ...

    @property
    def counts_working_days(self) -> bool: ...


class ElectionDates(Protocol):
    """What a period needs of an election (``reference.models.Election`` has it)."""

    @property
    def voting_day(self) -> dt.date: ...

    @property
    def campaign_start(self) -> dt.date | None: ...


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


def reporting_rule(election: ElectionRule | None) -> Window:
    """The reporting window of ``election`` (or of no known election) in the shipped clock book:
    the one rule intake shows the reporter, the case's ``reporting`` clock and the documents use."""
    if election is None:
        return reporting_window(default_book(), None)
    return reporting_window(default_book(), election.kind, election.counts_working_days)


def screening_period(election: ElectionDates, book: ClockBook | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day whose posts screening looks at for ``election`` (both included)."""
    period = (book or default_book()).periods.screening
    start = election.campaign_start or election.voting_day - dt.timedelta(days=period.before_voting_days)
    return start, election.voting_day + dt.timedelta(days=period.after_voting_days)


def finding_review_days(election_kind: str, book: ClockBook | None = None) -> int:
    """How many days reviewers have to decide on a flagged post (the ``finding_review`` clock)."""
    return (book or default_book()).rules(election_kind)[FINDING_REVIEW].days
