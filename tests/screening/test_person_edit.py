"""Editing an ASN and their social accounts on the staff person page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jaganetral.core.models import AuditEvent
from jaganetral.screening import actions
from jaganetral.screening.models import AsnPerson, Post, SocialAccount

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"


@pytest.fixture
def budi(personas) -> AsnPerson:
    rows = (
        f"nip,nama,instansi,jabatan,wilayah,akun\n{NIP},Budi,pemkab-33-20,Guru,33.20,x:@budi\n"
        f"{NIP2},Siti,,Camat,35,x:@siti\n"
    )
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    return AsnPerson.objects.get(nip=NIP)


def _url(person: AsnPerson) -> str:
    return reverse("screening:person", args=[person.pk])


def test_edit_person_details(personas, budi: AsnPerson) -> None:
    c = personas.client(personas.jateng)
    page = c.get(_url(budi)).content.decode()
    assert 'value="Budi"' in page and '<option value="33.20" selected>' in page
    assert '<option value="35.01"' not in page  # regions outside the scope are not offered
    assert AuditEvent.objects.filter(action="screening.view_person", object_id=str(budi.pk)).exists()
    r = c.post(
        _url(budi),
        {"name": " Budi Santoso ", "position": "Kepala Sekolah", "agency": "pemkab-33-01", "region": "3301"},
    )
    assert r.status_code == 302
    budi.refresh_from_db()
    assert (budi.name, budi.position, budi.agency.code, budi.region_id) == (  # type: ignore[union-attr]
        "Budi Santoso",
        "Kepala Sekolah",
        "pemkab-33-01",
        "33.01",
    )
    event = AuditEvent.objects.get(action="screening.update_person")
    assert event.actor == personas.jateng
    assert event.data["changed"]["region"] == ["33.20", "33.01"] and event.data["changed"]["name"] is True
    # a national analyst may leave the region empty
    r = personas.client(personas.analyst).post(
        _url(budi), {"name": "Budi Santoso", "position": "", "agency": "", "region": ""}
    )
    assert r.status_code == 302
    budi.refresh_from_db()
    assert budi.region is None and budi.agency is None


def test_bad_edit_keeps_what_was_typed(personas, budi: AsnPerson) -> None:
    c = personas.client(personas.jepara)
    sent = {"name": "Budi Baru", "position": "Guru Madya", "agency": "pemkab-33-20", "region": "35.01"}
    r = c.post(_url(budi), sent)
    page = r.content.decode()
    assert r.status_code == 400 and "wilayah di luar cakupan" in page
    assert 'value="Budi Baru"' in page and 'value="Guru Madya"' in page  # nothing lost
    budi.refresh_from_db()
    assert (budi.name, budi.region_id) == ("Budi", "33.20")
    for bad, message in (
        ({**sent, "region": "33.20", "agency": "tidak-ada"}, "instansi"),
        ({**sent, "region": "99.99"}, "tidak dikenal"),
        ({**sent, "region": "bukan kode"}, "tidak dikenal"),
        ({**sent, "region": ""}, "wilayah wajib diisi"),  # a regional user cannot drop the ASN from view
        ({**sent, "region": "33.20", "name": ""}, "nama wajib"),
        ({**sent, "region": "33.20", "name": "x" * 5000}, "nama wajib"),  # oversized
        ({**sent, "region": "33.20", "position": "y" * 250}, "jabatan"),
    ):
        r = c.post(_url(budi), bad)
        assert r.status_code == 400 and message in r.content.decode(), bad
    assert not AuditEvent.objects.filter(action="screening.update_person").exists()


def test_wrong_people_cannot_see_or_edit(personas, budi: AsnPerson) -> None:
    url = _url(budi)
    for user in (personas.jatim, personas.custodian, personas.agency, personas.authority):
        c = personas.client(user)
        assert c.get(url).status_code == 404
        assert c.post(url, {"name": "X", "position": ""}).status_code == 404
        assert (
            c.post(reverse("screening:person_account_add", args=[budi.pk]), {"handle": "x"}).status_code
            == 404
        )
    assert Client().get(url).status_code == 302
    assert personas.client(personas.jepara).get(reverse("screening:person", args=[99999])).status_code == 404
    budi.refresh_from_db()
    assert budi.name == "Budi"
    with pytest.raises(actions.ScreeningError):
        actions.update_person(budi, actor=personas.jatim, name="X", position="")


def test_add_and_remove_accounts(personas, budi: AsnPerson) -> None:
    c = personas.client(personas.jepara)
    add = reverse("screening:person_account_add", args=[budi.pk])
    r = c.post(add, {"platform": "instagram", "handle": "https://www.instagram.com/Budi.Guru/?hl=id"})
    assert r.status_code == 302
    account = SocialAccount.objects.get(platform="instagram")
    assert (account.handle, account.person_id) == ("budi.guru", budi.pk)
    assert AuditEvent.objects.filter(
        action="screening.add_account", data__account="instagram:budi.guru"
    ).exists()
    assert "@budi.guru" in c.get(_url(budi)).content.decode()

    for sent, message in (
        ({"platform": "instagram", "handle": "@BUDI.GURU"}, "sudah tercatat untuk ASN ini"),
        ({"platform": "x", "handle": "@siti"}, "sudah terdaftar untuk ASN lain"),
        ({"platform": "myspace", "handle": "budi"}, "platform tidak dikenal"),
        ({"platform": "x", "handle": "budi guru!"}, "tidak sah"),
        ({"platform": "x", "handle": ""}, "tidak sah"),
        ({"platform": "x", "handle": "b" * 5000}, "tidak sah"),  # oversized
    ):
        r = c.post(add, sent)
        page = r.content.decode()
        assert r.status_code == 400 and message in page, sent
        assert f'<option value="{sent["platform"]}" selected>' in page or sent["platform"] == "myspace"
    assert 'value="budi guru!"' in c.post(add, {"platform": "x", "handle": "budi guru!"}).content.decode()
    assert SocialAccount.objects.filter(person=budi).count() == 2
    assert SocialAccount.objects.get(handle="siti").person.nip == NIP2  # not moved

    # removing stops screening; the posts stay, and come back under the account when it is re-added
    x = SocialAccount.objects.get(platform="x", handle="budi")
    Post.objects.create(external_id="1", handle="budi", account=x, text="coblos")
    remove = reverse("screening:person_account_remove", args=[budi.pk, x.pk])
    assert c.get(remove).status_code == 405
    assert personas.client(personas.jatim).post(remove).status_code == 404
    siti = AsnPerson.objects.get(nip=NIP2)
    siti_account = siti.accounts.get()
    # an account of someone else through this person's address: 404
    assert (
        c.post(reverse("screening:person_account_remove", args=[budi.pk, siti_account.pk])).status_code == 404
    )
    assert c.post(remove).status_code == 302
    assert not SocialAccount.objects.filter(pk=x.pk).exists()
    assert Post.objects.get(external_id="1").account is None
    assert AuditEvent.objects.filter(action="screening.remove_account", data__account="x:budi").exists()
    assert c.post(remove).status_code == 404
    assert c.post(add, {"platform": "x", "handle": "Budi"}).status_code == 302
    assert Post.objects.get(external_id="1").account.handle == "budi"  # type: ignore[union-attr]


def test_handle_normalisation() -> None:
    n = actions.normalize_handle
    assert n(" @Budi_S ") == "budi_s"
    assert n("https://x.com/Budi_S/status/123") == "budi_s"
    assert n("twitter.com/budi_s") == "budi_s"
    assert n("https://www.tiktok.com/@budi.s") == "budi.s"
    assert n("https://facebook.com/budi.santoso?ref=x") == "budi.santoso"
    for bad in ("", "@", "budi s", "budi<script>", "ü" * 3, "a" * 101):
        with pytest.raises(actions.ScreeningError):
            n(bad)
