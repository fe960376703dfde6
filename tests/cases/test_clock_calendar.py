"""Legal clocks on the real 2024 calendar (holidays and cuti bersama from the calendar module)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.models import Case, Clock
from jaganetral.reference.calendar import deadline
from jaganetral.reference.models import Election
from tests.cases.conftest import make_report
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
D = dt.date


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
    case = actions.register_case_from_report(
        actor=personas.jepara,
        report=make_report(election="pilkada-2024"),
        rules=["N1"],
        today=D(2024, 11, 24),
    )
    review = _clock(case, "initial_review")
    assert not review.working and review.due_on == D(2024, 11, 26)
    case = _step(case, personas.jepara, "initial_review", D(2024, 11, 25))
    case = _step(case, personas.jepara, "registered", D(2024, 11, 25))
    handling = _clock(case, "handling")
    assert handling.due_on == D(2024, 11, 28)  # 3 calendar days; 27 Nov (voting day) counts
    extended = actions.extend_handling(
        actor=personas.jepara,
        case=case,
        reason="perlu waktu",
        now=timezone.make_aware(dt.datetime(2024, 11, 26)),
    )
    assert extended.due_on == D(2024, 11, 30)  # 3 + 2 days


def test_authority_and_ppk_clocks_follow_the_election(personas: Personas) -> None:
    from tests.cases.conftest import to_study

    case = actions.register_case_from_report(
        actor=personas.jepara, report=make_report(election="pemilu-2024"), rules=["N1"], today=D(2024, 12, 18)
    )
    case = to_study(case, personas.jepara)
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Terbukti", rules_found=["N1"], violation=True
    )
    case = _step(case, personas.jepara, "forwarded", D(2024, 12, 20))
    assert _clock(case, "handling").stopped_at is not None
    authority = _clock(case, "authority_response")
    assert authority.due_on == D(2025, 1, 14)  # 14 working days over Christmas, cuti bersama and New Year
    assert authority.due_on == deadline(D(2024, 12, 20), 14, working=True)
