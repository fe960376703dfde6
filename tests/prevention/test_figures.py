"""Prevention figures: pledge coverage and quiz gain by agency and region, scoped by the
permission door for staff, with small counts hidden for the public."""

from __future__ import annotations

from datetime import date

import pytest

from jaganetral.prevention import figures, selectors
from jaganetral.prevention.actions import briefings, pledges
from jaganetral.prevention.models import Briefing, Campaign, Signer
from jaganetral.reference.models import Agency, Election, Region
from tests.conftest import Personas, _make
from tests.prevention.conftest import csv_bytes, nip

pytestmark = pytest.mark.django_db


def _campaign(actor: object, agency: str, people: int, signed: int) -> Campaign:
    c = pledges.open_campaign(
        actor=actor,  # type: ignore[arg-type]
        agency=Agency.objects.get(code=agency),
        election=Election.objects.get(code="pilkada-2024"),
        title=f"Ikrar {agency}",
    )
    rows = [(nip(i + 1), f"ASN {i}", "Umum", "PNS", "") for i in range(people)]
    pledges.import_roster(actor=actor, campaign=c, filename="a.csv", data=csv_bytes(rows))  # type: ignore[arg-type]
    for s in Signer.objects.filter(campaign=c).order_by("nip")[:signed]:
        pledges.sign(signer=s, nip=s.nip, name=s.name)
    return c


@pytest.fixture
def two_campaigns(personas: Personas) -> None:
    _campaign(personas.agency, "pemkab-33-20", 3, 1)
    kudus = _make("bkd-kudus", "agency", "33.19", agency="pemkab-33-19")
    _campaign(kudus, "pemkab-33-19", 6, 5)


def test_pledge_coverage_for_staff_is_exact_and_scoped(two_campaigns: None, personas: Personas) -> None:
    assert figures.GROUPS["pledge_coverage"] is figures.pledge_coverage
    own = figures.pledge_coverage(personas.agency, {})
    assert [(i["key"], i["count"], i["total"], i["percent"]) for i in own] == [("pemkab-33-20", 1, 3, 33)]
    everything = figures.pledge_coverage(personas.admin, {})
    assert {i["key"]: (i["count"], i["total"]) for i in everything} == {
        "pemkab-33-20": (1, 3),
        "pemkab-33-19": (5, 6),
    }
    by_region = figures.pledge_coverage(personas.admin, {"by": "region"})
    assert [(i["key"], i["label"], i["count"], i["total"]) for i in by_region] == [
        ("33", "Jawa Tengah", 6, 9)
    ]
    # the wrong role sees nothing; filters narrow
    assert figures.pledge_coverage(personas.jepara, {}) == []
    assert figures.pledge_coverage(personas.analyst, {}) == []
    assert figures.pledge_coverage(personas.admin, {"region": "35"}) == []
    assert figures.pledge_coverage(personas.admin, {"election": "pemilu-2024"}) == []
    assert len(figures.pledge_coverage(personas.admin, {"region": "33.20", "by": "x" * 1000})) == 1


def test_public_pledge_coverage_hides_small_counts(two_campaigns: None) -> None:
    public = {i["key"]: i for i in figures.pledge_coverage(None, {})}
    assert public["pemkab-33-20"]["count"] is None and public["pemkab-33-20"]["text"] == "<5"
    assert public["pemkab-33-20"]["percent"] is None  # 33 % of 3 would give the count back
    assert public["pemkab-33-20"]["total"] is None
    assert (public["pemkab-33-19"]["count"], public["pemkab-33-19"]["percent"]) == (5, 83)


def _briefing(actor: object, answers_before: int, answers_after: int) -> Briefing:
    b = briefings.record_briefing(
        actor=actor,  # type: ignore[arg-type]
        held_on=date(2024, 10, 1),
        region=Region.objects.get(code="33.20"),
        agency=Agency.objects.get(code="pemkab-33-20"),
        audience="ASN",
    )
    questions = selectors.quiz_questions(b)
    right = [q.allowed for q in questions]
    half = [q.allowed if i % 2 == 0 else not q.allowed for i, q in enumerate(questions)]
    for _ in range(answers_before):
        briefings.answer(briefing=b, phase="before", answers=list(half))
    for _ in range(answers_after):
        briefings.answer(briefing=b, phase="after", answers=list(right))
    return b


def test_quiz_gain_by_agency_and_region(personas: Personas) -> None:
    _briefing(personas.jepara, 5, 6)
    staff = figures.quiz_gain(personas.jateng, {})
    assert [(i["key"], i["count"], i["before_percent"], i["after_percent"], i["gain"]) for i in staff] == [
        ("pemkab-33-20", 6, 50, 100, 50)
    ]
    public = figures.quiz_gain(None, {"by": "region"})
    assert [(i["key"], i["count"], i["gain"]) for i in public] == [("33", 6, 50)]
    assert figures.quiz_gain(personas.jatim, {}) == []
    assert figures.quiz_gain(personas.analyst, {}) == []
    assert figures.quiz_gain(personas.jateng, {"since": "2025-01-01"}) == []
    assert len(figures.quiz_gain(personas.jateng, {"since": "not-a-date"})) == 1


def test_public_quiz_gain_hides_small_groups(personas: Personas) -> None:
    _briefing(personas.jepara, 2, 3)
    [item] = figures.quiz_gain(None, {})
    assert item["count"] is None and item["text"] == "<5"
    assert item["before_percent"] is None and item["after_percent"] is None and item["gain"] is None
    [exact] = figures.quiz_gain(personas.jepara, {})
    assert (exact["count"], exact["before_count"]) == (3, 2)


def test_prevention_figures_answer_through_the_stats_api(two_campaigns: None, personas: Personas) -> None:
    """jaganetral/api.py registers prevention's groups with insights: /api/v1/stats answers
    pledge coverage for staff (scoped) and /api/v1/stats/public hides the small counts and the
    shares beside them."""
    from django.test import Client

    token = personas.token(personas.agency)
    staff = Client().get(
        "/api/v1/stats", {"group_by": "pledge_coverage"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert staff.status_code == 200, staff.content
    assert [(i["key"], i["count"], i["total"]) for i in staff.json()["items"]] == [("pemkab-33-20", 1, 3)]
    public = Client().get("/api/v1/stats/public", {"group_by": "pledge_coverage"})
    assert public.status_code == 200, public.content
    items = {i["key"]: i for i in public.json()["items"]}
    assert items["pemkab-33-20"]["count"] is None and items["pemkab-33-20"]["text"] == "<5"
    assert items["pemkab-33-20"]["percent"] is None and items["pemkab-33-20"]["total"] is None
    assert (items["pemkab-33-19"]["count"], items["pemkab-33-19"]["total"]) == (5, 6)
    body = public.content.decode()
    assert '"count": 1' not in body and '"total": 3' not in body
    quiz = Client().get("/api/v1/stats/public", {"group_by": "quiz_gain"})
    assert quiz.status_code == 200, quiz.content
