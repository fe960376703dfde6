"""Letters and records as an office sends them: every document renders to a PDF whose text
(pdftotext) carries the office's letterhead, its city line and, for letters, the number from the
office's own register; the register numbers per office and year, never the case number; each letter
is on the timeline with number, date, addressee and the SHA-256 of the file served."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from jaganetral.cases import documents, letters, selectors
from jaganetral.cases.actions.letters import letter_bytes, next_number
from jaganetral.cases.models import CaseEvent, Letter, LetterCounter
from jaganetral.intake.pdf import receipt_pdf
from jaganetral.reference.actions import set_offices_from_file
from jaganetral.reference.calendar import reporting_deadline
from jaganetral.reference.selectors import office_for
from tests.cases.conftest import make_case, to_forwarded, to_study, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db

JEPARA = "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA"
OFFICES = f"""
offices:
  - code: "33.20"
    name: {JEPARA}
    address: Jl. Pemuda No. 1, Jepara
    city: Jepara
    unit_code: K.JT-20
    signatories:
      - {{name: Ahmad Hakim, title: Ketua Bawaslu Kabupaten Jepara}}
  - code: "33"
    name: BADAN PENGAWAS PEMILIHAN UMUM PROVINSI JAWA TENGAH
    city: Semarang
    signatories:
      - {{name: Hendra Kusuma, title: Ketua Bawaslu Provinsi Jawa Tengah}}
