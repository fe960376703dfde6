from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_logs_in_through_the_page(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jaga netralitas ASN")
    page.get_by_role("link", name="Masuk petugas").first.click()
    page.get_by_label("Nama pengguna").fill("pengawas-jepara")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    expect(page.locator("table")).to_contain_text("Kabupaten Jepara")


def test_a_wrong_password_shows_an_indonesian_message(
    page: Page, live_server: object, personas: Personas
) -> None:
    page.goto(str(live_server) + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pengawas-jepara")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("Nama pengguna atau kata sandi salah")


def test_the_language_switch_shows_english(page: Page, live_server: object) -> None:
    page.goto(str(live_server) + "/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Keep civil servants neutral")
