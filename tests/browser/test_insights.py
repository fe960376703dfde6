"""The statistics pages on the demo data (`jaganetral demo load`) in a real browser: the dashboard's
charts and map are drawn from the vendored ECharts and the shipped boundaries (no network), the map
drills down, and the public page fits 360 px and never shows a count from 1 to 4.

Set JAGANETRAL_SCREENSHOTS to a folder to keep screenshots of both pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from jaganetral.cases.demo import load_demo
from tests.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("JAGANETRAL_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_demo_dashboard_map_and_public_page(page: Page, live_server: object, personas: Personas) -> None:
    load_demo()
    base = str(live_server)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None
        ),
    )
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pengawas-jateng")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/petugas/statistik/")
    expect(page.get_by_role("heading", name="Alur penanganan")).to_be_visible()
    received = page.locator('tr[data-stage="received"] td.num a').first
    expect(received).to_have_text("57")
    expect(page.locator('[data-map][data-ready="1"] svg path').first).to_be_attached()
    expect(page.locator('[data-chart="status"] svg').first).to_be_attached()
    _shot(page, "dashboard.png")

    # a province on the map leads one level down: Jawa Tengah's regencies
    page.goto(base + "/petugas/statistik/?region=33")
    expect(page.locator('[data-map][data-ready="1"] svg path').first).to_be_attached()
    expect(page.get_by_role("heading", name="Peta per kabupaten/kota")).to_be_visible()

    # the figure links to the list behind it
    page.goto(base + "/petugas/statistik/")
    page.locator('tr[data-stage="forwarded"] td.num a').first.click()
    expect(page.get_by_role("heading", name="Kasus di balik angka")).to_be_visible()
    expect(page.get_by_text("47 kasus")).to_be_visible()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base + "/statistik/?region=33")
    expect(page.locator('[data-map][data-ready="1"] svg path').first).to_be_attached()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    cells = page.locator("main td.num, main tfoot th.num").all_inner_texts()
    assert cells
    for text in cells:
        number = re.sub(r"[≈\s.]", "", text)
        assert not (number.isdigit() and 1 <= int(number) <= 4), text
    assert "<5" in cells
    _shot(page, "public-360.png")
    assert not outside, outside
