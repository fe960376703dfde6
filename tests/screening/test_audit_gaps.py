"""Gaps found auditing issue #6: posts imported on the page are screened at once, a column mapping
for generic files, scope in the ASN import, one ASN per account, the queue shows why a post was
flagged, and a wrong-person / bad-input / oversized-input test for every screening page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from jaganetral.reference.models import Election
from jaganetral.screening import actions
from jaganetral.screening.actions import people
from jaganetral.screening.models import (
    AsnPerson,
    Finding,
    FindingStatus,
    ImportJob,
    ImportStatus,
    Post,
    SocialAccount,
)

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"
NIP3 = "199203032020121003"
HEADER = "nip,nama,instansi,jabatan,wilayah,akun\n"
TH_HEADER = (
    "conversation_id_str,created_at,favorite_count,full_text,id_str,image_url,in_reply_to_screen_name,lang,"
    "location,quote_count,reply_count,retweet_count,tweet_url,user_id_str,username\n"
)


def _th(rows: list[tuple[str, str, str]]) -> str:
    out = TH_HEADER
    for pid, text, user in rows:
        out += (
            f'{pid},Wed Apr 10 08:00:00 +0000 2019,0,"{text}",{pid},,,in,,0,0,0,'
            f"https://x.com/{user}/status/{pid},1,{user}\n"
        )
    return out


TH = _th(
    [
        ("1", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi"),
        ("2", "jangan pilih jokowi pembohong", "siti"),
        ("3", "makan siang dulu", "budi"),
    ]
)


@pytest.fixture
def registry(personas, settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    rows = HEADER + f"{NIP},Budi,,Guru,33.20,x:@budi\n{NIP2},Siti,,Camat,35,x:@siti\n"
    report = actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    assert not report.errors


def _upload(client: Client, data: bytes, name: str = "p.csv", **extra: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("screening:posts_import"), {"file": SimpleUploadedFile(name, data), **extra})


# ------------------------------------------------------------------ the analyst's path on the pages


def test_posts_imported_on_the_page_are_screened_into_the_queue(personas, registry) -> None:
    c = personas.client(personas.analyst)
    r = _upload(c, TH.encode())
    job = ImportJob.objects.get()
    assert r.status_code == 302 and job.status == ImportStatus.DONE
    assert job.findings == 2 and Post.objects.filter(screened_at__isnull=False).count() == 3
    assert (
        "2 unggahan baru ditandai" in c.get(reverse("screening:import_job", args=[job.pk])).content.decode()
    )
    page = c.get(reverse("screening:queue")).content.decode()
    # why: highlighted spans with what they are, the contestant by name, rule codes with their title
    assert '<mark title="kata dukungan">coblos</mark>' in page
    assert "nomor urut «02»" in page
    assert "Prabowo Subianto" in page and "Joko Widodo" in page
    assert "E2/D2" in page and "Mempromosikan" in page
    assert "0,99" in page or "0.99" in page
    # re-importing the same file adds nothing and flags nothing twice
    _upload(c, TH.encode())
    assert ImportJob.objects.order_by("-pk").first().findings == 0  # type: ignore[union-attr]
    assert Finding.objects.count() == 2


def test_screening_after_import_picks_the_election_by_period(personas, registry) -> None:
    # a post from 2024 is screened against the 2024 election, not 2019's
    data = TH_HEADER + (
        '9,Mon Feb 05 08:00:00 +0000 2024,0,"ayo coblos prabowo gibran nomor 2",9,,,in,,0,0,0,'
        "https://x.com/budi/status/9,1,budi\n"
    )
    _upload(personas.client(personas.analyst), data.encode())
    finding = Finding.objects.get()
    assert finding.election.code == "pemilu-2024"


def test_the_finding_page_lists_the_reasons(personas, registry) -> None:
    _upload(personas.client(personas.analyst), TH.encode())
    budi = Finding.objects.get(post__handle="budi")
    assert budi.target_kind == "pair"
    page = personas.client(personas.analyst).get(reverse("screening:finding", args=[budi.pk])).content
    text = page.decode()
    assert "Alasan penandaan" in text and "nama peserta: <mark>Prabowo-Sandi</mark>" in text
    assert "Prabowo Subianto" in text and "Partai Gerakan" not in text  # the pair, not party no. 2


def test_generic_csv_with_a_column_mapping_on_the_page(personas, registry) -> None:
    c = personas.client(personas.analyst)
    data = (
        "kode,isi,akun,tautan,waktu\n"
        "k1,coblos 02 prabowo menang,@Budi,https://x.com/budi/status/7,2019-04-10T08:00:00+07:00\n"
    )
    mapping = {"col_id": "kode", "col_text": "isi", "col_handle": "akun", "col_url": "tautan"}
    r = _upload(c, data.encode(), format="csv", **mapping, col_created_at="waktu")
    assert r.status_code == 302
    job = ImportJob.objects.get()
    assert job.mapping == {
        "id": "kode",
        "text": "isi",
        "handle": "akun",
        "url": "tautan",
        "created_at": "waktu",
    }
    post = Post.objects.get()
    assert (post.external_id, post.handle, post.text) == ("k1", "budi", "coblos 02 prabowo menang")
    assert post.posted_at is not None and Finding.objects.filter(post=post).exists()
    # a mapped column the file lacks, an oversized column name: refused, nothing kept
    r = _upload(c, data.encode(), format="csv", col_text="tidak_ada")
    assert r.status_code == 400 and "kolom wajib tidak ada" in r.content.decode()
    r = _upload(c, data.encode(), format="csv", col_text="x" * 200)
    assert r.status_code == 400 and "terlalu panjang" in r.content.decode()
    assert ImportJob.objects.count() == 1
    # JSONL with a mapping
    line = json.dumps({"pid": "j1", "body": "coblos 01 jokowi", "user": "siti"})
    r = _upload(c, line.encode(), "p.jsonl", format="jsonl", col_id="pid", col_text="body", col_handle="user")
    assert r.status_code == 302 and Post.objects.filter(external_id="j1", handle="siti").exists()


def test_clean_mapping_refuses_unknown_fields() -> None:
    assert actions.clean_mapping({"text": " isi ", "url": ""}) == {"text": "isi"}
    with pytest.raises(actions.ScreeningError, match="tidak dikenal"):
        actions.clean_mapping({"password": "x"})


# ------------------------------------------------------------------------------------ ASN import


def test_regional_import_stays_inside_its_scope(personas, registry) -> None:
    read = actions.read_table
    # Jepara (33.20) may not place an ASN in East Java, leave the region empty or overwrite Siti (35)
    for rows, message in (
        (f"{NIP3},Andi,,,35,\n", "di luar cakupan"),
        (f"{NIP3},Andi,,,,\n", "wilayah wajib diisi"),
        (f"{NIP2},Siti Baru,,,33.20,\n", "NIP ini sudah terdaftar di luar cakupan"),
    ):
        report = actions.import_asn(read("a.csv", (HEADER + rows).encode()), actor=personas.jepara)
        assert report.errors and message in report.errors[0], rows
    assert AsnPerson.objects.get(nip=NIP2).name == "Siti"
    assert not AsnPerson.objects.filter(nip=NIP3).exists()
    report = actions.import_asn(
        read("a.csv", (HEADER + f"{NIP3},Andi,,,33.20,\n").encode()), actor=personas.jepara
    )
    assert report.created == 1 and not report.errors


def test_an_account_belongs_to_one_asn_in_the_import(personas, registry) -> None:
    rows = HEADER + f"{NIP3},Andi,,,33.20,x:@siti\n"
    report = actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    assert report.errors == ["baris 2: akun x:@siti sudah terdaftar untuk ASN lain"]
    rows = HEADER + f"{NIP3},Andi,,,33.20,x:@andi\n199404042021011004,Ani,,,33.20,x:@andi\n"
    report = actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    assert report.errors == ["baris 3: akun x:@andi ganda di berkas"]
    assert SocialAccount.objects.get(handle="siti").person.nip == NIP2  # not moved
    # re-importing the same person with their own account is fine
    rows = HEADER + f"{NIP2},Siti Aminah,,,35,x:@siti\n"
    report = actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    assert report.updated == 1 and not report.errors


def test_asn_import_too_many_rows_imports_nothing(personas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people, "MAX_IMPORT_ROWS", 3)
    rows = HEADER + "".join(f"19860926201505100{i},A{i},,,33.20,\n" for i in range(5))
    r = personas.client(personas.analyst).post(
        reverse("screening:people"), {"file": SimpleUploadedFile("a.csv", rows.encode())}
    )
    assert r.status_code == 400 and "terlalu banyak baris" in r.content.decode()
    assert not AsnPerson.objects.exists()


# ------------------------------------------------------------------------------- the command line


def test_import_posts_command_shows_a_progress_bar_and_takes_a_platform(
    personas, registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "th.csv"
    f.write_text(TH)
    call_command("screening", "import-posts", str(f))
    err = capsys.readouterr().err
    assert "[#########################] 100%" in err and "3 baris" in err
    SocialAccount.objects.create(
        person=AsnPerson.objects.get(nip=NIP), platform="instagram", handle="budi.ig"
    )
    g = tmp_path / "ig.jsonl"
    g.write_text(json.dumps({"id": "ig1", "text": "coblos 02", "username": "budi.ig"}) + "\n")
    call_command("screening", "import-posts", str(g), "--format", "jsonl", "--platform", "instagram")
    assert Post.objects.get(external_id="ig1").platform == "instagram"
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="tidak dapat dibuka"):
        call_command("screening", "import-posts", str(tmp_path / "tidak-ada.csv"))


# -------------------------------------------- wrong person, bad input, oversized input: the gaps


def test_queue_refuses_writes_and_ignores_oversized_queries(personas, registry) -> None:
    url = reverse("screening:queue")
    c = personas.client(personas.analyst)
    assert c.post(url).status_code == 405  # bad input: the queue is read-only
    assert c.get(url, {"q": "x" * 10_000}).status_code == 200  # oversized: ignored, no 500


def test_outsiders_cannot_decide_a_finding(personas, registry) -> None:
    _upload(personas.client(personas.analyst), TH.encode())
    siti = Finding.objects.get(post__handle="siti")  # East Java (35)
    url = reverse("screening:finding", args=[siti.pk])
    for user in (personas.jepara, personas.custodian, personas.agency, personas.authority):
        c = personas.client(user)
        for decision in ("confirm", "dismiss", "snooze"):
            assert c.post(url, {"decision": decision, "reason": "x", "days": "7"}).status_code == 404
    assert Client().post(url, {"decision": "confirm"}).status_code == 302
    siti.refresh_from_db()
    assert siti.status == FindingStatus.QUEUED
    assert siti.post.account.snoozed_until is None  # type: ignore[union-attr]
    c = personas.client(personas.jatim)
    assert c.post(url, {"decision": "snooze", "days": "99999999999999999999"}).status_code == 400
    assert c.post(url, {"decision": "x" * 100_000}).status_code == 400
    assert (
        personas.client(personas.analyst).get(reverse("screening:finding", args=[99999])).status_code == 404
    )


def test_people_page_refuses_the_wrong_people(personas, registry) -> None:
    url = reverse("screening:people")
    upload = HEADER + f"{NIP3},Andi,,,33.20,\n"
    for user in (personas.custodian, personas.agency, personas.authority):
        c = personas.client(user)
        assert c.get(url).status_code == 404
        assert c.post(url, {"file": SimpleUploadedFile("a.csv", upload.encode())}).status_code == 404
    assert Client().get(url).status_code == 302
    assert not AsnPerson.objects.filter(nip=NIP3).exists()
    c = personas.client(personas.analyst)
    assert c.get(url, {"q": "b" * 10_000}).status_code == 200  # oversized search: cut, no 500
    assert c.post(url, {}).status_code == 400  # no file


def test_detector_switch_with_an_oversized_election_code(personas, registry) -> None:
    det = actions.register_detector(actor=None, name="v2")
    url = reverse("screening:detector_activate", args=[det.pk])
    r = personas.client(personas.admin).post(url, {"pemilihan": "x" * 10_000})
    assert r.status_code == 302 and len(r["Location"]) < 200


def test_import_job_pages_take_no_oversized_ids(personas, registry) -> None:
    c = personas.client(personas.analyst)
    assert c.get("/petugas/penyaringan/unggahan/impor/" + "9" * 40 + "/").status_code == 404
    assert c.get("/petugas/penyaringan/temuan/" + "9" * 40 + "/").status_code == 404
    assert c.get("/petugas/penyaringan/asn/" + "9" * 40 + "/").status_code == 404


def test_screen_new_posts_only_runs_elections_with_posts_in_their_period(personas, registry) -> None:
    from jaganetral.core.models import AuditEvent

    Post.objects.create(
        external_id="x", handle="budi", account=SocialAccount.objects.get(handle="budi"), text="coblos 02"
    )  # no time: in no period
    assert actions.screen_new_posts(actor=None) == 0
    assert not AuditEvent.objects.filter(action="screening.screen").exists()
    assert Election.objects.count() >= 2
