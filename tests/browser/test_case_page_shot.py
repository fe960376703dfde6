"""Screenshots of the case page at an officer's screen (1366×900) in the clarification step, for
the issue's before/after evidence: saved only when JAGANETRAL_SHOT_DIR names a folder. Also checks
the page does not scroll sideways at that width."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from jaganetral.cases import actions
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.models import Agency, Election, Region
from tests.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_page_at_1366(page: Page, live_server: object, personas: Personas) -> None:
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
            reported=[
                ReportedInput(
                    name="Budi Santoso",
                    nip="198609262015051001",
                    agency=Agency.objects.get(code="pemkab-33-20"),
                )
            ],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[],
    )
    sup = personas.jepara
    case = actions.register_case_from_report(actor=sup, report=report, rules=["N1"])
    for target in ("initial_review", "registered", "clarification"):
        case = actions.transition(actor=sup, case=case, target=target)
    actions.assign(actor=sup, cases=[case], user=sup)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(sup.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/petugas/kasus/{case.pk}/")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 1366
    where = os.environ.get("JAGANETRAL_SHOT_DIR")
    if where:
        name = os.environ.get("JAGANETRAL_SHOT_NAME", "case-page")
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(where) / f"{name}-1366x900.png"))
        page.screenshot(path=str(Path(where) / f"{name}-full.png"), full_page=True)
