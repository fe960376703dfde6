import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from jaganetral.core.models import AuditEvent
from jaganetral.reference.models import Election
from jaganetral.screening import actions, selectors
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus, Label, Post, SocialAccount

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"
HEADER = "nip,nama,instansi,jabatan,wilayah,akun\n"
TH_HEADER = (
    "conversation_id_str,created_at,favorite_count,full_text,id_str,image_url,in_reply_to_screen_name,lang,"
    "location,quote_count,reply_count,retweet_count,tweet_url,user_id_str,username\n"
)


def _th(rows: list[tuple[str, str, str, str]]) -> str:
    out = TH_HEADER
    for pid, when, text, user in rows:
        out += f'{pid},{when},0,"{text}",{pid},,,in,,0,0,0,https://x.com/{user}/status/{pid},1,{user}\n'
    return out


def test_import_asn_csv_and_xlsx(personas) -> None:
    data = (HEADER + f"{NIP},Budi Santoso,,Guru,33.20,x:@budi_s\n").encode()
    rep = actions.import_asn(actions.read_table("a.csv", data), actor=personas.analyst)
    assert rep.created == 1 and not rep.errors
    assert SocialAccount.objects.get(handle="budi_s").person.nip == NIP
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "Nama", "Instansi", "Jabatan", "Wilayah", "Akun"])
    ws.append([NIP2, "Siti", None, "Camat", "33", "instagram:siti"])
    buf = io.BytesIO()
    wb.save(buf)
    rep = actions.import_asn(actions.read_table("a.xlsx", buf.getvalue()), actor=personas.analyst)
    assert rep.created == 1
    assert AuditEvent.objects.filter(action="screening.import_asn").count() == 2


def test_import_asn_bad_rows_import_nothing(personas) -> None:
    data = (HEADER + f"{NIP},Budi,,,33.20,x:@budi\n12345,Tanpa NIP,,,,\n{NIP2},,,,99.99,\n").encode()
    rep = actions.import_asn(actions.read_table("a.csv", data), actor=personas.analyst)
    assert AsnPerson.objects.count() == 0
    assert len(rep.errors) == 2
    assert rep.errors[0].startswith("baris 3") and "18 angka" in rep.errors[0]
    assert "wilayah" in rep.errors[1] and "nama" in rep.errors[1]


