"""The screening refusals speak English on the English site (Indonesian stays the default), and
what an import job stores stays as written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jaganetral.screening import actions
from jaganetral.screening.models import AsnPerson, ImportJob, ImportStatus
from jaganetral.screening.nlp import postio

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
HEADER = "nip,nama,instansi,jabatan,wilayah,akun\n"


def _english(client: Client) -> Client:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def budi(personas) -> AsnPerson:
    data = (HEADER + f"{NIP},Budi,,Guru,33.20,x:@budi\n").encode()
    actions.import_asn(actions.read_table("a.csv", data), actor=personas.analyst)
    return AsnPerson.objects.get(nip=NIP)


def test_a_refused_action_speaks_the_active_language(personas, budi: AsnPerson) -> None:
    with translation.override("en"), pytest.raises(actions.ScreeningError) as refused:
        actions.add_account(budi, actor=personas.analyst, platform="x", handle="@budi")
    assert str(refused.value) == "account x:@budi is already recorded for this civil servant"
    with translation.override("en"), pytest.raises(actions.ScreeningError) as refused:
        actions.update_person(budi, actor=personas.jatim, name="Budi", position="Guru")
    assert str(refused.value) == "this civil servant is outside your region scope"
    with translation.override("en"), pytest.raises(actions.ScreeningError) as refused:
        actions.clean_mapping({"warna": "biru"})
    assert str(refused.value) == "unknown mapping field: 'warna'"  # repr() kept
    with translation.override("en"), pytest.raises(actions.ScreeningError) as refused:
        actions.register_detector(actor=None, name="v2", threshold=1.5)
    assert str(refused.value) == "the threshold must be between 0 and 1"
    # Indonesian is the default: the source text, unchanged
    with pytest.raises(actions.ScreeningError, match="sudah tercatat untuk ASN ini"):
        actions.add_account(budi, actor=personas.analyst, platform="x", handle="@budi")


def test_import_row_errors_are_wholly_english(personas, budi: AsnPerson) -> None:
    data = (HEADER + f"{NIP},,XYZ,,33.20,x:@budi; myspace:budi\n").encode()
    with translation.override("en"):
        report = actions.import_asn(actions.read_table("a.csv", data), actor=personas.jepara)
    assert report.errors == [
        "row 2: name is required (max. 200 characters); unknown agency 'XYZ'; "
        "account 'myspace:budi' is not valid (format platform:account, e.g. x:@budi)"
    ]


def test_the_pure_post_reader_speaks_the_active_language() -> None:
    rows = postio.PostReader(io.StringIO('{"id": 1}\n[1, 2]\n'), "jsonl")
    with translation.override("en"), pytest.raises(postio.InputError) as refused:
        list(rows)
    assert str(refused.value) == "row 2: must be a JSON object"
    with pytest.raises(postio.InputError, match=r"^kolom wajib tidak ada di berkas: text$"):
        postio.PostReader(io.StringIO("a,b\n1,2\n"), "csv", required=["text"])


def test_the_command_speaks_the_active_language(refdata: None) -> None:
    with translation.override("en"), pytest.raises(CommandError, match=r"^detector 'nope' does not exist$"):
        call_command("screening", "detector-activate", "nope")
    out = io.StringIO()
    with translation.override("en"):
        call_command("screening", "detectors", stdout=out)
    assert out.getvalue().split("\t")[1:] == ["active", "(built-in)\n"]


def test_the_english_page_shows_english_refusals(personas, budi: AsnPerson) -> None:
    c = _english(personas.client(personas.analyst))
    url = reverse("screening:person", args=[budi.pk])
    r = c.post(url, {"name": "", "position": "x" * 201})
    assert r.status_code == 400
    assert "name is required (max. 200 characters); position at most 200 characters" in r.content.decode()
    r = c.post(reverse("screening:person_account_add", args=[budi.pk]), {"platform": "x", "handle": "a b"})
    assert r.status_code == 400 and "account name &#x27;a b&#x27; is not valid" in r.content.decode()
    # the browser's Accept-Language is not a choice of language: without the cookie, Indonesian
    plain = personas.client(personas.analyst)
    r = plain.post(url, {"name": ""}, headers={"Accept-Language": "en"})
    assert r.status_code == 400 and "nama wajib diisi" in r.content.decode()


def test_an_english_import_refuses_in_english_but_stores_as_written(
    personas, budi: AsnPerson, settings, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    c = _english(personas.client(personas.analyst))
    url = reverse("screening:posts_import")
    r = c.post(url, {"file": SimpleUploadedFile("p.csv", b"a,b\n1,2\n")})
    assert r.status_code == 400
    assert "required columns missing from the file: id_str, full_text, username" in r.content.decode()
    # a small file is imported during the request; what fails later is kept on the job in Indonesian
    good = json.dumps({"id": "1", "text": "halo", "username": "budi"})
    data = f"{good}\n{{rusak\n".encode()
    r = c.post(url, {"file": SimpleUploadedFile("p.jsonl", data), "format": "jsonl"})
    job = ImportJob.objects.get()
    assert r.status_code == 302 and job.status == ImportStatus.FAILED
    assert job.message.startswith("baris 2: bukan JSON yang sah") and "tidak ada unggahan" in job.message
    # and the page around it is English
    assert "Import failed" in c.get(r["Location"]).content.decode()
