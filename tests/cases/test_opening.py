"""Opening a case from the report's page with rule suggestions chosen by a click, the election and
the codes kept on an error, findings with suggestions, and duplicate hints (same NIP, same account,
similar story) — only from cases in the actor's scope."""

from __future__ import annotations

import pytest

from jaganetral.cases import actions, duplicates
from jaganetral.cases.models import Case
from jaganetral.intake.models import ReportLink
from tests.cases.conftest import make_case, make_report
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_report_page_has_an_open_case_button(personas: Personas) -> None:
    report = make_report()
    html = personas.client(personas.jepara).get(f"/petugas/laporan/{report.pk}/").content.decode()
    assert f"/petugas/kasus/laporan-masuk/{report.pk}/buka/" in html


def test_open_page_suggests_rules_from_the_report_text(personas: Personas) -> None:
    report = make_report()
    page = personas.client(personas.jepara).get(f"/petugas/kasus/laporan-masuk/{report.pk}/buka/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="suggested"' in html and "data-suggestions" in html
    # "Camat mengajak warga memilih pasangan calon nomor 2" is a campaign invitation
    codes = [s.code for s in page.context["suggestions"] and [r["s"] for r in page.context["suggestions"]]]
    assert codes, "the matcher suggests at least one rule"
    chosen = codes[0]
    resp = personas.client(personas.jepara).post(
        f"/petugas/kasus/laporan-masuk/{report.pk}/buka/", {"suggested": [chosen], "rules": ""}
    )
    assert resp.status_code == 302
    case = Case.objects.get(report=report)
    assert case.alleged_rules == [chosen]


def test_codes_and_election_are_kept_on_an_error(personas: Personas) -> None:
    report = make_report(election=None)
    url = f"/petugas/kasus/laporan-masuk/{report.pk}/buka/"
    client = personas.client(personas.jepara)
    resp = client.post(url, {"suggested": ["N1"], "rules": "D4, zz!!"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="N1" checked' in html  # the ticked suggestion stays ticked
    assert 'value="D4, zz!!"' in html  # the typed codes stay
    assert "Pilih pemilihan" in html or "tidak dikenal" in html.lower() or "kode" in html.lower()
    # the election chosen is kept when the codes are wrong
    from jaganetral.reference.models import Election

    election = Election.objects.get(code="pemilu-2024")
    resp = client.post(url, {"election": election.pk, "suggested": ["N1"], "rules": "ZZ99"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert f'<option value="{election.pk}" selected>' in html
    assert 'value="ZZ99"' in html
    assert not Case.objects.filter(report=report).exists()


def test_open_page_refuses_the_wrong_people_and_bad_input(personas: Personas) -> None:
    report = make_report()
    url = f"/petugas/kasus/laporan-masuk/{report.pk}/buka/"
    assert personas.client(personas.jatim).get(url).status_code == 404
    for who in (personas.authority, personas.agency):
        assert personas.client(who).get(url).status_code == 403
    for who in (personas.analyst, personas.custodian):
        assert personas.client(who).get(url).status_code == 403
    client = personas.client(personas.jepara)
    assert client.post(url, {"suggested": ["<script>"]}).status_code == 400
    assert client.post(url, {"rules": "N1," * 400}).status_code == 400  # longer than 400 characters
    assert client.post(url, {"suggested": ["N1"] * 5000}).status_code in (400, 302)
    assert client.get("/petugas/kasus/laporan-masuk/99999999/buka/").status_code == 404


def test_duplicate_hints_same_nip_account_and_story_in_scope_only(personas: Personas) -> None:
    first = make_case(personas.jepara)
    ReportLink.objects.create(report=first.report, url="https://www.instagram.com/camat.tahunan/p/abc/")
    second = make_report(name="Budi S.")
    ReportLink.objects.create(report=second, url="https://instagram.com/camat.tahunan")
    page = personas.client(personas.jepara).get(f"/petugas/kasus/laporan-masuk/{second.pk}/buka/")
    html = page.content.decode()
    assert "data-duplicate-hints" in html and first.reference in html
    reasons = " ".join(r for h in page.context["hints"] for r in h.reasons)
    assert "NIP yang sama" in reasons and "instagram.com/camat.tahunan" in reasons and "mirip" in reasons
    # a supervisor of another province sees no hint of a case they cannot see
    other = make_report(region="35.78")
    html = (
        personas.client(personas.jatim).get(f"/petugas/kasus/laporan-masuk/{other.pk}/buka/").content.decode()
    )
    assert first.reference not in html
    # on the case page the hint offers to link, and the link is recorded
    case = actions.register_case_from_report(actor=personas.jepara, report=second, rules=["N1"])
    detail = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Tautkan sebagai duplikat" in detail and first.reference in detail
    resp = personas.client(personas.jepara).post(
        f"/petugas/kasus/{case.pk}/tautkan/", {"other": first.pk, "kind": "duplicate"}
    )
    assert resp.status_code == 302
    assert case.links_out.filter(other=first, kind="duplicate").exists()


def test_account_of_links() -> None:
    assert (
        duplicates.account_of("https://www.instagram.com/camat.tahunan/p/xyz/")
        == "instagram.com/camat.tahunan"
    )
    assert duplicates.account_of("https://twitter.com/@Camat/status/1") == "x.com/camat"
    assert duplicates.account_of("https://www.instagram.com/p/xyz/") == ""
    assert duplicates.account_of("https://example.com/camat") == ""
    assert duplicates.account_of("not a url") == ""


def test_finding_form_suggests_rules_and_keeps_everything(personas: Personas) -> None:
    from jaganetral.reference.models import Election

    client = personas.client(personas.jepara)
    data = {
        "election": Election.objects.get(code="pemilu-2024").pk,
        "region": "33.20",
        "summary": "Kepala dinas mengajak warga memilih pasangan calon nomor 2 di acara desa.",
        "person_name": "Joko Widodo Camat",
        "person_nip": "198609262015051001",
        "rules": "D4",
        "suggest": "1",
    }
    page = client.post("/petugas/kasus/temuan/baru/", data)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="suggested"' in html and "Joko Widodo Camat" in html and 'value="D4"' in html
    code = page.context["suggestions"][0]["s"].code
    del data["suggest"]
    resp = client.post("/petugas/kasus/temuan/baru/", {**data, "suggested": [code], "rules": ""})
    assert resp.status_code == 302
    case = Case.objects.get(source="temuan")
    assert case.alleged_rules == [code]
    for who in (personas.authority, personas.analyst):
        assert personas.client(who).post("/petugas/kasus/temuan/baru/", data).status_code == 403
