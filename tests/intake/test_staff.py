from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.core.models import AuditEvent
from jaganetral.intake.evidence import path_of as evidence_path
from jaganetral.intake.jobs import clean_evidence
from jaganetral.intake.models import IdentityAccessRequest, Report, ReportEvent
from jaganetral.intake.selectors import intake_queue
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, confidential_post, jpeg_with_gps, report_post, upload

pytestmark = pytest.mark.django_db


def _file(data: dict[str, Any], **files: Any) -> Report:
    resp = Client().post("/api/v1/reports", {**data, **files})
    assert resp.status_code == 201, resp.content
    return Report.objects.get(public_reference=resp.json()["reference"])


def test_the_queue_is_scoped_by_the_event_region(personas: Personas) -> None:
    jepara = _file(report_post(region="33.20"))
    surabaya = _file(report_post(region="35.78"))
    assert set(intake_queue(personas.jepara)) == {jepara}
    assert set(intake_queue(personas.jateng)) == {jepara}
    assert set(intake_queue(personas.jatim)) == {surabaya}
    assert set(intake_queue(personas.admin)) == {jepara, surabaya}
    for outsider in (personas.analyst, personas.custodian, personas.authority, personas.agency):
        assert not intake_queue(outsider).exists()


def test_queue_page_shows_only_own_region(personas: Personas) -> None:
    jepara = _file(report_post(region="33.20", reported_name="Pak Jepara"))
    _file(report_post(region="35.78", reported_name="Bu Surabaya"))
    page = personas.client(personas.jateng).get("/petugas/laporan/")
    assert page.status_code == 200
    assert jepara.reference.encode() in page.content and b"Pak Jepara" in page.content
    assert b"Bu Surabaya" not in page.content


def test_another_provinces_supervisor_gets_404_everywhere(personas: Personas) -> None:
    report = _file(confidential_post(), files=[upload("a.jpg", jpeg_with_gps())])
    ev = report.evidence.get()
    jatim = personas.client(personas.jatim)
    base = f"/petugas/laporan/{report.pk}/"
    assert jatim.get(base).status_code == 404
    assert jatim.get(f"{base}bukti/{ev.uid}/").status_code == 404
    assert jatim.post(f"{base}tanya/", {"body": "Halo?"}).status_code == 404
    assert jatim.post(f"{base}minta-identitas/", {"reason": "x" * 30}).status_code == 404
    assert jatim.post(f"{base}identitas/").status_code == 404
    assert personas.client(personas.jepara).get(base).status_code == 200
    assert not report.messages.exists() and not IdentityAccessRequest.objects.exists()


def test_wrong_roles_and_anonymous_visitors_are_refused(personas: Personas) -> None:
    report = _file(report_post())
    url = f"/petugas/laporan/{report.pk}/"
    assert Client().get(url).status_code == 302  # to the login page
    assert Client().get("/petugas/laporan/").status_code == 302
    for user in (personas.analyst, personas.authority, personas.agency, personas.custodian):
        assert personas.client(user).get(url).status_code == 403
    assert personas.client(personas.jepara).get("/petugas/laporan/akses/").status_code == 403
    assert personas.client(personas.jepara).get("/petugas/laporan/999999/").status_code == 404


def test_the_api_queue_needs_a_token_and_is_scoped(personas: Personas) -> None:
    _file(report_post(region="33.20"))
    assert Client().get("/api/v1/intake/queue").status_code == 401
    auth = {"HTTP_AUTHORIZATION": f"Bearer {personas.token(personas.jatim)}"}
    assert Client().get("/api/v1/intake/queue", **auth).json() == []
    auth = {"HTTP_AUTHORIZATION": f"Bearer {personas.token(personas.jepara)}"}
    items = Client().get("/api/v1/intake/queue", **auth).json()
    assert len(items) == 1 and items[0]["region"] == "33.20" and items[0]["reported"] == ["Budi Santoso"]
    assert items[0]["pseudonym"].startswith("Pelapor-")


