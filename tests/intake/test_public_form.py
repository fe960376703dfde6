"""The public report form on an error keeps everything entered (files included) and lists the errors
at its top with links to the fields; region and agency are typed by name; no demo election; a
warning (never a refusal) when the event date is far from the chosen election."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client

from jaganetral.cases.demo import ELECTION_CODE, ELECTION_FILE
from jaganetral.intake import evidence
from jaganetral.intake.forms import ReportForm
from jaganetral.intake.models import Report
from jaganetral.intake.selectors import election_for
from jaganetral.reference.actions import load_election_file
from jaganetral.reference.models import Agency, Election, Region
from jaganetral.reference.selectors import DEMO_CODE_SUFFIX, is_demo
from tests.intake.conftest import PDF_BYTES, png_bytes, report_post, upload

pytestmark = pytest.mark.django_db


def _held_tokens(page: bytes) -> list[str]:
    return re.findall(r'name="held" value="([^"]+)"', page.decode())


def _files_on_disk() -> list[Path]:
    root = Path(settings.INTAKE_EVIDENCE_DIR)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- keeping what was entered ----------------------------------------------------------------


def test_an_error_keeps_the_photo_and_lists_the_errors_at_the_top(refdata: None) -> None:
    client = Client()
    data = report_post(what="", place="Balai desa Tahunan", reported_position="Camat Tahunan")
    resp = client.post("/lapor/", {**data, "files": [upload("foto-kampanye.png", png_bytes())]})
    assert resp.status_code == 400
    assert Report.objects.count() == 0
    page = resp.content.decode()
    # the summary comes before the form, links to the field, and is where the browser lands
    assert page.index('class="error-summary"') < page.index('<form method="post" action="/lapor/#kesalahan"')
    assert '<a href="#id_what">Apa yang terjadi: ' in page
    assert 'id="kesalahan"' in page and "autofocus" in page
    assert "Ada yang perlu diperbaiki" in page
    # what was typed is still there, and the photo is listed as still attached
    assert 'value="Camat Tahunan"' in page and 'value="33.20"' in page
    assert "foto-kampanye.png" in page
    [token] = _held_tokens(resp.content)
    assert len(_files_on_disk()) == 2  # the original and its clean copy, held

    # sent again with the error fixed, without choosing the file again: it goes with the report
    resp = client.post("/lapor/", {**data, "what": "Camat berkampanye.", "held": [token]})
    assert resp.status_code == 201, resp.content.decode()[:2000]
    report = Report.objects.get()
    [ev] = report.evidence.all()
    assert ev.kind == "png" and ev.clean_path
    assert ev.original_path.startswith(f"{report.uid}/")
    assert all(p.parent.name == str(report.uid) for p in _files_on_disk())
    assert evidence.path_of(ev.original_path).read_bytes() == png_bytes()

    # the same token again (a second tab, a replay): the file has gone with the first report
    resp = client.post("/lapor/", {**data, "what": "Lagi.", "held": [token]})
    assert resp.status_code == 400 and "tidak lagi tersimpan" in resp.content.decode()
    assert Report.objects.count() == 1


def test_unticking_a_held_file_leaves_it_out_and_new_files_join_the_held_ones(refdata: None) -> None:
    client = Client()
    resp = client.post("/lapor/", {**report_post(what=""), "files": [upload("a.png", png_bytes())]})
    [token] = _held_tokens(resp.content)
    resp = client.post(
        "/lapor/", {**report_post(what=""), "held": [token], "files": [upload("b.pdf", PDF_BYTES)]}
    )
    assert resp.status_code == 400
    assert len(_held_tokens(resp.content)) == 2 and "a.png" in resp.content.decode()
    resp = client.post("/lapor/", {**report_post(), "held": _held_tokens(resp.content)[1:]})
    assert resp.status_code == 201
    assert [e.kind for e in Report.objects.get().evidence.all()] == ["pdf"]


def test_a_refused_file_is_named_in_the_summary_and_the_good_one_is_kept(refdata: None) -> None:
    files = [upload("bukan-foto.png", b"MZ\x90\x00 not an image"), upload("bukti.pdf", PDF_BYTES)]
    resp = Client().post("/lapor/", {**report_post(), "files": files})
    assert resp.status_code == 400
    page = resp.content.decode()
    assert re.search(r'<a href="#id_files">Berkas bukti: bukan-foto\.png: ', page)
    assert "bukti.pdf" in page and len(_held_tokens(resp.content)) == 1
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "token",
    [
        "rusak",
        signing.dumps(
            {"u": "00000000-0000-0000-0000-000000000000", "e": "png", "n": "x", "s": 1}, salt="lain"
        ),
        signing.dumps(
            {"u": "00000000-0000-0000-0000-000000000000", "e": "png", "n": "x.png", "s": 1},
            salt=evidence.HOLD_SALT,
        ),
        signing.dumps({"u": "../../etc/passwd", "e": "png", "n": "x", "s": 1}, salt=evidence.HOLD_SALT),
        "x" * 5000,
    ],
)
def test_forged_or_unknown_held_tokens_are_a_clear_error(refdata: None, token: str) -> None:
    resp = Client().post("/lapor/", {**report_post(), "held": [token]})
    assert resp.status_code == 400
    assert "lampirkan lagi" in resp.content.decode()
    assert Report.objects.count() == 0


def test_an_expired_held_file_is_a_clear_error(refdata: None, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    resp = client.post("/lapor/", {**report_post(what=""), "files": [upload("a.png", png_bytes())]})
    [token] = _held_tokens(resp.content)
    monkeypatch.setattr(evidence, "HOLD_SECONDS", -1)
    resp = client.post("/lapor/", {**report_post(), "held": [token]})
    assert resp.status_code == 400 and "kedaluwarsa" in resp.content.decode()


def test_held_files_count_towards_the_caps(refdata: None, settings: Any) -> None:
    settings.INTAKE_MAX_FILES = 1
    client = Client()
    resp = client.post("/lapor/", {**report_post(what=""), "files": [upload("a.png", png_bytes())]})
    [token] = _held_tokens(resp.content)
    resp = client.post("/lapor/", {**report_post(), "held": [token], "files": [upload("b.pdf", PDF_BYTES)]})
    assert resp.status_code == 400 and "Paling banyak 1 berkas" in resp.content.decode()
    assert len(_held_tokens(resp.content)) == 2  # nothing dropped: the reporter unticks one
    assert Report.objects.count() == 0


def test_the_honeypot_and_refusals_still_show(refdata: None, settings: Any) -> None:
    resp = Client().post("/lapor/", report_post(website="http://spam.example"))
    assert resp.status_code == 400 and "tidak dapat diproses" in resp.content.decode()
    settings.INTAKE_SUBMIT_RATE = (1, 3600)
    client = Client()
    client.post("/lapor/", report_post(what=""))
    resp = client.post("/lapor/", report_post(place="Kantor kecamatan Bangsri"))
    assert resp.status_code == 429
    assert 'value="Kantor kecamatan Bangsri"' in resp.content.decode()  # typed text kept


def test_identity_errors_open_the_identity_section(refdata: None) -> None:
    resp = Client().post("/lapor/", report_post(email="bukan-surel"))
    page = resp.content.decode()
    assert resp.status_code == 400 and '<a href="#id_email">' in page
    assert "<details open>" in page


# --- region and agency typed by name -----------------------------------------------------------


@pytest.mark.parametrize("typed", ["Kabupaten Jepara", "kab. jepara", "Jepara", " JEPARA ", "33.20", "3320"])
def test_the_region_is_found_from_what_was_typed(refdata: None, typed: str) -> None:
    resp = Client().post("/lapor/", report_post(region=typed))
    assert resp.status_code == 201
    assert Report.objects.get().region_id == "33.20"


def test_a_province_can_be_picked(refdata: None) -> None:
    assert Client().post("/lapor/", report_post(region="Provinsi Jawa Tengah")).status_code == 201
    assert Report.objects.get().region_id == "33"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Bandung", "Kabupaten Bandung; Kota Bandung"),
        ("Jeparra", "Kabupaten Jepara"),
        ("Atlantis", "tidak ada di daftar"),
        ("99.99", "tidak ada di data referensi"),
        ("J" * 121, "paling banyak"),
        ("<script>", "tidak ada di daftar"),
    ],
)
def test_an_unclear_region_is_an_error_with_suggestions(refdata: None, typed: str, says: str) -> None:
    resp = Client().post("/lapor/", report_post(region=typed))
    assert resp.status_code == 400
    assert says in resp.content.decode().replace("&#x27;", "'")
    assert "<script>" not in resp.content.decode().split('id="isi"')[1]
    assert Report.objects.count() == 0


def test_the_form_page_offers_regions_and_agencies_as_searchable_lists(refdata: None) -> None:
    page = Client().get("/lapor/").content.decode()
    assert '<input type="text" name="region" id="id_region" list="daftar-wilayah"' in page
    assert '<option value="Kabupaten Jepara" label="Jawa Tengah">' in page
    assert 'list="daftar-instansi"' in page
    assert '<option value="Pemerintah Kabupaten Jepara">' in page
    assert '<select name="region"' not in page


def test_the_agency_is_found_by_name_or_kept_as_written(refdata: None) -> None:
    client = Client()
    data = report_post(reported_agency_name="")
    assert (
        client.post("/lapor/", {**data, "reported_agency": "pemerintah kabupaten jepara"}).status_code == 201
    )
    person = Report.objects.get().reported.get()
    assert person.agency == Agency.objects.get(code="pemkab-33-20") and person.agency_name == ""
    Report.objects.all().delete()
    assert client.post("/lapor/", {**data, "reported_agency": "BKN"}).status_code == 201
    assert Report.objects.get().reported.get().agency == Agency.objects.get(code="bkn")
    Report.objects.all().delete()
    assert client.post("/lapor/", {**data, "reported_agency": "Puskesmas Mlonggo"}).status_code == 201
    person = Report.objects.get().reported.get()
    assert person.agency is None and person.agency_name == "Puskesmas Mlonggo"


def test_the_api_still_wants_codes(refdata: None) -> None:
    resp = Client().post("/api/v1/reports", report_post(region="Kabupaten Jepara"))
    assert resp.status_code == 400 and "Pilih wilayah" in resp.json()["detail"]
    agency = Agency.objects.get(code="pemkab-33-20")
    resp = Client().post("/api/v1/reports", report_post(reported_agency=str(agency.pk)))
    assert resp.status_code == 201
    assert Report.objects.get().reported.get().agency == agency


# --- no demo data ------------------------------------------------------------------------------


@pytest.fixture
def demo_election(refdata: None) -> Election:
    election = load_election_file(ELECTION_FILE)
    assert election.code == ELECTION_CODE and is_demo(election)
    return election


def test_the_demo_election_is_marked_by_its_code() -> None:
    assert ELECTION_CODE.endswith(DEMO_CODE_SUFFIX)
    assert "(data contoh)" in ELECTION_FILE.read_text(encoding="utf-8")


def test_the_demo_election_is_not_offered_nor_accepted_nor_chosen(demo_election: Election) -> None:
    page = Client().get("/lapor/").content.decode()
    assert "data contoh" not in page and ELECTION_CODE not in page
    assert "Pemilihan Umum" in page or "Pemilu" in page  # the real ones are there
    resp = Client().post("/lapor/", report_post(election=ELECTION_CODE))
    assert resp.status_code == 400 and Report.objects.count() == 0
    # an event in Central Java during the demo's Pilkada never lands in the demo election
    assert election_for(Region.objects.get(code="33.20"), date(2020, 11, 1)) is None
    form = ReportForm(report_post(event_date="2020-11-01", known_date="2020-11-02"))
    assert form.is_valid(), form.errors
    assert form.to_input().election is None


# --- the date warning --------------------------------------------------------------------------


def test_an_event_far_from_the_chosen_election_gets_a_warning_not_a_refusal(refdata: None) -> None:
    far = report_post(election="pemilu-2019")  # the event is days ago; Pemilu 2019 voted in April 2019
    preview = Client().get("/lapor/batas-waktu/", far)
    assert preview.status_code == 200 and "di luar masa" in preview.content.decode()
    assert "17-04-2019" in preview.content.decode()
    with_error = Client().post("/lapor/", {**far, "what": ""})
    assert with_error.status_code == 400 and "di luar masa" in with_error.content.decode()
    sent = Client().post("/lapor/", far)
    assert sent.status_code == 201 and "di luar masa" in sent.content.decode()
    assert Report.objects.get().election.code == "pemilu-2019"


def test_no_warning_inside_the_period_or_without_an_election(refdata: None) -> None:
    inside = report_post(election="pemilu-2024", event_date="2024-01-20", known_date="2024-01-21")
    assert "di luar masa" not in Client().get("/lapor/batas-waktu/", inside).content.decode()
    assert "di luar masa" not in Client().get("/lapor/batas-waktu/", report_post()).content.decode()
    sent = Client().post("/lapor/", report_post())
    assert sent.status_code == 201 and "di luar masa" not in sent.content.decode()


def test_the_summary_links_the_radio_buttons_too(refdata: None) -> None:
    page = Client().post("/lapor/", report_post(anonymity="")).content.decode()
    assert '<a href="#id_anonymity_0">Identitas pelapor: ' in page
    assert 'id="id_anonymity_0"' in page
