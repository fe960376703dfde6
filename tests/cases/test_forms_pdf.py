"""Form B.1 (Formulir Laporan) and B.2 (Formulir Temuan): A4 PDFs without the reporter's identity,
scoped and audited like the other case documents."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.accounts.models import User
from jaganetral.cases import actions, documents, package, selectors
from jaganetral.cases.models import Case
from jaganetral.core.models import AuditEvent
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import make_case, to_forwarded
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, IDENTITY_PHONE, PDF_BYTES, png_bytes, upload

pytestmark = pytest.mark.django_db


def _confidential_case(personas: Personas) -> Case:
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",
            identity={"name": IDENTITY_NAME, "phone": IDENTITY_PHONE, "address": "Jl. Rahasia 12"},
            region=Region.objects.get(pk="33.20"),
            place="Balai desa Tahunan",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat mengajak warga memilih pasangan calon nomor 2.",
            chronology="Pukul 09.00 acara dimulai; pukul 09.30 camat berpidato.",
            reported=[ReportedInput(name="Budi Santoso", nip="198609262015051001", position="Camat")],
            witnesses=["Ahmad Saksi, 0813-1111-2222"],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[upload("bukti-dari-siti.png", png_bytes())],
    )
    return actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])


def _html(case: Case, user: User) -> str:
    return documents.form_html(selectors.case_detail(user, case.pk), user)


def test_b1_for_a_report_says_dirahasiakan_and_holds_no_identity(personas: Personas) -> None:
    case = _confidential_case(personas)
    report = case.report
    assert report is not None
    html = _html(case, personas.jepara)
    assert "FORMULIR MODEL B.1" in html and "FORMULIR LAPORAN" in html
    assert "Dirahasiakan" in html and report.pseudonym in html  # staff know the pseudonym
    assert "Budi Santoso" in html and "198609262015051001" in html
    assert "camat berpidato" in html  # the chronology (item 6)
    assert "1 saksi" in html and "Ahmad" not in html  # witnesses stay sealed
    assert report.evidence.get().sha256 in html
    for secret in (IDENTITY_NAME, IDENTITY_PHONE, "Jl. Rahasia", "bukti-dari-siti"):
        assert secret not in html

    jepara = personas.client(personas.jepara)
    page = jepara.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert f"/petugas/kasus/{case.pk}/dokumen/formulir.pdf" in page and "Model B.1" in page
    resp = jepara.get(f"/petugas/kasus/{case.pk}/dokumen/formulir.pdf")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
    assert 'filename="formulir-b1-laporan.pdf"' in resp["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="cases.document_downloaded", data__document="formulir-b1-laporan.pdf"
    ).exists()

    # once forwarded, the authority may print it too, without even the pseudonym
    case = to_forwarded(case, personas.jepara)
    html = _html(case, personas.authority)
    assert "Dirahasiakan" in html and report.pseudonym not in html and IDENTITY_NAME not in html


def test_b2_for_a_finding_and_a_screening_finding(personas: Personas) -> None:
    data = actions.FindingInput(
        election=Election.objects.get(code="pemilu-2024"),
        region=Region.objects.get(pk="33.20"),
        summary="Kepala dinas menghadiri deklarasi pasangan calon.",
        persons=[actions.PersonInput("Agus Prasetyo", position="Kepala Dinas")],
        place="Gedung serbaguna",
        event_date=timezone.localdate(),
        lhp_number="011/LHP/KJI-33.20/02/2024",
    )
    temuan = actions.record_finding(actor=personas.jepara, data=data)
    actions.add_attachments(
        actor=personas.jepara, case=temuan, files=[upload("foto-deklarasi.png", png_bytes())]
    )
    html = _html(temuan, personas.jepara)
    assert "FORMULIR MODEL B.2" in html and "FORMULIR TEMUAN" in html
    assert "011/LHP/KJI-33.20/02/2024" in html and "Agus Prasetyo" in html
    assert "pengawas-jepara" in html and "foto-deklarasi.png" in html
    screened = actions.open_case_from_screening(
        actor=personas.analyst,
        data=data,
        post=actions.CapturedPost(
            url="https://x.com/agus/status/99", sha256="b" * 64, captured_at=timezone.now(), finding_id=3
        ),
    )
    html = _html(screened, personas.jepara)
    assert "Temuan penapisan siber" in html and "https://x.com/agus/status/99" in html and "b" * 64 in html
    resp = personas.client(personas.jepara).get(f"/petugas/kasus/{temuan.pk}/dokumen/formulir.pdf")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
    assert 'filename="formulir-b2-temuan.pdf"' in resp["Content-Disposition"]


def test_form_pdf_scope_on_pages_and_api(personas: Personas) -> None:
    case = make_case(personas.jepara)
    url = f"/petugas/kasus/{case.pk}/dokumen/formulir.pdf"
    api_url = f"/api/v1/cases/{case.pk}/form.pdf"
    assert Client().get(url).status_code == 302
    for who in (personas.jatim, personas.authority, personas.agency):
        assert personas.client(who).get(url).status_code == 404
    for who in (personas.analyst, personas.custodian):
        assert personas.client(who).get(url).status_code == 403
    for who in (personas.jatim, personas.analyst, personas.authority):
        api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(who)}")
        resp = api.get(api_url)
        assert resp.status_code == 404 and resp.json()["detail"]
    assert (
        personas.client(personas.jepara).get("/petugas/kasus/99999999/dokumen/formulir.pdf").status_code
        == 404
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jateng)}")
    assert api.get("/api/v1/cases/0/form.pdf").status_code == 404
    resp = api.get(api_url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    assert Client().get(api_url).status_code == 401
    assert AuditEvent.objects.filter(action="cases.document_downloaded").count() == 1


def test_referral_package_keeps_internal_attachments_out(personas: Personas) -> None:
    case = _confidential_case(personas)
    actions.add_attachments(
        actor=personas.jepara, case=case, files=[upload(f"BA-{IDENTITY_NAME}.pdf", PDF_BYTES)]
    )
    case = to_forwarded(case, personas.jepara)
    from jaganetral.intake.jobs import clean_evidence

    clean_evidence(timezone.now())  # the worker makes the clean copy the package takes
    zf = zipfile.ZipFile(io.BytesIO(package.referral_package(case)))
    names = zf.namelist()
    assert "bukti-01.png" in names and names[-1] == "daftar-isi.csv"
    assert not any(n.startswith("lampiran-") for n in names)  # the internal attachment stays out
    assert IDENTITY_NAME not in zf.read("daftar-isi.csv").decode()
