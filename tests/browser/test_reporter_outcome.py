"""A reporter leaves an e-mail address with the report; the case is registered, forwarded to BKN
and the PPK imposes a sanction; the reporter hears "there is news" (no content) and reads the
outcome on the status page with the receipt, on a 360 px wide phone."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, expect

from jaganetral.cases import actions
from jaganetral.intake import sealing
from jaganetral.intake.models import Report
from jaganetral.reference.models import Agency
from tests.cases.conftest import to_forwarded
from tests.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ADDRESS = "pelapor.jepara@contoh.id"


def _evidence_dir(tmp_path: Path) -> Path:
    """Screenshots and the captured e-mail go to JAGANETRAL_EVIDENCE_DIR when set (never the repo)."""
    out = Path(os.environ.get("JAGANETRAL_EVIDENCE_DIR") or tmp_path / "evidence-out")
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_the_reporter_reads_the_outcome_at_360px(
    browser: Browser, live_server: Any, personas: Personas, settings: Any, tmp_path: Path
) -> None:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = str(live_server)
    sealing.sealer.cache_clear()
    cache.clear()
    out = _evidence_dir(tmp_path)
    today = timezone.localdate()
    phone = browser.new_context(viewport={"width": 360, "height": 780})
    page = phone.new_page()

    # 1. the report, with an address for news
    page.goto(f"{live_server}/lapor/")
    page.get_by_label("Rahasia").check()
    page.get_by_text("Identitas (isi bila memilih Rahasia)").click()
    page.get_by_label("Nama lengkap").fill("Siti Pelapor")
    page.get_by_label("Alamat", exact=True).fill("Jl. Kartini 1, Jepara")
    page.get_by_label("Nama ASN yang dilaporkan").fill("Budi Santoso")
    page.locator("#id_reported_agency").select_option(str(Agency.objects.get(code="pemkab-33-20").pk))
    page.get_by_label("Jabatan").fill("Camat")
    page.get_by_label("Apa yang terjadi").fill("Camat mengajak warga memilih pasangan calon nomor 2.")
    page.locator("#id_region").select_option("33.20")
    page.locator("#id_election").select_option("pemilu-2024")
    page.get_by_label("Tempat kejadian").fill("Balai desa Tahunan")
    page.get_by_label("Tanggal kejadian").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Tanggal diketahui").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Surel untuk kabar").fill(ADDRESS)
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("sudah kami terima")
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    report = Report.objects.get()
    assert report.notify_email_sealed and ADDRESS not in report.notify_email_sealed

    # 2. Bawaslu Jepara registers, clarifies, studies and forwards; BKN recommends; the PPK decides
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    case = to_forwarded(case, personas.jepara)
    person = case.reported.get()
    actions.record_recommendation(
        actor=personas.authority,
        case=case,
        letter_number="B-17/BKN/XII/2026",
        issued_on=today,
        kinds=["tukin_25_6"],
    )
    actions.record_sanction(
        actor=personas.agency,
        case=case,
        kinds=["tukin_25_6"],
        decree_number="800/17/2026",
        decided_on=today,
        person_id=person.pk,
    )

    # 3. "there is news": one e-mail per step, all alike, none with anything of the case
    to_reporter = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert len(to_reporter) == 4  # registered, forwarded, recommended, sanctioned
    first = to_reporter[0]
    (out / "notice-email.txt").write_text(
        f"To: {', '.join(first.to)}\nSubject: {first.subject}\n\n{first.body}\n", encoding="utf-8"
    )
    for message in to_reporter:
        for secret in ("Budi", "Siti", "Kartini", "Camat", report.reference, "sanksi", "BKN", "B-17"):
            assert secret not in f"{message.subject}{message.body}"
    assert f"{live_server}/lapor/status/" in first.body

    # 4. the reporter opens the status page with the receipt, on the phone
    fresh = browser.new_context(viewport={"width": 360, "height": 780})
    status = fresh.new_page()
    status.goto(f"{live_server}/lapor/status/")
    status.get_by_label("Kode tanda terima").fill(receipt)
    status.get_by_role("button", name="Buka laporan").click()
    expect(status.get_by_test_id("status")).to_have_text(
        "Selesai: setiap ASN terlapor sudah mendapat keputusan"
    )
    stages = status.get_by_test_id("stages")
    for words in (
        "Laporan diterima",
        "Laporan diregistrasi",
        "Diteruskan ke BKN",
        "Hasil tindak lanjut ASN terlapor",
    ):
        expect(stages).to_contain_text(words)
    people = status.get_by_test_id("people")
    expect(people).to_contain_text("ASN 1")
    expect(people).to_contain_text("Pemerintah Kabupaten Jepara")
    expect(people).to_contain_text("Sanksi dijatuhkan oleh PPK")
    expect(status.get_by_test_id("notices").locator("li")).to_have_count(4)
    expect(status.get_by_test_id("notify-on")).to_be_visible()
    text = status.locator("main").inner_text()
    for secret in ("Budi Santoso", "B-17/BKN", "800/17", "tukin"):
        assert secret not in text
    # nothing wider than the phone
    assert status.evaluate("document.documentElement.scrollWidth") <= 360
    status.screenshot(path=str(out / "status-after-sanction-360px.png"), full_page=True)
    status.get_by_test_id("people").screenshot(path=str(out / "status-outcome-table-360px.png"))

    # 5. the reporter removes the address: no more e-mails
    status.get_by_role("button", name="Hapus alamat surel saya").click()
    expect(status.get_by_role("heading", name="Kabar lewat surel")).to_be_visible()
    assert Report.objects.get().notify_email_sealed == ""
    fresh.close()
    phone.close()
