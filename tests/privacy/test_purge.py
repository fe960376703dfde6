"""The retention purge on a clock moved forward: what is kept and what is removed, when, and that
every removal is recorded. Case files are never deleted and `audit verify` still passes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from jaganetral.cases import actions as case_actions
from jaganetral.cases.models import Case, Notification
from jaganetral.core.models import AuditEvent
from jaganetral.core.tick import JOBS, run_tick
from jaganetral.intake.models import Report, ReportStatus
from jaganetral.privacy import purge
from jaganetral.privacy.models import DataRequest, RequestKind, RequestStatus, Subject
from jaganetral.privacy.retention import schedule
from jaganetral.reference.models import Election
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus, Post, SocialAccount
from tests.cases.conftest import to_study, walk
from tests.conftest import Personas
from tests.intake.conftest import confidential_post, png_bytes, report_post, upload
from tests.privacy.conftest import file_report

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _case(report: Report, actor: Any) -> Case:
    election = Election.objects.get(code="pemilu-2024")
    return case_actions.register_case_from_report(actor=actor, report=report, election=election, rules=["N1"])


def _identity(report: Report) -> bool:
    report.refresh_from_db()
    return bool(report.identity_sealed or report.witnesses_sealed)


@pytest.fixture
def world(personas: Personas, settings: Any) -> dict[str, Any]:
    sup = personas.jepara
    not_registered, _ = file_report(confidential_post(), files=upload("a.png", png_bytes(), "image/png"))
    walk(_case(not_registered, sup), sup, "initial_review")
    case_actions.transition(
        actor=sup,
        case=Case.objects.get(report=not_registered),
        target="not_registered",
        reason="Tidak memenuhi syarat.",
    )
    open_case_report, _ = file_report(
        confidential_post(what="ASN kedua berkampanye di acara dinas kecamatan.")
    )
    walk(_case(open_case_report, sup), sup, "initial_review", "registered")
    closed_report, _ = file_report(
        confidential_post(what="ASN ketiga berkampanye di media sosial resmi desa.")
    )
    closed = to_study(_case(closed_report, sup), sup)
    case_actions.record_study(
        actor=sup, case=closed, conclusion="Tidak terbukti.", rules_found=[], violation=False
    )
    case_actions.transition(
        actor=sup, case=closed, target="stopped", reason="Tidak terbukti.", stop_reason="not_proven"
    )
    case_actions.transition(actor=sup, case=Case.objects.get(pk=closed.pk), target="closed")
    undecided, _ = file_report(report_post())

    idle = AsnPerson.objects.create(nip="198609262015051001", name="Asn Tanpa Unggahan")
    SocialAccount.objects.create(person=idle, platform="x", handle="asn_tanpa_unggahan")
    evidence_person = AsnPerson.objects.create(nip="199001012015052002", name="Asn Bukti Temuan")
    account = SocialAccount.objects.create(person=evidence_person, platform="x", handle="asn_bukti")
    post = Post.objects.create(
        platform="x", external_id="1", handle="asn_bukti", account=account, text="coblos 02"
    )
    Finding.objects.create(
        post=post,
        election=Election.objects.get(code="pemilu-2024"),
        score=0.9,
        status=FindingStatus.CONFIRMED,
    )
    Notification.objects.create(user=sup, case=closed, text="lama", read_at=timezone.now())
    DataRequest.objects.create(
        subject=Subject.REPORTER,
        kind=RequestKind.ACCESS,
        report=undecided,
        due_at=timezone.now(),
        status=RequestStatus.DONE,
        decided_at=timezone.now(),
        answer="Sudah dikirim.",
    )
    return {
        "not_registered": not_registered,
        "open": open_case_report,
        "closed": closed_report,
        "undecided": undecided,
        "idle": idle,
        "evidence_person": evidence_person,
        "files": [
            settings.INTAKE_EVIDENCE_DIR / p
            for p in not_registered.evidence.values_list("original_path", flat=True)
        ],
    }


def test_the_purge_on_a_clock_moved_forward_keeps_and_removes_by_the_schedule(
    world: dict[str, Any],
    personas: Personas,
    capsys: pytest.CaptureFixture[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    now = timezone.now()
    nr, open_, closed, undecided = world["not_registered"], world["open"], world["closed"], world["undecided"]
    nr.refresh_from_db()
    assert nr.status == ReportStatus.NOT_REGISTERED and all(p.exists() for p in world["files"])
    cases_before = Case.objects.count()

    # a month on: nothing is due yet
    assert purge.run(now + 30 * DAY) == {}
    assert _identity(nr) and _identity(open_) and _identity(closed)

    # 100 days on: the not-registered reporter's identity is erased; everything else stays
    [due] = [
        p
        for p in purge.preview(personas.admin, now + 100 * DAY)
        if p.rule.kind == "reporter_identity_not_registered"
    ]
    assert due.due_now == 1 and due.upcoming[0].ref == nr.reference
    done = purge.run(now + 100 * DAY)
    assert done == {"reporter_identity_not_registered": 1}
    assert not _identity(nr) and _identity(open_) and _identity(closed)
    assert nr.events.filter(kind="identity_erased").count() == 1
    erased = AuditEvent.objects.get(action="intake.identity_erased")
    assert (
        erased.object_id == str(nr.pk)
        and erased.data["reason"] == "retensi:reporter_identity_not_registered:90"
    )
    assert AuditEvent.objects.filter(action="privacy.purge").count() == 1
    assert all(p.exists() for p in world["files"])  # the content has a year
    assert purge.run(now + 100 * DAY) == {}  # twice: nothing more to do

    # 400 days on: the closed case's reporter identity, and the not-registered report's content
    with django_capture_on_commit_callbacks(execute=True):  # files go once the erasure commits
        done = purge.run(now + 400 * DAY)
    assert done == {"reporter_identity_closed_case": 1, "report_not_registered": 1, "notifications_read": 1}
    assert not _identity(closed) and _identity(open_)  # the open case keeps its reporter
    nr.refresh_from_db()
    assert nr.what == "" and not nr.evidence.exists() and not nr.reported.exists() and not nr.links.exists()
    assert nr.status == ReportStatus.NOT_REGISTERED and nr.region_id == "33.20"  # still counted
    assert not any(p.exists() for p in world["files"])
    undecided.refresh_from_db()
    assert undecided.what and undecided.status == ReportStatus.RECEIVED  # undecided: listed, not deleted
    [review] = [
        p for p in purge.preview(personas.admin, now + 400 * DAY) if p.rule.kind == "report_undecided"
    ]
    assert review.due_now == 1
    assert Case.objects.count() == cases_before  # case files are archives: never deleted
    call_command("audit", "verify")
    assert capsys.readouterr().out.startswith(f"OK: {cases_before} kasus")

    # 800 days on (through the tick): the idle registry entry goes, evidence of a finding stays
    assert "privacy.purge" in JOBS
    assert run_tick(now + 800 * DAY)["privacy.purge"] == 2
    assert not AsnPerson.objects.filter(pk=world["idle"].pk).exists()
    assert not SocialAccount.objects.filter(handle="asn_tanpa_unggahan").exists()
    assert AsnPerson.objects.filter(pk=world["evidence_person"].pk).exists()
    assert not DataRequest.objects.exists()
    assert run_tick(now + 800 * DAY + dt.timedelta(minutes=5))["privacy.purge"] == 0  # once an hour
    runs = AuditEvent.objects.filter(action="privacy.purge").order_by("pk")
    assert [sorted(k for k in r.data if k != "version") for r in runs] == [
        ["reporter_identity_not_registered"],
        ["notifications_read", "report_not_registered", "reporter_identity_closed_case"],
        ["asn_registry_inactive", "data_requests"],
    ]
    assert all(r.data["version"] == schedule().version for r in runs)
    assert AuditEvent.objects.filter(action="screening.person_erased").count() == 1


def test_the_schedule_names_a_basis_for_every_kind_and_matches_the_screening_job() -> None:
    from jaganetral.screening.actions.review import RETENTION_DAYS

    kinds = schedule().kinds
    assert kinds["screening_post"].days == RETENTION_DAYS
    assert kinds["screening_post"].handled_by == "screening.purge_posts" and not kinds["screening_post"].acts
    assert kinds["sessions"].handled_by in JOBS and kinds["screening_post"].handled_by in JOBS
    for rule in kinds.values():
        assert rule.basis and rule.basis_kind and rule.why.id and rule.why.en
    assert kinds["case_file"].action == "review" and kinds["audit_log"].action == "keep"


def test_a_bad_retention_file_is_refused_with_line_and_field(tmp_path: Path) -> None:
    from jaganetral.privacy.retention import FILE, RetentionFileError, parse

    text = FILE.read_text(encoding="utf-8")
    with pytest.raises(RetentionFileError, match=r"line \d+, kinds.case_file.days"):
        parse(text.replace("    days: 1825", "    days: lama"))
    with pytest.raises(RetentionFileError, match="unknown kinds"):
        parse(text.replace("  backups:", "  cadangan:"))
    with pytest.raises(RetentionFileError, match="appears twice"):
        parse(text + "  backups:\n    days: 1\n")
