from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from PIL import Image

from jaganetral.cases import actions
from jaganetral.core.models import AuditEvent
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import make_case, to_forwarded
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


def test_clarification_pdf_and_referral_package_without_identity(personas: Personas) -> None:
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",
            identity={"name": IDENTITY_NAME, "address": "Jl. Mawar 2, Jepara"},
            region=Region.objects.get(pk="33.20"),
            place="Balai desa",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat berkampanye.",
            reported=[ReportedInput(name="Budi Santoso")],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[upload("foto-dari-siti.jpg", jpeg_with_gps(), "image/jpeg")],
    )
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    case = to_forwarded(case, personas.jepara)
    from jaganetral.intake.jobs import clean_evidence

    clean_evidence(timezone.now())  # the worker makes the clean copy the package takes
    jepara = personas.client(personas.jepara)
    record = case.clarifications.get()
    pdf = jepara.get(f"/petugas/kasus/{case.pk}/dokumen/klarifikasi-{record.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    letter = jepara.get(f"/petugas/kasus/{case.pk}/dokumen/surat-penerusan.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    resp = jepara.get(f"/petugas/kasus/{case.pk}/dokumen/paket-penerusan.zip")
    assert resp.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(resp.content))
    names = zf.namelist()
    assert names[0] == "01-surat-penerusan.pdf" and names[1] == "02-formulir-b1-laporan.pdf"
    assert names[-2:] == ["bukti-01.jpg", "daftar-isi.csv"]
    assert any("berita-acara-klarifikasi" in n for n in names) and any("kajian" in n for n in names)
    image = Image.open(io.BytesIO(zf.read("bukti-01.jpg")))
    assert not image.getexif()  # the clean copy: no camera, no GPS
    for name in names:
        data = zf.read(name)
        assert IDENTITY_NAME.encode() not in data and b"foto-dari-siti" not in data
        assert report.pseudonym.encode() not in data
    assert AuditEvent.objects.filter(action="cases.document_downloaded").count() == 3
    # the authority (case forwarded) may download; other provinces and roles may not
    assert (
        personas.client(personas.authority)
        .get(f"/petugas/kasus/{case.pk}/dokumen/surat-penerusan.pdf")
        .status_code
        == 200
    )
    for who in (personas.jatim,):
        assert (
            personas.client(who).get(f"/petugas/kasus/{case.pk}/dokumen/paket-penerusan.zip").status_code
            == 404
        )
    for who in (personas.analyst, personas.custodian):
        assert (
            personas.client(who).get(f"/petugas/kasus/{case.pk}/dokumen/paket-penerusan.zip").status_code
            == 403
        )


def test_referral_documents_only_once_forwarded(personas: Personas) -> None:
    case = make_case(personas.jepara)
    resp = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/dokumen/surat-penerusan.pdf")
    assert resp.status_code == 404


def test_clarification_invitation_pdf(personas: Personas) -> None:
    from tests.cases.conftest import walk

    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    url = f"/petugas/kasus/{case.pk}/dokumen/undangan-klarifikasi.pdf"
    data = {
        "name": "Budi Santoso",
        "role": "terlapor",
        "day": "2024-04-16",
        "time": "09:00",
        "place": "Kantor",
    }
    resp = personas.client(personas.jepara).post(url, data)
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
    assert personas.client(personas.jepara).post(url, {**data, "name": ""}).status_code == 400
    assert personas.client(personas.jatim).post(url, data).status_code == 404
    assert personas.client(personas.analyst).post(url, data).status_code == 403
    assert (
        AuditEvent.objects.filter(
            action="cases.document_downloaded", data__document="undangan-klarifikasi.pdf"
        ).count()
        == 1
    )
