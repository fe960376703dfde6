"""Every page reachable without logging in fits a phone: at 360 and 390 px wide nothing is wider
than the screen (no sideways scrolling), and the header menu folds behind one "Menu" button that
works without JavaScript.

The pages are listed from the URL configuration: the public routes of core, rulebook, intake,
privacy and accounts, each in the states a visitor can reach (empty form, form with errors, a
self-check answer, a report's status page after typing the receipt, the privacy requests page, the
receipt page after sending a report, the API documentation).
"""

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
from jaganetral.intake.actions import ReportedInput, ReportInput
from jaganetral.reference.models import Region
from jaganetral.rulebook.models import Rule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 390)

# Every public GET route (see src/jaganetral/*/urls.py); the staff ones live under /petugas/,
# /akun/ (except the log-in) and /admin/.
STATIC_PAGES = [
    "/",
    "/cek/",
    "/aturan/",
    "/aturan/?q=kampanye",
    "/lapor/",
    "/lapor/status/",
    "/privasi/",
    "/privasi/permintaan/",
    "/akun/masuk/",
    "/api/v1/docs",
]


def _width(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def _fits(page: Page, width: int, where: str) -> None:
    page.wait_for_load_state("load")
    scroll = _width(page)
    assert scroll <= width, f"{where} is {scroll} px wide on a {width} px screen"


@pytest.fixture
def isolated(settings: Any, tmp_path: Path, refdata: None) -> None:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()


def _report() -> str:
    today = timezone.localdate()
    report, code = actions.submit_report(
        data=ReportInput(
            anonymity="anonymous",
            region=Region.objects.get(code="33.20"),
            place="Akun media sosial pribadi dengan nama yang sangat panjang sekali",
            event_date=today - timedelta(days=3),
            known_date=today - timedelta(days=1),
            what="Membagikan unggahan kampanye https://www.instagram.com/p/sebuah-tautan-yang-panjang-sekali/",
            reported=[ReportedInput(name="Budi Santoso", position="Kepala Dinas")],
            links=["https://www.instagram.com/p/sebuah-tautan-yang-sangat-panjang-tanpa-spasi-0123456789/"],
        ),
        files=[],
    )
    assert report.pk
    return code


@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_fits_a_phone(
    browser: Browser, live_server: Any, isolated: None, width: int, tmp_path: Path
) -> None:
    base = str(live_server)
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    rule = Rule.objects.filter(version__is_current=True).order_by("code").first()
    assert rule is not None
    pages = [*STATIC_PAGES, f"/aturan/{rule.code}/", f"/aturan/versi/{rule.version.version}/{rule.code}/"]
    for path in pages:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        _fits(page, width, path)

    # A self-check answer.
    page.goto(base + "/cek/")
    page.locator("textarea[name=q], input[name=q]").first.fill("saya menyukai unggahan kampanye calon bupati")
    page.locator("form:has([name=q]) button[type=submit]").first.click()
    _fits(page, width, "/cek/ (answer)")

    # The report form sent empty: errors everywhere.
    page.goto(base + "/lapor/")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    _fits(page, width, "/lapor/ (errors)")

    # A reporter back with the receipt: the status page and the privacy requests page.
    code = _report()
    page.goto(base + "/lapor/status/")
    page.get_by_label("Kode tanda terima").fill(code)
    page.get_by_role("button", name="Buka laporan").click()
    expect(page.get_by_test_id("status")).to_be_visible()
    _fits(page, width, "/lapor/status/ (a report)")
    page.goto(base + "/privasi/permintaan/")
    _fits(page, width, "/privasi/permintaan/ (a report)")

    # The page that shows a new receipt, after sending a report (with a photo).
    photo = tmp_path / "bukti.png"
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 90, 40)).save(buf, "PNG")
    photo.write_bytes(buf.getvalue())
    _fill_valid_report(page, base)
    page.locator("#id_files").set_input_files(str(photo))
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()
    _fits(page, width, "receipt page")
    context.close()


def _fill_valid_report(page: Page, base: str) -> None:
    today = timezone.localdate()
    page.goto(base + "/lapor/")
    page.get_by_label("Anonim").check()
    page.get_by_label("Nama ASN yang dilaporkan").fill("Budi Santoso")
    page.get_by_label("Apa yang terjadi").fill("Kepala dinas membagikan unggahan kampanye calon nomor 1.")
    page.locator("#id_region").fill("Kabupaten Jepara")
    page.get_by_label("Tempat kejadian").fill("Akun Instagram pribadi")
    page.get_by_label("Tanggal kejadian").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("Tanggal diketahui").fill((today - timedelta(days=1)).isoformat())


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_menu_folds_on_a_phone_and_opens_without_javascript(
    browser: Browser, live_server: Any, isolated: None, js: bool
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=js)
    page = context.new_page()
    page.goto(str(live_server) + "/lapor/")
    login = page.get_by_role("link", name="Masuk petugas")
    expect(login).to_be_hidden()
    page.locator("label[for=nav-toggle]").click()
    expect(login).to_be_visible()
    assert _width(page) <= 360
    box = login.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    context.close()

    wide = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=js)
    page = wide.new_page()
    page.goto(str(live_server) + "/lapor/")
    expect(page.get_by_role("link", name="Masuk petugas")).to_be_visible()
    expect(page.locator("label[for=nav-toggle]")).to_be_hidden()
    wide.close()
