from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jaganetral.reference.calendar import deadline
from jaganetral.reference.models import CalendarOverride, Election

pytestmark = pytest.mark.django_db


def test_the_cli_prints_the_iso_date(refdata: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("calendar", "add-days", "2024-04-05", "7", "--working")
    assert capsys.readouterr().out.strip() == "2024-04-24"


def test_the_election_decides_the_day_count(refdata: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("calendar", "add-days", "2024-04-05", "7", "--election", "pilkada-2024")
    assert capsys.readouterr().out.strip() == "2024-04-12"


def test_cuti_bersama_rule_per_election(refdata: None) -> None:
    pemilu = Election.objects.get(code="pemilu-2024")
    assert deadline(dt.date(2024, 4, 5), 7, election=pemilu) == dt.date(2024, 4, 24)
    pemilu.cuti_bersama_is_working = True
    assert deadline(dt.date(2024, 4, 5), 7, election=pemilu) == dt.date(2024, 4, 18)


def test_admin_overrides_change_the_count(refdata: None) -> None:
    start = dt.date(2024, 4, 5)
    CalendarOverride.objects.create(date=dt.date(2024, 4, 16), kind="holiday", name="Libur daerah")
    assert deadline(start, 7, working=True) == dt.date(2024, 4, 25)
    CalendarOverride.objects.create(date=dt.date(2024, 4, 15), kind="working", name="Masuk kerja")
    assert deadline(start, 7, working=True) == dt.date(2024, 4, 24)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2024-13-01", "7"], "tanggal tidak sah"),
        (["2024-04-05", "-3"], "jumlah hari"),
        (["2024-04-05", "7", "--election", "nope"], "tidak ada"),
    ],
)
def test_the_cli_refuses_bad_input(refdata: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("calendar", "add-days", *args)
