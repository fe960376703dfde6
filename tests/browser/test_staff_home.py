"""A supervisor from the staff home to a registered case, using a rule the matcher suggested."""

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


def test_supervisor_from_home_to_registered_case_with_a_suggested_rule(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",
            identity={"name": "Siti Pelapor", "address": "Jl. Kartini 1, Jepara"},
            region=Region.objects.get(pk="33.20"),
            place="Balai desa Tahunan",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat mengajak warga memilih pasangan calon nomor 2 dalam rapat desa.",
            reported=[ReportedInput(name="Budi Santoso", agency=Agency.objects.get(code="pemkab-33-20"))],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[],
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pengawas-jepara")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    # login lands on the home: the new report waits for me
    expect(page.get_by_role("heading", name="Menunggu saya")).to_be_visible()
    waiting = page.locator('[data-home="waiting"]')
    expect(waiting).to_contain_text(report.reference)
    waiting.get_by_role("link", name=report.reference).click()
    # the report's own page has the open-case button
    page.get_by_role("button", name="Buka kasus").click()
    suggestions = page.locator("[data-suggestions] input[name=suggested]")
    expect(suggestions.first).to_be_visible()
    code = suggestions.first.get_attribute("value")
    assert code
    suggestions.first.check()
    page.get_by_role("button", name="Buka kasus").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diterima")
    actions = page.locator("[data-step-actions]")
    actions.get_by_role("button", name="Mulai kajian awal", exact=True).click()
    # one decision, one button; a report's case may be withdrawn by its reporter, with a reason
    expect(actions.locator('[data-action="stopped"]')).to_contain_text("dicabut pelapor")
    actions.get_by_role("button", name="Registrasi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("/REG/LP/PL/33.20/")
    case = Case.objects.get(report=report)
    assert case.state == "registered" and case.alleged_rules == [code]
    # after registration no "withdrawn before registration" is offered
    expect(page.locator('[data-action="stopped"]')).to_have_count(0)
