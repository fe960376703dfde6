"""Pledge campaigns end to end: roster import (all or nothing), personal links, signing,
certificate and its public verification, coverage, reminders, export, and the wrong people."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jaganetral.core.models import AuditEvent
from jaganetral.prevention import selectors, tokens
from jaganetral.prevention.actions import pledges
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.models import Campaign, Signer
from jaganetral.reference.models import Agency, Election
from tests.conftest import Personas
from tests.prevention.conftest import ROSTER, csv_bytes, nip, xlsx_bytes

pytestmark = pytest.mark.django_db


def _link(signer: Signer) -> str:
    return pledges.link_for(signer)


def _token(signer: Signer) -> str:
    return _link(signer).rstrip("/").split("/")[-1]


def test_an_officer_runs_a_campaign_from_roster_to_coverage(personas: Personas) -> None:
    c = personas.client(personas.agency)
    agency = Agency.objects.get(code="pemkab-33-20")
    election = Election.objects.get(code="pilkada-2024")
    r = c.post(
        reverse("prevention_staff:campaigns"),
        {"agency": agency.pk, "election": election.pk, "title": "Ikrar Pilkada", "link_days": 30},
    )
    assert r.status_code == 302
    campaign = Campaign.objects.get(title="Ikrar Pilkada")
    upload = SimpleUploadedFile("daftar.xlsx", xlsx_bytes(ROSTER))
    r = c.post(reverse("prevention_staff:campaign", args=[campaign.pk]), {"file": upload})
    assert r.status_code == 302
    assert Signer.objects.filter(campaign=campaign).count() == 3
    signer = Signer.objects.get(campaign=campaign, nip=nip(1))
    pledges.sign(signer=signer, nip=nip(1), name="Budi Santoso")
    page = c.get(reverse("prevention_staff:campaign", args=[campaign.pk]))
    assert page.status_code == 200
    units = {u.unit: (u.signed, u.total, u.percent) for u in page.context["units"]}
    assert units == {"Dinas Pendidikan": (1, 2, 50), "Dinas Kesehatan": (0, 1, 0)}
    assert "1 dari 3 ASN sudah berikrar (33%)" in page.content.decode()
    assert AuditEvent.objects.filter(action="prevention.roster_import", object_id=str(campaign.pk)).exists()


def test_a_roster_with_one_bad_row_imports_nothing(campaign: Campaign, personas: Personas) -> None:
    rows = [*ROSTER, ("1986092620150510", "Rusak", "", "PNS", "")]
    c = personas.client(personas.agency)
    upload = SimpleUploadedFile("daftar.csv", csv_bytes(rows))
    r = c.post(reverse("prevention_staff:campaign", args=[campaign.pk]), {"file": upload})
    assert r.status_code == 400
    body = r.content.decode()
    assert "Tidak ada yang diimpor" in body
    assert "Baris 5" in body and "NIP harus 18 angka" in body
    assert not Signer.objects.filter(campaign=campaign).exists()


def test_a_failure_while_writing_rolls_the_whole_import_back(
    campaign: Campaign, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    pledges.import_roster(
        actor=personas.agency, campaign=campaign, filename="a.csv", data=csv_bytes(ROSTER[:1])
    )
    before = list(Signer.objects.filter(campaign=campaign).values_list("nip", "name"))

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Signer.objects, "bulk_create", boom)
    changed = [(nip(1), "Nama Baru", "", "PNS", ""), *ROSTER[1:]]
    with pytest.raises(RuntimeError):
        pledges.import_roster(
            actor=personas.agency, campaign=campaign, filename="a.csv", data=csv_bytes(changed)
        )
    assert list(Signer.objects.filter(campaign=campaign).values_list("nip", "name")) == before


def test_reimporting_updates_unsigned_people_and_leaves_signed_ones(
    rostered: Campaign, personas: Personas
) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    pledges.sign(signer=budi, nip=nip(1), name="Budi Santoso")
    rows = [
        (nip(1), "Budi Diganti", "X", "PNS", ""),
        (nip(2, 2), "Siti Aminah", "Dinas Sosial", "PPPK", ""),
        (nip(9), "Baru", "", "PNS", ""),
    ]
    done = pledges.import_roster(
        actor=personas.agency, campaign=rostered, filename="a.csv", data=csv_bytes(rows)
    )
    assert (done.created, done.updated, done.kept_signed) == (1, 1, 1)
    assert Signer.objects.get(campaign=rostered, nip=nip(1)).name == "Budi Santoso, S.Kom."
    assert Signer.objects.get(campaign=rostered, nip=nip(2, 2)).unit == "Dinas Sosial"


def test_a_huge_upload_is_refused(campaign: Campaign, personas: Personas) -> None:
    c = personas.client(personas.agency)
    upload = SimpleUploadedFile("daftar.csv", b"a" * (3 * 1024 * 1024))
    r = c.post(reverse("prevention_staff:campaign", args=[campaign.pk]), {"file": upload})
    assert r.status_code == 400
    assert "paling besar 2 MB" in r.content.decode()
    assert not Signer.objects.filter(campaign=campaign).exists()


def test_wrong_roles_and_other_agencies_are_refused(campaign: Campaign, personas: Personas) -> None:
    for user in (personas.jepara, personas.analyst, personas.custodian):
        c = personas.client(user)
        assert c.get(reverse("prevention_staff:campaigns")).status_code == 403
        assert c.get(reverse("prevention_staff:campaign", args=[campaign.pk])).status_code == 404
        assert c.get(reverse("prevention_staff:export", args=[campaign.pk])).status_code == 404
    # an agency officer of another agency, and an administrator of another region
    from tests.conftest import _make

    kudus = _make("bkd-kudus", "agency", "33.19", agency="pemkab-33-19")
    jatim_admin = _make("admin-jatim", "admin", "35")
    for user in (kudus, jatim_admin):
        c = personas.client(user)
        assert c.get(reverse("prevention_staff:campaign", args=[campaign.pk])).status_code == 404
        upload = SimpleUploadedFile("daftar.csv", csv_bytes(ROSTER))
        assert (
            c.post(reverse("prevention_staff:campaign", args=[campaign.pk]), {"file": upload}).status_code
            == 404
        )
    assert not Signer.objects.filter(campaign=campaign).exists()
    # the other agency's officer cannot open a campaign for Jepara either
    with pytest.raises(PreventionError):
        pledges.open_campaign(
            actor=kudus,
            agency=Agency.objects.get(code="pemkab-33-20"),
            election=Election.objects.get(code="pilkada-2024"),
            title="x",
        )
    assert list(selectors.campaigns(personas.admin)) == [campaign]  # national admin sees it
    assert campaign.pk not in [x.pk for x in selectors.campaigns(kudus)]


def test_an_asn_signs_once_and_the_certificate_verifies_publicly(rostered: Campaign) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    anon = Client()
    page = anon.get(_link(budi))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Yang dilarang" in text and "Sanksi yang dapat dijatuhkan kepada PNS" in text
    assert budi.nip not in text  # the link does not reveal who it is for
    r = anon.post(_link(budi), {"nip": "19860926 201505 1 001", "name": "budi santoso", "agree": "on"})
    assert r.status_code == 302
    budi.refresh_from_db()
    first = (budi.signed_at, budi.certificate_code)
    assert budi.has_signed and budi.certificate_code and budi.certificate_code.startswith("IKR-")
    # signing again changes nothing
    again = pledges.sign(signer=budi, nip=nip(1), name="Budi Santoso")
    assert (again.signed_at, again.certificate_code) == first
    anon.post(_link(budi), {"nip": nip(1), "name": "Budi Santoso", "agree": "on"})
    budi.refresh_from_db()
    assert (budi.signed_at, budi.certificate_code) == first
    assert AuditEvent.objects.filter(action="prevention.pledge_signed", object_id=str(budi.pk)).count() == 1
    # the certificate
    pdf = anon.get(reverse("prevention:certificate", args=[_token(budi)]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # public verification: name, agency and date only
    code = budi.certificate_code
    assert code is not None
    ok = anon.get(reverse("prevention:verify"), {"kode": code.lower().replace("-", " ")})
    assert ok.status_code == 200
    body = ok.content.decode()
    assert "Sertifikat sah" in body and "Budi Santoso" in body and "Pemerintah Kabupaten Jepara" in body
    assert budi.nip not in body and "Dinas Pendidikan" not in body and "budi@example" not in body
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    bad = anon.get(reverse("prevention:verify"), {"kode": forged})
    assert bad.status_code == 404 and "tidak cocok" in bad.content.decode()
    assert anon.get(reverse("prevention:verify"), {"kode": "x" * 5000}).status_code == 404


def test_a_link_refuses_another_persons_nip_or_name(rostered: Campaign) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    anon = Client()
    for nip_typed, name in ((nip(2, 2), "Siti Aminah"), (nip(1), "Siti Aminah"), ("123", "Budi Santoso")):
        r = anon.post(_link(budi), {"nip": nip_typed, "name": name, "agree": "on"})
        assert r.status_code == 400
        assert nip_typed in r.content.decode()  # what was typed is kept
    budi.refresh_from_db()
    assert not budi.has_signed
    assert "tidak cocok dengan tautan ini" in r.content.decode() or "NIP" in r.content.decode()
    siti = Signer.objects.get(campaign=rostered, nip=nip(2, 2))
    with pytest.raises(PreventionError, match="tidak cocok"):
        pledges.sign(signer=siti, nip=nip(1), name="Budi Santoso")


def test_forged_withdrawn_and_expired_links_are_refused(
    rostered: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    siti = Signer.objects.get(campaign=rostered, nip=nip(2, 2))
    anon = Client()
    token = _token(budi)
    # forged: a token made for Siti's id with Budi's nonce, a damaged one, one of another kind
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other_kind = tokens.quiz_token(budi.pk, "before")
    for bad in (forged, other_kind, "x" * 400):
        assert anon.get(reverse("prevention:pledge", args=[bad])).status_code == 404
    swapped = tokens.pledge_token(siti.pk, budi.link_nonce)
    assert anon.get(reverse("prevention:pledge", args=[swapped])).status_code == 404
    # withdrawn: a new nonce
    budi.link_nonce = "0123456789abcdef"
    budi.save()
    assert anon.get(reverse("prevention:pledge", args=[token])).status_code == 404
    # expired: the campaign's 30 days have passed
    fresh = _token(budi)
    real = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() + 31 * 86400)
    r = anon.get(reverse("prevention:pledge", args=[fresh]))
    assert r.status_code == 410 and "Masa berlaku tautan ini sudah habis" in r.content.decode()
    r = anon.post(
        reverse("prevention:pledge", args=[fresh]), {"nip": nip(1), "name": "Budi Santoso", "agree": "on"}
    )
    assert r.status_code == 410
    budi.refresh_from_db()
    assert not budi.has_signed


def test_long_input_on_the_signing_page_is_refused_and_kept(rostered: Campaign) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    r = Client().post(_link(budi), {"nip": nip(1), "name": "B" * 5000, "agree": "on"})
    assert r.status_code == 400
    budi.refresh_from_db()
    assert not budi.has_signed


def test_reminders_go_to_those_who_have_not_signed_once_a_day(rostered: Campaign, personas: Personas) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    pledges.sign(signer=budi, nip=nip(1), name="Budi Santoso")
    c = personas.client(personas.agency)
    r = c.post(reverse("prevention_staff:remind", args=[rostered.pk]))
    assert r.status_code == 302
    assert [m.to for m in mail.outbox] == [["siti@example.go.id"]]  # Budi signed, Agus has no e-mail
    message = mail.outbox[0]
    assert "Siti Aminah" in message.body and "/ikrar/" in message.body
    link = next(line for line in message.body.splitlines() if "/ikrar/" in line).strip()
    assert Client().get(link.replace("http://testserver", "")).status_code == 200
    c.post(reverse("prevention_staff:remind", args=[rostered.pk]))
    assert len(mail.outbox) == 1
    # the wrong person cannot send them
    assert (
        personas.client(personas.jepara)
        .post(reverse("prevention_staff:remind", args=[rostered.pk]))
        .status_code
        == 404
    )


def test_the_export_lists_everyone_with_formula_cells_neutralised(
    campaign: Campaign, personas: Personas
) -> None:
    rows = [(nip(1), '=HYPERLINK("http://x")', "@unit", "PNS", ""), (nip(2, 2), "Siti", "+Dinas", "PPPK", "")]
    pledges.import_roster(actor=personas.agency, campaign=campaign, filename="a.csv", data=csv_bytes(rows))
    r = personas.client(personas.agency).get(reverse("prevention_staff:export", args=[campaign.pk]))
    assert r.status_code == 200
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert table[0][:2] == ["NIP", "Nama"]
    cells = [cell for row in table[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "@", "-")) for cell in cells)
    assert '\'=HYPERLINK("http://x")' in cells and "'@unit" in cells and "'+Dinas" in cells
    assert AuditEvent.objects.filter(action="prevention.roster_export").exists()


def test_the_links_page_shows_one_qr_code_per_person(rostered: Campaign, personas: Personas) -> None:
    r = personas.client(personas.agency).get(reverse("prevention_staff:links", args=[rostered.pk]))
    assert r.status_code == 200
    assert r.content.decode().count("data:image/svg+xml") == 3
    assert (
        personas.client(personas.jatim).get(reverse("prevention_staff:links", args=[rostered.pk])).status_code
        == 404
    )


def test_a_closed_campaign_takes_no_new_signatures(rostered: Campaign, personas: Personas) -> None:
    pledges.close_campaign(actor=personas.agency, campaign=rostered)
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    with pytest.raises(PreventionError, match="ditutup"):
        pledges.sign(signer=budi, nip=nip(1), name="Budi Santoso")
    with pytest.raises(PreventionError, match="ditutup"):
        pledges.import_roster(
            actor=personas.agency, campaign=rostered, filename="a.csv", data=csv_bytes(ROSTER)
        )
