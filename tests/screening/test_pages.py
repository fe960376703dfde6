from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jaganetral.reference.models import Election
from jaganetral.screening import actions, views
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"
TH = (
    "conversation_id_str,created_at,favorite_count,full_text,id_str,image_url,in_reply_to_screen_name,lang,"
    "location,quote_count,reply_count,retweet_count,tweet_url,user_id_str,username\n"
    '1,Wed Apr 10 08:00:00 +0000 2019,0,"Ayo coblos 02 Prabowo-Sandi pasti menang!",1,,,in,,0,0,0,'
    "https://x.com/budi/status/1,1,budi\n"
    '2,Wed Apr 10 09:00:00 +0000 2019,0,"jangan pilih jokowi pembohong",2,,,in,,0,0,0,'
    "https://x.com/siti/status/2,2,siti\n"
)


@pytest.fixture
def findings(personas, tmp_path: Path) -> dict[str, Finding]:
    data = (
        f"nip,nama,instansi,jabatan,wilayah,akun\n{NIP},Budi,,Guru,33.20,x:@budi\n"
        f"{NIP2},Siti,,Camat,35,x:@siti\n"
    )
    actions.import_asn(actions.read_table("a.csv", data.encode()), actor=personas.analyst)
    f = tmp_path / "th.csv"
    f.write_text(TH)
    call_command("screening", "import-posts", str(f))
    actions.screen_posts(Election.objects.get(code="pemilu-2019"), actor=None)
    return {f.post.handle: f for f in Finding.objects.select_related("post")}


def test_queue_scoped_and_wrong_people_refused(personas, findings) -> None:
    url = reverse("screening:queue")
    assert personas.client(personas.custodian).get(url).status_code == 404
    assert personas.client(personas.agency).get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302
    page = personas.client(personas.jepara).get(url).content.decode()
    assert "@budi" in page and "@siti" not in page
    # a finding outside the scope is 404, not 403
    siti = reverse("screening:finding", args=[findings["siti"].pk])
    assert personas.client(personas.jepara).get(siti).status_code == 404
    assert personas.client(personas.jatim).get(siti).status_code == 200


def test_confirm_and_dismiss_through_the_page(personas, findings) -> None:
    c = personas.client(personas.analyst)
    budi = reverse("screening:finding", args=[findings["budi"].pk])
    page = c.get(budi).content.decode()
    assert "<mark" in page and "E2/D2" in page
    assert c.post(budi, {"decision": "confirm", "reason": ""}).status_code == 302
    f = Finding.objects.get(pk=findings["budi"].pk)
    assert f.status == FindingStatus.CONFIRMED and len(f.captured_sha256) == 64
    # the analyst is told which case was opened
    assert f"kasus temuan #{f.case_ref} dibuka" in c.get(reverse("screening:queue")).content.decode()
    siti = reverse("screening:finding", args=[findings["siti"].pk])
    r = c.post(siti, {"decision": "dismiss", "reason": ""})
    assert r.status_code == 400 and "alasan" in r.content.decode()
    assert c.post(siti, {"decision": "dismiss", "reason": "x" * 3000}).status_code == 400
    assert c.post(siti, {"decision": "meledak"}).status_code == 400
    assert c.post(siti, {"decision": "snooze", "days": "abc"}).status_code == 400
    assert c.post(siti, {"decision": "dismiss", "reason": "bukan kampanye"}).status_code == 302
    assert Finding.objects.get(pk=findings["siti"].pk).status == FindingStatus.DISMISSED


def test_people_search_import_and_edit(personas, findings, monkeypatch: pytest.MonkeyPatch) -> None:
    c = personas.client(personas.analyst)
    url = reverse("screening:people")
    assert "Budi" in c.get(url, {"q": "bud"}).content.decode()
    from jaganetral.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="screening.search_people", data__query="bud").exists()
    assert "Budi" not in personas.client(personas.jatim).get(url).content.decode()
    bad = SimpleUploadedFile("a.csv", b"nip,nama\n123,X\n")
    r = c.post(url, {"file": bad})
    assert r.status_code == 400 and "baris 2" in r.content.decode()
    assert c.post(url, {"file": SimpleUploadedFile("a.exe", b"MZ")}).status_code == 400
    monkeypatch.setattr(views, "MAX_UPLOAD", 10)
    assert c.post(url, {"file": SimpleUploadedFile("a.csv", b"x" * 100)}).status_code == 413
    person = AsnPerson.objects.get(nip=NIP)
    edit = reverse("screening:person", args=[person.pk])
    assert personas.client(personas.jatim).get(edit).status_code == 404
    assert c.post(edit, {"name": "", "position": "x"}).status_code == 400
    assert c.post(edit, {"name": "Budi S", "position": "Guru"}).status_code == 302
    assert AsnPerson.objects.get(pk=person.pk).name == "Budi S"


def test_posts_import_page(personas, monkeypatch: pytest.MonkeyPatch, settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    rows = (
        f"nip,nama,instansi,jabatan,wilayah,akun\n{NIP},Budi,,Guru,33.20,x:@budi\n"
        f"{NIP2},Siti,,Camat,35,x:@siti\n"
    )
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    c = personas.client(personas.analyst)
    url = reverse("screening:posts_import")
    assert c.get(url).status_code == 200
    assert personas.client(personas.custodian).get(url).status_code == 404
    r = c.post(url, {"file": SimpleUploadedFile("p.csv", TH.encode())})
    assert r.status_code == 302
    c.post(url, {"file": SimpleUploadedFile("p.csv", TH.encode())})
    from jaganetral.screening.models import Post

    assert Post.objects.count() == 2
    assert c.post(url, {"file": SimpleUploadedFile("p.csv", b"a,b\n1,2\n")}).status_code == 400
    monkeypatch.setattr(views, "MAX_POSTS_UPLOAD", 10)
    assert c.post(url, {"file": SimpleUploadedFile("p.csv", TH.encode())}).status_code == 413