"""


@pytest.fixture
def offices(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "kantor.yaml"
    path.write_text(OFFICES, encoding="utf-8")
    set_offices_from_file(path)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert data.startswith(b"%PDF")
    src = tmp_path / "doc.pdf"
    src.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(src), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]  # fmt: skip


def city_line(city: str, day: dt.date) -> str:
    return f"{city}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def test_every_document_of_a_case_carries_the_office(
    personas: Personas, offices: None, tmp_path: Path
) -> None:
    sup = personas.jepara
    case = to_forwarded(make_case(sup), sup)
    case = selectors.case_detail(sup, case.pk)
    today = timezone.localdate()
    record = case.clarifications.get()
    study = case.studies.get()

    # the referral letter: numbered in Jepara's register, not the case number
    referral = letters.referral_letter(sup, case)
    year = timezone.localtime(case.forwarded_at).year
    assert referral.number.endswith(f"/TL/K.JT-20/{referral.number.split('/')[3]}/{year}")
    assert referral.number != case.number and case.number not in referral.number
    text = pdf_text(letter_bytes(referral), tmp_path)
    for needle in (JEPARA, "Jl. Pemuda No. 1, Jepara", referral.number, "Sifat", "Lampiran", "Hal",
                   city_line("Jepara", timezone.localtime(case.forwarded_at).date()), "Ahmad Hakim",
                   "Ketua Bawaslu Kabupaten Jepara", "Tembusan", "Ketua Bawaslu Provinsi Jawa Tengah",
                   "Pasal 5 huruf n"):  # fmt: skip
        assert needle in text, needle
    assert "N1" not in text.replace("N1 ", "")  # internal codes are not cited
    assert "Jawa Tengah, " not in text  # the city line names the office's city, not the province

    # records: B.1, B.12, B.10, kajian
    b1 = pdf_text(documents.form_pdf(case, sup), tmp_path)
    assert "FORMULIR MODEL B.1" in b1 and JEPARA in b1 and "Jepara, " in b1
    b12 = pdf_text(documents.clarification_pdf(case, record, sup), tmp_path)
    for needle in ("FORMULIR MODEL B.12", JEPARA, city_line("Jepara", record.held_on), "Pencatat",
                   "Yang memberi keterangan", "Demikian berita acara klarifikasi"):  # fmt: skip
        assert needle in b12, needle
    oath = pdf_text(documents.oath_pdf(case, record, 1, sup), tmp_path)  # the witness, who attended
    assert "FORMULIR MODEL B.10" in oath and "Saksi Satu" in oath and "sebenarnya" in oath
    kajian = pdf_text(documents.study_pdf(case, study, sup), tmp_path)
    assert "KAJIAN DUGAAN PELANGGARAN" in kajian and JEPARA in kajian and "Ahmad Hakim" in kajian
    assert "Pasal 5 huruf n" in kajian

    # the notice to the reporter, and the invitation: Jepara's register goes on
    notice = letters.issue_status_notice(sup, case)
    text = pdf_text(letter_bytes(notice), tmp_path)
    assert notice.number in text and "diteruskan" in text.lower() and JEPARA in text
    assert "Siti Pelapor" not in text and "Kartini" not in text  # the reporter's identity stays sealed
    assert letters.issue_status_notice(sup, case).pk == notice.pk  # once per status

    receipt = pdf_text(receipt_pdf(case.report), tmp_path)
    assert "FORMULIR MODEL B.3" in receipt and "TANDA BUKTI PENYAMPAIAN LAPORAN" in receipt
    assert JEPARA in receipt
    assert today  # dates above are the case's own


def test_invitation_is_a_numbered_letter_and_on_the_timeline(
    personas: Personas, offices: None, tmp_path: Path
) -> None:
    sup = personas.jepara
    case = walk(make_case(sup), sup, "initial_review", "registered")
    day = timezone.localdate() + dt.timedelta(days=3)
    c = personas.client(sup)
    resp = c.post(
        f"/petugas/kasus/{case.pk}/dokumen/undangan-klarifikasi.pdf",
        {
            "name": "Saksi Rahasia",
            "role": "saksi",
            "day": day.isoformat(),
            "time": "09:30",
            "place": "Kantor",
        },
    )
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    letter = Letter.objects.get(case=case)
    assert hashlib.sha256(resp.content).hexdigest() == letter.sha256
    text = pdf_text(resp.content, tmp_path)
    assert letter.number in text and JEPARA in text and city_line("Jepara", letter.issued_on) in text
    assert "Undangan klarifikasi" in text and "09:30" in text and "Ahmad Hakim" in text
    assert "Pengawas Pemilu ( " not in text
    event = CaseEvent.objects.get(case=case, kind="letter_issued")
    assert event.data["number"] == letter.number and event.data["sha256"] == letter.sha256
    assert event.data["date"] == letter.issued_on.isoformat()
    assert "Saksi Rahasia" not in str(event.data)  # a witness's name stays off the timeline
    # the page lists it; the download serves the same file
    page = c.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert letter.number in page
    again = c.get(f"/petugas/kasus/{case.pk}/dokumen/surat-{letter.pk}.pdf")
    assert again.status_code == 200 and again.content == resp.content
    # the wrong people
    assert (
        personas.client(personas.jatim)
        .get(f"/petugas/kasus/{case.pk}/dokumen/surat-{letter.pk}.pdf")
        .status_code
        == 404
    )
    assert c.get(f"/petugas/kasus/{case.pk}/dokumen/surat-99999999.pdf").status_code == 404
    refused = personas.client(personas.authority).post(
        f"/petugas/kasus/{case.pk}/dokumen/undangan-klarifikasi.pdf",
        {"name": "X Y", "role": "saksi", "day": day.isoformat(), "time": "09:30", "place": "Kantor"},
    )
    assert refused.status_code in (403, 404)
    bad = c.post(
        f"/petugas/kasus/{case.pk}/dokumen/undangan-klarifikasi.pdf", {"name": "x" * 500, "role": "saksi"}
    )
    assert bad.status_code == 400
    assert Letter.objects.filter(case=case).count() == 1


def test_letter_numbers_per_office_and_year(personas: Personas, offices: None) -> None:
    jepara, semarang = office_for("33.20"), office_for("33.74")  # Kota Semarang falls back to the province
    assert semarang.code == "33"
    on = dt.date(2026, 12, 2)
    with transaction.atomic():
        numbers = [next_number(jepara, "undangan", on)[1] for _ in range(3)]
        assert numbers == ["001/UND/K.JT-20/XII/2026", "002/UND/K.JT-20/XII/2026", "003/UND/K.JT-20/XII/2026"]
        assert next_number(semarang, "penerusan", on)[1] == "001/TL/33/XII/2026"  # its own register
        assert (
            next_number(jepara, "penerusan", dt.date(2027, 1, 5))[1] == "001/TL/K.JT-20/I/2027"
        )  # a new year
    assert LetterCounter.objects.get(office="33.20", year=2026).last == 3


def test_letter_number_format_is_configuration(personas: Personas, offices: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CASES_LETTER_FORMAT = "{unit}/{year}/{kind}-{seq:04d}"
    with transaction.atomic():
        assert (
            next_number(office_for("33.20"), "pemberitahuan", dt.date(2026, 5, 1))[1]
            == "K.JT-20/2026/PBT-0001"
        )


def test_one_number_never_twice(personas: Personas, offices: None) -> None:
    sup = personas.jepara
    case = to_forwarded(make_case(sup), sup)
    first = letters.referral_letter(sup, case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            case=case, kind="undangan", office=first.office, year=first.year, seq=first.seq,
            number=first.number + "x", issued_on=first.issued_on, addressee="x", subject="x",
            path="x", sha256="0",
        )  # fmt: skip


def test_b1_prints_the_case_pages_reporting_deadline(
    personas: Personas, offices: None, tmp_path: Path
) -> None:
    """The report was sent without an election (working days); the case counts the Pilkada's
    calendar days: Form B.1 says what the case page's reporting clock says."""
    from jaganetral.cases import actions
    from jaganetral.reference.models import Election
    from tests.cases.conftest import make_report

    report = make_report(election=None)
    election = Election.objects.get(code="pilkada-2024")
    case = actions.register_case_from_report(
        actor=personas.jepara, report=report, election=election, rules=["N1"]
    )
    _, due = reporting_deadline(report.known_date, election)
    clock = case.clocks.get(name="reporting")
    assert clock.due_on == due
    text = pdf_text(
        documents.form_pdf(selectors.case_detail(personas.jepara, case.pk), personas.jepara), tmp_path
    )
    assert f"{due:%d-%m-%Y}" in text and "hari kalender" in text


