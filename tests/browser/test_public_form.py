"""The public report form on a phone, with and without JavaScript: an error keeps the photo and lands
on the list of errors; region and agency are typed and found by name; the demo election is not
offered; a date far from the chosen election is warned about; the receipt is shown in groups that
never break, with a copy button."""

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

from jaganetral.cases.demo import ELECTION_CODE, ELECTION_FILE
from jaganetral.intake import sealing
from jaganetral.intake.models import Report
from jaganetral.reference.actions import load_election_file
from jaganetral.reference.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def isolated(settings: Any, tmp_path: Path, refdata: None) -> Path:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()
    photo = tmp_path / "foto-kampanye.png"
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 30, 30)).save(buf, "PNG")
    photo.write_bytes(buf.getvalue())
    return photo


def _phone(browser: Browser, js: bool) -> Page:
    return browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=js
    ).new_page()


def _fill(page: Page, *, what: str = "Camat membagikan unggahan kampanye.") -> None:
    today = timezone.localdate()
    page.get_by_label("Anonim").check()
    page.get_by_label("Nama ASN yang dilaporkan").fill("Budi Santoso")
    page.locator("#id_reported_agency").fill("pemkab jepara")
    page.get_by_label("Apa yang terjadi").fill(what)
    page.locator("#id_region").fill("jepara")
    page.get_by_label("Tempat kejadian").fill("Balai desa")
    page.get_by_label("Tanggal kejadian").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("Tanggal diketahui").fill((today - timedelta(days=1)).isoformat())


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_an_error_keeps_the_photo_and_lands_on_the_error_summary(
    browser: Browser, live_server: Any, isolated: Path, js: bool
) -> None:
    page = _phone(browser, js)
    page.goto(str(live_server) + "/lapor/")
    _fill(page, what="")
    page.locator("#id_files").set_input_files(str(isolated))
    page.get_by_role("button", name="Kirim laporan").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Apa yang terjadi")
    # the page landed on the summary (scrolled down to it), and with JavaScript it has the focus
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2
    assert page.evaluate("window.scrollY") > 0
    if js:
        assert page.evaluate("document.activeElement.id") == "kesalahan"
    # what was typed is still there; the photo is listed as still attached
    expect(page.locator("#id_region")).to_have_value("jepara")
    expect(page.locator("#id_reported_agency")).to_have_value("pemkab jepara")
    held = page.get_by_test_id("held-files")
    expect(held).to_contain_text("foto-kampanye.png")
    expect(held.get_by_role("checkbox")).to_be_checked()
    # the link in the summary leads to the field
    summary.get_by_role("link", name="Apa yang terjadi").click()
    if js:
        expect(page.get_by_label("Apa yang terjadi")).to_be_focused()
    page.get_by_label("Apa yang terjadi").fill("Camat membagikan unggahan kampanye.")
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_test_id("receipt")).to_be_visible()
    report = Report.objects.get()
    assert report.evidence.count() == 1
    assert report.region_id == "33.20"
    assert report.reported.get().agency == Agency.objects.get(code="pemkab-33-20")
    page.context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_region_picker_suggests_and_an_unclear_name_asks_again(
    browser: Browser, live_server: Any, isolated: Path, js: bool
) -> None:
    page = _phone(browser, js)
    page.goto(str(live_server) + "/lapor/")
    # the suggestions are the browser's own list: the page ships them, no script needed
    region = page.locator("#id_region")
    assert region.get_attribute("list") == "daftar-wilayah"
    assert page.locator("#daftar-wilayah option[value='Kabupaten Jepara']").count() == 1
    assert page.locator("#daftar-instansi option[value='Pemerintah Kabupaten Jepara']").count() == 1
    _fill(page)
    region.fill("Bandung")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator(".error-summary")).to_contain_text("Kabupaten Bandung; Kota Bandung")
    page.locator("#id_region").fill("Kota Bandung")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()
    assert Report.objects.get().region_id == "32.73"
    page.context.close()


def test_no_demo_election_and_a_warning_for_a_far_date(
    browser: Browser, live_server: Any, isolated: Path
) -> None:
    load_election_file(ELECTION_FILE)
    page = _phone(browser, True)
    page.goto(str(live_server) + "/lapor/")
    options = page.locator("#id_election option").all_inner_texts()
    assert options and not any("data contoh" in o for o in options)
    assert page.locator(f"#id_election option[value='{ELECTION_CODE}']").count() == 0
    _fill(page)
    # the hint comes while filling in (htmx), before sending
    page.locator("#id_election").select_option("pemilu-2019")
    expect(page.get_by_test_id("date-warning")).to_contain_text("di luar masa")
    page.get_by_role("button", name="Kirim laporan").click()
    # not a refusal: the report is sent, and the receipt page repeats the warning
    expect(page.get_by_test_id("receipt")).to_be_visible()
    expect(page.get_by_test_id("date-warning")).to_contain_text("Pemilihan Umum")
    assert Report.objects.get().election_id is not None
    page.context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_receipt_in_groups_with_a_copy_button(
    browser: Browser, live_server: Any, isolated: Path, js: bool
) -> None:
    context = browser.new_context(
        viewport={"width": 320, "height": 700}, is_mobile=True, java_script_enabled=js
    )
    if js:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(str(live_server) + "/lapor/")
    _fill(page)
    page.get_by_role("button", name="Kirim laporan").click()
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_be_visible()
    code = receipt.inner_text().replace("\n", "")
    assert len(code) == 24 and code.count("-") == 4
    # each group of four on one line: its box is one line high
    groups = receipt.locator(".group")
    assert groups.count() == 5
    heights = {round(groups.nth(i).bounding_box()["height"]) for i in range(5)}  # type: ignore[index]
    assert len(heights) == 1
    line = heights.pop()
    assert all(len(groups.nth(i).inner_text()) == 4 for i in range(5)) and line < 60
    copy = page.get_by_role("button", name="Salin kode")
    if js:
        copy.click()
        expect(page.get_by_text("Kode tersalin")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == code
    else:
        expect(copy).to_be_hidden()  # without JavaScript: the code is plain text to select
        assert page.evaluate("getComputedStyle(document.querySelector('.receipt-code')).userSelect") != "none"
    context.close()