def test_import_asn_command_refuses_bad_file(refdata: None, tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text(HEADER + "123,X,,,,\n")
    with pytest.raises(CommandError, match="baris 2"):
        call_command("screening", "import-asn", str(f))
    f.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("screening", "import-asn", str(f))


def _setup_people(personas) -> None:
    data = (HEADER + f"{NIP},Budi,,Guru,33.20,x:@budi\n{NIP2},Siti,,Camat,35,x:@siti\n").encode()
    actions.import_asn(actions.read_table("a.csv", data), actor=personas.analyst)


def test_import_posts_idempotent_and_scan_privacy(personas, tmp_path: Path) -> None:
    _setup_people(personas)
    f = tmp_path / "th.csv"
    f.write_text(
        _th(
            [
                ("1", "Wed Apr 10 08:00:00 +0000 2019", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi"),
                ("2", "Wed Apr 10 09:00:00 +0000 2019", "jangan pilih jokowi pembohong", "siti"),
                ("3", "Wed Apr 10 09:00:00 +0000 2019", "coblos 01 jokowi harga mati", "orang_lain"),
                ("4", "Mon Jan 01 09:00:00 +0000 2018", "coblos 01 jokowi harga mati", "budi"),
                ("5", "Wed Apr 10 10:00:00 +0000 2019", "makan siang dulu", "budi"),
            ]
        )
    )
    call_command("screening", "import-posts", str(f))
    call_command("screening", "import-posts", str(f))
    assert Post.objects.count() == 4  # the unregistered account's post is not stored
    election = Election.objects.get(code="pemilu-2019")
    assert actions.screen_posts(election, actor=personas.analyst) == 2
    # unregistered account (3, not stored), outside the election period (4), ordinary post (5): no finding
    assert set(Finding.objects.values_list("post__external_id", flat=True)) == {"1", "2"}
    assert actions.screen_posts(election, actor=personas.analyst) == 0  # dedup per post

    # scope: Jepara sees Budi's (33.20), not Siti's (35); national analyst sees both
    assert [f.post.handle for f in selectors.review_queue(personas.jepara)] == ["budi"]
    assert len(selectors.review_queue(personas.analyst)) == 2
    assert not selectors.review_queue(personas.custodian).exists()
    siti = Finding.objects.get(post__handle="siti")
    assert selectors.finding_for(personas.jepara, siti.pk) is None

    budi = Finding.objects.get(post__handle="budi")
    done = actions.confirm_finding(budi, actor=personas.analyst, reason="jelas ajakan memilih")
    assert done.status == FindingStatus.CONFIRMED
    assert len(done.captured_sha256) == 64 and done.captured_url.endswith("/status/1")
    # confirming opens a temuan case (source: screening) with the captured post on its timeline
    from jaganetral.cases.models import Case

    case = Case.objects.get(pk=int(done.case_ref))
    assert (case.source, case.region_id, case.state) == ("screening", "33.20", "received")
    assert [p.name for p in case.reported.all()] == [budi.post.account.person.name]
    assert case.alleged_rules and case.assignee is None
    opened = case.events.get(kind="opened_from_screening")
    assert opened.data["sha256"] == done.captured_sha256
    assert opened.data["url"] == done.captured_url
    with pytest.raises(actions.ScreeningError):
        actions.confirm_finding(budi, actor=personas.analyst)
    with pytest.raises(actions.ScreeningError, match="alasan"):
        actions.dismiss_finding(siti, actor=personas.analyst, reason="  ")
    actions.dismiss_finding(siti, actor=personas.analyst, reason="sindiran, bukan kampanye")
    labels = dict(Label.objects.values_list("finding__post__handle", "label"))
    assert labels == {"budi": "support", "siti": "none"}
    assert "prabowo" not in " ".join(Label.objects.get(finding=budi).masked_tokens)

    # retention: old raw posts go, the confirmed evidence stays
    later = timezone.now() + dt.timedelta(days=actions.RETENTION_DAYS + 1)
    actions.purge_expired_posts(now=later)
    assert list(Post.objects.values_list("external_id", flat=True)) == ["1"]


def test_snooze_and_monitor_mode(personas, tmp_path: Path) -> None:
    _setup_people(personas)
    f = tmp_path / "th.csv"
    f.write_text(_th([("1", "Wed Apr 10 08:00:00 +0000 2019", "coblos 02 prabowo menang", "budi")]))
    call_command("screening", "import-posts", str(f))
    election = Election.objects.get(code="pemilu-2019")
    actions.screen_posts(election, actor=None, detector="v2", monitor=True)
    assert Finding.objects.get().status == FindingStatus.MONITOR
    assert not selectors.review_queue(personas.analyst).exists()
    assert actions.compare_detectors(election, "active", "v2") == {
        "both": 0,
        "only_active": 0,
        "only_candidate": 1,
    }
    call_command("screening", "compare", "--election", "pemilu-2019", "--candidate", "v2")
    account = SocialAccount.objects.get(handle="budi")
    actions.snooze_account(account, actor=personas.analyst, days=7)
    actions.screen_posts(election, actor=None)
    assert Finding.objects.get(detector="active").status == FindingStatus.MONITOR
    with pytest.raises(actions.ScreeningError):
        actions.snooze_account(account, actor=personas.analyst, days=1000)


def test_train_from_labels_and_use_it(
    personas, tmp_path: Path, capsys: pytest.CaptureFixture[str], settings
) -> None:
    settings.VAR_DIR = tmp_path
    assert actions.active_model() is None
    call_command("screening", "train", "--everyday", str(tmp_path))
    assert "features" in capsys.readouterr().out
    model = actions.active_model()
    assert model is not None and actions.model_path().exists()
    assert actions.pipeline_for(Election.objects.get(code="pemilu-2019")).model is not None


def test_retention_runs_from_tick(refdata: None) -> None:
    from jaganetral.core.tick import run_tick

    Post.objects.create(external_id="old", handle="x", text="lama")
    Post.objects.filter(external_id="old").update(imported_at=timezone.now() - dt.timedelta(days=200))
    assert run_tick(timezone.now())["screening.purge_posts"] == 1
    assert not Post.objects.exists()
