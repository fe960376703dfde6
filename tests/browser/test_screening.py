from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from jaganetral.reference.models import Election
from jaganetral.screening import actions
from jaganetral.screening.models import Finding, FindingStatus
from tests.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TH = [
    {
        "id_str": "1",
        "full_text": "Ayo coblos 02 Prabowo-Sandi pasti menang!",
        "username": "budi",
        "tweet_url": "https://x.com/budi/status/1",
        "created_at": "Wed Apr 10 08:00:00 +0000 2019",
    },
    {
        "id_str": "2",
        "full_text": "jangan pilih jokowi pembohong",
        "username": "budi",
        "tweet_url": "https://x.com/budi/status/2",
        "created_at": "Wed Apr 10 09:00:00 +0000 2019",
    },
]


def test_an_analyst_confirms_one_finding_and_dismisses_another(
    page: Page, live_server: object, personas: Personas
) -> None:
    rows = "nip,nama,instansi,jabatan,wilayah,akun\n198609262015051001,Budi Santoso,,Guru,33.20,x:@budi\n"
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    actions.import_posts(TH, actor=personas.analyst)
    actions.screen_posts(Election.objects.get(code="pemilu-2019"), actor=personas.analyst)
    assert Finding.objects.count() == 2

    base = str(live_server)
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(personas.analyst.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(base + "/petugas/penyaringan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antrean tinjauan")
    expect(page.locator("table")).to_contain_text("Budi Santoso")

    page.locator("table a").first.click()
    expect(page.locator("mark").first).to_be_visible()
    page.get_by_role("button", name="Konfirmasi jadi temuan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antrean tinjauan")

    page.locator("table a").first.click()
    page.get_by_role("button", name="Tolak").click()
    expect(page.get_by_role("alert")).to_contain_text("alasan")
    page.get_by_label("Alasan").fill("kutipan berita, bukan ajakan")
    page.get_by_role("button", name="Tolak").click()
    expect(page.locator("table")).to_contain_text("Tidak ada temuan yang menunggu")

    statuses = sorted(Finding.objects.values_list("status", flat=True))
    assert statuses == [FindingStatus.CONFIRMED, FindingStatus.DISMISSED]
