"""Review decisions on findings (confirm opens a temuan case, dismiss), snoozing an account,
retention of raw posts, and retraining the model from the reviewers' labels."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases.actions import CapturedPost, FindingInput, PersonInput, open_case_from_screening
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.core.audit import record
from jaganetral.screening import permissions
from jaganetral.screening.errors import ScreeningError
from jaganetral.screening.models import Finding, FindingStatus, Label, Post, SocialAccount
from jaganetral.screening.nlp import Pipeline
from jaganetral.screening.selectors import election_spec, held_back

RETENTION_DAYS = 90


def create_temuan_case(finding: Finding, *, actor: User) -> str:
    """Open a temuan case (source: screening) from a confirmed finding, with the captured post as
    evidence on its timeline; return the case id. Runs in the confirmation's transaction, so a
    refused case (e.g. region outside the analyst's scope) leaves the finding unconfirmed."""
    post = finding.post
    person = post.account.person if post.account is not None else None
    region = finding.region or (person.region if person is not None else None)
    if person is None or region is None or finding.captured_at is None:
        raise ScreeningError(
            _("temuan ini tidak terhubung ke ASN terdaftar dengan wilayah; kasus tidak dapat dibuat")
        )
    known = timezone.localdate(finding.captured_at)
    data = FindingInput(
        election=finding.election,
        region=region,
        summary=(
            f"Unggahan di media sosial yang diduga berpihak: {finding.captured_url}\n\n"
            f"{finding.captured_text}"
        ),
        persons=[PersonInput(person.name, person.nip, person.agency, "", person.position)],
        place=f"Media sosial ({post.platform}) @{post.handle}",
        event_date=timezone.localdate(post.posted_at) if post.posted_at else known,
        known_date=known,
        # screening names ethics/discipline pairs ("E2/D2"); the case wants each code
        rules=list(dict.fromkeys(code for pair in finding.rules for code in str(pair).split("/") if code)),
    )
    captured = CapturedPost(
        url=finding.captured_url,
        sha256=finding.captured_sha256,
        captured_at=finding.captured_at,
        finding_id=finding.pk,
    )
    try:
        case = open_case_from_screening(actor=actor, data=data, post=captured)
    except (CaseError, Forbidden) as exc:
        raise ScreeningError(str(exc)) from None
    return str(case.pk)


def _label_for(finding: Finding, label: str) -> None:
    pipe = Pipeline(election_spec(finding.election), model=False)
    Label.objects.update_or_create(
        finding=finding,
        defaults={
            "election": finding.election,
            "masked_tokens": pipe.masked(finding.post.text),
            "label": label,
        },
    )


@transaction.atomic
def confirm_finding(finding: Finding, *, actor: User, reason: str = "") -> Finding:
    """Confirm a queued finding: capture the post as evidence (URL, text, time, SHA-256)."""
    policy.require(actor, permissions.SCREEN, finding, refuse=ScreeningError)
    finding = Finding.objects.select_for_update().select_related("post", "election").get(pk=finding.pk)
    if finding.status != FindingStatus.QUEUED:
        raise ScreeningError(_("temuan ini sudah ditinjau"))
    post = finding.post
    now = timezone.now()
    captured = (
        f"{post.url}\n{post.handle}\n{post.posted_at.isoformat() if post.posted_at else ''}\n{post.text}"
    )
    finding.status = FindingStatus.CONFIRMED
    finding.reviewed_by = actor
    finding.reviewed_at = now
    finding.reason = reason[:2000]
    finding.captured_url = post.url
    finding.captured_text = post.text
    finding.captured_at = now
    finding.captured_sha256 = hashlib.sha256(captured.encode("utf-8")).hexdigest()
    finding.save()
    _label_for(finding, finding.direction or "support")
    record(
        "screening.confirm",
        actor=actor,
        obj=finding,
        sha256=finding.captured_sha256,
    )
    ref = create_temuan_case(finding, actor=actor)
    if ref:
        Finding.objects.filter(pk=finding.pk).update(case_ref=ref)
        finding.case_ref = ref
    return finding


@transaction.atomic
def dismiss_finding(finding: Finding, *, actor: User, reason: str) -> Finding:
    policy.require(actor, permissions.SCREEN, finding, refuse=ScreeningError)
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError(_("alasan penolakan wajib diisi"))
    if len(reason) > 2000:
        raise ScreeningError(_("alasan terlalu panjang (maks 2000 huruf)"))
    finding = Finding.objects.select_for_update().select_related("post", "election").get(pk=finding.pk)
    if finding.status != FindingStatus.QUEUED:
        raise ScreeningError(_("temuan ini sudah ditinjau"))
    finding.status = FindingStatus.DISMISSED
    finding.reviewed_by = actor
    finding.reviewed_at = timezone.now()
    finding.reason = reason
    finding.save()
    _label_for(finding, "none")
    record("screening.dismiss", actor=actor, obj=finding)
    return finding


@transaction.atomic
def snooze_account(account: SocialAccount, *, actor: User, days: int) -> SocialAccount:
    policy.require(actor, permissions.SCREEN, account.person, refuse=ScreeningError)
    if not 1 <= days <= 90:
        raise ScreeningError(_("penundaan 1 sampai 90 hari"))
    account.snoozed_until = timezone.now() + dt.timedelta(days=days)
    account.save(update_fields=["snoozed_until"])
    record("screening.snooze", actor=actor, obj=account, days=days)
    return account


@transaction.atomic
def purge_expired_posts(*, now: dt.datetime | None = None, days: int = RETENTION_DAYS) -> int:
    """Retention: delete raw posts older than ``days`` that are not evidence of a confirmed finding."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    qs = Post.objects.filter(imported_at__lt=cutoff).exclude(findings__status=FindingStatus.CONFIRMED)
    n, _ = qs.delete()
    record("screening.purge", actor=None, obj=Post, deleted=n)
    return n


def train_from_labels(*, out: Path, everyday_root: Path | None = None) -> dict[str, object]:
    from jaganetral.screening.nlp.training import build

    extra, kept_back = [], 0
    for lab in Label.objects.all().iterator():
        if held_back(lab.finding_id):  # kept for ``screening compare`` to judge the new model on
            kept_back += 1
            continue
        extra.append((lab.masked_tokens, lab.label))
    model = build(everyday_root=everyday_root, extra=extra)
    model.meta["reviewer_labels_held_back"] = kept_back
    model.save(out)
    return {"features": len(model.weights), **model.meta}