def test_a_question_reaches_the_reporter_and_the_answer_comes_back(personas: Personas) -> None:
    client = Client()
    code = client.post("/api/v1/reports", report_post()).json()["receipt"]
    report = Report.objects.get()
    staff = personas.client(personas.jepara)
    resp = staff.post(f"/petugas/laporan/{report.pk}/tanya/", {"body": "Kapan tepatnya acara itu?"})
    assert resp.status_code == 302
    status = client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code).json()
    assert status["status"] == "awaiting_reporter"
    assert status["messages"][0]["body"] == "Kapan tepatnya acara itu?"
    client.post("/api/v1/reports/status/replies", {"body": "Sabtu pagi."}, HTTP_X_RECEIPT=code)
    page = staff.get(f"/petugas/laporan/{report.pk}/")
    assert b"Sabtu pagi." in page.content
    report.refresh_from_db()
    assert report.status == "received"
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "question_asked", "reporter_replied"]


def test_bad_staff_input(personas: Personas) -> None:
    report = _file(confidential_post())
    staff = personas.client(personas.jepara)
    assert staff.post(f"/petugas/laporan/{report.pk}/tanya/", {"body": ""}).status_code == 400
    assert (
        staff.post(f"/petugas/laporan/{report.pk}/tanya/", {"body": "<script>x</script>"}).status_code == 400
    )
    assert staff.post(f"/petugas/laporan/{report.pk}/tanya/", {"body": "a" * 5001}).status_code == 400
    resp = staff.post(f"/petugas/laporan/{report.pk}/minta-identitas/", {"reason": "perlu"})
    assert resp.status_code == 400 and b"20 karakter" in resp.content
    assert not report.messages.exists()


def test_evidence_is_served_stripped_by_default_and_original_on_request(personas: Personas) -> None:
    original = jpeg_with_gps()
    report = _file(report_post(), files=[upload("saya-budi.jpg", original)])
    ev = report.evidence.get()
    assert "saya-budi" not in ev.original_path  # the reporter's file name is not kept
    staff = personas.client(personas.jepara)
    # the clean copy is made by the worker, not in the request: until then staff get a clear page
    pending = staff.get(f"/petugas/laporan/{report.pk}/bukti/{ev.uid}/")
    assert pending.status_code == 409 and b"asli=1" in pending.content
    assert clean_evidence(timezone.now()) == 1
    clean = b"".join(staff.get(f"/petugas/laporan/{report.pk}/bukti/{ev.uid}/").streaming_content)
    assert clean != original and b"KameraRahasia" not in clean
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(clean))
    assert img.size == (32, 64)  # orientation applied
    assert not img.getexif() and "exif" not in img.info and "xmp" not in img.info
    resp = staff.get(f"/petugas/laporan/{report.pk}/bukti/{ev.uid}/?asli=1")
    assert resp["Content-Disposition"].startswith("attachment")
    assert resp.content == original
    import hashlib

    assert hashlib.sha256(original).hexdigest() == ev.sha256
    actions = list(
        AuditEvent.objects.filter(action__startswith="intake.evidence").values_list("action", flat=True)
    )
    assert sorted(actions) == ["intake.evidence_original_downloaded", "intake.evidence_viewed"]
    # at rest the original is encrypted: neither its GPS tag nor its camera name is on disk
    stored = evidence_path(ev.original_path).read_bytes()
    assert b"KameraRahasia" not in stored and stored != original


