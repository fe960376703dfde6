from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from jaganetral.reference.models import Election
from jaganetral.screening import actions
from jaganetral.screening.models import Finding, FindingStatus, ImportJob, ImportStatus, SocialAccount
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


def _login(page: Page, base: str, username: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_the_import_page_polls_the_progress_bar_until_the_job_is_done(
    page: Page, live_server: object, personas: Personas
) -> None:
    job = ImportJob.objects.create(
        created_by=personas.analyst,
        original_name="besar.csv",
        sha256="0" * 64,
        status=ImportStatus.IMPORTING,
        total_bytes=5000,
        total_rows=100,
        rows_read=25,
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = str(live_server)
    _login(page, base, personas.analyst.username)
    page.goto(f"{base}/petugas/penyaringan/unggahan/impor/{job.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "25")
    ImportJob.objects.filter(pk=job.pk).update(rows_read=60)
    expect(page.locator("progress")).to_have_attribute("value", "60")  # htmx polling, no page reload
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        rows_read=100,
        imported=90,
        duplicates=9,
        error_rows=1,
        errors=["baris 7: id kosong"],
    )
    expect(page.get_by_text("baris 7: id kosong")).to_be_visible()
    expect(page.locator("section[hx-trigger]")).to_have_count(0)  # polling stopped
    assert not [e for e in errors if "Content Security Policy" in e]


def test_a_supervisor_adds_an_account_and_fixes_a_typo(
    page: Page, live_server: object, personas: Personas
) -> None:
    rows = "nip,nama,instansi,jabatan,wilayah,akun\n198609262015051001,Budi Santoso,,Guru,33.20,x:@budi\n"
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    base = str(live_server)
    _login(page, base, personas.jepara.username)
    page.goto(base + "/petugas/penyaringan/asn/")
    page.get_by_role("link", name="Budi Santoso").click()
    page.get_by_label("Platform").nth(0).select_option("instagram")
    page.get_by_label("Nama akun").fill("budi guru")
    page.get_by_role("button", name="Tambah akun").click()
    expect(page.get_by_role("alert")).to_contain_text("tidak sah")
    expect(page.get_by_label("Nama akun")).to_have_value("budi guru")
    page.get_by_label("Nama akun").fill("@Budi.Guru")
    page.get_by_role("button", name="Tambah akun").click()
    expect(page.locator("table")).to_contain_text("@budi.guru")
    page.get_by_label("Jabatan").fill("Kepala Sekolah")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    assert SocialAccount.objects.filter(platform="instagram", handle="budi.guru").exists()
