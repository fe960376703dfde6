from __future__ import annotations

import datetime as dt

import pytest

from jaganetral.cases.workflow import State
from jaganetral.lib.workdays import Calendar, add_days
from jaganetral.reference.clocks import counts_working, load, on_enter

BOOK = load()
# 2024 Lebaran: holidays 10-11 April, cuti bersama 8, 9, 12, 15 April.
LEBARAN = Calendar.of(
    holidays={dt.date(2024, 4, 10), dt.date(2024, 4, 11)},
    cuti_bersama={dt.date(2024, 4, 8), dt.date(2024, 4, 9), dt.date(2024, 4, 12), dt.date(2024, 4, 15)},
)


def test_every_clock_that_starts_also_stops() -> None:
    for kind in ("pemilu", "pilkada"):
        for name, rule in BOOK.rules(kind).items():
            if rule.starts_on:
                assert rule.stops_on, f"{kind}.{name} never stops"


def test_registration_stops_initial_review_and_starts_handling() -> None:
    change = on_enter(BOOK, "pemilu", State.REGISTERED)
    assert change.start == ("handling",)
    assert "initial_review" in change.stop


@pytest.mark.parametrize(
    ("kind", "election_working", "expected_due", "expected_extended"),
    [
        # Pemilu: 7 working days, extendable to 14 working days.
        ("pemilu", True, dt.date(2024, 4, 24), dt.date(2024, 5, 3)),
        # Pilkada: 3 calendar days + 2.
        ("pilkada", False, dt.date(2024, 4, 8), dt.date(2024, 4, 10)),
    ],
)
def test_handling_deadlines_across_lebaran_2024(
    kind: str, election_working: bool, expected_due: dt.date, expected_extended: dt.date
) -> None:
    rule = BOOK.rules(kind)["handling"]
    working = counts_working(rule, election_working)
    start = dt.date(2024, 4, 5)
    assert add_days(start, rule.days, working=working, calendar=LEBARAN) == expected_due
    total = rule.days + rule.extension_days
    assert add_days(start, total, working=working, calendar=LEBARAN) == expected_extended


def test_unknown_election_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="jenis pemilihan"):
        BOOK.rules("referendum")
