"""Briefings: recorded by an officer, a quiz from the rulebook taken before and after through the
phase links without an account, the change per question; the wrong people and bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from jaganetral.prevention import selectors, tokens
from jaganetral.prevention.actions import briefings
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.models import Briefing, QuizResponse
from jaganetral.reference.models import Agency, Region
from jaganetral.rulebook.models import Rule
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing(personas: Personas) -> Briefing:
    return briefings.record_briefing(
        actor=personas.jepara,
        held_on=date(2024, 10, 1),
        region=Region.objects.get(code="33.20"),
        agency=Agency.objects.get(code="pemkab-33-20"),
        audience="120 ASN Dinas Pendidikan",
        materials="SKB 5 lembaga 2022",
    )


def _post(client: Client, b: Briefing, phase: str, answers: list[bool | None]) -> int:
    data = {f"q{i}": ("boleh" if a else "tidak") for i, a in enumerate(answers) if a is not None}
    url = reverse("prevention:quiz", args=[tokens.quiz_token(b.pk, phase)])
    return client.post(url, data).status_code


def test_a_supervisor_records_a_briefing_and_its_quiz_comes_from_the_rulebook(personas: Personas) -> None:
    c = personas.client(personas.jepara)
    r = c.post(
        reverse("prevention_staff:briefings"),
        {
            "held_on": "2024-10-01",
            "region": "33.20",
            "audience": "Kepala sekolah se-Jepara",
            "materials": "x",
        },
    )
    assert r.status_code == 302
    b = Briefing.objects.get(audience="Kepala sekolah se-Jepara")
    assert b.rule_version.is_current
    assert len(b.questions) == 8
    for q in selectors.quiz_questions(b):
        rule = Rule.objects.get(version=b.rule_version, code=q.rule)
        assert q.text == rule.examples[q.example]
        assert q.allowed == (rule.track == "boleh")


def test_the_quiz_before_and_after_shows_the_change_per_question(
    briefing: Briefing, personas: Personas
) -> None:
    questions = selectors.quiz_questions(briefing)
    right = [q.allowed for q in questions]
    wrong = [not a for a in right]
    anon = Client()
    page = anon.get(reverse("prevention:quiz", args=[tokens.quiz_token(briefing.pk, "before")]))
    assert page.status_code == 200
    assert questions[0].text in page.content.decode()
    for answers in (wrong, wrong, right):
        assert _post(Client(), briefing, "before", list(answers)) == 200
    for answers in (right, right, right, [right[0], *wrong[1:]]):
        assert _post(Client(), briefing, "after", list(answers)) == 200
    results, counts = selectors.quiz_results(briefing)
    assert counts == {"before": 3, "after": 4}
    assert (results[0].before_pct, results[0].after_pct, results[0].change) == (33, 100, 67)
    assert (results[1].before_pct, results[1].after_pct, results[1].change) == (33, 75, 42)
    page = personas.client(personas.jepara).get(reverse("prevention_staff:briefing", args=[briefing.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "+67" in html and "+42" in html and "3 jawaban sebelum, 4 jawaban sesudah" in html
    assert html.count("data:image/svg+xml") == 2  # one QR per phase


def test_answers_keep_no_trace_of_who_gave_them(briefing: Briefing) -> None:
    anon = Client(REMOTE_ADDR="203.0.113.77")
    _post(anon, briefing, "before", [True] * len(briefing.questions))
    fields = {f.name for f in QuizResponse._meta.get_fields()}
    assert fields == {"id", "briefing", "phase", "answers", "created_at"}
    row = QuizResponse.objects.values().get()
    assert "203.0.113.77" not in str(row)


def test_forged_expired_and_empty_quiz_answers_are_refused(
    briefing: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    anon = Client()
    for bad in ("x", tokens.pledge_token(briefing.pk, "before"), "y" * 500):
        assert anon.get(reverse("prevention:quiz", args=[bad])).status_code == 404
    r = anon.post(reverse("prevention:quiz", args=[tokens.quiz_token(briefing.pk, "before")]), {})
    assert r.status_code == 400 and "Jawab paling sedikit satu soal" in r.content.decode()
    # oversized / unexpected input: extra fields and odd values are ignored, not stored
    data = {f"q{i}": "boleh" for i in range(500)} | {"q0": "x" * 10000}
    r = anon.post(reverse("prevention:quiz", args=[tokens.quiz_token(briefing.pk, "after")]), data)
    assert r.status_code == 200
    stored = QuizResponse.objects.get(phase="after").answers
    assert len(stored) == len(briefing.questions) and stored[0] is None
    import time

    token = tokens.quiz_token(briefing.pk, "before")
    real = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() + (tokens.QUIZ_DAYS + 1) * 86400)
    assert anon.get(reverse("prevention:quiz", args=[token])).status_code == 410


def test_wrong_roles_and_regions_are_refused(briefing: Briefing, personas: Personas) -> None:
    for user in (personas.analyst, personas.custodian, personas.authority):
        c = personas.client(user)
        assert c.get(reverse("prevention_staff:briefings")).status_code == 403
        assert c.get(reverse("prevention_staff:briefing", args=[briefing.pk])).status_code == 404
    assert (
        personas.client(personas.jatim)
        .get(reverse("prevention_staff:briefing", args=[briefing.pk]))
        .status_code
        == 404
    )
    assert (
        personas.client(personas.jateng)
        .get(reverse("prevention_staff:briefing", args=[briefing.pk]))
        .status_code
        == 200
    )
    assert (
        personas.client(personas.agency)
        .get(reverse("prevention_staff:briefing", args=[briefing.pk]))
        .status_code
        == 200
    )
    with pytest.raises(PreventionError, match="cakupan wilayah"):
        briefings.record_briefing(
            actor=personas.jepara,
            held_on=briefing.held_on,
            region=Region.objects.get(code="35"),
            agency=None,
            audience="x",
        )
    # an agency officer records only their own agency's briefings
    with pytest.raises(PreventionError):
        briefings.record_briefing(
            actor=personas.agency,
            held_on=briefing.held_on,
            region=Region.objects.get(code="33.20"),
            agency=None,
            audience="x",
        )


def test_long_fields_are_refused_and_what_was_typed_is_kept(personas: Personas) -> None:
    c = personas.client(personas.jepara)
    r = c.post(
        reverse("prevention_staff:briefings"),
        {"held_on": "2024-10-01", "region": "33.20", "audience": "A" * 301, "materials": "Materi penting"},
    )
    assert r.status_code == 400
    assert "Materi penting" in r.content.decode()
    assert not Briefing.objects.exists()
