"""Data-subject requests: a reporter's, made with the receipt and answered by a custodian; a civil
servant's, recorded by staff and answered with a copy, a correction or an erasure. Each page is
refused to the wrong person, and bad or oversized input gets a 400 with a message."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from jaganetral.accounts.actions import create_user
from jaganetral.core.models import AuditEvent
from jaganetral.intake import sealing
from jaganetral.intake.models import Report
from jaganetral.privacy.models import DataRequest, RequestStatus
from jaganetral.reference.models import Election, Region
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus, Post, SocialAccount
from tests.conftest import PASSWORD, Personas, logged_in
from tests.intake.conftest import IDENTITY_NAME, IDENTITY_PHONE, confidential_post, report_post
from tests.privacy.conftest import file_report

pytestmark = pytest.mark.django_db
NIP = "198609262015051001"


def _reporter(code: str) -> Client:
    client = Client()
    assert client.post("/lapor/status/", {"receipt": code}).status_code == 302
    return client


def _identity(report: Report) -> dict[str, Any]:
    report.refresh_from_db()
    return sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))


def test_a_reporter_sees_what_is_held_and_a_custodian_corrects_then_erases(personas: Personas) -> None:
    report, code = file_report(confidential_post())
    reporter = _reporter(code)
    page = reporter.get("/privasi/permintaan/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert "name" in body and "phone" in body  # which fields are held ...
    assert IDENTITY_NAME not in body and IDENTITY_PHONE not in body  # ... never their values

    resp = reporter.post(
        "/privasi/permintaan/",
        {"kind": "correction", "details": "Nama saya salah ketik.", "baru-name": "Siti Rahma"},
    )
    assert resp.status_code == 302
    req = DataRequest.objects.get()
    assert req.correction_sealed.startswith("s1.") and "Siti Rahma" not in req.correction_sealed
    assert req.status == RequestStatus.OPEN and (req.due_at - req.received_at).total_seconds() == 72 * 3600
    again = reporter.post("/privasi/permintaan/", {"kind": "correction", "baru-name": "Siti Rahma"})
    assert again.status_code == 400 and "masih menunggu jawaban" in again.content.decode()

    custodian = personas.client(personas.custodian)
    listing = custodian.get("/petugas/privasi/permintaan/")
    assert req.reference in listing.content.decode() and IDENTITY_NAME not in listing.content.decode()
    resp = custodian.post(
        f"/petugas/privasi/permintaan/{req.pk}/putuskan/",
        {"decision": "approve", "answer": "Nama sudah diperbaiki."},
    )
    assert resp.status_code == 302
    assert _identity(report)["name"] == "Siti Rahma"
    req.refresh_from_db()
    assert req.status == RequestStatus.DONE and req.correction_sealed == ""
    assert report.events.filter(kind="identity_corrected").exists()
    assert "Nama sudah diperbaiki." in reporter.get("/privasi/permintaan/").content.decode()

    assert (
        reporter.post(
            "/privasi/permintaan/", {"kind": "erasure", "details": "Hapus identitas saya."}
        ).status_code
        == 302
    )
    erase = DataRequest.objects.get(kind="erasure")
    custodian.post(
        f"/petugas/privasi/permintaan/{erase.pk}/putuskan/",
        {"decision": "approve", "answer": "Identitas dihapus."},
    )
    report.refresh_from_db()
    assert report.identity_sealed == "" and report.witnesses_sealed == ""
    assert AuditEvent.objects.filter(action="intake.identity_erased", object_id=str(report.pk)).exists()
    assert AuditEvent.objects.filter(action="privacy.request_decided").count() == 2
    # nothing left to erase
    again = reporter.post("/privasi/permintaan/", {"kind": "erasure"})
    assert again.status_code == 400 and "tidak menyimpan identitas" in again.content.decode()


def test_a_refusal_needs_its_reason_and_changes_nothing(personas: Personas) -> None:
    report, code = file_report(confidential_post())
    _reporter(code).post("/privasi/permintaan/", {"kind": "erasure"})
    req = DataRequest.objects.get()
    custodian = personas.client(personas.custodian)
    base = f"/petugas/privasi/permintaan/{req.pk}/putuskan/"
    short = custodian.post(base, {"decision": "refuse", "answer": "tidak"})
    assert short.status_code == 400
    resp = custodian.post(
        base, {"decision": "refuse", "answer": "Kasus masih ditangani; UU 27/2022 Pasal 15 ayat (1) huruf b."}
    )
    assert resp.status_code == 302
    assert _identity(report)["name"] == IDENTITY_NAME
    assert custodian.post(base, {"decision": "approve", "answer": "Berubah pikiran."}).status_code == 400


def test_reporter_pages_refuse_bad_and_oversized_input_and_need_the_receipt(personas: Personas) -> None:
    _report, code = file_report(report_post())
    anonymous = Client()
    assert anonymous.get("/privasi/permintaan/").status_code == 200  # says: enter the receipt first
    assert anonymous.post("/privasi/permintaan/", {"kind": "access"}).status_code == 403
    assert not DataRequest.objects.exists()
    reporter = _reporter(code)
    assert reporter.post("/privasi/permintaan/", {"kind": "semua"}).status_code == 400
    assert reporter.post("/privasi/permintaan/", {"kind": "correction", "baru-name": ""}).status_code == 400
    assert reporter.post("/privasi/permintaan/", {"kind": "access", "details": "x" * 2001}).status_code == 400
    huge = reporter.post(
        "/privasi/permintaan/",
        {"kind": "access", "details": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert huge.status_code == 400
    assert reporter.put("/privasi/permintaan/").status_code == 405
    assert not DataRequest.objects.exists()
    assert reporter.post("/privasi/permintaan/", {"kind": "access"}).status_code == 302


def _asn(region: str = "33.20") -> AsnPerson:
    person = AsnPerson.objects.create(nip=NIP, name="Budi Santoso", region=Region.objects.get(pk=region))
    account = SocialAccount.objects.create(person=person, platform="x", handle="budi_s")
    Post.objects.create(platform="x", external_id="9", handle="budi_s", account=account, text="ayo coblos")
    return person


def test_a_civil_servants_request_is_recorded_copied_and_erased(personas: Personas) -> None:
    person = _asn()
    analyst = personas.client(personas.analyst)
    bad = analyst.post("/petugas/privasi/permintaan/", {"nip": "123", "kind": "access", "channel": "surat"})
    assert bad.status_code == 400 and "NIP" in bad.content.decode()
    assert (
        analyst.post(
            "/petugas/privasi/permintaan/", {"nip": NIP, "kind": "access", "channel": ""}
        ).status_code
        == 400
    )
    resp = analyst.post(
        "/petugas/privasi/permintaan/", {"nip": NIP, "kind": "access", "channel": "Surat 3 Maret 2026 no. 12"}
    )
    assert resp.status_code == 302
    req = DataRequest.objects.get()
    assert req.person == person and req.recorded_by == personas.analyst and req.region_id == "33.20"
    copy = analyst.get(f"/petugas/privasi/permintaan/{req.pk}/salinan.json")
    assert copy.status_code == 200 and copy["Content-Disposition"].endswith(f'{req.reference}.json"')
    held = copy.json()["held"]
    assert (
        held["nip"] == NIP
        and held["accounts"][0]["handle"] == "budi_s"
        and held["posts"][0]["text"] == "ayo coblos"
    )
    assert AuditEvent.objects.filter(action="privacy.registry_copy").count() == 1
    analyst.post(
        f"/petugas/privasi/permintaan/{req.pk}/putuskan/",
        {"decision": "approve", "answer": "Salinan dikirim lewat surat."},
    )

    analyst.post(
        "/petugas/privasi/permintaan/", {"nip": NIP, "kind": "erasure", "channel": "Surel 4 Maret 2026"}
    )
    erase = DataRequest.objects.get(kind="erasure")
    resp = analyst.post(
        f"/petugas/privasi/permintaan/{erase.pk}/putuskan/",
        {"decision": "approve", "answer": "Data Anda dihapus."},
    )
    assert resp.status_code == 302
    assert not AsnPerson.objects.exists() and not Post.objects.exists()
    erase.refresh_from_db()
    assert erase.status == RequestStatus.DONE and erase.person is None  # the request outlives the entry


def test_evidence_of_a_confirmed_finding_is_not_erased(personas: Personas) -> None:
    person = _asn()
    Finding.objects.create(
        post=Post.objects.get(),
        election=Election.objects.get(code="pemilu-2024"),
        score=0.9,
        status=FindingStatus.CONFIRMED,
    )
    analyst = personas.client(personas.analyst)
    analyst.post("/petugas/privasi/permintaan/", {"nip": NIP, "kind": "erasure", "channel": "Surat"})
    req = DataRequest.objects.get()
    resp = analyst.post(
        f"/petugas/privasi/permintaan/{req.pk}/putuskan/", {"decision": "approve", "answer": "Akan dihapus."}
    )
    assert resp.status_code == 400 and "bukti temuan" in resp.content.decode()
    assert AsnPerson.objects.filter(pk=person.pk).exists()
    req.refresh_from_db()
    assert req.status == RequestStatus.OPEN


def test_the_wrong_person_is_refused_on_every_staff_page(personas: Personas) -> None:
    _asn()
    _report, code = file_report(confidential_post())
    _reporter(code).post("/privasi/permintaan/", {"kind": "access"})
    reporter_req = DataRequest.objects.get()
    analyst = personas.client(personas.analyst)
    analyst.post("/petugas/privasi/permintaan/", {"nip": NIP, "kind": "access", "channel": "Surat"})
    asn_req = DataRequest.objects.exclude(pk=reporter_req.pk).get()
    outsider = create_user(
        actor=None, username="analis-jatim", role="analyst", region="35", password=PASSWORD
    )

    def status(user: Any, url: str, method: str = "get", **data: Any) -> int:
        client = logged_in(user) if user is not None else Client()
        return int(getattr(client, method)(url, data).status_code)

    detail = "/petugas/privasi/permintaan/{}/"
    decide = "/petugas/privasi/permintaan/{}/putuskan/"
    answer = {"decision": "approve", "answer": "Jawaban yang cukup panjang."}
    # no account: to the log-in page
    assert status(None, "/petugas/privasi/retensi/") == 302
    assert status(None, "/petugas/privasi/permintaan/") == 302
    # a role that has nothing to do with it
    for user in (personas.jepara, personas.authority, personas.agency):
        assert status(user, "/petugas/privasi/retensi/") == 403
        assert status(user, "/petugas/privasi/permintaan/") == 403
        assert status(user, detail.format(asn_req.pk)) == 403
    assert status(personas.custodian, "/petugas/privasi/retensi/") == 403
    # the right role, the other kind of request, or outside the region: not found
    assert status(personas.custodian, detail.format(asn_req.pk)) == 404
    assert status(personas.custodian, decide.format(asn_req.pk), "post", **answer) == 404
    assert status(personas.custodian, f"/petugas/privasi/permintaan/{asn_req.pk}/salinan.json") == 403
    assert status(personas.analyst, detail.format(reporter_req.pk)) == 404
    assert status(personas.analyst, decide.format(reporter_req.pk), "post", **answer) == 404
    assert status(outsider, detail.format(asn_req.pk)) == 404
    assert status(outsider, f"/petugas/privasi/permintaan/{asn_req.pk}/salinan.json") == 404
    assert (
        status(
            personas.custodian, "/petugas/privasi/permintaan/", "post", nip=NIP, kind="access", channel="x"
        )
        == 403
    )
    assert status(personas.analyst, detail.format(999999)) == 404
    # bad and oversized input from the right person
    assert (
        status(personas.analyst, decide.format(asn_req.pk), "post", decision="maybe", answer="x" * 20) == 400
    )
    assert (
        status(personas.analyst, decide.format(asn_req.pk), "post", decision="approve", answer="x" * 4001)
        == 400
    )
    assert (
        status(
            personas.analyst,
            "/petugas/privasi/permintaan/",
            "post",
            nip=NIP,
            kind="access",
            channel="x" * 201,
        )
        == 400
    )
    assert DataRequest.objects.filter(status=RequestStatus.OPEN).count() == 2
    # the right people
    assert status(personas.admin, "/petugas/privasi/retensi/") == 200
    assert status(personas.custodian, detail.format(reporter_req.pk)) == 200
    assert status(personas.analyst, detail.format(asn_req.pk)) == 200


def test_a_correction_sealed_under_another_key_is_refused_clearly(
    personas: Personas, settings: Any, tmp_path: Any
) -> None:
    _report, code = file_report(confidential_post())
    _reporter(code).post("/privasi/permintaan/", {"kind": "correction", "baru-name": "Siti Rahma"})
    req = DataRequest.objects.get()
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "lain" / "seal_key"  # the key changed meanwhile
    sealing.sealer.cache_clear()
    resp = personas.client(personas.custodian).post(
        f"/petugas/privasi/permintaan/{req.pk}/putuskan/",
        {"decision": "approve", "answer": "Sudah diperbaiki."},
    )
    assert resp.status_code == 400 and "kunci segel" in resp.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.OPEN
