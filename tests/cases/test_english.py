"""Refusals of the case register in English: the messages go through gettext, so the English site
(the language switch, i.e. the ``django_language`` cookie) shows them in English, labels included;
Indonesian stays the default."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from jaganetral.cases import actions, rulecodes, sanctions
from jaganetral.cases.errors import CaseError
from tests.cases.conftest import make_case, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """The locale middleware leaves a request's language active in the test's thread; put back the
    one before, so later tests that render without a request are not in English."""
    with translation.override(translation.get_language()):
        yield


def _english(c: Client) -> Client:
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def test_a_refused_step_is_in_english_when_english_is_active(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    with translation.override("en"), pytest.raises(CaseError) as refused:
        actions.set_allegation(actor=personas.jepara, case=case, rules=["N1"])
    assert str(refused.value) == "The alleged violation can only be changed before registration."
    with translation.override("id"), pytest.raises(CaseError) as refused:
        actions.set_allegation(actor=personas.jepara, case=case, rules=["N1"])
    assert str(refused.value) == "Dugaan pelanggaran hanya dapat diubah sebelum registrasi."


def test_a_label_passed_into_a_message_is_translated_too(personas: Personas) -> None:
    case = make_case(personas.jepara)
    with translation.override("en"), pytest.raises(CaseError) as refused:
        actions.extend_handling(actor=personas.jepara, case=case, reason=" ")
    assert str(refused.value) == "Reason for the extension is required."
    with translation.override("en"), pytest.raises(CaseError) as refused:
        actions.set_allegation(
            actor=personas.jepara, case=case, rules=[], add_persons=[actions.PersonInput("x" * 201)]
        )
    assert str(refused.value) == "Name of the reported person is too long (at most 200 characters)."


def test_rule_codes_and_sanction_types_refuse_in_english() -> None:
    with translation.override("en"):
        with pytest.raises(rulecodes.RuleCodeError, match=r"^Unknown rule code: 'ZZ'\.$"):
            rulecodes.clean_codes(["zz"])
        with pytest.raises(sanctions.UnknownSanction, match=r"^Sanction kind 'hukuman_mati' is not in"):
            sanctions.pure.Catalogue("2026.1", sanctions.pure.LEGACY).check(["hukuman_mati"])


def test_the_api_answers_in_english_with_the_language_cookie(personas: Personas) -> None:
    case = make_case(personas.jepara)
    body: dict[str, Any] = {"other_id": case.pk, "kind": "duplicate"}
    url = f"/api/v1/cases/{case.pk}/links"
    api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jepara)}")
    resp = api.post(url, body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json() == {"detail": "Kasus tidak dapat ditautkan ke dirinya sendiri."}
    # the browser's Accept-Language is ignored on purpose (Indonesian first) ...
    resp = api.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert resp.json() == {"detail": "Kasus tidak dapat ditautkan ke dirinya sendiri."}
    # ... the language switch's cookie is not
    resp = _english(api).post(url, body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json() == {"detail": "A case cannot be linked to itself."}


def test_the_case_page_shows_a_refusal_in_english(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    page = _english(personas.client(personas.jepara)).post(
        f"/petugas/kasus/{case.pk}/dugaan/", {"rules": "N1"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "The alleged violation can only be changed before registration." in html
    assert "Dugaan pelanggaran hanya dapat diubah" not in html


def test_audit_verify_speaks_english_when_asked(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    make_case(personas.jepara)
    with translation.override("en"):
        call_command("audit", "verify")
    assert "OK: 1 case(s)," in capsys.readouterr().out
