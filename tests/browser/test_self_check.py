from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_asn_types_slang_and_sees_the_rule_and_sanction(page: Page, live_server: object) -> None:
    page.goto(str(live_server) + "/cek/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cek Netralitas")
    question = page.get_by_label("Apa yang Anda lakukan atau rencanakan?")
    question.fill("sy ngelike postingan capres 02 boleh gak?")
    page.get_by_role("button", name="Cek sekarang").click()
    result = page.locator("#hasil article")
    expect(result).to_have_attribute("data-verdict", "violation")
    expect(result.get_by_role("heading", level=2)).to_contain_text("Melanggar")
    expect(result).to_contain_text("E4")
    expect(result.locator(".sanction").first).to_contain_text("Sanksi moral")
    expect(result).to_contain_text("Hukuman disiplin berat")
    # The question went by htmx: the page stayed, nothing was put in the address bar.
    assert page.url.endswith("/cek/")
    # The rule link leads to its stable page.
    result.get_by_role("link", name="E4").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("E4")
    expect(page.locator("main")).to_contain_text("PP 42/2004")


def test_an_empty_question_shows_an_indonesian_message(page: Page, live_server: object) -> None:
    page.goto(str(live_server) + "/cek/")
    page.get_by_role("button", name="Cek sekarang").click()
    expect(page.locator("#hasil")).to_contain_text("Pertanyaan kosong")


def test_the_guided_questionnaire_answers_boleh(page: Page, live_server: object) -> None:
    page.goto(str(live_server) + "/cek/")
    page.get_by_text("Atau jawab beberapa pertanyaan singkat").click()
    page.get_by_label("Berfoto dengan pose tangan mengepal").check()
    page.get_by_label("Tidak terkait calon atau partai").check()
    page.get_by_role("button", name="Cek jawaban saya").click()
    expect(page.locator("#hasil article")).to_have_attribute("data-verdict", "allowed")
    expect(page.locator("#hasil")).to_contain_text("A3")
