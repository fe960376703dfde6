"""Deadline arithmetic over a holiday calendar. Pure Python, no Django.

Bawaslu's legal clocks count either calendar days (Pilkada) or working days (Pemilu, "hari kerja").
A working day is Monday to Friday that is not a national holiday, and not a *cuti bersama*
(collective leave) day unless the election says cuti bersama counts as a working day.

``add_days(start, n)`` gives the date of the n-th counted day after ``start`` (the start day itself
is day 0, as in "within 7 days of the day it became known").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

MAX_DAYS = 3660


@dataclass(frozen=True)
class Calendar:
    """Non-working dates. ``holidays`` are never worked; ``cuti_bersama`` only when configured."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    cuti_bersama: frozenset[date] = field(default_factory=frozenset)
    extra_working: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        holidays: Collection[date] = (),
        cuti_bersama: Collection[date] = (),
        extra_working: Collection[date] = (),
    ) -> Calendar:
        return cls(frozenset(holidays), frozenset(cuti_bersama), frozenset(extra_working))

    def is_working_day(self, day: date, *, cuti_bersama_is_working: bool = False) -> bool:
        if day in self.extra_working:
            return True
        if day.weekday() >= 5 or day in self.holidays:
            return False
        return cuti_bersama_is_working or day not in self.cuti_bersama


def add_days(
    start: date,
    n: int,
    *,
    working: bool,
    calendar: Calendar | None = None,
    cuti_bersama_is_working: bool = False,
) -> date:
    """Return the n-th counted day after ``start``; n may be 0 (``start`` itself) up to MAX_DAYS."""
    if n < 0 or n > MAX_DAYS:
        raise ValueError(f"jumlah hari harus 0 sampai {MAX_DAYS}")
    if not working:
        return start + timedelta(days=n)
    cal = calendar or Calendar()
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if cal.is_working_day(day, cuti_bersama_is_working=cuti_bersama_is_working):
            counted += 1
    return day


def counted_days_between(
    start: date,
    end: date,
    *,
    working: bool,
    calendar: Calendar | None = None,
    cuti_bersama_is_working: bool = False,
) -> int:
    """How many counted days lie after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    if not working:
        return (end - start).days
    cal = calendar or Calendar()
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if cal.is_working_day(day, cuti_bersama_is_working=cuti_bersama_is_working):
            count += 1
    return count
