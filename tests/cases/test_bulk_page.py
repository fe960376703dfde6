"""The bulk "move forward" action of the case list (/petugas/kasus/pindahkan/)."""

from __future__ import annotations

import pytest
from django.test import Client

from jaganetral.cases import actions
from jaganetral.cases.actions import BULK_MAX
from jaganetral.cases.models import Case, CaseEvent
from jaganetral.cases.workflow import bulk_targets
from tests.cases.conftest import make_case, make_report, to_forwarded, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
URL = "/petugas/kasus/pindahkan/"


def _states(*cases: Case) -> list[str]:
    return [Case.objects.get(pk=c.pk).state for c in cases]


def test_bulk_targets_are_the_workflow_s_for_the_role() -> None:
    supervisor = [s.value for s in bulk_targets("supervisor")]
    assert supervisor[:2] == ["initial_review", "needs_completion"] and "closed" in supervisor
    assert "stopped" not in supervisor  # a stop needs its own stop reason, case by case
    assert "recommendation_received" not in supervisor
    # a decision for a civil servant is one person's, never a bulk step: nothing for the agency
    assert bulk_targets("agency") == []
    assert [s.value for s in bulk_targets("authority")] == ["closed"]
    assert bulk_targets("analyst") == []


def _bulk_select(page: str) -> str:
    start = page.index('<select name="target"')
    return page[start : page.index("</select>", start)]


def test_the_list_offers_only_the_role_s_targets(personas: Personas) -> None:
    make_case(personas.jepara)
    page = personas.client(personas.jepara).get("/petugas/kasus/?tab=all").content.decode()
    assert "Pindahkan kasus terpilih" in page
    offered = _bulk_select(page)
    assert 'value="initial_review"' in offered and 'value="closed"' in offered
    assert 'value="recommendation_received"' not in offered and 'value="stopped"' not in offered
    to_forwarded(make_case(personas.jepara), personas.jepara)
    page = personas.client(personas.authority).get("/petugas/kasus/?tab=all").content.decode()
    offered = _bulk_select(page)
    assert 'value="closed"' in offered and 'value="initial_review"' not in offered
    assert 'name="case"' in page  # the authority can select cases, but cannot assign them
    assert "Serahkan kasus terpilih" not in page


def test_moves_where_allowed_and_shows_why_not(personas: Personas) -> None:
    a, b = make_case(personas.jepara), make_case(personas.jepara)
    c = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    jepara = personas.client(personas.jepara)
    resp = jepara.post(URL, {"case": [a.pk, b.pk, c.pk, a.pk], "target": "initial_review", "tab": "all"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Hasil pemindahan ke “Kajian awal”" in body
    assert "2 kasus dipindahkan, 1 ditolak." in body
    assert "tidak dapat dipindah" in body  # c was already under initial review
    assert _states(a, b, c) == ["initial_review"] * 3
    assert CaseEvent.objects.filter(case=a, kind="transition", to_state="initial_review").count() == 1
    # A step that needs a reason is refused per case without one, and taken with one.
    resp = jepara.post(URL, {"case": [a.pk, b.pk], "target": "not_registered"})
    assert resp.status_code == 200 and "memerlukan alasan" in resp.content.decode()
    assert _states(a, b) == ["initial_review"] * 2
    resp = jepara.post(URL, {"case": [a.pk], "target": "not_registered", "reason": "Bukan ASN"})
    assert resp.status_code == 200 and "1 kasus dipindahkan, 0 ditolak." in resp.content.decode()
    assert _states(a) == ["not_registered"]
    # A fact the workflow requires is checked per case too: d names no rule yet.
    d = actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=[])
    d = walk(d, personas.jepara, "initial_review")
    resp = jepara.post(URL, {"case": [b.pk, d.pk], "target": "registered"})
    body = resp.content.decode()
    assert "1 kasus dipindahkan, 1 ditolak." in body and "setidaknya satu aturan" in body
    assert _states(b, d) == ["registered", "initial_review"]


def test_the_registration_number_shows_in_the_results(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    resp = personas.client(personas.jateng).post(URL, {"case": [case.pk], "target": "registered"})
    assert resp.status_code == 200
    number = Case.objects.get(pk=case.pk).number
    assert number.startswith("001/REG/") and number in resp.content.decode()


def test_the_wrong_person_is_refused(personas: Personas) -> None:
    a = make_case(personas.jepara)
    data = {"case": [a.pk], "target": "initial_review"}
    # Another region's supervisor: 404, even mixed with nothing of their own.
    assert personas.client(personas.jatim).post(URL, data).status_code == 404
    # Roles without case work: 403. Anonymous: to the login page.
    assert personas.client(personas.analyst).post(URL, data).status_code == 403
    assert personas.client(personas.custodian).post(URL, data).status_code == 403
    assert Client().post(URL, data).status_code == 302
    # The agency may only record sanctions: a supervisor's target is not offered (400).
    assert personas.client(personas.agency).post(URL, data).status_code == 400
    b = to_forwarded(make_case(personas.jepara), personas.jepara)
    resp = personas.client(personas.agency).post(URL, {"case": [b.pk], "target": "initial_review"})
    assert resp.status_code == 400 and "Pindahkan ke" in resp.content.decode()
    resp = personas.client(personas.authority).post(URL, {"case": [b.pk], "target": "closed"})
    assert resp.status_code == 200 and "tidak dapat dipindah" in resp.content.decode()
    assert _states(a, b) == ["received", "forwarded"]
    assert personas.client(personas.jepara).get(URL).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"target": "initial_review"}, "Pilih paling sedikit satu kasus."),
        ({"case": ["abc"], "target": "initial_review"}, "Pilihan kasus tidak sah."),
        ({"case": ["1" * 30], "target": "initial_review"}, "Pilihan kasus tidak sah."),
        ({"case": ["{pk}"], "target": "teleport"}, "Pindahkan ke"),
        ({"case": ["{pk}"]}, "Pindahkan ke"),
        ({"case": ["{pk}"], "target": "initial_review", "reason": "x" * 4001}, "Alasan"),
    ],
)
def test_bad_input_is_a_clear_400_and_changes_nothing(
    personas: Personas, data: dict[str, object], message: str
) -> None:
    case = make_case(personas.jepara)
    if "case" in data:
        data = {**data, "case": [str(v).replace("{pk}", str(case.pk)) for v in data["case"]]}  # type: ignore[attr-defined]
    resp = personas.client(personas.jepara).post(URL, data)
    assert resp.status_code == 400
    assert message in resp.content.decode()
    assert _states(case) == ["received"]


def test_too_many_ids_are_refused_before_any_work(personas: Personas) -> None:
    case = make_case(personas.jepara)
    ids = [case.pk] * (BULK_MAX + 1)
    resp = personas.client(personas.jepara).post(URL, {"case": ids, "target": "initial_review"})
    assert resp.status_code == 400
    assert f"Paling banyak {BULK_MAX} kasus sekaligus." in resp.content.decode()
    assert _states(case) == ["received"]
    # A missing id (zero, or not in the database) is a 404.
    assert (
        personas.client(personas.jepara).post(URL, {"case": [0], "target": "initial_review"}).status_code
        == 404
    )
    missing = {"case": [case.pk + 1000], "target": "initial_review"}
    assert personas.client(personas.jepara).post(URL, missing).status_code == 404
