"""Every cases endpoint (staff pages and /api/v1/cases) against three kinds of caller input:

- the wrong person: a supervisor of another province, an agency user of another agency, the
  authority before the case is forwarded (404), a role without case access or the wrong role
  in scope (403);
- bad input (a clear 400 on pages, 400/422 on the API);
- oversized input (400/422, never 500).

Each refusal leaves the case's timeline, records and assignment as they were. Endpoints whose
matrix lives elsewhere: the bulk move page (test_bulk_page), attachments (test_attachments),
the notifications (test_notifications) and the B.1/B.2 form (test_forms_pdf).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.accounts.actions import create_user
from jaganetral.accounts.models import Role, User
from jaganetral.cases import actions
from jaganetral.cases.models import (
    Case,
    CaseEvent,
    CaseLink,
    Clarification,
    Clock,
    Recommendation,
    Sanction,
    Study,
)
from jaganetral.intake.models import Report
from jaganetral.reference.models import Agency, Election, Region
from tests.cases.conftest import make_case, make_report, to_forwarded, to_study, walk
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
BIG = "x" * 20_001


def _other_agency_user() -> User:
    other = Agency.objects.filter(region__code__startswith="33.").exclude(code="pemkab-33-20").first()
    assert other is not None
    return create_user(
        actor=None, username="bkd-lain", role=Role.AGENCY, region="33", agency_id=other.pk, password=PASSWORD
    )


def _recommended(p: Personas) -> Case:
    case = to_forwarded(make_case(p.jepara), p.jepara)
    actions.record_recommendation(
        actor=p.authority, case=case, letter_number="R-1", issued_on=TODAY(), kinds=["tukin_25_6"]
    )
    return case


def _not_acted(p: Personas) -> Case:
    case = _recommended(p)
    actions.record_ppk_no_action(actor=p.authority, case=case, reason="Lewat 10 hari kerja")
    return case


def _escalated(p: Personas) -> Case:
    case = _not_acted(p)
    actions.record_escalation(
        actor=p.authority, case=case, measure="Blokir SIASN", letter_number="B-1", issued_on=TODAY()
    )
    return case


def _anonymous_in_review(p: Personas) -> Case:
    report = make_report(anonymity="anonymous")
    case = actions.register_case_from_report(actor=p.jepara, report=report, rules=["N1"])
    return walk(case, p.jepara, "initial_review")


SETUPS: dict[str, Callable[[Personas], Case]] = {
    "received": lambda p: make_case(p.jepara),
    "initial_review": lambda p: walk(make_case(p.jepara), p.jepara, "initial_review"),
    "registered": lambda p: walk(make_case(p.jepara), p.jepara, "initial_review", "registered"),
    "clarification": lambda p: walk(
        make_case(p.jepara), p.jepara, "initial_review", "registered", "clarification"
    ),
    "study": lambda p: to_study(make_case(p.jepara), p.jepara),
    "forwarded": lambda p: to_forwarded(make_case(p.jepara), p.jepara),
    "recommended": _recommended,
    "not_acted": _not_acted,
    "escalated": _escalated,
    "anonymous_in_review": _anonymous_in_review,
}


def _snapshot(case: Case) -> tuple[Any, ...]:
    case.refresh_from_db()
    return (
        case.state,
        case.assignee_id,
        list(case.alleged_rules),
        CaseEvent.objects.filter(case=case).count(),
        Clarification.objects.filter(case=case).count(),
        Study.objects.filter(case=case).count(),
        Recommendation.objects.filter(case=case).count(),
        Sanction.objects.filter(case=case).count(),
        CaseLink.objects.count(),
        list(Clock.objects.filter(case=case).order_by("pk").values_list("due_at", "extended")),
        list(case.reported.order_by("pk").values_list("state", "employment", "position")),
        Case.objects.filter(links_out__other=case).count(),  # a finding made from it (informasi awal)
    )


@dataclass
class Endpoint:
    name: str
    path: str  # "{pk}" is the case, "{other}" a second in-scope case
    setup: str
    good: Callable[[Personas, Case], dict[str, Any]]
    bad: dict[str, Any]
    big: dict[str, Any]
    # who in scope has the wrong role for this step (403), besides the analyst and the custodian
    wrong_role: list[str] = field(default_factory=list)
    # people who cannot see the case at this state (404), besides the other province's supervisor
    outsiders: list[str] = field(default_factory=lambda: ["authority", "agency"])
    bad_text: str = ""
    right: str = ""  # who may take the step (default: the supervisor; BKN on a forwarded case)


def _right(p: Personas, ep: Endpoint) -> User:
    if ep.right:
        return getattr(p, ep.right)  # type: ignore[no-any-return]
    return {"forwarded": p.authority, "recommended": p.agency}.get(ep.setup, p.jepara)


def _clar(p: Personas, c: Case) -> dict[str, Any]:
    return {
        "held_on": TODAY().isoformat(),
        "place": "Kantor",
        "party_role_0": "terlapor",
        "party_name_0": "Budi",
    }


PAGE_ENDPOINTS = [
    Endpoint(
        "transition",
        "langkah/",
        "received",
        lambda p, c: {"target": "initial_review"},
        {"target": "closed"},
        {"target": "initial_review", "reason": "x" * 4001},
        bad_text="tidak dapat dipindah",
    ),
    Endpoint(
        "allegation",
        "dugaan/",
        "initial_review",
        lambda p, c: {"rules": "N2"},
        {"rules": "N1", "person_name": "Sutrisno", "person_nip": "123"},
        {"rules": "N1, " * 120},
        bad_text="NIP",
    ),
    Endpoint(
        "extend",
        "perpanjang/",
        "registered",
        lambda p, c: {"reason": "perlu keterangan ahli"},
        {"reason": ""},
        {"reason": "x" * 4001},
    ),
    Endpoint(
        "assign",
        "tugaskan/",
        "received",
        lambda p, c: {"assignee": p.jateng.pk},
        {"assignee": "bukan-angka"},
        {"assignee": "9" * 40},
        bad_text="Pengguna tidak dikenal",
    ),
    Endpoint(
        "link",
        "tautkan/",
        "received",
        lambda p, c: {"other": make_case(p.jepara).pk, "kind": "related"},
        {"other": "1", "kind": "sepupu"},
        {"other": "9" * 40, "kind": "related"},
    ),
    Endpoint(
        "clarification",
        "klarifikasi/",
        "clarification",
        _clar,
        {
            "held_on": "2024-01-01",
            "place": "x",
            "party_role_0": "hakim",
            "party_name_0": "A",
            "party_attended_0": "on",
        },
        {
            "held_on": "2024-01-01",
            "place": "x",
            "party_role_0": "saksi",
            "party_name_0": "A",
            "party_attended_0": "on",
            "statement": BIG,
        },
    ),
    Endpoint(
        "study",
        "kajian/",
        "study",
        lambda p, c: {"conclusion": "Terbukti.", "rules_found": "N1", "violation": "on"},
        {"conclusion": "Terbukti.", "rules_found": "", "violation": "on"},
        {"conclusion": BIG, "violation": "on"},
        bad_text="aturan yang terbukti",
    ),
    Endpoint(
        "recommendation",
        "rekomendasi/",
        "forwarded",
        lambda p, c: {"letter_number": "R-1", "issued_on": TODAY().isoformat(), "kinds": ["tukin_25_6"]},
        {"letter_number": "R-1", "issued_on": "kemarin", "kinds": ["tukin_25_6"]},
        {"letter_number": "R" * 121, "issued_on": "2024-01-01", "kinds": ["tukin_25_6"]},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
    ),
    Endpoint(
        "sanction",
        "sanksi/",
        "recommended",
        lambda p, c: {
            "kinds": ["tukin_25_6"],
            "decree_number": "800/1",
            "decided_on": TODAY().isoformat(),
            "person_id": c.reported.get().pk,
        },
        {"kinds": ["hukuman_mati"], "decree_number": "800/1", "decided_on": "2024-01-01"},
        {"kinds": ["tukin_25_6"], "decree_number": "8" * 121, "decided_on": "2024-01-01"},
        wrong_role=["jepara"],
        outsiders=["other_agency"],
    ),
    Endpoint(
        "ppk_no_action",
        "tanpa-tindak-lanjut/",
        "recommended",
        lambda p, c: {"reason": "Lewat 10 hari kerja", "person_id": c.reported.get().pk},
        {"reason": "Lewat", "person_id": "satu"},
        {"reason": "x" * 4001, "person_id": 1},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "escalation",
        "tindak-lanjut-bkn/",
        "not_acted",
        lambda p, c: {
            "measure": "Blokir SIASN",
            "letter_number": "B-1",
            "issued_on": TODAY().isoformat(),
            "person_id": c.reported.get().pk,
        },
        {"measure": "Blokir SIASN", "letter_number": "B-1", "issued_on": "kemarin"},
        {"measure": "x" * 301, "letter_number": "B-1", "issued_on": "2024-01-01"},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "close_person",
        "tutup-terlapor/",
        "escalated",
        lambda p, c: {"reason": "Pensiun", "person_id": c.reported.get().pk},
        {"reason": ""},
        {"reason": "x" * 4001},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "person_details",
        "terlapor/",
        "received",
        lambda p, c: {"person_id": c.reported.get().pk, "employment": "pppk", "position": "Guru"},
        {"person_id": 1, "employment": "honorer"},
        {"person_id": 1, "employment": "pppk", "position": "x" * 201},
    ),
    Endpoint(
        "initial_information",
        "informasi-awal/",
        "anonymous_in_review",
        lambda p, c: {"reason": "Ditelusuri sebagai temuan"},
        {"reason": "x" * 4001},
        {"reason": BIG},
    ),
    Endpoint(
        "invitation",
        "dokumen/undangan-klarifikasi.pdf",
        "registered",
        lambda p, c: {"name": "Budi", "role": "terlapor", "day": "2024-04-16", "time": "09:00", "place": "K"},
        {"name": "Budi", "role": "hakim", "day": "2024-04-16", "time": "09:00", "place": "K"},
        {"name": "B" * 201, "role": "terlapor", "day": "2024-04-16", "time": "09:00", "place": "K"},
        wrong_role=["authority", "agency"],  # only supervisors invite: refused by role first
        outsiders=[],
    ),
]


def _people(p: Personas) -> dict[str, User]:
    return {
        "jatim": p.jatim,
        "jepara": p.jepara,
        "authority": p.authority,
        "agency": p.agency,
        "analyst": p.analyst,
        "custodian": p.custodian,
        "other_agency": _other_agency_user(),
    }


@pytest.mark.parametrize("ep", PAGE_ENDPOINTS, ids=lambda e: e.name)
def test_page_refuses_wrong_person_bad_and_oversized_input(personas: Personas, ep: Endpoint) -> None:
    case = SETUPS[ep.setup](personas)
    url = f"/petugas/kasus/{case.pk}/{ep.path}"
    good = ep.good(personas, case)
    before = _snapshot(case)
    people = _people(personas)
    for who in ["jatim", *ep.outsiders]:
        resp = personas.client(people[who]).post(url, good)
        assert resp.status_code == 404, (who, resp.status_code)
    for who in ["analyst", "custodian", *ep.wrong_role]:
        resp = personas.client(people[who]).post(url, good)
        assert resp.status_code == 403, (who, resp.status_code)
    assert Client().post(url, good).status_code == 302  # to the login page
    right = personas.client(_right(personas, ep))
    resp = right.post(url, ep.bad)
    assert resp.status_code == 400, resp.status_code
    if ep.bad_text:
        assert ep.bad_text in resp.content.decode()
    resp = right.post(url, ep.big)
    assert resp.status_code == 400, resp.status_code
    assert _snapshot(case) == before
    resp = right.post(url, good)  # the right person with good input gets through
    assert resp.status_code in (200, 302), resp.content.decode()[:2000]


@pytest.mark.parametrize(
    "path",
    [
        "",
        "dokumen/klarifikasi-{record}.pdf",
        "dokumen/sumpah-{record}-2.pdf",
        "dokumen/kajian-{study}.pdf",
        "dokumen/surat-{letter}.pdf",
        "dokumen/surat-penerusan.pdf",
        "dokumen/paket-penerusan.zip",
        "dokumen/formulir.pdf",
    ],
)
def test_downloads_refuse_the_wrong_person_and_bad_ids(personas: Personas, path: str) -> None:
    from jaganetral.cases import letters

    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    ids = {
        "record": Clarification.objects.get(case=case).pk,
        "study": case.studies.get().pk,
        "letter": letters.referral_letter(personas.jepara, case).pk,
    }
    url = f"/petugas/kasus/{case.pk}/{path.format(**ids)}"
    people = _people(personas)
    for who in ("jatim", "other_agency"):
        assert personas.client(people[who]).get(url).status_code == 404, who
    for who in ("analyst", "custodian"):
        assert personas.client(people[who]).get(url).status_code == 403, who
    for who in ("jepara", "authority", "agency"):
        assert personas.client(people[who]).get(url).status_code == 200, who
    jepara = personas.client(personas.jepara)
    for bad in ("0", "99999999", "9" * 40):
        bad_url = f"/petugas/kasus/{bad}/{path.format(**ids)}"
        assert jepara.get(bad_url).status_code == 404, bad_url
        for key in ids:
            if "{" + key + "}" in path:
                bad_ids = {**ids, key: bad}
                assert jepara.get(f"/petugas/kasus/{case.pk}/{path.format(**bad_ids)}").status_code == 404
    if "sumpah" in path:  # a party who did not swear (absent) has no oath record
        assert jepara.get(f"/petugas/kasus/{case.pk}/dokumen/sumpah-{ids['record']}-1.pdf").status_code == 404


def test_queue_and_incoming_pages_take_bad_and_oversized_filters(personas: Personas) -> None:
    case = make_case(personas.jepara)
    jepara = personas.client(personas.jepara)
    for query in ("?tab=x&status=nope", "?tab=" + "x" * 5000 + "&status=" + "y" * 5000):
        resp = jepara.get("/petugas/kasus/" + query)
        assert resp.status_code == 200, query
    assert jepara.get("/petugas/kasus/?status=%00").status_code == 400  # PostgreSQL text holds no NUL
    assert (
        case.reference not in personas.client(personas.jatim).get("/petugas/kasus/?tab=all").content.decode()
    )
    assert personas.client(personas.authority).get("/petugas/kasus/laporan-masuk/").status_code == 403
    assert personas.client(personas.analyst).get("/petugas/kasus/laporan-masuk/").status_code == 403


def test_opening_a_report_refuses_the_wrong_person_bad_and_oversized_input(personas: Personas) -> None:
    report = make_report()
    url = f"/petugas/kasus/laporan-masuk/{report.pk}/buka/"
    assert personas.client(personas.jatim).post(url, {"rules": "N1"}).status_code == 404
    assert personas.client(personas.jatim).post(url, {"rules": "N1, " * 120}).status_code == 404
    for who in (personas.analyst, personas.authority, personas.agency):
        assert personas.client(who).post(url, {"rules": "N1"}).status_code == 403
    jepara = personas.client(personas.jepara)
    resp = jepara.post(url, {"rules": "N1", "election": "bukan-pemilihan"})
    assert resp.status_code == 400 and "Pemilihan" in resp.content.decode()
    resp = jepara.post(url, {"rules": "ZZ99"})
    assert resp.status_code == 400
    resp = jepara.post(url, {"rules": "N1, " * 120})
    assert resp.status_code == 400 and "Kode aturan" in resp.content.decode()
    for bad in ("0", "9" * 40):
        assert jepara.post(f"/petugas/kasus/laporan-masuk/{bad}/buka/", {}).status_code == 404
    assert not Case.objects.exists()
    assert Report.objects.get(pk=report.pk).reference == report.reference
    assert jepara.post(url, {"rules": "N1"}).status_code == 302


def test_finding_page_refuses_oversized_input(personas: Personas) -> None:
    from jaganetral.reference.models import Election

    data = {
        "election": Election.objects.get(code="pilkada-2024").pk,
        "region": "33.20",
        "summary": BIG,
        "person_name": "Sutrisno",
    }
    jepara = personas.client(personas.jepara)
    assert jepara.post("/petugas/kasus/temuan/baru/", data).status_code == 400
    assert (
        jepara.post(
            "/petugas/kasus/temuan/baru/", {**data, "summary": "x", "person_name": "N" * 201}
        ).status_code
        == 400
    )
    assert (
        jepara.post("/petugas/kasus/temuan/baru/", {**data, "summary": "x", "person_nip": "12"}).status_code
        == 400
    )
    assert not Case.objects.exists()


def test_bulk_assign_page_refuses_the_wrong_person_bad_and_oversized_input(personas: Personas) -> None:
    case = make_case(personas.jepara)
    url = "/petugas/kasus/serahkan/"
    good = {"case": [case.pk], "assignee": personas.jepara.pk}
    assert personas.client(personas.jatim).post(url, good).status_code == 404
    assert personas.client(personas.analyst).post(url, good).status_code == 403
    assert personas.client(personas.authority).post(url, good).status_code == 404
    jateng = personas.client(personas.jateng)
    resp = jateng.post(url, {"case": [case.pk], "assignee": "bukan-angka"})
    assert resp.status_code == 400 and "Pengguna tidak dikenal" in resp.content.decode()
    resp = jateng.post(url, {"case": [case.pk], "assignee": personas.agency.pk})
    assert resp.status_code == 400 and "pengawas yang aktif" in resp.content.decode()
    resp = jateng.post(url, {"case": [str(case.pk)] * 201, "assignee": personas.jepara.pk})
    assert resp.status_code == 400 and "Paling banyak" in resp.content.decode()
    resp = jateng.post(url, {"case": ["9" * 40], "assignee": personas.jepara.pk})
    assert resp.status_code == 400
    case.refresh_from_db()
    assert case.assignee_id is None
    assert jateng.post(url, good).status_code == 302


# --- the API ----------------------------------------------------------------------------------


def _api(personas: Personas, user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}")


API_ENDPOINTS = [
    Endpoint(
        "transition",
        "/transitions",
        "received",
        lambda p, c: {"target": "initial_review"},
        {"target": "closed"},
        {"target": "initial_review", "reason": "x" * 4001},
    ),
    Endpoint(
        "allegation",
        "/allegation",
        "initial_review",
        lambda p, c: {"rules": ["N2"]},
        {"rules": ["ZZ99"]},
        {"rules": ["N1"] * 31},
    ),
    Endpoint(
        "extension",
        "/extension",
        "registered",
        lambda p, c: {"reason": "perlu keterangan ahli"},
        {"reason": "  "},
        {"reason": "x" * 4001},
    ),
    Endpoint(
        "links",
        "/links",
        "received",
        lambda p, c: {"other_id": make_case(p.jepara).pk, "kind": "related"},
        {"other_id": 1, "kind": "sepupu"},
        {"other_id": 2**70, "kind": "related"},
    ),
    Endpoint(
        "clarifications",
        "/clarifications",
        "clarification",
        lambda p, c: {
            "held_on": TODAY().isoformat(),
            "place": "Kantor",
            "parties": [{"role": "terlapor", "name": "Budi", "attended": False}],
        },
        {
            "held_on": "2024-01-01",
            "place": "x",
            "parties": [{"role": "hakim", "name": "A", "attended": True}],
        },
        {
            "held_on": "2024-01-01",
            "place": "x",
            "parties": [{"role": "saksi", "name": "A", "attended": True}] * 51,
        },
    ),
    Endpoint(
        "studies",
        "/studies",
        "study",
        lambda p, c: {"conclusion": "Terbukti.", "rules_found": ["N1"], "violation": True},
        {"conclusion": "Terbukti.", "rules_found": [], "violation": True},
        {"conclusion": BIG, "violation": True},
    ),
    Endpoint(
        "recommendations",
        "/recommendations",
        "forwarded",
        lambda p, c: {"letter_number": "R-1", "issued_on": TODAY().isoformat(), "kinds": ["tukin_25_6"]},
        {"letter_number": "R-1", "issued_on": "2024-01-01", "kinds": ["hukuman_mati"]},
        {"letter_number": "R" * 121, "issued_on": "2024-01-01", "kinds": ["tukin_25_6"]},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
    ),
    Endpoint(
        "sanctions",
        "/sanctions",
        "recommended",
        lambda p, c: {
            "kinds": ["tukin_25_6"],
            "decree_number": "800/1",
            "decided_on": TODAY().isoformat(),
            "person_id": c.reported.get().pk,
        },
        {"kinds": ["tukin_25_6"], "decree_number": "800/1", "decided_on": "kemarin"},
        {"kinds": ["tukin_25_6"] * 21, "decree_number": "800/1", "decided_on": "2024-01-01"},
        wrong_role=["jepara"],
        outsiders=["other_agency"],
    ),
    Endpoint(
        "ppk_no_action",
        "/ppk-no-action",
        "recommended",
        lambda p, c: {"reason": "Lewat 10 hari kerja", "person_id": c.reported.get().pk},
        {"reason": "", "person_id": 1},
        {"reason": "x" * 4001},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "escalations",
        "/escalations",
        "not_acted",
        lambda p, c: {"measure": "Blokir SIASN", "letter_number": "B-1", "issued_on": TODAY().isoformat()},
        {"measure": "Blokir SIASN", "letter_number": "B-1", "issued_on": "kemarin"},
        {"measure": "x" * 301, "letter_number": "B-1", "issued_on": "2024-01-01"},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "person_closings",
        "/person-closings",
        "escalated",
        lambda p, c: {"reason": "Pensiun"},
        {"reason": "", "person_id": "satu"},
        {"reason": "x" * 4001},
        wrong_role=["jepara", "agency"],
        outsiders=["other_agency"],
        right="authority",
    ),
    Endpoint(
        "person_details",
        "/persons/{person}",
        "received",
        lambda p, c: {"employment": "pppk", "position": "Guru"},
        {"employment": "honorer"},
        {"employment": "pppk", "position": "x" * 201},
    ),
    Endpoint(
        "initial_information",
        "/initial-information",
        "anonymous_in_review",
        lambda p, c: {"reason": "Ditelusuri sebagai temuan"},
        {"reason": 5},
        {"reason": "x" * 4001},
    ),
]


@pytest.mark.parametrize("ep", API_ENDPOINTS, ids=lambda e: e.name)
def test_api_refuses_wrong_person_bad_and_oversized_input(personas: Personas, ep: Endpoint) -> None:
    case = SETUPS[ep.setup](personas)
    url = f"/api/v1/cases/{case.pk}{ep.path.format(person=case.reported.first().pk)}"
    good = ep.good(personas, case)
    before = _snapshot(case)
    people = _people(personas)

    def post(user: User | None, body: dict[str, Any]) -> Any:
        c = _api(personas, user) if user else Client()
        return c.post(url, body, content_type="application/json")

    for who in ["jatim", "analyst", "custodian", *ep.outsiders]:
        resp = post(people[who], good)
        assert resp.status_code == 404, (who, resp.status_code)
    for who in ep.wrong_role:
        resp = post(people[who], good)
        assert resp.status_code == 403, (who, resp.status_code)
        assert resp.json()["detail"]
    assert post(None, good).status_code == 401
    right = _right(personas, ep)
    resp = post(right, ep.bad)
    assert resp.status_code in (400, 422), resp.status_code
    assert resp.json()["detail"]
    resp = post(right, ep.big)
    assert resp.status_code in (400, 422), resp.status_code
    assert _snapshot(case) == before
    resp = post(right, good)
    assert resp.status_code in (200, 201), resp.content


def test_api_collection_endpoints_refuse_bad_and_oversized_input(personas: Personas) -> None:
    case = make_case(personas.jepara)
    before = _snapshot(case)
    sup = _api(personas, personas.jepara)

    def post(url: str, body: Any) -> Any:
        return sup.post(url, body, content_type="application/json")

    for query in ("?limit=0", "?limit=501", "?offset=-1", "?state=" + "x" * 31, "?overdue=kadang"):
        assert sup.get(f"/api/v1/cases{query}").status_code == 422, query
    assert post("/api/v1/cases", {"report_id": "abc"}).status_code == 422
    assert post("/api/v1/cases", {"report_id": make_report().pk, "rules": ["N1"] * 31}).status_code == 422
    assert post("/api/v1/cases", {"report_id": make_report().pk, "election": "nope"}).status_code == 400
    assert post("/api/v1/cases", {"report_id": 2**70}).status_code == 422
    finding = {"election": "pilkada-2024", "region": "33.20", "summary": "x", "persons": [{"name": "A"}]}
    assert post("/api/v1/cases/findings", {**finding, "summary": BIG}).status_code == 422
    assert post("/api/v1/cases/findings", {**finding, "persons": [{"name": "A"}] * 51}).status_code == 422
    assert post("/api/v1/cases/findings", {**finding, "persons": []}).status_code == 422
    resp = post("/api/v1/cases/findings", {**finding, "region": "35.78"})
    assert resp.status_code == 403 and resp.json()["detail"]
    resp = _api(personas, personas.analyst).post(
        "/api/v1/cases/findings", finding, content_type="application/json"
    )
    assert resp.status_code == 403
    assert post("/api/v1/cases/assign", {"case_ids": [case.pk], "user_id": 2**40}).status_code == 400
    assert post("/api/v1/cases/assign", {"case_ids": [case.pk] * 201}).status_code == 422
    assert post("/api/v1/cases/assign", {"case_ids": []}).status_code == 422
    assert post("/api/v1/cases/transitions", {"case_ids": [case.pk], "target": "nope"}).status_code == 400
    resp = post("/api/v1/cases/transitions", {"case_ids": [case.pk], "target": "stopped"})
    assert resp.status_code == 400 and "sekaligus" in resp.json()["detail"]
    assert post("/api/v1/cases/transitions", {"case_ids": [case.pk] * 201, "target": "x"}).status_code == 422
    assert post("/api/v1/cases/transitions", {"case_ids": [0], "target": "x"}).status_code == 422
    assert _snapshot(case) == before
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "name", "content_type"),
    [
        ("/clarifications/{record}/berita-acara.pdf", "klarifikasi-{record}.pdf", "application/pdf"),
        ("/clarifications/{record}/sumpah-2.pdf", "sumpah-{record}-2.pdf", "application/pdf"),
        ("/studies/{study}/kajian.pdf", "kajian-{study}.pdf", "application/pdf"),
        ("/letters/{letter}.pdf", "surat-{letter}.pdf", "application/pdf"),
        ("/referral.pdf", "surat-penerusan.pdf", "application/pdf"),
        ("/referral.zip", "paket-penerusan.zip", "application/zip"),
        ("/form.pdf", "formulir-b1-laporan.pdf", "application/pdf"),
    ],
)
def test_api_downloads_refuse_the_wrong_person_and_bad_ids_and_are_audited(
    personas: Personas, path: str, name: str, content_type: str
) -> None:
    from jaganetral.cases import letters
    from jaganetral.core.models import AuditEvent

    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    record = Clarification.objects.get(case=case)
    ids = {
        "record": record.pk,
        "study": case.studies.get().pk,
        "letter": letters.referral_letter(personas.jepara, case).pk,
    }
    url = f"/api/v1/cases/{case.pk}{path.format(**ids)}"
    people = _people(personas)
    for who in ("jatim", "other_agency", "analyst", "custodian"):
        resp = _api(personas, people[who]).get(url)
        assert resp.status_code == 404 and resp.json()["detail"], who
    assert Client().get(url).status_code == 401
    assert not AuditEvent.objects.filter(action="cases.document_downloaded").exists()
    for who in ("jepara", "authority", "agency"):
        resp = _api(personas, people[who]).get(url)
        assert resp.status_code == 200, (who, resp.content[:300])
        assert resp["Content-Type"] == content_type and resp["Cache-Control"] == "no-store"
        assert resp.content[:4] in (b"%PDF", b"PK\x03\x04")
    downloads = AuditEvent.objects.filter(action="cases.document_downloaded", object_id=str(case.pk))
    assert downloads.count() == 3
    assert {e.data["document"] for e in downloads} == {name.format(**ids)}
    jepara = _api(personas, personas.jepara)
    for bad in ("0", "99999999", "9" * 40):
        assert jepara.get(f"/api/v1/cases/{bad}{path.format(**ids)}").status_code == 404, bad
        for key in ids:
            if "{" + key + "}" in path:
                bad_ids = {**ids, key: bad}
                assert jepara.get(f"/api/v1/cases/{case.pk}{path.format(**bad_ids)}").status_code == 404
    assert jepara.get(f"/api/v1/cases/abc{path.format(**ids)}").status_code == 404
    if "referral" in path:  # nothing to refer before the case is forwarded
        early = make_case(personas.jepara)
        assert jepara.get(f"/api/v1/cases/{early.pk}{path}").status_code == 404
    other = to_forwarded(make_case(personas.jepara), personas.jepara)
    if "{" in path:  # another case's record, study or letter is not this case's
        assert jepara.get(f"/api/v1/cases/{other.pk}{path.format(**ids)}").status_code == 404


def test_api_invitation_refuses_the_wrong_person_bad_and_oversized_input(personas: Personas) -> None:
    from jaganetral.core.models import AuditEvent

    case = SETUPS["registered"](personas)
    url = f"/api/v1/cases/{case.pk}/invitation.pdf"
    good = {"name": "Budi", "role": "terlapor", "day": "2024-04-16", "time": "09:00", "place": "Kantor"}
    people = _people(personas)
    before = _snapshot(case)

    def post(user: User | None, body: dict[str, Any], to: str = url) -> Any:
        c = _api(personas, user) if user else Client()
        return c.post(to, body, content_type="application/json")

    for who in ("jatim", "analyst", "custodian", "authority", "agency", "other_agency"):
        resp = post(people[who], good)
        assert resp.status_code == 404 and resp.json()["detail"], (who, resp.status_code)
    assert post(None, good).status_code == 401
    for bad in (
        {**good, "role": "hakim"},
        {**good, "day": "kemarin"},
        {**good, "time": "25:99"},
        {**good, "name": ""},
        {k: v for k, v in good.items() if k != "place"},
    ):
        resp = post(personas.jepara, bad)
        assert resp.status_code == 422 and resp.json()["detail"], bad
    for big in ({**good, "name": "B" * 201}, {**good, "place": "K" * 301}):
        assert post(personas.jepara, big).status_code == 422
    for bad_id in ("0", "9" * 40):
        assert post(personas.jepara, good, f"/api/v1/cases/{bad_id}/invitation.pdf").status_code == 404
    # a case past clarification: refused with a reason; the authority sees it but may not invite
    done = to_forwarded(make_case(personas.jepara), personas.jepara)
    resp = post(personas.jepara, good, f"/api/v1/cases/{done.pk}/invitation.pdf")
    assert resp.status_code == 400 and "diregistrasi" in resp.json()["detail"]
    resp = post(personas.authority, good, f"/api/v1/cases/{done.pk}/invitation.pdf")
    assert resp.status_code == 403 and "pengawas" in resp.json()["detail"]
    assert not AuditEvent.objects.filter(action="cases.document_downloaded").exists()
    assert _snapshot(case) == before
    resp = post(personas.jepara, good)
    assert resp.status_code == 200 and resp.content[:4] == b"%PDF"
    assert resp["Content-Disposition"] == 'attachment; filename="undangan-klarifikasi.pdf"'
    event = AuditEvent.objects.get(action="cases.document_downloaded")
    assert event.data["document"] == "undangan-klarifikasi.pdf" and event.object_id == str(case.pk)


def test_the_link_kinds_of_the_api_are_the_models() -> None:
    from typing import get_args

    from jaganetral.cases.models import LinkKind
    from jaganetral.cases.schemas import LinkIn

    # every kind a person may link with; "informasi awal" links only come from the conversion
    chosen = set(LinkKind.values) - {LinkKind.INITIAL_INFORMATION}
    assert set(get_args(LinkIn.model_fields["kind"].annotation)) == chosen


def test_api_status_notice_refuses_the_wrong_person_and_is_once_per_status(personas: Personas) -> None:
    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    url = f"/api/v1/cases/{case.pk}/status-notice.pdf"
    people = _people(personas)
    for who in ("jatim", "other_agency", "analyst", "custodian"):
        assert _api(personas, people[who]).post(url).status_code == 404, who
    for who in ("authority", "agency"):
        resp = _api(personas, people[who]).post(url)
        assert resp.status_code == 403 and resp.json()["detail"], who
    assert Client().post(url).status_code == 401
    assert not case.letters.exists()
    first = _api(personas, personas.jepara).post(url)
    assert first.status_code == 200 and first.content[:4] == b"%PDF"
    again = _api(personas, personas.jepara).post(url)
    assert again.content == first.content and case.letters.count() == 1
    finding = actions.record_finding(
        actor=personas.jepara,
        data=actions.FindingInput(
            election=Election.objects.get(code="pemilu-2024"),
            region=Region.objects.get(pk="33.20"),
            summary="Temuan.",
            persons=[actions.PersonInput("Eko Lestari")],
        ),
    )
    resp = _api(personas, personas.jepara).post(f"/api/v1/cases/{finding.pk}/status-notice.pdf")
    assert resp.status_code == 400 and "temuan" in resp.json()["detail"]
    assert _api(personas, personas.jepara).post("/api/v1/cases/0/status-notice.pdf").status_code == 404
