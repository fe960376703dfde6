"""An ASN signs the neutrality pledge on a 360 px phone, gets the certificate and checks it on the
public page; a participant answers a briefing quiz on the same phone.

With JAGANETRAL_EVIDENCE_DIR set, the pages and the certificate are saved there as pictures."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from jaganetral.prevention import tokens
from jaganetral.prevention.actions import briefings, pledges
from jaganetral.prevention.models import Signer
from jaganetral.reference.models import Agency, Election, Region
from tests.conftest import Personas
from tests.prevention.conftest import ROSTER, csv_bytes, nip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EVIDENCE = os.environ.get("JAGANETRAL_EVIDENCE_DIR", "")


def _fits(page: Page, width: int = 360) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"page is {overflow}px wide on a {width}px screen"


def _shot(page: Page, name: str) -> None:
    if EVIDENCE:
        Path(EVIDENCE).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(EVIDENCE) / name), full_page=True)


def test_an_asn_signs_the_pledge_on_a_phone(page: Page, live_server: object, personas: Personas) -> None:
    campaign = pledges.open_campaign(
        actor=personas.agency,
        agency=Agency.objects.get(code="pemkab-33-20"),
        election=Election.objects.get(code="pilkada-2024"),
        title="Ikrar netralitas Pilkada 2024",
    )
    pledges.import_roster(actor=personas.agency, campaign=campaign, filename="a.csv", data=csv_bytes(ROSTER))
    siti = Signer.objects.get(campaign=campaign, nip=nip(2, 2))
    link = str(live_server) + pledges.link_for(siti)

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ikrar netralitas ASN")
    expect(page.get_by_role("heading", name="Sanksi yang dapat dijatuhkan kepada PPPK")).to_be_visible()
    _fits(page)
    page.get_by_text(
        "Mengunggah, mengomentari, membagikan, menyukai atau mengikuti akun dan grup"
    ).click()  # opens the rule
    expect(page.locator("main")).to_contain_text("Baca atau tonton saja")
    page.get_by_label("NIP / NI PPPK Anda").fill(nip(2, 2))
    page.get_by_label("Nama lengkap Anda").fill("Siti Aminah")
    _shot(page, "signing-page-360.png")
    # forgetting the pledge box keeps what was typed
    page.get_by_role("button", name="Tandatangani ikrar").click()
    expect(page.get_by_label("NIP / NI PPPK Anda")).to_have_value(nip(2, 2))
    page.get_by_label("Saya sudah membaca ringkasan aturan").check()
    page.get_by_role("button", name="Tandatangani ikrar").click()
    expect(page.get_by_role("status")).to_contain_text("Ikrar Anda sudah tercatat")
    _fits(page)
    _shot(page, "signed-360.png")
    siti.refresh_from_db()
    assert siti.has_signed and siti.certificate_code

    pdf = page.request.get(
        str(live_server) + f"/ikrar/{tokens.pledge_token(siti.pk, siti.link_nonce)}/sertifikat.pdf"
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    if EVIDENCE and shutil.which("pdftoppm"):
        target = Path(EVIDENCE) / "certificate.pdf"
        target.write_bytes(pdf.body())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(target), str(target.with_suffix(""))],
            check=True,
        )

    page.get_by_role("link", name="halaman verifikasi").click()
    expect(page.get_by_role("status")).to_contain_text("Sertifikat sah")
    expect(page.locator("main")).to_contain_text("Siti Aminah")
    expect(page.locator("main")).not_to_contain_text(nip(2, 2))
    _fits(page)
    _shot(page, "verification-360.png")


def test_a_participant_answers_the_quiz_on_a_phone(
    page: Page, live_server: object, personas: Personas
) -> None:
    b = briefings.record_briefing(
        actor=personas.jepara,
        held_on=date(2024, 10, 1),
        region=Region.objects.get(code="33.20"),
        agency=None,
        audience="Kepala sekolah",
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(str(live_server) + f"/kuis/{tokens.quiz_token(b.pk, 'before')}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuis netralitas ASN")
    _fits(page)
    groups = page.locator("fieldset")
    for i in range(groups.count()):
        groups.nth(i).get_by_label("Tidak boleh").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("status")).to_contain_text("jawaban Anda tercatat")
    _fits(page)
    _shot(page, "quiz-done-360.png")
