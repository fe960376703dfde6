from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from jaganetral.core.models import AuditEvent
from jaganetral.intake.models import Evidence, Report, ReportEvent
from jaganetral.lib import pow as pow_lib
from jaganetral.lib import receipt as receipt_lib
from tests.intake.conftest import (
    PDF_BYTES,
    jpeg_with_gps,
    long_ago,
    png_bytes,
    report_post,
    submit,
    upload,
)

pytestmark = pytest.mark.django_db


def _detail(resp: Any) -> str:
    body = resp.json()
    assert set(body) == {"detail"}
    return str(body["detail"])


def test_an_anonymous_report_gets_a_receipt_and_lands_in_the_database(refdata: None) -> None:
    resp = submit(Client(), {**report_post(), "files": [upload("foto.jpg", jpeg_with_gps())]})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    code = receipt_lib.normalize(body["receipt"])
    assert len(body["receipt"]) == 24 and body["receipt"].count("-") == 4
    assert body["status_url"].endswith("/api/v1/reports/status")
    assert body["on_time"] is True
    report = Report.objects.get()
    assert report.region_id == "33.20"
    assert report.identity_sealed == "" and report.anonymity == "anonymous"
    assert report.receipt_prefix == code[:4]
    assert code not in report.receipt_hash and report.receipt_hash.startswith("$argon2id$")
    assert report.reported.get().nip == "198609262015051001"
    assert report.links.get().url == "https://www.instagram.com/p/abc123/"
    assert report.links.get().submitted_at is not None
    assert ReportEvent.objects.filter(report=report, kind="submitted").exists()
    assert AuditEvent.objects.filter(action="intake.report_submitted", object_id=str(report.pk)).exists()


def test_status_replies_and_files_with_the_receipt_header(refdata: None) -> None:
    client = Client()
    code = submit(client, report_post()).json()["receipt"]
    resp = client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code.lower())
    assert resp.status_code == 200
    assert resp.json()["status"] == "received" and resp.json()["messages"] == []
    resp = client.post("/api/v1/reports/status/replies", {"body": "Saya lihat sendiri."}, HTTP_X_RECEIPT=code)
    assert resp.status_code == 201
    resp = client.post(
        "/api/v1/reports/status/files",
        {"files": [upload("surat.pdf", PDF_BYTES)], "links": "https://x.com/a/status/1"},
        HTTP_X_RECEIPT=code,
    )
    assert resp.status_code == 201, resp.content
    status = client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code).json()
    assert status["evidence_files"] == 1 and status["links"] == 2
    assert [m["author"] for m in status["messages"]] == ["reporter"]


