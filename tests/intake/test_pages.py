"""The public pages under /lapor/: form, receipt, status with the receipt typed in a form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from jaganetral.intake.models import Report
from jaganetral.lib import receipt as receipt_lib
from tests.intake.conftest import (
    IDENTITY_NAME,
    PDF_BYTES,
    jpeg_with_gps,
    long_ago,
    png_bytes,
    report_post,
    upload,
)

pytestmark = pytest.mark.django_db


def _receipt_from(page: bytes) -> str:
    text = page.decode()
    start = text.index('data-testid="receipt"')
    start = text.index(">", start) + 1
    return re.sub(r"<[^>]+>", "", text[start : text.index("</p>", start)]).strip()


def test_the_form_page_explains_the_window_and_lists_regions(refdata: None) -> None:
    page = Client().get("/lapor/")
    assert page.status_code == 200
    assert b"Kabupaten Jepara" in page.content
    assert b"hari kerja untuk Pemilu" in page.content
    assert b'name="website"' in page.content  # honeypot


def test_submitting_the_form_shows_the_receipt_once_and_opens_the_status(refdata: None) -> None:
    client = Client()
    resp = client.post("/lapor/", {**report_post(), "files": [upload("a.jpg", jpeg_with_gps())]})
    assert resp.status_code == 201
    assert "no-store" in resp["Cache-Control"]
    code = _receipt_from(resp.content)
    receipt_lib.normalize(code)
    assert code.encode() not in Report.objects.get().receipt_hash.encode()
    # the receipt is never in a URL: the status page is reached by posting it
    other = Client()
    assert b"Kode tanda terima" in other.get("/lapor/status/").content
    resp = other.post("/lapor/status/", {"receipt": code.replace("-", " ").lower()})
    assert resp.status_code == 302 and resp["Location"] == "/lapor/status/"
    page = other.get("/lapor/status/")
    assert b"Diterima" in page.content and b"JPEG" in page.content


def test_status_forms_reply_add_evidence_add_identity(refdata: None) -> None:
    client = Client()
    client.post("/lapor/", report_post())
    assert client.post("/lapor/status/balas/", {"body": "Tambahan keterangan."}).status_code == 302
    resp = client.post(
        "/lapor/status/bukti/", {"links": "https://youtu.be/xyz", "files": [upload("s.pdf", PDF_BYTES)]}
    )
    assert resp.status_code == 302
    resp = client.post("/lapor/status/bukti/", {"files": [upload("s.png", PDF_BYTES)]})
    assert resp.status_code == 400 and b"tidak cocok" in resp.content
    assert client.post("/lapor/status/identitas/", {"name": ""}).status_code == 400
    assert (
        client.post("/lapor/status/identitas/", {"name": IDENTITY_NAME, "phone": "0812"}).status_code == 302
    )
    report = Report.objects.get()
    assert report.anonymity == "confidential" and report.identity_sealed.startswith("s1.")
    assert report.evidence.count() == 1 and report.links.count() == 2
    # the identity cannot be replaced or removed
    resp = client.post("/lapor/status/identitas/", {"name": "Orang Lain"})
    assert resp.status_code == 400 and b"tidak dapat diubah" in resp.content
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "reporter_replied", "evidence_added", "identity_added"]


def test_status_actions_need_a_session(refdata: None) -> None:
    client = Client()
    assert client.post("/lapor/status/balas/", {"body": "x"}).status_code == 404
    assert client.post("/lapor/status/tanda-terima/").status_code == 404
    client.post("/lapor/", report_post())
    client.post("/lapor/status/selesai/")
    assert client.post("/lapor/status/balas/", {"body": "x"}).status_code == 404


def test_wrong_receipt_and_throttling_on_the_page(refdata: None, settings: Any) -> None:
    settings.INTAKE_LOOKUP_RATE = (3, 600)
    client = Client()
    assert client.post("/lapor/status/", {"receipt": ""}).status_code == 400
    for _ in range(2):
        resp = client.post("/lapor/status/", {"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE"})
        assert resp.status_code == 404 and b"tidak dikenal" in resp.content
    assert client.post("/lapor/status/", {"receipt": "AAAA-BBBB-CCCC-DDDD-EEEF"}).status_code == 404
    resp = client.post("/lapor/status/", {"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert resp.status_code == 429 and b"Terlalu banyak" in resp.content


def test_bad_form_input_shows_indonesian_errors(refdata: None) -> None:
    resp = Client().post("/lapor/", report_post(reported_nip="12345", what="<b>tebal</b>"))
    assert resp.status_code == 400
    assert b"NIP harus 18 angka" in resp.content and b"HTML" in resp.content
    assert Report.objects.count() == 0


def test_oversized_form_post_gets_413(refdata: None) -> None:
    resp = Client().post("/lapor/", report_post(), CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert resp.status_code == 413 and b"terlalu besar" in resp.content


def test_the_deadline_preview(refdata: None) -> None:
    resp = Client().get(
        "/lapor/batas-waktu/", {"known_date": "2024-04-05", "election": "pemilu-2024", "region": "33.20"}
    )
    assert resp.status_code == 200
    # 7 working days from 5 April 2024 skip Idul Fitri and cuti bersama: 24 April
    assert b"24-04-2024" in resp.content and b"hari kerja" in resp.content
    resp = Client().get("/lapor/batas-waktu/", {"known_date": "bukan tanggal"})
    assert resp.status_code == 200 and b"Isi tanggal diketahui" in resp.content


def test_pilkada_counts_calendar_days_and_a_late_report_says_why(refdata: None) -> None:
    resp = Client().post(
        "/lapor/",
        report_post(
            election="pilkada-2024", event_date=long_ago(30).isoformat(), known_date=long_ago(20).isoformat()
        ),
    )
    assert resp.status_code == 201
    report = Report.objects.get()
    assert not report.on_time
    assert (report.deadline - report.known_date).days == 7
    assert "hari kalender" in report.deadline_note and "syarat formil" in report.deadline_note
    assert report.deadline_note.encode() in resp.content


def test_png_and_pdf_and_the_tanda_terima_pdf(refdata: None) -> None:
    client = Client()
    resp = client.post(
        "/lapor/", {**report_post(), "files": [upload("a.png", png_bytes()), upload("b.pdf", PDF_BYTES)]}
    )
    assert resp.status_code == 201
    pdf = client.post("/lapor/status/tanda-terima/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment")


def test_oversized_evidence_post_on_the_status_page_gets_413(refdata: None) -> None:
    client = Client()
    client.post("/lapor/", report_post())
    resp = client.post("/lapor/status/bukti/", {"links": ""}, CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert resp.status_code == 413 and b"terlalu besar" in resp.content


def test_home_and_navigation_link_to_reporting(personas: Any) -> None:
    home = Client().get("/")
    assert b'href="/lapor/"' in home.content and b'href="/lapor/status/"' in home.content
    staff = personas.client(personas.jepara).get("/")
    assert b'href="/petugas/laporan/"' in staff.content
    custodian = personas.client(personas.custodian).get("/")
    assert b'href="/petugas/laporan/akses/"' in custodian.content
