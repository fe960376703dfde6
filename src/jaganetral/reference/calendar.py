"""The holiday calendar: national holidays and cuti bersama from the ``holidays`` package
(categories public + government), corrected by admins' per-date overrides."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from jaganetral.lib.regioncode import TZ_NAMES, timezone_of
from jaganetral.lib.workdays import Calendar, add_days
from jaganetral.reference.clocks import Window, reporting_rule
from jaganetral.reference.models import CalendarOverride, Election


def _package_days(years: range) -> tuple[dict[date, str], dict[date, str]]:
    public = holidays_lib.country_holidays("ID", years=years, categories=("public",), language="id")
    cuti = holidays_lib.country_holidays("ID", years=years, categories=("government",), language="id")
    return dict(public.items()), {d: n for d, n in cuti.items() if d not in public}


def holidays_between(first: date, last: date) -> list[dict[str, str]]:
    """Every non-working date in [first, last] with its name and kind (holiday | cuti_bersama)."""
    public, cuti = _package_days(range(first.year, last.year + 1))
    days: dict[date, dict[str, str]] = {}
    for d, name in public.items():
        days[d] = {"date": d.isoformat(), "name": name, "kind": "holiday"}
    for d, name in cuti.items():
        days[d] = {"date": d.isoformat(), "name": name, "kind": "cuti_bersama"}
    for o in CalendarOverride.objects.filter(date__range=(first, last)):
        if o.kind == CalendarOverride.Kind.WORKING_DAY:
            days.pop(o.date, None)
        else:
            days[o.date] = {"date": o.date.isoformat(), "name": o.name, "kind": o.kind}
    return [days[d] for d in sorted(days) if first <= d <= last]


def calendar_for(first_year: int, last_year: int) -> Calendar:
    public, cuti = _package_days(range(first_year, last_year + 1))
    hol, cb, extra = set(public), set(cuti), set()
    for o in CalendarOverride.objects.filter(date__year__gte=first_year, date__year__lte=last_year):
        hol.discard(o.date)
        cb.discard(o.date)
        if o.kind == CalendarOverride.Kind.HOLIDAY:
            hol.add(o.date)
        elif o.kind == CalendarOverride.Kind.CUTI_BERSAMA:
            cb.add(o.date)
        else:
            extra.add(o.date)
    return Calendar.of(hol, cb, extra)


def deadline(
    start: date, days: int, *, working: bool | None = None, election: Election | None = None
) -> date:
    """The date ``days`` counted days after ``start``.

    ``working`` forces working days (True) or calendar days (False); when it is None the election's
    own rule decides, and without an election calendar days are counted. The election also decides
    whether cuti bersama counts as a working day (default: it does not).
    """
    if working is None:
        working = election.counts_working_days if election is not None else False
    cuti_working = election.cuti_bersama_is_working if election is not None else False
    # A working-day deadline never runs more than ~2 calendar days per working day plus long breaks.
    last_year = start.year + 1 + (days * 2) // 365
    cal = calendar_for(start.year, last_year) if working else None
    return add_days(start, days, working=working, calendar=cal, cuti_bersama_is_working=cuti_working)


def reporting_deadline(known: date, election: Election | None) -> tuple[Window, date]:
    """The reporting window and its last day, counted from the day the event became known
    ("7 hari sejak diketahui", the ``reporting`` clock of ``clocks.yaml``) with the election's
    day-count rule: the one rule intake shows the reporter, the case's ``reporting`` clock and the
    case documents use."""
    window = reporting_rule(election)
    return window, deadline(known, window.days, working=window.working, election=election)


def region_zone(region_code: str) -> ZoneInfo:
    """The time zone of a region (WIB, WITA or WIT by its province, Keppres 41/1987)."""
    return ZoneInfo(TZ_NAMES[timezone_of(region_code)])


def end_of_day(day: date, region_code: str) -> datetime:
    """The last second of ``day`` where the region is: a deadline ends at local midnight, so an
    office in Makassar (WITA) or Jayapura (WIT) closes its day one or two hours before Jakarta."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=region_zone(region_code))


def local_date(at: datetime, region_code: str) -> date:
    """The calendar date of a moment where the region is."""
    return at.astimezone(region_zone(region_code)).date()
