from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaganetral.lib.workdays import Calendar, add_days, counted_days_between

# Idul Fitri 2024: holidays 10-11 April, cuti bersama 8, 9, 12 and 15 April.
LEBARAN = Calendar.of(
    holidays={date(2024, 4, 10), date(2024, 4, 11)},
    cuti_bersama={date(2024, 4, 8), date(2024, 4, 9), date(2024, 4, 12), date(2024, 4, 15)},
)


def test_it_skips_weekends_holidays_and_cuti_bersama() -> None:
    assert add_days(date(2024, 4, 5), 7, working=True, calendar=LEBARAN) == date(2024, 4, 24)


def test_it_counts_cuti_bersama_as_working_when_the_election_says_so() -> None:
    got = add_days(date(2024, 4, 5), 7, working=True, calendar=LEBARAN, cuti_bersama_is_working=True)
    # 8, 9, 12, 15, 16, 17, 18 April
    assert got == date(2024, 4, 18)


def test_it_counts_calendar_days_plainly() -> None:
    assert add_days(date(2024, 4, 5), 7, working=False, calendar=LEBARAN) == date(2024, 4, 12)


def test_extra_working_day_overrides_weekend() -> None:
    cal = Calendar.of(extra_working={date(2024, 4, 6)})
    assert add_days(date(2024, 4, 5), 1, working=True, calendar=cal) == date(2024, 4, 6)


def test_zero_days_is_the_start_day() -> None:
    assert add_days(date(2024, 4, 6), 0, working=True) == date(2024, 4, 6)


@pytest.mark.parametrize("n", [-1, 100_000])
def test_it_refuses_out_of_range_counts(n: int) -> None:
    with pytest.raises(ValueError, match="jumlah hari"):
        add_days(date(2024, 1, 1), n, working=True)


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_working_deadline_lands_on_a_working_day_and_round_trips(start: date, n: int) -> None:
    end = add_days(start, n, working=True, calendar=LEBARAN)
    assert LEBARAN.is_working_day(end)
    assert end - start >= timedelta(days=n)
    assert counted_days_between(start, end, working=True, calendar=LEBARAN) == n
