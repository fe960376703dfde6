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
    """One decision, one button (the case page shows only the steps valid now)."""
    page.locator("[data-step-actions]").get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Status kasus diperbarui")


def test_a_case_from_report_to_closed(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",  # name and address: the formal requirement of a laporan
            identity={"name": "Siti Pelapor", "address": "Jl. Kartini 1, Jepara"},
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
    row.get_by_role("button", name="Buka kasus").click()
    page.get_by_label("Kode aturan lain").fill("N1")
    page.get_by_role("button", name="Buka kasus").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diterima")
    case = Case.objects.get(report=report)

    _step(page, "Mulai kajian awal")
    _step(page, "Registrasi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("/REG/LP/PL/33.20/")
    _step(page, "Mulai klarifikasi")
    page.get_by_label("Tanggal:", exact=True).fill(today.isoformat())
    page.get_by_label("Tempat:", exact=True).fill("Kantor Bawaslu Kabupaten Jepara")
    # attendees as rows: the reported person is already in the first row
    expect(page.get_by_label("Nama pihak 1")).to_have_value("Budi Santoso")
    page.get_by_label("Peran pihak 2").select_option("saksi")
    page.get_by_label("Nama pihak 2").fill("Ahmad Saksi")
    page.get_by_label("Pihak 2 hadir").check()
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
    page.get_by_label("Pemotongan tunjangan kinerja 25% selama 6 bulan", exact=False).first.check()
    page.get_by_role("button", name="Simpan rekomendasi").click()
    # one action per decision: the person is recommended, the case follows without a second step
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rekomendasi otoritas diterima")
    expect(page.locator("[data-person-state]")).to_have_attribute("data-person-state", "recommended")

    _login(page, base, "bkd-jepara")
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    page.get_by_text("Catat keputusan PPK").click()
    page.get_by_label("Pemotongan tunjangan kinerja 25% selama 6 bulan", exact=False).first.check()
    page.get_by_label("Nomor keputusan").fill("800/12/2024")
    page.get_by_label("Tanggal keputusan").fill(today.isoformat())
    page.get_by_role("button", name="Simpan keputusan PPK").click()
    # every path has ended: the case closes by itself
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ditutup")
    expect(page.locator("[data-person-state]")).to_have_attribute("data-person-state", "sanctioned")
    case.refresh_from_db()
    assert case.state == "closed"
    assert case.events.filter(kind="transition").count() == 7
    assert case.events.filter(kind="person_step").count() == 3