def test_identity_access_needs_a_custodians_approval_and_every_opening_is_recorded(
    personas: Personas,
) -> None:
    report = _file(confidential_post())
    supervisor = personas.client(personas.jepara)
    base = f"/petugas/laporan/{report.pk}/"
    page = supervisor.get(base)
    assert IDENTITY_NAME.encode() not in page.content and report.pseudonym.encode() in page.content
    # no grant yet
    resp = supervisor.post(base + "identitas/")
    assert resp.status_code == 302
    assert not ReportEvent.objects.filter(kind="identity_opened").exists()
    reason = "Perlu mengundang pelapor untuk klarifikasi tatap muka."
    assert supervisor.post(base + "minta-identitas/", {"reason": reason}).status_code == 302
    req = IdentityAccessRequest.objects.get()
    # supervisors cannot decide; custodians can
    assert (
        supervisor.post(f"/petugas/laporan/akses/{req.pk}/putuskan/", {"decision": "approve"}).status_code
        == 403
    )
    custodian = personas.client(personas.custodian)
    listing = custodian.get("/petugas/laporan/akses/")
    assert reason.encode() in listing.content and IDENTITY_NAME.encode() not in listing.content
    custodian.post(f"/petugas/laporan/akses/{req.pk}/putuskan/", {"decision": "approve", "note": "Boleh"})
    req.refresh_from_db()
    assert req.status == "approved" and req.decided_by == personas.custodian
    # a second decision is refused
    custodian.post(f"/petugas/laporan/akses/{req.pk}/putuskan/", {"decision": "refuse"})
    req.refresh_from_db()
    assert req.status == "approved"
    # the custodian cannot open it; another supervisor with scope cannot open it either
    assert personas.client(personas.jateng).post(base + "identitas/").status_code == 302
    opened = supervisor.post(base + "identitas/")
    assert opened.status_code == 200 and IDENTITY_NAME.encode() in opened.content
    assert b"Ahmad Saksi" in opened.content
    supervisor.post(base + "identitas/")
    assert ReportEvent.objects.filter(report=report, kind="identity_opened").count() == 2
    audits = AuditEvent.objects.filter(action="intake.identity_opened", object_id=str(report.pk))
    assert audits.count() == 2 and all(a.actor == personas.jepara for a in audits)
    # the opened identity in words: labels, not keys
    page = opened.content.decode()
    assert "Nama lengkap" in page and ">name<" not in page and "birth_place" not in page
    # the history in words, not the event identifiers
    timeline = supervisor.get(base).content.decode()
    assert "identitas pelapor dibuka" in timeline and "akses identitas pelapor disetujui" in timeline
    assert "identity_opened" not in timeline and "identity_access_requested" not in timeline


def test_a_refused_request_opens_nothing(personas: Personas) -> None:
    report = _file(confidential_post())
    supervisor = personas.client(personas.jepara)
    base = f"/petugas/laporan/{report.pk}/"
    supervisor.post(base + "minta-identitas/", {"reason": "Perlu mengundang pelapor untuk klarifikasi."})
    req = IdentityAccessRequest.objects.get()
    personas.client(personas.custodian).post(
        f"/petugas/laporan/akses/{req.pk}/putuskan/", {"decision": "refuse", "note": "Belum perlu"}
    )
    resp = supervisor.post(base + "identitas/", follow=True)
    assert IDENTITY_NAME.encode() not in resp.content
    assert b"Tidak ada izin" in resp.content


def test_anonymous_reports_have_no_identity_to_request(personas: Personas) -> None:
    report = _file(report_post())
    resp = personas.client(personas.jepara).post(
        f"/petugas/laporan/{report.pk}/minta-identitas/",
        {"reason": "Perlu mengundang pelapor untuk klarifikasi."},
    )
    assert resp.status_code == 400
    assert not IdentityAccessRequest.objects.exists()


def test_case_handling_can_record_registration_once(personas: Personas) -> None:
    from jaganetral.intake import actions

    client = Client()
    code = client.post("/api/v1/reports", report_post()).json()["receipt"]
    report = Report.objects.get()
    with pytest.raises(actions.IntakeError):
        actions.record_registration(actor=personas.analyst, report=report, registered=True)
    with pytest.raises(actions.IntakeError, match="alasan"):
        actions.record_registration(actor=personas.jepara, report=report, registered=False)
    actions.record_registration(actor=personas.jepara, report=report, registered=True)
    with pytest.raises(actions.IntakeError, match="sudah diputuskan"):
        actions.record_registration(actor=personas.jepara, report=report, registered=False, reason="x")
    assert client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code).json()["status"] == "registered"
    assert AuditEvent.objects.filter(action="intake.registered", actor=personas.jepara).exists()
