"""Recommendations and decisions per civil servant, against the rulebook's sanction catalogue and
against BKN's recommendation; PNS and PPPK; the agency naming whom it sanctions; one case, two
people, two outcomes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.accounts.actions import create_user
from jaganetral.accounts.models import Role, User
from jaganetral.cases import actions
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import Case, CaseReportedPerson, Recommendation, Sanction
from jaganetral.reference.models import Agency
from jaganetral.rulebook.actions import load_rulebook_text
from jaganetral.rulebook.rule_file import DATA_DIR
from tests.cases.conftest import make_case, to_study, walk
from tests.conftest import PASSWORD, Personas

TODAY = timezone.localdate
pytestmark = pytest.mark.django_db


def _forwarded(p: Personas, rules: list[str], case: Case | None = None) -> Case:
    case = to_study(case or make_case(p.jepara), p.jepara)
    actions.record_study(actor=p.jepara, case=case, conclusion="Terbukti.", rules_found=rules, violation=True)
    return walk(case, p.jepara, "forwarded")


def _recommend(p: Personas, case: Case, kinds: list[str], persons: list[int] | None = None) -> Recommendation:
    return actions.record_recommendation(
        actor=p.authority, case=case, letter_number="R-1", issued_on=TODAY(), kinds=kinds, persons=persons
    )[0]


def test_the_recommendation_records_the_rulebook_version_rules_and_fit(personas: Personas) -> None:
    case = _forwarded(personas, ["D5"])
    rec = _recommend(personas, case, ["ptdh"])
    assert (rec.rulebook_version, rec.rule_codes, rec.rulebook_fit) == ("2026.2", ["D5"], "sesuai")
    assert rec.expected_types == ["ptdh"] and rec.person == case.reported.get()
    event = case.events.get(kind="person_step", data__person_to="recommended")
    assert event.data["rulebook_fit"] == "sesuai" and event.data["kinds"] == ["ptdh"]


def test_moral_and_disciplinary_sanctions_together(personas: Personas) -> None:
    case = _forwarded(personas, ["E2", "N2"])
    rec = _recommend(personas, case, ["moral_terbuka", "tukin_25_6"])
    assert rec.kinds == ["moral_terbuka", "tukin_25_6"] and rec.rulebook_fit == "sesuai"
    assert sorted(rec.rule_codes) == ["E2", "N2"]


def test_the_case_page_shows_the_rulebook_sanction_and_marks_a_milder_recommendation(
    personas: Personas,
) -> None:
    case = _forwarded(personas, ["D5"])
    bkn = personas.client(personas.authority)
    page = bkn.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Sanksi menurut katalog" in page and "Pemberhentian tidak dengan hormat (PTDH)" in page
    assert "Pemberhentian tidak dengan hormat sebagai PNS (sesuai katalog: D5)" in page
    resp = bkn.post(
        f"/petugas/kasus/{case.pk}/rekomendasi/",
        {"letter_number": "R-9", "issued_on": TODAY().isoformat(), "kinds": ["moral_terbuka"]},
        follow=True,
    )
    body = resp.content.decode()
    assert "lebih ringan dari katalog aturan" in body  # the message
    assert 'data-rulebook-fit="lebih_ringan"' in body  # and the record on the page
    assert Recommendation.objects.get(case=case).rulebook_fit == "lebih_ringan"


def test_a_kind_the_person_s_rulebook_version_does_not_know_is_refused(personas: Personas) -> None:
    # a case judged under 2024.1 (before the catalogue) keeps its levels; one under 2026.1 names kinds
    old_text = (DATA_DIR / "versions" / "2024.1.yaml").read_text(encoding="utf-8")
    old = _forwarded(personas, ["N1"])
    person = old.reported.get()
    CaseReportedPerson.objects.filter(pk=person.pk).update(rulebook_version="2024.1")
    assert "2024.1" in old_text
    assert _recommend(personas, old, ["disiplin_sedang"]).rulebook_version == "2024.1"
    new = _forwarded(personas, ["N1"])
    before = new.events.count()
    with pytest.raises(CaseError, match=r"tidak ada di katalog aturan versi 2026\.2"):
        _recommend(personas, new, ["disiplin_sedang"])
    assert new.events.count() == before and not Recommendation.objects.filter(case=new).exists()
    resp = personas.client(personas.authority).post(
        f"/petugas/kasus/{new.pk}/rekomendasi/",
        {"letter_number": "R-1", "issued_on": TODAY().isoformat(), "kinds": ["disiplin_sedang"]},
    )
    assert resp.status_code == 400 and "2026.2" in resp.content.decode()
    page = personas.client(personas.authority).get(f"/petugas/kasus/{new.pk}/").content.decode()
    assert 'value="disiplin_sedang"' not in page and 'value="tukin_25_6"' in page


def test_a_newer_rulebook_version_does_not_change_what_a_person_was_judged_under(personas: Personas) -> None:
    case = _forwarded(personas, ["N1"])
    text = (DATA_DIR / "rulebook.yaml").read_text(encoding="utf-8")
    load_rulebook_text(text.replace('version: "2026.2"', 'version: "2099.1"', 1), actor=None)
    assert _recommend(personas, case, ["teguran_lisan"]).rulebook_version == "2026.2"


def test_a_contract_civil_servant_gets_the_kinds_of_a_contract(personas: Personas) -> None:
    case = make_case(personas.jepara)
    person = case.reported.get()
    actions.update_person_details(
        actor=personas.jepara, case=case, person_id=person.pk, employment="pppk", agency=None, position="Guru"
    )
    case = _forwarded(personas, ["D1"], case)
    with pytest.raises(CaseError, match="PPPK"):
        _recommend(personas, case, ["turun_jabatan_12"])
    rec = _recommend(personas, case, ["phk_dh_taps"])
    assert rec.rulebook_fit == "sesuai"
    detail = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.authority)}").get(
        f"/api/v1/cases/{case.pk}"
    )
    assert detail.json()["persons"][0]["employment"] == "pppk"


def test_the_ppk_is_compared_with_bkn(personas: Personas) -> None:
    case = _forwarded(personas, ["N2"])
    _recommend(personas, case, ["tukin_25_12"])
    person = case.reported.get()

    def decide(kinds: list[str]) -> Sanction:
        return actions.record_sanction(
            actor=personas.authority,
            case=case,
            kinds=kinds,
            decree_number="800/1",
            decided_on=TODAY(),
            person_id=person.pk,
        )

    same = decide(["tukin_25_12"])
    assert same.recommendation_fit == "sesuai" and same.rulebook_fit == "sesuai"  # never "lebih ringan"
    with pytest.raises(CaseError, match="setelah BKN memberi rekomendasi"):
        decide(["tukin_25_6"])  # the path has ended: one decision per person


def test_a_milder_ppk_decision_is_recorded_and_marked(personas: Personas) -> None:
    case = _forwarded(personas, ["N2"])
    _recommend(personas, case, ["tukin_25_12"])
    person = case.reported.get()
    ppk = personas.client(personas.agency)
    resp = ppk.post(
        f"/petugas/kasus/{case.pk}/sanksi/",
        {
            "person_id": person.pk,
            "kinds": ["tukin_25_6"],
            "decree_number": "800/2",
            "decided_on": TODAY().isoformat(),
        },
        follow=True,
    )
    body = resp.content.decode()
    assert "lebih ringan dari rekomendasi BKN" in body and 'data-recommendation-fit="lebih_ringan"' in body
    assert Sanction.objects.get(person=person).recommendation_fit == "lebih_ringan"


# --- one case, two people of two agencies, two outcomes ----------------------------------------


def _two_agencies(p: Personas) -> tuple[Case, CaseReportedPerson, CaseReportedPerson, User]:
    case = make_case(p.jepara)
    other = Agency.objects.filter(region__code__startswith="33.").exclude(code="pemkab-33-20").first()
    assert other is not None
    walk(case, p.jepara, "initial_review")
    actions.set_allegation(
        actor=p.jepara,
        case=case,
        rules=["N2"],
        add_persons=[actions.PersonInput("Siti Lain", "", other, "", "Kepala Dinas")],
    )
    case = walk(case, p.jepara, "registered", "clarification")
    actions.record_clarification(
        actor=p.jepara,
        case=case,
        held_on=TODAY(),
        place="Kantor",
        parties=[actions.PartyInput("saksi", "Saksi", attended=True)],
    )
    case = walk(case, p.jepara, "study")
    actions.record_study(
        actor=p.jepara, case=case, conclusion="Terbukti.", rules_found=["N2"], violation=True
    )
    case = walk(case, p.jepara, "forwarded")
    own = case.reported.get(agency__code="pemkab-33-20")
    foreign = case.reported.get(agency=other)
    other_agency = create_user(
        actor=None, username="bkd-lain", role=Role.AGENCY, region="33", agency_id=other.pk, password=PASSWORD
    )
    actions.record_recommendation(
        actor=p.authority, case=case, letter_number="R-2", issued_on=TODAY(), kinds=["tukin_25_9"]
    )
    return case, own, foreign, other_agency


def test_an_agency_names_its_own_civil_servant(personas: Personas) -> None:
    case, own, foreign, other_agency = _two_agencies(personas)

    def sanction(actor: User, person_id: int | None) -> Sanction:
        return actions.record_sanction(
            actor=actor,
            case=case,
            kinds=["tukin_25_9"],
            decree_number="800/1",
            decided_on=TODAY(),
            person_id=person_id,
        )

    for agency_user in (personas.agency, other_agency):
        with pytest.raises(CaseError, match="Pilih ASN terlapor"):
            sanction(agency_user, None)
    with pytest.raises(Forbidden):
        sanction(personas.agency, foreign.pk)
    assert not Sanction.objects.filter(case=case).exists()
    with pytest.raises(CaseError, match="Pilih ASN terlapor"):
        sanction(personas.authority, None)  # two people: say whom
    assert sanction(personas.agency, own.pk).person == own
    # the page offers each agency its own staff only
    page = personas.client(personas.agency).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert f'data-person="{own.pk}"' in page and f'action="/petugas/kasus/{case.pk}/sanksi/"' not in page
    page = personas.client(other_agency).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert (
        f'name="person_id" value="{foreign.pk}"' in page and f'name="person_id" value="{own.pk}"' not in page
    )


def test_two_people_two_outcomes_and_the_follow_up_list(personas: Personas) -> None:
    case, own, foreign, other_agency = _two_agencies(personas)
    actions.record_sanction(
        actor=personas.agency,
        case=case,
        kinds=["tukin_25_9"],
        decree_number="800/1",
        decided_on=TODAY(),
        person_id=own.pk,
    )
    case.refresh_from_db()
    assert case.state == "recommendation_received"  # one PPK has still to decide
    actions.record_ppk_no_action(
        actor=personas.authority, case=case, reason="Lewat batas waktu", person_id=foreign.pk
    )
    case.refresh_from_db()
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert (own.state, foreign.state, case.state) == ("sanctioned", "ppk_no_action", "ppk_no_action")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.authority)}")
    detail = api.get(f"/api/v1/cases/{case.pk}").json()
    states = {p["name"]: (p["state"], p["sanction"] is not None) for p in detail["persons"]}
    assert states == {own.name: ("sanctioned", True), foreign.name: ("ppk_no_action", False)}
    waiting = api.get("/api/v1/follow-ups", {"state": "overdue"}).json()
    assert [(w["case"], w["person"]["id"]) for w in waiting] == [(case.pk, foreign.pk)]
    assert api.get("/api/v1/follow-ups", {"state": "overdue", "agency": "pemkab-33-20"}).json() == []
    # an agency sees its own people only; the wrong agency, nothing of the other
    mine = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(other_agency)}")
    assert [w["person"]["id"] for w in mine.get("/api/v1/follow-ups").json()] == [foreign.pk]
    theirs = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.agency)}")
    assert theirs.get("/api/v1/follow-ups").json() == []
    for who in (personas.jatim, personas.analyst, personas.custodian):
        c = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(who)}")
        assert c.get("/api/v1/follow-ups").json() == []
    assert Client().get("/api/v1/follow-ups").status_code == 401
    bad = api.get("/api/v1/follow-ups", {"state": "kemarin"})
    assert bad.status_code == 422 and bad.json()["detail"]
    assert api.get("/api/v1/follow-ups", {"agency": "x" * 61}).status_code == 422
    assert api.get("/api/v1/follow-ups", {"limit": 10**6}).status_code == 422
    # BKN follows up, then the late PPK decides: every path ends, the case closes
    actions.record_escalation(
        actor=personas.authority,
        case=case,
        measure="Pemblokiran data kepegawaian di SIASN",
        letter_number="B-9",
        issued_on=TODAY(),
        person_id=foreign.pk,
    )
    actions.record_sanction(
        actor=other_agency,
        case=case,
        kinds=["tukin_25_9"],
        decree_number="800/9",
        decided_on=TODAY(),
        person_id=foreign.pk,
    )
    case.refresh_from_db()
    assert case.state == "closed"
    everyone = {
        w["person"]["id"]: w["person"] for w in api.get("/api/v1/follow-ups", {"state": "all"}).json()
    }
    assert everyone[foreign.pk]["follow_up"]["escalations"][0]["letter_number"] == "B-9"
    assert everyone[foreign.pk]["state"] == "sanctioned" and everyone[own.pk]["state"] == "sanctioned"
