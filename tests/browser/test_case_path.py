"""The full case path in a real browser: report → registered → clarification with one absent
party → study → forwarded → recommendation → sanction → closed, each by the right person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jaganetral.cases.models import Case
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.models import Agency, Election, Region
from tests.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _step(page: Page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Lakukan langkah").click()
    expect(page.get_by_role("status").first).to_contain_text("Status kasus diperbarui")


def test_a_case_from_report_to_closed(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="anonymous",
            region=Region.objects.get(pk="33.20"),
            place="Balai desa Tahunan",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat mengajak warga memilih pasangan calon nomor 2.",
            reported=[ReportedInput(name="Budi Santoso", agency=Agency.objects.get(code="pemkab-33-20"))],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[],
    )

    _login(page, base, "pengawas-jepara")
    page.get_by_role("link", name="Kasus", exact=True).click()
    page.get_by_role("link", name="Laporan belum dibuka").click()
    row = page.get_by_role("row").filter(has_text=report.reference)
    row.get_by_label("Kode aturan").fill("N1")
    row.get_by_role("button", name="Buka kasus").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diterima")
    case = Case.objects.get(report=report)

    _step(page, "Mulai kajian awal")
    _step(page, "Registrasi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("/REG/LP/PL/33.20/")
    _step(page, "Mulai klarifikasi")
    page.get_by_label("Tanggal:", exact=True).fill(today.isoformat())
    page.get_by_label("Tempat:", exact=True).fill("Kantor Bawaslu Kabupaten Jepara")
    page.get_by_label("Pihak yang diundang").fill(
        "terlapor | Budi Santoso | tidak\nsaksi | Ahmad Saksi | hadir"
    )
    page.get_by_label("Sumpah ditawarkan").check()
    page.get_by_label("Keterangan:", exact=True).fill(
        "Saksi membenarkan; terlapor tidak hadir meski diundang."
    )
    page.locator("#att-clar-files").set_input_files(
        {"name": "berita-acara.pdf", "mimeType": "application/pdf", "buffer": _PDF}
    )
    page.get_by_role("button", name="Simpan berita acara klarifikasi").click()
    expect(page.locator("body")).to_contain_text("Budi Santoso (terlapor)")
    expect(page.locator("body")).to_contain_text("berita-acara.pdf")
    _step(page, "Klarifikasi selesai, mulai kajian")
    page.get_by_label("Kesimpulan").fill("Unsur pelanggaran netralitas terpenuhi.")
    page.get_by_label("Aturan yang terbukti dilanggar").fill("N1")
    page.get_by_label("Terbukti melanggar").check()
    page.get_by_role("button", name="Simpan kajian").click()
    _step(page, "Teruskan ke otoritas kepegawaian")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diteruskan")

    _login(page, base, "bkn")
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    page.get_by_label("Nomor surat").fill("R-001/BKN/2024")
    page.get_by_label("Tanggal:", exact=True).fill(today.isoformat())
    page.get_by_label("Sanksi yang direkomendasikan").select_option("disiplin_sedang")
    page.get_by_role("button", name="Simpan rekomendasi").click()
    _step(page, "Catat rekomendasi otoritas")

    _login(page, base, "bkd-jepara")
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    page.get_by_label("Jenis sanksi").select_option("disiplin_sedang")
    page.get_by_label("Nomor keputusan").fill("800/12/2024")
    page.get_by_label("Tanggal keputusan").fill(today.isoformat())
    page.get_by_role("button", name="Simpan sanksi").click()
    _step(page, "Catat sanksi dari PPK")

    _login(page, base, "pengawas-jepara")
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    _step(page, "Tutup kasus")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ditutup")
    case.refresh_from_db()
    assert case.state == "closed"
    assert case.events.filter(kind="transition").count() == 8
