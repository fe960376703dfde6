"""The referral package holds every record of the case, each listed in daftar-isi.csv with its form
and a SHA-256 that matches the file, and nowhere the reporter's identity (read back with pdftotext)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone

from jaganetral.cases import actions, letters, package
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.actions import DEMO_OFFICES, set_offices_from_file
from jaganetral.reference.models import Agency, Election, Region
from tests.cases.conftest import to_forwarded
from tests.cases.test_letters import pdf_text
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

ADDRESS = "Jl. Mawar 2, Jepara"


def test_package_index_hashes_match_and_no_identity(personas: Personas, tmp_path: Path) -> None:
    set_offices_from_file(DEMO_OFFICES)
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",
            identity={"name": IDENTITY_NAME, "address": ADDRESS},
            region=Region.objects.get(pk="33.20"),
            place="Balai desa",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat berkampanye.",
            reported=[ReportedInput(name="Budi Santoso", agency=Agency.objects.get(code="pemkab-33-20"))],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[upload("foto-dari-siti.jpg", jpeg_with_gps(), "image/jpeg")],
    )
    sup = personas.jepara
    case = actions.register_case_from_report(actor=sup, report=report, rules=["N1"])
    case = to_forwarded(case, sup)
    letters.issue_status_notice(sup, case)
    zf = zipfile.ZipFile(io.BytesIO(package.referral_package(case, sup)))
    names = zf.namelist()
    rows = list(csv.reader(io.StringIO(zf.read("daftar-isi.csv").decode())))
    assert rows[0] == ["berkas", "formulir", "sha256", "keterangan"]
    listed = {r[0]: r for r in rows[1:] if len(r) == 4 and r[2]}  # files (rows without a hash are notes)
    assert set(listed) == set(names) - {"daftar-isi.csv"}
    for name, (_, _form, digest, _note) in listed.items():
        assert hashlib.sha256(zf.read(name)).hexdigest() == digest, name
    forms = {r[1] for r in listed.values()}
    for label in ("FORMULIR MODEL B.1 FORMULIR LAPORAN", "FORMULIR MODEL B.12 BERITA ACARA KLARIFIKASI",
                  "FORMULIR MODEL B.10 BERITA ACARA SUMPAH/JANJI", "KAJIAN DUGAAN PELANGGARAN",
                  "Surat penerusan", "Pemberitahuan status laporan"):  # fmt: skip
        assert label in forms, label
    referral = case.letters.get(kind="penerusan")
    assert listed["01-surat-penerusan.pdf"][3] == referral.number
    assert listed["01-surat-penerusan.pdf"][2] == referral.sha256  # the letter as issued
    for name in names:
        data = zf.read(name)
        text = pdf_text(data, tmp_path) if name.endswith(".pdf") else data.decode("utf-8", "replace")
        for secret in (IDENTITY_NAME, ADDRESS, report.pseudonym, "foto-dari-siti"):
            assert secret not in text, (name, secret)
        assert secret.encode() not in data
    # the same package twice holds the same referral letter (not a new number)
    again = zipfile.ZipFile(io.BytesIO(package.referral_package(case, sup)))
    assert again.read("01-surat-penerusan.pdf") == zf.read("01-surat-penerusan.pdf")
    assert case.letters.filter(kind="penerusan").count() == 1