def test_status_without_or_with_a_wrong_receipt(refdata: None) -> None:
    client = Client()
    assert client.get("/api/v1/reports/status").status_code == 401
    resp = client.get("/api/v1/reports/status", HTTP_X_RECEIPT="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert resp.status_code == 404
    assert "tidak dikenal" in _detail(resp)
    assert client.get("/api/v1/reports/status", HTTP_X_RECEIPT="<script>").status_code == 404


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"reported_name": ""}, "Nama ASN"),
        ({"what": ""}, "Apa yang terjadi"),
        ({"anonymity": "bebas"}, "Identitas pelapor"),
        ({"reported_nip": "19860926201505"}, "18 angka"),
        ({"reported_nip": "198613262015051001"}, "tanggal lahir"),
        ({"reported_nip": "198609262015131001"}, "bulan pengangkatan"),
        ({"reported_nip": "198609262015053001"}, "jenis kelamin"),
        ({"reported_nip": "198609261980051001"}, "sesudah tanggal lahir"),
        ({"region": "99.99"}, "tidak ada di data referensi"),
        ({"region": "jepara"}, "Pilih wilayah"),
        ({"what": "<script>alert(1)</script>"}, "HTML"),
        ({"place": '<img src=x onerror="alert(1)">'}, "HTML"),
        ({"links": "javascript:alert(1)"}, "https://"),
        ({"event_date": "2099-01-01"}, "belum terjadi"),
        ({"event_date": "kemarin"}, "Tanggal kejadian"),
        ({"website": "http://spam.example"}, "tidak dapat diproses"),
        ({"anonymity": "confidential"}, "nama pelapor"),
        ({"what": "x" * 5001}, "Apa yang terjadi"),
    ],
)
def test_bad_input_gets_a_clear_400_and_writes_nothing(
    refdata: None, change: dict[str, str], expected: str
) -> None:
    resp = submit(Client(), {**report_post(**change), "files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400, resp.content
    assert expected in _detail(resp)
    assert Report.objects.count() == 0
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "tidak diterima"),
        ("foto.png", jpeg_with_gps(), "tidak cocok"),
        ("foto.jpg", b"<html><script>alert(1)</script></html>", "tidak dikenali"),
        ("dokumen.pdf", b"%PDF-1.4 tanpa akhir", "tidak lengkap"),
        ("foto.jpg", jpeg_with_gps()[:200], "rusak"),
        ("kosong.jpg", b"", "kosong"),
    ],
)
def test_bad_files_are_refused_and_leave_no_file_behind(
    refdata: None, settings: Any, name: str, data: bytes, expected: str
) -> None:
    files = [upload("baik.png", png_bytes()), upload(name, data)]
    resp = submit(Client(), {**report_post(), "files": files})
    assert resp.status_code == 400, resp.content
    assert expected in _detail(resp)
    assert Report.objects.count() == 0
    root = settings.INTAKE_EVIDENCE_DIR
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_a_50_mb_upload_gets_413_before_it_is_read(refdata: None) -> None:
    resp = Client().post("/api/v1/reports", report_post(), CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert resp.status_code == 413
    assert "terlalu besar" in _detail(resp)
    assert Report.objects.count() == 0


@override_settings(INTAKE_MAX_FILE_BYTES=1000, INTAKE_MAX_REPORT_BYTES=100_000)
def test_per_file_cap(refdata: None) -> None:
    resp = submit(Client(), {**report_post(), "files": [upload("f.jpg", jpeg_with_gps((400, 400)))]})
    assert resp.status_code == 400
    assert "per berkas" in _detail(resp)


@override_settings(INTAKE_MAX_FILE_BYTES=10_000, INTAKE_MAX_REPORT_BYTES=1500)
def test_per_report_cap(refdata: None) -> None:
    files = [upload(f"f{i}.png", png_bytes()) for i in range(30)]
    resp = submit(Client(), {**report_post(), "files": files})
    assert resp.status_code == 400
    assert Report.objects.count() == 0


def test_a_late_report_is_accepted_but_flagged_with_the_reason(refdata: None) -> None:
    resp = submit(
        Client(),
        report_post(event_date=long_ago(60).isoformat(), known_date=long_ago(40).isoformat(), election=""),
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["on_time"] is False
    assert "Terlambat" in body["deadline_note"] and "syarat formil" in body["deadline_note"]
    assert Report.objects.get().on_time is False


def test_submissions_are_rate_limited(refdata: None, settings: Any) -> None:
    settings.INTAKE_SUBMIT_RATE = (2, 3600)
    client = Client()
    assert submit(client, report_post()).status_code == 201
    assert submit(client, report_post()).status_code == 201
    resp = submit(client, report_post())
    assert resp.status_code == 429
    assert "Terlalu banyak" in resp.json()["detail"] and "challenge" in resp.json()
    # another address is not affected
    assert submit(client, report_post(), REMOTE_ADDR="10.9.9.9").status_code == 201


def test_receipt_guessing_is_throttled_with_429(refdata: None, settings: Any) -> None:
    client = Client()
    submit(client, report_post())
    limit = settings.INTAKE_LOOKUP_RATE[0]
    codes = [receipt_lib.display(receipt_lib.generate()) for _ in range(limit + 5)]
    statuses = [client.get("/api/v1/reports/status", HTTP_X_RECEIPT=c).status_code for c in codes]
    assert statuses[:limit] == [404] * limit
    assert set(statuses[limit:]) == {429}


def test_guessing_spread_over_many_addresses_hits_the_global_limit(refdata: None, settings: Any) -> None:
    settings.INTAKE_LOOKUP_FAILURES_GLOBAL = (5, 60)
    client = Client()
    code = submit(client, report_post()).json()["receipt"]
    for i in range(5):
        addr = f"10.0.0.{i}"
        resp = client.get("/api/v1/reports/status", HTTP_X_RECEIPT="AAAABBBBCCCCDDDDEEEE", REMOTE_ADDR=addr)
        assert resp.status_code == 404
    resp = client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code, REMOTE_ADDR="10.0.1.1")
    assert resp.status_code == 429  # proof of work first, then the correct receipt is answered
    solved = pow_lib.solve(resp.json()["challenge"])
    resp = client.get(
        "/api/v1/reports/status", HTTP_X_RECEIPT=code, HTTP_X_ALTCHA=solved, REMOTE_ADDR="10.0.1.1"
    )
    assert resp.status_code == 200


def test_evidence_added_later_respects_the_report_caps(refdata: None, settings: Any) -> None:
    client = Client()
    code = submit(client, report_post()).json()["receipt"]
    links = "\n".join(f"https://a.example/{i}" for i in range(10))
    for _ in range(4):
        resp = client.post("/api/v1/reports/status/files", {"links": links}, HTTP_X_RECEIPT=code)
        assert resp.status_code == 201
    # 1 link from the report + 40 added: ten more would pass the cap of 50
    resp = client.post("/api/v1/reports/status/files", {"links": links}, HTTP_X_RECEIPT=code)
    assert resp.status_code == 400 and "50 tautan" in _detail(resp)
    resp = client.post("/api/v1/reports/status/files", {}, HTTP_X_RECEIPT=code)
    assert resp.status_code == 400 and "Pilih berkas" in _detail(resp)
    settings.INTAKE_MAX_FILES = 2
    files = [upload(f"{i}.png", png_bytes()) for i in range(3)]
    resp = client.post("/api/v1/reports/status/files", {"files": files}, HTTP_X_RECEIPT=code)
    assert resp.status_code == 400 and "Paling banyak 2 berkas" in _detail(resp)
    resp = client.post("/api/v1/reports/status/files", {"links": "x"}, HTTP_X_RECEIPT="salah")
    assert resp.status_code == 404
