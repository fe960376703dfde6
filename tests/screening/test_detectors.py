"""Monitor mode: detectors whose findings are recorded but never queued, compared with the active
one on the same posts, and switched on by an admin or national supervisor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jaganetral.accounts.actions import create_user
from jaganetral.core.models import AuditEvent
from jaganetral.reference.models import Election
from jaganetral.screening import actions, selectors
from jaganetral.screening.models import (
    DEFAULT_DETECTOR,
    Detector,
    DetectorKind,
    Finding,
    FindingStatus,
    Post,
    SocialAccount,
)
from jaganetral.screening.nlp.model import DEFAULT_MODEL_PATH
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"
WHEN = "2019-04-10T08:00:00+00:00"


@pytest.fixture
def election(personas, settings, tmp_path: Path) -> Election:
    settings.VAR_DIR = tmp_path  # no retrained model: the built-in detector runs the shipped one
    rows = (
        f"nip,nama,instansi,jabatan,wilayah,akun\n{NIP},Budi,,Guru,33.20,x:@budi\n"
        f"{NIP2},Siti,,Camat,35,x:@siti\n"
    )
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)
    return Election.objects.get(code="pemilu-2019")


def _posts(*items: tuple[str, str, str]) -> None:
    actions.import_posts(
        [
            {"id_str": pid, "full_text": text, "username": user, "created_at": WHEN}
            for pid, text, user in items
        ],
        actor=None,
    )


def test_monitor_detectors_score_the_same_posts_and_never_queue(personas, election: Election) -> None:
    same = actions.register_detector(actor=None, name="salinan", model=DEFAULT_MODEL_PATH)
    actions.register_detector(actor=None, name="longgar", threshold=0.05, note="ambang rendah")
    _posts(
        ("1", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi"),
        ("2", "jangan pilih jokowi pembohong", "siti"),
        ("3", "makan siang dulu", "budi"),
    )
    made = actions.screen_posts(election, actor=personas.analyst)
    assert made == Finding.objects.filter(detector=DEFAULT_DETECTOR).count() >= 2
    monitor = Finding.objects.filter(detector__in=["salinan", "longgar"])
    assert monitor.exists() and set(monitor.values_list("status", flat=True)) == {FindingStatus.MONITOR}
    queue = selectors.review_queue(personas.analyst)
    assert {f.detector for f in queue} == {DEFAULT_DETECTOR} and len(queue) == made
    event = AuditEvent.objects.filter(action="screening.screen").latest("pk")
    assert set(event.data["monitors"]) == {"salinan", "longgar"}

    # the same model and threshold flag exactly the same posts: proof both saw the same ones
    cmp_ = selectors.compare_detectors(election, DEFAULT_DETECTOR, "salinan")
    assert (cmp_.both, cmp_.only_active, cmp_.only_candidate) == (made, 0, 0)
    assert actions.compare_detectors(election, DEFAULT_DETECTOR, "salinan") == {
        "both": made,
        "only_active": 0,
        "only_candidate": 0,
    }

    # registered later, a detector is compared only on posts screened since, until it is backfilled
    late = actions.register_detector(actor=None, name="baru", model=DEFAULT_MODEL_PATH)
    assert selectors.compare_detectors(election, DEFAULT_DETECTOR, "baru").flagged_active == 0
    assert actions.screen_posts(election, actor=None, detector="baru") == made
    late.refresh_from_db()
    assert late.seen_since is None
    assert selectors.compare_detectors(election, DEFAULT_DETECTOR, "baru").both == made
    assert not Finding.objects.filter(detector="baru").exclude(status=FindingStatus.MONITOR).exists()

    # a model file changed after registration is refused; a broken trial does not stop the queue
    path = actions.detectors_dir() / same.model_file
    original = path.read_bytes()
    path.write_bytes(original.replace(b"{", b"{ ", 1))
    with pytest.raises(actions.ScreeningError, match="berubah"):
        actions.detector_pipeline(same, election)
    _posts(("4", "coblos 01 jokowi harga mati", "budi"))
    assert actions.screen_posts(election, actor=None) >= 0
    assert not Finding.objects.filter(detector="salinan", post__external_id="4").exists()
    assert Post.objects.get(external_id="4").screened_at is not None
    path.write_bytes(original)

    # switched on, the trial's findings go to the queue and the old active one runs in monitor mode
    actions.activate_detector(same, actor=personas.admin)
    _posts(("5", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi"))
    assert actions.screen_posts(election, actor=None) == 1
    assert Finding.objects.get(post__external_id="5", detector="salinan").status == FindingStatus.QUEUED
    assert (
        Finding.objects.get(post__external_id="5", detector=DEFAULT_DETECTOR).status == FindingStatus.MONITOR
    )


def _finding(election: Election, pid: str, detector: str, status: str, region: str = "33.20") -> Finding:
    post, _ = Post.objects.get_or_create(
        external_id=pid, defaults={"handle": "budi", "text": f"unggahan {pid}", "screened_at": timezone.now()}
    )
    return Finding.objects.create(
        post=post, election=election, detector=detector, status=status, score=0.5, region_id=region
    )


def test_comparison_counts_agreement_scope_and_window(personas, election: Election) -> None:
    cand = Detector.objects.create(name="cand", kind=DetectorKind.MONITOR)
    _finding(election, "p1", DEFAULT_DETECTOR, FindingStatus.CONFIRMED)
    _finding(election, "p2", DEFAULT_DETECTOR, FindingStatus.DISMISSED)
    _finding(election, "p3", DEFAULT_DETECTOR, FindingStatus.QUEUED)
    _finding(election, "p5", DEFAULT_DETECTOR, FindingStatus.QUEUED, region="35.01")
    for pid in ("p1", "p3", "p4"):
        _finding(election, pid, "cand", FindingStatus.MONITOR)
    c = selectors.compare_detectors(election, DEFAULT_DETECTOR, "cand")
    assert (c.flagged_active, c.flagged_candidate, c.both, c.only_active, c.only_candidate) == (4, 3, 2, 2, 1)
    assert (c.confirmed, c.dismissed, c.active_confirmed, c.active_dismissed) == (1, 1, 1, 1)
    assert (c.candidate_confirmed, c.candidate_dismissed) == (1, 0)
    # the candidate flagged the confirmed post and left the dismissed one alone
    assert (c.active_agreement, c.candidate_agreement) == (0.5, 1.0)
    assert json.loads(json.dumps(c.as_dict()))["candidate_agreement"] == 1.0

    jepara = selectors.detector_comparisons(personas.jepara, election)
    assert [(x.candidate, x.flagged_active, x.only_active) for x in jepara] == [("cand", 3, 1)]
    assert selectors.detector_comparisons(personas.custodian, election) == []
    only_cand, only_active = selectors.disagreements(personas.jepara, election, DEFAULT_DETECTOR, "cand")
    assert [f.post.external_id for f in only_cand] == ["p4"]
    assert [f.post.external_id for f in only_active] == ["p2"]

    Post.objects.filter(external_id="p4").update(screened_at=timezone.now() - timezone.timedelta(days=1))
    cand.seen_since = timezone.now() - timezone.timedelta(hours=1)
    cand.save()
    assert selectors.compare_detectors(election, DEFAULT_DETECTOR, "cand").only_candidate == 0


def test_detectors_page_and_switch(personas, election: Election) -> None:
    cand = Detector.objects.create(name="cand", kind=DetectorKind.MONITOR, threshold=0.4)
    _finding(election, "p1", DEFAULT_DETECTOR, FindingStatus.CONFIRMED)
    _finding(election, "p1", "cand", FindingStatus.MONITOR)
    _finding(election, "p9", "cand", FindingStatus.MONITOR, region="35.01")
    url = reverse("screening:detectors")
    activate = reverse("screening:detector_activate", args=[cand.pk])

    page = personas.client(personas.analyst).get(url).content.decode()
    assert "cand" in page and "Ditandai keduanya" in page and "100%" in page
    assert "Jadikan aktif" not in page  # an analyst may compare, not switch
    assert "unggahan p9" in page  # national: the 35.01 example shows
    jepara = personas.client(personas.jepara).get(url)
    assert jepara.status_code == 200 and "unggahan p9" not in jepara.content.decode()
    assert personas.client(personas.custodian).get(url).status_code == 404
    assert personas.client(personas.agency).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    r = personas.client(personas.analyst).get(url, {"pemilihan": "tidak-ada"})
    assert r.status_code == 400 and "Pemilihan tidak dikenal" in r.content.decode()
    assert personas.client(personas.analyst).get(url, {"pemilihan": "x" * 5000}).status_code == 400

    # wrong people cannot switch
    assert personas.client(personas.analyst).post(activate).status_code == 403
    assert personas.client(personas.jepara).post(activate).status_code == 403  # regional supervisor
    assert personas.client(personas.custodian).post(activate).status_code == 404
    assert Client().post(activate).status_code == 302
    assert personas.client(personas.admin).get(activate).status_code == 405
    assert (
        personas.client(personas.admin).post(reverse("screening:detector_activate", args=[999])).status_code
        == 404
    )
    assert selectors.active_detector() is None
    with pytest.raises(actions.ScreeningError):
        actions.activate_detector(cand, actor=personas.analyst)

    # a national supervisor switches
    ri = create_user(actor=None, username="pengawas-ri", role="supervisor", region=None, password=PASSWORD)
    c = personas.client(ri)
    assert "Jadikan aktif" in c.get(url).content.decode()
    r = c.post(activate, {"pemilihan": election.code})
    assert r.status_code == 302 and r["Location"].endswith(f"?pemilihan={election.code}")
    cand.refresh_from_db()
    assert cand.kind == DetectorKind.ACTIVE and cand.activated_by == ri
    builtin = Detector.objects.get(name=DEFAULT_DETECTOR)
    assert builtin.kind == DetectorKind.MONITOR and builtin.seen_since is None
    event = AuditEvent.objects.get(action="screening.activate_detector")
    assert (event.actor, event.data["name"], event.data["previous"]) == (ri, "cand", DEFAULT_DETECTOR)
    r = c.post(activate)
    assert r.status_code == 400 and "sudah aktif" in r.content.decode()
    # and back again: the built-in one is a row now, the trial returns to monitor mode
    assert c.post(reverse("screening:detector_activate", args=[builtin.pk])).status_code == 302
    assert Detector.objects.get(kind=DetectorKind.ACTIVE) == builtin
    assert Detector.objects.get(pk=cand.pk).kind == DetectorKind.MONITOR


def test_detector_commands(
    personas, election: Election, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    call_command("screening", "detector-add", "v2", "--model", str(DEFAULT_MODEL_PATH), "--threshold", "0.4")
    v2 = Detector.objects.get(name="v2")
    assert v2.kind == DetectorKind.MONITOR and len(v2.model_sha256) == 64 and v2.threshold == 0.4
    assert (actions.detectors_dir() / v2.model_file).exists()
    for args, message in (
        (["v2"], "sudah ada"),
        ([DEFAULT_DETECTOR], "sudah ada"),
        (["Bukan Nama!"], "nama detektor"),
        (["v3", "--threshold", "1.5"], "ambang"),
        (["v3", "--model", str(tmp_path / "tidak-ada.json")], "tidak dapat dibuka"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("screening", "detector-add", *args)
    bad = tmp_path / "rusak.json"
    bad.write_text('{"classes": 1}')
    with pytest.raises(CommandError, match="tidak sah"):
        call_command("screening", "detector-add", "v3", "--model", str(bad))
    _posts(("1", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi"))
    call_command("screening", "scan", "--election", "pemilu-2019")
    call_command("screening", "compare", "--election", "pemilu-2019", "--candidate", "v2")
    call_command("screening", "detectors")
    out = capsys.readouterr().out
    result = json.loads(out.splitlines()[-3])
    assert (
        result["active"] == DEFAULT_DETECTOR
        and result["candidate"] == "v2"
        and "candidate_agreement" in result
    )
    assert "(bawaan)" in out and "v2\tmode pantau" in out
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("screening", "detector-activate", "tidak-ada")
    with pytest.raises(CommandError, match="nama detektor"):
        call_command("screening", "scan", "--election", "pemilu-2019", "--monitor")
    call_command("screening", "detector-activate", "v2")
    assert selectors.active_detector_name() == "v2"
    assert AuditEvent.objects.filter(action="screening.activate_detector", actor=None).exists()
    assert SocialAccount.objects.count() == 2


def _held_back_or_not(election: Election, pid: str, status: str, *, held: bool) -> Finding:
    """A reviewed finding of the active detector whose id is (or is not) in the held-back share."""
    while True:
        f = _finding(election, pid, DEFAULT_DETECTOR, status)
        if selectors.held_back(f.pk) == held:
            return f
        f.delete()


def test_train_never_learns_the_held_back_share_and_compare_judges_on_it(
    personas, election: Election, tmp_path: Path
) -> None:
    from jaganetral.screening.models import Label

    Detector.objects.create(name="cand", kind=DetectorKind.MONITOR)
    kept = _held_back_or_not(election, "h1", FindingStatus.CONFIRMED, held=True)
    dismissed = _held_back_or_not(election, "h2", FindingStatus.DISMISSED, held=True)
    learnt = _held_back_or_not(election, "t1", FindingStatus.CONFIRMED, held=False)
    for f, label in ((kept, "support"), (dismissed, "none"), (learnt, "support")):
        Label.objects.create(finding=f, election=election, masked_tokens=["<cand>", "hebat"], label=label)
    # the candidate flags the held-back confirmed post and leaves the dismissed one alone
    _finding(election, "h1", "cand", FindingStatus.MONITOR)
    info = actions.train_from_labels(out=tmp_path / "m.json")
    assert (info["reviewer_labels"], info["reviewer_labels_held_back"]) == (1, 2)
    c = selectors.compare_detectors(election, DEFAULT_DETECTOR, "cand")
    assert (c.held_back_confirmed, c.held_back_dismissed) == (1, 1)
    assert (c.active_held_back_agreement, c.candidate_held_back_agreement) == (0.5, 1.0)
    assert c.candidate_better is True
    assert json.loads(json.dumps(c.as_dict()))["candidate_better_on_held_back"] is True
