"""Recommendations and sanctions against the rulebook's sanction types (issue 5), and the agency
naming whom it sanctions."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from jaganetral.accounts.actions import create_user
from jaganetral.accounts.models import Role
from jaganetral.cases import actions, sanctions
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import Case, CaseReportedPerson, Recommendation, Sanction
from jaganetral.reference.models import Agency
from jaganetral.rulebook.actions import SHIPPED_FILE, load_rulebook_text
from tests.cases.conftest import make_case, to_study, walk
from tests.conftest import PASSWORD, Personas

TODAY = timezone.localdate


# --- the pure mapping -------------------------------------------------------------------------


def test_rulebook_sanctions_name_the_sanction_types() -> None:
    assert sanctions.types_for("moral", "tertutup_terbuka") == ("moral_tertutup", "moral_terbuka")
    assert sanctions.types_for("disiplin", "berat") == ("disiplin_berat",)
    assert sanctions.types_for("disiplin", "ptdh") == ("ptdh",)
    assert sanctions.types_for("disiplin", "belum_pasti") == sanctions.DISCIPLINE
    assert sanctions.types_for("pidana", "penjara") == ()
    assert sanctions.types_for("none", "") == ()
    assert sanctions.types_for("disiplin", "sangat_berat") == ()


ROWS = [
    ("E1", "moral", "tertutup_terbuka"),
    ("D1", "disiplin", "berat"),
    ("D3", "disiplin", "sedang"),
    ("D5", "disiplin", "ptdh"),
    ("P1", "pidana", "kurungan"),
]


@pytest.mark.parametrize(
    ("found", "chosen", "fit", "codes"),
    [
        (["D1"], "disiplin_berat", "sesuai", ["D1"]),
        (["D1"], "disiplin_sedang", "lebih_ringan", []),
        (["D1"], "moral_terbuka", "lebih_ringan", []),
        (["D1"], "ptdh", "lebih_berat", []),
        (["E1"], "moral_tertutup", "sesuai", ["E1"]),
        (["E1"], "disiplin_sedang", "lebih_berat", []),
        (["E1", "D1"], "moral_terbuka", "sesuai", ["E1"]),
        (["E1", "D1"], "disiplin_berat", "sesuai", ["D1"]),
        (["D3", "D5"], "ptdh", "sesuai", ["D5"]),
        (["P1"], "disiplin_berat", "", []),  # a criminal rule has no administrative sanction
    ],
)
def test_a_type_is_judged_against_the_rules_found(
    found: list[str], chosen: str, fit: str, codes: list[str]
) -> None:
    result = sanctions.assess(sanctions.make_basis("2024.1", ROWS, found), chosen)
    assert (result.fit, result.rule_codes) == (fit, codes)
    assert result.version == "2024.1"


def test_a_type_unknown_to_the_version_is_refused_and_without_a_rulebook_nothing_is_judged() -> None:
    basis = sanctions.make_basis("2024.1", ROWS, ["D1"])
    assert "disiplin_ringan" not in (basis.known or ())  # no rule of these rows gives it
    with pytest.raises(sanctions.UnknownSanction, match=r"versi 2024\.1"):
        sanctions.assess(basis, "disiplin_ringan")
    with pytest.raises(sanctions.UnknownSanction):
        sanctions.assess(basis, "hukuman_mati")
    none = sanctions.make_basis("", [], ["D1"])
    assert sanctions.assess(none, "disiplin_ringan").fit == ""
    assert [v for v, _ in sanctions.choices(none)] == list(sanctions.ORDER)


# --- recorded on cases ------------------------------------------------------------------------


def _forwarded(p: Personas, rules: list[str]) -> Case:
    case = to_study(make_case(p.jepara), p.jepara)
    actions.record_study(actor=p.jepara, case=case, conclusion="Terbukti.", rules_found=rules, violation=True)
    return walk(case, p.jepara, "forwarded")


def _recommend(p: Personas, case: Case, sanction_type: str) -> Recommendation:
    return actions.record_recommendation(
        actor=p.authority, case=case, letter_number="R-1", issued_on=TODAY(), sanction_type=sanction_type
    )


def test_the_recommendation_records_the_rulebook_version_rules_and_fit(personas: Personas) -> None:
    case = _forwarded(personas, ["D5"])
    rec = _recommend(personas, case, "ptdh")
    assert (rec.rulebook_version, rec.rule_codes, rec.rulebook_fit) == ("2024.1", ["D5"], "sesuai")
    assert rec.expected_types == ["ptdh"]
    event = case.events.get(kind="recommendation_recorded")
    assert event.data["rulebook_fit"] == "sesuai" and event.data["rulebook_version"] == "2024.1"
    milder = _recommend(personas, case, "disiplin_berat")
    assert milder.rulebook_fit == "lebih_ringan" and milder.deviates and milder.rule_codes == []


def test_the_case_page_shows_the_rulebook_sanction_and_marks_a_milder_recommendation(
    personas: Personas,
) -> None:
    case = _forwarded(personas, ["D5"])
    bkn = personas.client(personas.authority)
    page = bkn.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Sanksi menurut katalog aturan versi 2024.1" in page
    assert "Pemberhentian tidak dengan hormat (PTDH) (sesuai katalog: D5)" in page
    resp = bkn.post(
        f"/petugas/kasus/{case.pk}/rekomendasi/",
        {"letter_number": "R-9", "issued_on": TODAY().isoformat(), "sanction_type": "moral_terbuka"},
        follow=True,
    )
    body = resp.content.decode()
    assert (
        "Perhatian: Sanksi moral: pernyataan terbuka lebih ringan dari katalog aturan" in body
    )  # the message
    assert 'data-rulebook-fit="lebih_ringan"' in body  # and the record on the page
    assert Recommendation.objects.get(case=case).rulebook_fit == "lebih_ringan"
    api = personas.client(personas.authority)
    detail = api.get(
        f"/api/v1/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.authority)}"
    ).json()
    assert detail["recommendations"][0]["rulebook_fit"] == "lebih_ringan"
    assert detail["recommendations"][0]["rulebook_expected"] == ["ptdh"]
    assert detail["sanction_basis"]["expected"] == ["ptdh"]


def test_a_type_the_case_rulebook_version_does_not_know_is_refused(personas: Personas) -> None:
    old_case = _forwarded(personas, ["N1"])  # judged under 2024.1, where N1 allows every level
    text = SHIPPED_FILE.read_text(encoding="utf-8")
    changed = text.replace('version: "2024.1"', 'version: "2099.1"', 1).replace(
        "sanction: {kind: disiplin, level: belum_pasti}", "sanction: {kind: disiplin, level: berat}", 1
    )
    assert changed.count("belum_pasti") == 0
    load_rulebook_text(changed, actor=None)
    new_case = _forwarded(personas, ["N1"])
    assert new_case.studies.get().rulebook_version == "2099.1"
    before = new_case.events.count()
    with pytest.raises(CaseError, match=r"tidak ada di katalog aturan versi 2099\.1"):
        _recommend(personas, new_case, "disiplin_ringan")
    assert new_case.events.count() == before and not Recommendation.objects.filter(case=new_case).exists()
    resp = personas.client(personas.authority).post(
        f"/petugas/kasus/{new_case.pk}/rekomendasi/",
        {"letter_number": "R-1", "issued_on": TODAY().isoformat(), "sanction_type": "disiplin_ringan"},
    )
    assert resp.status_code == 400 and "2099.1" in resp.content.decode()
    page = personas.client(personas.authority).get(f"/petugas/kasus/{new_case.pk}/").content.decode()
    assert 'value="disiplin_ringan"' not in page and 'value="disiplin_berat"' in page
    # the older case keeps the version it was judged under
    assert _recommend(personas, old_case, "disiplin_ringan").rulebook_version == "2024.1"
    assert _recommend(personas, new_case, "disiplin_berat").rulebook_fit == "sesuai"


def test_the_migration_judges_recorded_types_without_changing_them(personas: Personas) -> None:
    from importlib import import_module

    migration = import_module("jaganetral.cases.migrations.0004_rulebook_sanctions")
    case = _forwarded(personas, ["D1"])
    rec = _recommend(personas, case, "disiplin_sedang")
    Recommendation.objects.filter(pk=rec.pk).update(
        rulebook_version="", rule_codes=[], rulebook_fit="", expected_types=[]
    )
    migration.assess_recorded(apps, None)
    rec.refresh_from_db()
    assert rec.sanction_type == "disiplin_sedang"
    assert (rec.rulebook_version, rec.rulebook_fit, rec.expected_types) == (
        "2024.1",
        "lebih_ringan",
        ["disiplin_berat"],
    )


# --- the agency names whom it sanctions -------------------------------------------------------


def _recommended_two_agencies(p: Personas) -> tuple[Case, CaseReportedPerson, CaseReportedPerson]:
    case = make_case(p.jepara)
    other = Agency.objects.filter(region__code__startswith="33.").exclude(code="pemkab-33-20").first()
    assert other is not None
    walk(case, p.jepara, "initial_review")
    actions.set_allegation(
        actor=p.jepara,
        case=case,
        rules=["N1"],
        add_persons=[actions.PersonInput("Siti Lain", "", other, "", "Kepala Dinas")],
    )
    case = _forward_from_initial(p, case)
    _recommend(p, case, "disiplin_sedang")
    case = walk(case, p.authority, "recommendation_received")
    own = case.reported.get(agency__code="pemkab-33-20")
    foreign = case.reported.get(agency=other)
    return case, own, foreign


def _forward_from_initial(p: Personas, case: Case) -> Case:
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
        actor=p.jepara, case=case, conclusion="Terbukti.", rules_found=["N1"], violation=True
    )
    return walk(case, p.jepara, "forwarded")


def test_an_agency_must_name_its_own_civil_servant(personas: Personas) -> None:
    case, own, foreign = _recommended_two_agencies(personas)
    other_agency = create_user(
        actor=None,
        username="bkd-lain",
        role=Role.AGENCY,
        region="33",
        agency_id=foreign.agency_id,
        password=PASSWORD,
    )

    def sanction(actor: object, person_id: int | None) -> Sanction:
        return actions.record_sanction(
            actor=actor,  # type: ignore[arg-type]
            case=case,
            sanction_type="disiplin_sedang",
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
    assert sanction(personas.agency, own.pk).person == own
    assert sanction(other_agency, foreign.pk).person == foreign
    assert sanction(personas.authority, None).person is None  # the authority may record for the case

    # the page offers the agency its own staff only, and refuses a sanction naming no one
    ppk = personas.client(personas.agency)
    page = ppk.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert f'value="{own.pk}" selected' in page and f'value="{foreign.pk}"' not in page
    resp = ppk.post(
        f"/petugas/kasus/{case.pk}/sanksi/",
        {"sanction_type": "disiplin_sedang", "decree_number": "800/2", "decided_on": TODAY().isoformat()},
    )
    assert resp.status_code == 400 and "Pilih ASN terlapor" in resp.content.decode()
    api = personas.client(personas.agency)
    resp = api.post(
        f"/api/v1/cases/{case.pk}/sanctions",
        {"sanction_type": "disiplin_sedang", "decree_number": "800/3", "decided_on": TODAY().isoformat()},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.agency)}",
    )
    assert resp.status_code == 400 and "terlapor" in resp.json()["detail"]
    assert Sanction.objects.filter(case=case).count() == 3
