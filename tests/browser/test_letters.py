"""In a real browser, at 360 px: Jepara's supervisor sets up the office's letterhead and downloads
the referral letter of a forwarded case: a PDF whose text carries the office, its city line and the
letter's own number."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jaganetral.cases.models import Letter
from tests.browser.test_case_path import _login
from tests.cases.conftest import make_case, to_forwarded
from tests.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JEPARA = "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA"


def test_a_supervisor_sets_up_the_office_and_downloads_a_letter(
    page: Page, live_server: object, personas: Personas, tmp_path: Path, settings: object
) -> None:
    settings.CASES_LETTER_DIR = tmp_path / "letters"  # type: ignore[attr-defined]
    base = str(live_server)
    page.set_viewport_size({"width": 360, "height": 800})
    _login(page, base, "pengawas-jepara")
    page.goto(base + "/petugas/kasus/")  # the case list (at 360 px the menu is folded)
    page.get_by_role("link", name="Profil kantor (kop surat dan penanda tangan)").click()
    page.get_by_label("Kode wilayah kantor").fill("33.20")
    page.get_by_role("button", name="Buka atau buat profil").click()
    expect(page.get_by_label("Nama kantor (kop surat)")).to_have_value(JEPARA)
    page.get_by_label("Kota tempat surat").fill("Jepara")
    page.get_by_label("Alamat").fill("Jl. Pemuda No. 1, Jepara")
    page.get_by_label("Penanda tangan 1: nama").fill("Ahmad Hakim")
    page.get_by_label("Penanda tangan 1: jabatan").fill("Ketua Bawaslu Kabupaten Jepara")
    page.get_by_role("button", name="Simpan profil kantor").click()
    expect(page.get_by_role("status").first).to_contain_text("Profil kantor disimpan")

    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Surat penerusan (PDF)").click()
    path = tmp_path / "surat.pdf"
    info.value.save_as(path)
    letter = Letter.objects.get(case=case)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    sent = timezone.localtime(case.forwarded_at)
    assert JEPARA in text and letter.number in text and "Ahmad Hakim" in text
    assert f"Jepara, {sent.day} " in text
    # the letter is now on the case page's register of outgoing letters
    page.reload()
    expect(page.locator("#surat-keluar")).to_contain_text(letter.number)
