"""The reporting window is a clock. clocks.yaml's ``reporting`` rule is the one source of truth for
both intake (the reporter's live window) and the case (a ``reporting`` clock, stopped when the report
came in), on the real 2024 calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.models import Case, Clock
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.intake.actions import reporting_window as intake_window
from jaganetral.intake.models import Report
from jaganetral.reference.calendar import deadline
from jaganetral.reference.clocks import DATA_FILE, Window, default_book, load, reporting_window
from jaganetral.reference.models import Election, Region
from tests.conftest import Personas

D = dt.date
BOOK = load()
LABEL = "Batas waktu pelaporan"


# --- the pure rule --------------------------------------------------------------------------


def test_the_window_comes_from_the_clock_book() -> None:
    assert reporting_window(BOOK, "pemilu", False) == Window(LABEL, 7, True)  # the law, not the flag
    assert reporting_window(BOOK, "pilkada", True) == Window(LABEL, 7, False)
    # No election known: the longest window, in working days (the safer reading for the reporter).
    assert reporting_window(BOOK, None) == Window(LABEL, 7, True)
    assert default_book() is default_book()
    with pytest.raises(ValueError, match="jenis pemilihan"):
        reporting_window(BOOK, "referendum")


def test_changing_the_clock_book_changes_the_window(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    pilkada = text.index("pilkada:")
    changed = text[:pilkada] + text[pilkada:].replace("days: 7", "days: 5", 1)
    path = tmp_path / "clocks.yaml"
    path.write_text(changed, encoding="utf-8")
    assert reporting_window(load(path), "pilkada") == Window(LABEL, 5, False)
    assert reporting_window(load(path), "pemilu") == Window(LABEL, 7, True)


# --- intake's live window -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("election", "known", "due"),
    [
        # Pemilu: 7 working days over Lebaran 2024 (holidays 10-11 April, cuti bersama 8, 9, 12, 15).
        ("pemilu-2024", D(2024, 4, 5), D(2024, 4, 24)),
        # ... over Isra Mikraj (8 Feb), cuti bersama Imlek (9 Feb) and voting day (14 Feb).
        ("pemilu-2024", D(2024, 2, 7), D(2024, 2, 21)),
        # ... over Idul Adha (17 June) and its cuti bersama (18 June).
        ("pemilu-2024", D(2024, 6, 14), D(2024, 6, 27)),
        # ... over Christmas, cuti bersama and New Year into 2025.
        ("pemilu-2024", D(2024, 12, 20), D(2025, 1, 3)),
        # Pilkada: 7 calendar days, holidays and the voting day count.
        ("pilkada-2024", D(2024, 4, 5), D(2024, 4, 12)),
        ("pilkada-2024", D(2024, 11, 24), D(2024, 12, 1)),
        ("pilkada-2024", D(2024, 12, 20), D(2024, 12, 27)),
        # No election chosen: working days.
        (None, D(2024, 4, 5), D(2024, 4, 24)),
    ],
)
def test_intake_window_across_2024_holidays(
    refdata: None, election: str | None, known: dt.date, due: dt.date
) -> None:
    chosen = Election.objects.get(code=election) if election else None
    window = intake_window(known, election=chosen, today=known)
    assert window.deadline == due and window.on_time
    late = intake_window(known, election=chosen, today=due + dt.timedelta(days=1))
    assert not late.on_time and "Terlambat 1 hari" in late.note


@pytest.mark.django_db
def test_intake_behaves_as_before_for_every_shipped_election(refdata: None) -> None:
    """Before the refactor intake counted 7 days by the election's own day count (working days when
    no election was chosen); the clock book gives the same dates for every shipped election."""
    elections: list[Election | None] = [None, *Election.objects.order_by("code")]
    assert len(elections) >= 4
    for election in elections:
        working = election.counts_working_days if election is not None else True
        for offset in range(0, 366, 9):
            known = D(2024, 1, 1) + dt.timedelta(days=offset)
            expected = deadline(known, 7, working=working, election=election)
            assert intake_window(known, election=election, today=known).deadline == expected, (
                election,
                known,
            )


# --- the case's reporting clock -------------------------------------------------------------


def _report(known: dt.date, election: str | None, *, submitted: dt.datetime | None = None) -> Report:
    report, _ = submit_report(
        data=ReportInput(
            anonymity="anonymous",
            region=Region.objects.get(pk="33.20"),
            place="Balai desa Tahunan",
            event_date=known,
            known_date=known,
            what="Camat mengajak warga memilih pasangan calon nomor 2.",
            reported=[ReportedInput(name="Budi Santoso")],
            election=Election.objects.get(code=election) if election else None,
        ),
        files=[],
    )
    if submitted is not None:  # as if it had come in then (submitted_at is set on insert)
        Report.objects.filter(pk=report.pk).update(submitted_at=submitted)
        report.refresh_from_db()
    return report


def _open(personas: Personas, report: Report, election: str | None = None) -> tuple[Case, Clock]:
    case = actions.register_case_from_report(
        actor=personas.jepara,
        report=report,
        election=Election.objects.get(code=election) if election else None,
        rules=["N1"],
    )
    return case, Clock.objects.get(case=case, name="reporting")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("election", "known", "due", "working"),
    [
        ("pemilu-2024", D(2024, 4, 5), D(2024, 4, 24), True),  # Lebaran 2024
        ("pilkada-2024", D(2024, 11, 24), D(2024, 12, 1), False),  # over the Pilkada voting day
    ],
)
def test_a_late_report_opens_a_case_with_a_stopped_late_reporting_clock(
    personas: Personas, election: str, known: dt.date, due: dt.date, working: bool
) -> None:
    report = _report(known, election)
    case, clock = _open(personas, report)
    assert (clock.started_on, clock.due_on, clock.days, clock.working) == (known, due, 7, working)
    assert clock.label == LABEL
    assert clock.stopped_at == report.submitted_at and clock.stopped_at > clock.due_at
    assert clock.due_on == report.deadline  # intake showed the reporter the same date
    assert not case.on_time and not report.on_time
    assert not Clock.objects.filter(case=case, name="reporting", stopped_at=None).exists()
    page = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert LABEL in page and "terlambat" in page and due.strftime("%d-%m-%Y") in page
    token = personas.token(personas.jepara)
    body = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(f"/api/v1/cases/{case.pk}").json()
    reporting = next(c for c in body["clocks"] if c["name"] == "reporting")
    assert reporting["late"] and not reporting["running"] and not reporting["overdue"]
    assert body["on_time"] is False


@pytest.mark.django_db
def test_the_window_ends_at_the_end_of_its_last_day(personas: Personas) -> None:
    # Known Friday 5 April 2024 (Pemilu): due Wednesday 24 April, all of it.
    in_time = timezone.make_aware(dt.datetime(2024, 4, 24, 22, 0))
    case, clock = _open(personas, _report(D(2024, 4, 5), "pemilu-2024", submitted=in_time))
    assert case.on_time and clock.stopped_at == in_time and clock.stopped_at <= clock.due_at
    too_late = timezone.make_aware(dt.datetime(2024, 4, 25, 0, 30))
    case, clock = _open(personas, _report(D(2024, 4, 5), "pemilu-2024", submitted=too_late))
    assert not case.on_time and clock.stopped_at > clock.due_at


@pytest.mark.django_db
def test_an_on_time_report_shows_tepat_waktu(personas: Personas) -> None:
    report = _report(timezone.localdate() - dt.timedelta(days=1), "pemilu-2024")
    case, clock = _open(personas, report)
    assert case.on_time and report.on_time and clock.stopped_at <= clock.due_at
    page = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "tepat waktu" in page and "dilaporkan terlambat" not in page


@pytest.mark.django_db
def test_the_clock_follows_the_election_the_case_is_registered_under(personas: Personas) -> None:
    # The reporter chose no election: intake counted working days (the safer reading) ...
    report = _report(D(2024, 4, 5), None)
    assert report.deadline == D(2024, 4, 24)
    # ... the supervisor registers it under the Pilkada: calendar days, from the same clock book.
    case, clock = _open(personas, report, "pilkada-2024")
    assert (clock.due_on, clock.working) == (D(2024, 4, 12), False)
    assert not case.on_time


@pytest.mark.django_db
def test_findings_have_no_reporting_clock(personas: Personas) -> None:
    case = actions.record_finding(
        actor=personas.jepara,
        data=actions.FindingInput(
            election=Election.objects.get(code="pilkada-2024"),
            region=Region.objects.get(pk="33.20"),
            summary="Kepala desa berfoto dengan calon.",
            persons=[actions.PersonInput("Sutrisno")],
            known_date=timezone.localdate(),
        ),
    )
    # a Pilkada's handling clock runs from receipt (UU 1/2015 Ps 134 ayat (5)); no reporting clock
    assert sorted(Clock.objects.filter(case=case).values_list("name", flat=True)) == [
        "handling",
        "initial_review",
    ]
