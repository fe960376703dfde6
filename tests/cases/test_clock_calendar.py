"""Legal clocks on the real 2024 calendar (holidays and cuti bersama from the calendar module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.models import Case, Clock
from jaganetral.reference.calendar import deadline
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import make_report
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
D = dt.date


@contextmanager
def freeze_now(moment: dt.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(dt.UTC)):
        yield


def _clock(case: Case, name: str) -> Clock:
    return Clock.objects.get(case=case, name=name)


def _step(case: Case, actor: object, target: str, on: dt.date) -> Case:
    return actions.transition(actor=actor, case=case, target=target, today=on)  # type: ignore[arg-type]


def test_pemilu_counts_working_days_and_cuti_bersama_is_not_working(personas: Personas) -> None:
    # Received on Friday 5 April 2024, just before the Idul Fitri holidays and cuti bersama (8-15 April).
    case = actions.register_case_from_report(
        actor=personas.jepara, report=make_report(election="pemilu-2024"), rules=["N1"], today=D(2024, 4, 5)
    )
    review = _clock(case, "initial_review")
    assert review.working and review.due_on == D(2024, 4, 17)  # 16 and 17 April are the 2 working days
    case = _step(case, personas.jepara, "initial_review", D(2024, 4, 5))
    case = _step(case, personas.jepara, "registered", D(2024, 4, 5))
    assert _clock(case, "initial_review").stopped_at is not None
    handling = _clock(case, "handling")
    assert handling.due_on == D(2024, 4, 24)  # 7 working days
    assert handling.due_at == timezone.make_aware(dt.datetime(2024, 4, 24, 23, 59, 59))
    extended = actions.extend_handling(
        actor=personas.jepara,
        case=case,
        reason="perlu keterangan ahli",
        now=timezone.make_aware(dt.datetime(2024, 4, 20)),
    )
    assert extended.due_on == D(2024, 5, 6)  # 14 working days: 1 May (Hari Buruh) is a holiday


def test_pemilu_cuti_bersama_counts_when_the_election_says_so(personas: Personas) -> None:
    Election.objects.filter(code="pemilu-2024").update(cuti_bersama_is_working=True)
    case = actions.register_case_from_report(
        actor=personas.jepara, report=make_report(election="pemilu-2024"), rules=["N1"], today=D(2024, 4, 5)
    )
    assert _clock(case, "initial_review").due_on == D(2024, 4, 9)  # 8 and 9 April (cuti bersama) count


def test_pilkada_counts_calendar_days_through_the_voting_day_holiday(personas: Personas) -> None:
    # UU 1/2015 Ps 134 ayat (5): 3 days "setelah laporan diterima", so the handling clock of a
    # Pilkada starts at receipt (not at registration), in calendar days.
    case = actions.register_case_from_report(
        actor=personas.jepara,
        report=make_report(election="pilkada-2024"),
        rules=["N1"],
        today=D(2024, 11, 24),
    )
    review = _clock(case, "initial_review")
    assert not review.working and review.due_on == D(2024, 11, 26)
    handling = _clock(case, "handling")
    assert not handling.working and handling.started_on == D(2024, 11, 24)
    assert handling.due_on == D(2024, 11, 27)  # 3 calendar days; 27 Nov (voting day) counts
    case = _step(case, personas.jepara, "initial_review", D(2024, 11, 25))
    case = _step(case, personas.jepara, "registered", D(2024, 11, 25))
    assert Clock.objects.filter(case=case, name="handling").count() == 1  # registration starts none
    extended = actions.extend_handling(
        actor=personas.jepara,
        case=case,
        reason="perlu waktu",
        now=timezone.make_aware(dt.datetime(2024, 11, 26)),
    )
    assert extended.due_on == D(2024, 11, 29)  # 3 + 2 days


def test_a_case_opened_from_a_report_counts_from_its_receipt(personas: Personas) -> None:
    report = make_report(election="pilkada-2024")
    received = timezone.localdate(report.submitted_at)
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    assert _clock(case, "handling").started_on == received
    assert _clock(case, "initial_review").started_on == received


@pytest.mark.parametrize("election", ["pemilu-2024", "pilkada-2024"])
def test_personnel_clocks_do_not_follow_the_election(personas: Personas, election: str) -> None:
    """BKN's and the PPK's days are civil-service deadlines: the same in a Pemilu and a Pilkada,
    counted per civil servant in working days (clocks.yaml, personnel)."""
    from tests.cases.conftest import to_study

    case = actions.register_case_from_report(
        actor=personas.jepara, report=make_report(election=election), rules=["N1"], today=D(2024, 12, 18)
    )
    case = to_study(case, personas.jepara)
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Terbukti", rules_found=["N1"], violation=True
    )
    case = _step(case, personas.jepara, "forwarded", D(2024, 12, 20))
    assert _clock(case, "handling").stopped_at is not None
    person = case.reported.get()
    authority = _clock(case, "authority_response")
    assert authority.person == person and authority.working
    assert authority.due_on == D(2025, 1, 14)  # 14 working days over Christmas, cuti bersama and New Year
    assert authority.due_on == deadline(D(2024, 12, 20), 14, working=True)


# A deadline ends at midnight where the case is: 23:59:59 local time, which is 22:59:59 WIB in a
# WITA region and 21:59:59 WIB in a WIT region.
@pytest.mark.parametrize(
    ("region", "zone", "utc_offset"),
    [("33.20", "Asia/Jakarta", 7), ("73.71", "Asia/Makassar", 8), ("91.71", "Asia/Jayapura", 9)],
)
def test_deadlines_end_at_local_midnight(personas: Personas, region: str, zone: str, utc_offset: int) -> None:
    case = actions.record_finding(
        actor=personas.admin,
        data=actions.FindingInput(
            election=Election.objects.get(code="pemilu-2024"),
            region=Region.objects.get(pk=region),
            summary="Camat berkampanye.",
            persons=[actions.PersonInput("Budi")],
        ),
        today=D(2024, 4, 5),
    )
    review = _clock(case, "initial_review")
    assert review.due_on == D(2024, 4, 17)  # 2 working days after Lebaran 2024, in every zone
    assert review.due_at == dt.datetime(2024, 4, 17, 23, 59, 59, tzinfo=ZoneInfo(zone))
    wib = ZoneInfo("Asia/Jakarta")
    assert review.due_at == dt.datetime(2024, 4, 17, 23 - (utc_offset - 7), 59, 59, tzinfo=wib)


@pytest.mark.parametrize(("region", "late_by_wib"), [("33.20", False), ("73.71", True), ("91.71", True)])
def test_a_report_is_on_time_until_local_midnight(personas: Personas, region: str, late_by_wib: bool) -> None:
    """A report sent at 23:30 WIB on the last day is on time in Jepara, but already the next day in
    Makassar (00:30 WITA) and Jayapura (01:30 WIT)."""
    from jaganetral.intake.actions import reporting_window

    known = D(2024, 4, 5)  # Pemilu: due 24 April (7 working days over Lebaran)
    moment = dt.datetime(2024, 4, 24, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    with freeze_now(moment):
        window = reporting_window(
            known, election=Election.objects.get(code="pemilu-2024"), region=Region.objects.get(pk=region)
        )
    assert window.deadline == D(2024, 4, 24)
    assert window.on_time is not late_by_wib


@pytest.mark.parametrize(
    ("region", "zone"), [("33.20", "Asia/Jakarta"), ("73.71", "Asia/Makassar"), ("91.71", "Asia/Jayapura")]
)
@pytest.mark.parametrize("election", ["pemilu-2024", "pilkada-2024"])
def test_every_clock_ends_at_local_midnight(
    personas: Personas, region: str, zone: str, election: str
) -> None:
    """Each clock of a case, from the reporting window to the PPK's follow-up, on the 2024 calendar,
    in a WIB, a WITA and a WIT region: due at 23:59:59 local time of its last day."""
    from tests.cases.conftest import to_forwarded

    report = make_report(region=region, election=election)
    case = actions.register_case_from_report(
        actor=personas.admin, report=report, rules=["N1"], today=D(2024, 4, 5)
    )
    case = to_forwarded(case, personas.admin)
    actions.record_recommendation(
        actor=personas.authority,
        case=case,
        letter_number="R-1",
        issued_on=timezone.localdate(),
        kinds=["teguran_lisan"],
    )
    clocks = list(Clock.objects.filter(case=case))
    assert {c.name for c in clocks} == {
        "reporting",
        "initial_review",
        "handling",
        "authority_response",
        "ppk_follow_up",
    }
    for clock in clocks:
        assert clock.due_at == dt.datetime.combine(
            clock.due_on, dt.time(23, 59, 59), tzinfo=ZoneInfo(zone)
        ), clock.name
