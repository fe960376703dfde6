"""A reporter files an anonymous report with a photo and a link, keeps the receipt, comes back with
it later in a fresh browser, and answers the supervisor's question."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from jaganetral.intake import actions, sealing
from jaganetral.intake.models import Report
from tests.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_report_with_photo_and_link_then_answer_a_question(
    page: Page, browser: Browser, live_server: Any, personas: Personas, settings: Any, tmp_path: Path
) -> None:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()
    photo = tmp_path / "bukti.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (120, 80), (20, 120, 40)).save(buf, "JPEG")
    photo.write_bytes(buf.getvalue())
    today = timezone.localdate()

    base = str(live_server)
    page.goto(base + "/lapor/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lapor pelanggaran")
    page.get_by_label("Anonim").check()
    page.get_by_label("Nama ASN yang dilaporkan").fill("Budi Santoso")
    page.get_by_label("NIP").fill("19860926 201505 1 001")
    page.get_by_label("Jabatan").fill("Kepala Dinas")
    page.get_by_label("Apa yang terjadi").fill("Kepala dinas membagikan unggahan kampanye calon nomor 1.")
    page.locator("#id_region").fill("Kabupaten Jepara")
    page.get_by_label("Tempat kejadian").fill("Akun Instagram pribadi")
    page.get_by_label("Tanggal kejadian").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("Tanggal diketahui").fill((today - timedelta(days=1)).isoformat())
    expect(page.locator("#window")).to_contain_text("Batas waktu pelaporan")
    page.get_by_label("Tautan unggahan").fill("https://www.instagram.com/p/contoh123/")
    page.locator("#id_files").set_input_files(str(photo))
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("sudah kami terima")
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    assert len(receipt) == 24
    report = Report.objects.get()
    assert report.evidence.count() == 1 and report.links.count() == 1 and report.identity_sealed == ""

    actions.ask_reporter(actor=personas.jepara, report=report, body="Kapan unggahan itu dibuat?")

    fresh = browser.new_context()
    later = fresh.new_page()
    later.goto(base + "/lapor/status/")
    later.get_by_label("Kode tanda terima").fill(receipt.lower())
    later.get_by_role("button", name="Buka laporan").click()
    expect(later.get_by_test_id("status")).to_contain_text("Menunggu jawaban pelapor")
    expect(later.locator(".thread")).to_contain_text("Kapan unggahan itu dibuat?")
    assert receipt not in later.url
    later.get_by_label("Jawaban Anda").fill("Hari Senin pagi, sekitar pukul 08.00.")
    later.get_by_role("button", name="Kirim jawaban").click()
    expect(later.get_by_role("status").first).to_contain_text("Jawaban Anda terkirim")
    expect(later.locator(".thread")).to_contain_text("Hari Senin pagi")
    expect(later.get_by_test_id("status")).to_contain_text("Diterima")
    fresh.close()
    assert report.messages.filter(author_kind="reporter").get().body.startswith("Hari Senin")