def test_status_notice_for_not_registered_and_stopped(
    personas: Personas, offices: None, tmp_path: Path
) -> None:
    from jaganetral.cases import actions

    sup = personas.jepara
    case = walk(make_case(sup), sup, "initial_review")
    c = personas.client(sup)
    resp = c.post(f"/petugas/kasus/{case.pk}/dokumen/pemberitahuan-status/")
    assert resp.status_code == 400  # nothing to tell yet
    case = actions.transition(actor=sup, case=case, target="not_registered", reason="Terlapor bukan ASN")
    resp = c.post(f"/petugas/kasus/{case.pk}/dokumen/pemberitahuan-status/")
    assert resp.status_code == 200
    text = pdf_text(resp.content, tmp_path)
    assert "tidak diregistrasi" in text.lower() and "Terlapor bukan ASN" in text
    assert (
        personas.client(personas.authority)
        .post(f"/petugas/kasus/{case.pk}/dokumen/pemberitahuan-status/")
        .status_code
        == 403
    )
    assert (
        personas.client(personas.jatim)
        .post(f"/petugas/kasus/{case.pk}/dokumen/pemberitahuan-status/")
        .status_code
        == 404
    )

    other = to_study(make_case(sup, election="pemilu-2024"), sup)
    actions.record_study(actor=sup, case=other, conclusion="Tidak terbukti.", rules_found=[], violation=False)
    other = actions.transition(
        actor=sup, case=other, target="stopped", reason="Bukti kurang", stop_reason="not_proven"
    )
    text = pdf_text(letter_bytes(letters.issue_status_notice(sup, other)), tmp_path)
    assert "dihentikan" in text.lower() and "Tidak terbukti" in text and "Bukti kurang" in text
