"""The case page by steps of the procedure: tabs, one form per decision from the workflow table,
stop reasons only those valid for the case, attendees as rows kept on an error."""

from __future__ import annotations

import re

import pytest

from jaganetral.cases import actions
from jaganetral.cases.models import Case, Clarification
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import make_case, to_study, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def _finding(personas: Personas) -> Case:
    return actions.record_finding(
        actor=personas.jepara,
        data=actions.FindingInput(
            election=Election.objects.get(code="pemilu-2024"),
            region=Region.objects.get(pk="33.20"),
            summary="Camat memakai atribut partai saat apel.",
            persons=[actions.PersonInput("Budi Santoso", "", None, "", "Camat")],
            rules=["N1"],
        ),
    )


def test_a_finding_offers_no_withdrawal_by_a_reporter(personas: Personas) -> None:
    case = walk(_finding(personas), personas.jepara, "initial_review")
    client = personas.client(personas.jepara)
    html = client.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert 'data-action="registered"' in html and 'data-action="not_registered"' in html
    assert 'data-action="stopped"' not in html and "dicabut pelapor" not in html
    bad = client.post(
        f"/petugas/kasus/{case.pk}/langkah/", {"target": "stopped", "reason": "x", "stop_reason": "withdrawn"}
    )
    assert bad.status_code == 400 and "tidak ada pelapor" in bad.content.decode()
    assert Case.objects.get(pk=case.pk).state == "initial_review"


def test_stop_after_study_offers_only_its_reasons(personas: Personas) -> None:
    case = to_study(make_case(personas.jepara), personas.jepara)
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Tidak", rules_found=[], violation=False
    )
    html = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    block = html[html.index('data-action="stopped"') :]
    block = block[: block.index("</article>")]
    values = re.findall(r'<option value="([a-z_]+)">', block)
    assert sorted(values) == ["elements_not_met", "expired", "not_proven"]
    assert "Dicabut sebelum registrasi" not in block
    # forwarding is shown but cannot be taken: the study found no violation, and it says so
    fwd = html[html.index('data-action="forwarded"') :]
    assert "disabled" in fwd[: fwd.index("</article>")] and "tidak menyatakan pelanggaran" in fwd


def test_tabs_show_each_step_and_refuse_nothing_odd(personas: Personas) -> None:
    case = to_study(make_case(personas.jepara), personas.jepara)
    client = personas.client(personas.jepara)
    html = client.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert 'data-step-shown="kajian"' in html and 'aria-current="step"' in html
    assert "Simpan kajian" in html
    past = client.get(f"/petugas/kasus/{case.pk}/?langkah=klarifikasi").content.decode()
    assert 'data-step-shown="klarifikasi"' in past and "Saksi Satu" in past
    assert "data-step-actions" not in past  # decisions only on the current step
    for odd in ("zzz", "x" * 5000, "<script>"):
        page = client.get(f"/petugas/kasus/{case.pk}/", {"langkah": odd})
        assert page.status_code == 200 and 'data-step-shown="kajian"' in page.content.decode()
    for who in (personas.jatim, personas.authority):
        assert personas.client(who).get(f"/petugas/kasus/{case.pk}/?langkah=kajian").status_code == 404


def test_attendees_are_rows_and_are_kept_on_an_error(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered", "clarification")
    client = personas.client(personas.jepara)
    html = client.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert 'name="party_name_0" value="Budi Santoso"' in html and "peran | nama" not in html
    rows = {
        "held_on": "2024-01-01",
        "place": "Kantor",
        "party_role_0": "terlapor",
        "party_name_0": "Budi Santoso",
        "party_role_1": "saksi",
        "party_name_1": "",  # a witness without a name
        "party_attended_1": "on",
        "statement": "Keterangan panjang yang sudah diketik.",
    }
    bad = client.post(f"/petugas/kasus/{case.pk}/klarifikasi/", rows)
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Isi nama setiap pihak" in page
    assert 'name="party_name_0" value="Budi Santoso"' in page
    assert "Keterangan panjang yang sudah diketik." in page
    too_many = {**rows, **{f"party_role_{i}": "saksi" for i in range(60)}}
    assert client.post(f"/petugas/kasus/{case.pk}/klarifikasi/", too_many).status_code == 400
    ok = client.post(
        f"/petugas/kasus/{case.pk}/klarifikasi/",
        {**rows, "party_name_1": "Ahmad", "party_role_2": "pelapor", "party_name_2": ""},
    )
    assert ok.status_code == 302
    record = Clarification.objects.get(case=case)
    assert record.parties == [
        {"role": "terlapor", "name": "Budi Santoso", "attended": False},
        {"role": "saksi", "name": "Ahmad", "attended": True},
        {"role": "pelapor", "name": "Pelapor", "attended": False},
    ]
    for who in (personas.authority, personas.agency, personas.jatim):
        assert personas.client(who).post(f"/petugas/kasus/{case.pk}/klarifikasi/", rows).status_code in (
            403,
            404,
        )
