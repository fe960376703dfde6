"""Erasing a reporter's personal data: the sealed identity and witnesses' contacts, or the whole
content of a report that was not registered. Used by the retention purge and by a custodian
answering the reporter's request (:mod:`jaganetral.privacy`). Each erasure is a timeline event and
an audit row in the same transaction (saying what and why, never the data); evidence files are
removed from disk once it commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.accounts.models import User
from jaganetral.core import audit
from jaganetral.intake import evidence as evidence_store
from jaganetral.intake import sealing
from jaganetral.intake.actions import IntakeError, _clean_identity, _event
from jaganetral.intake.models import Anonymity, Report, ReportStatus
from jaganetral.lib.crypto import SealError


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def erase_identity(*, actor: User | None, report: Report, reason: str) -> bool:
    """Remove the sealed identity, witnesses' contacts and the e-mail for notices. False when there
    was none left."""
    report = _locked(report)
    if not report.identity_sealed and not report.witnesses_sealed and not report.notify_email_sealed:
        return False
    Report.objects.filter(pk=report.pk).update(
        identity_sealed="", witnesses_sealed="", notify_email_sealed="", updated_at=timezone.now()
    )
    _event(report, "identity_erased", actor=actor, reason=reason)
    audit.record("intake.identity_erased", actor=actor, obj=report, reason=reason)
    return True


def content_erased(report: Report) -> bool:
    return report.events.filter(kind="content_erased").exists()


@transaction.atomic
def erase_content(*, actor: User | None, report: Report, reason: str) -> bool:
    """Erase what a report that was not registered holds: its text, evidence (rows and files),
    links, messages, reported persons, identity. The row stays (number, region, dates, status).
    False when it was erased already; refused for any report that was not decided 'not registered'."""
    report = _locked(report)
    if report.status != ReportStatus.NOT_REGISTERED:
        raise IntakeError(_("Hanya isi laporan yang tidak diregistrasi yang dapat dihapus."))
    if content_erased(report):
        return False
    files = [p for pair in report.evidence.values_list("original_path", "clean_path") for p in pair if p]
    counts = {
        "evidence": report.evidence.all().delete()[0],
        "messages": report.messages.all().delete()[0],
        "links": report.links.all().delete()[0],
        "reported": report.reported.all().delete()[0],
    }
    Report.objects.filter(pk=report.pk).update(
        what="",
        chronology="",
        place="",
        identity_sealed="",
        witnesses_sealed="",
        notify_email_sealed="",
        updated_at=timezone.now(),
    )
    _event(report, "content_erased", actor=actor, reason=reason, **counts)
    audit.record("intake.content_erased", actor=actor, obj=report, reason=reason, **counts)
    transaction.on_commit(lambda: _remove_files(files))
    return True


def _remove_files(relative: list[str]) -> None:
    for rel in relative:
        try:
            evidence_store.path_of(rel).unlink(missing_ok=True)
        except (OSError, evidence_store.EvidenceError):
            continue


@sensitive_variables("identity", "sealed")
def seal_correction(report: Report, identity: dict[str, str]) -> str:
    """A reporter's corrected identity, sealed for this report until a custodian applies it."""
    clean = _clean_identity(identity)
    if not clean.get("name"):
        raise IntakeError(_("Nama pelapor wajib diisi."))
    return sealing.seal_json(clean, aad=_correction_aad(report))


def _correction_aad(report: Report) -> str:
    return f"intake.identity-correction:{report.uid}"


@sensitive_variables("identity", "sealed")
@transaction.atomic
def apply_correction(*, actor: User, report: Report, sealed: str, reason: str) -> None:
    """Replace the sealed identity with the reporter's corrected one (decided by a custodian)."""
    report = _locked(report)
    try:
        identity: Any = sealing.open_json(sealed, aad=_correction_aad(report))
    except SealError:
        raise IntakeError(
            _(
                "Identitas perbaikan tidak dapat dibuka dengan kunci segel yang terpasang. "
                "Hubungi administrator."
            )
        ) from None
    resealed = sealing.seal_json(identity, aad=sealing.identity_aad(report.uid))
    Report.objects.filter(pk=report.pk).update(
        identity_sealed=resealed,
        identity_added_at=report.identity_added_at or timezone.now(),
        anonymity=Anonymity.CONFIDENTIAL,
        updated_at=timezone.now(),
    )
    _event(report, "identity_corrected", actor=actor, reason=reason)
    audit.record("intake.identity_corrected", actor=actor, obj=report, reason=reason)


def inventory(report: Report) -> dict[str, Any]:
    """What the system holds about a reporter, for their access request (UU 27/2022 Ps 32): the
    report as shown on the status page, which identity fields are kept sealed (not their values),
    and the record of processing (the timeline's kinds and dates, without staff names)."""
    return {
        "identity_fields": sorted(_fields_of(report)) if report.identity_sealed else [],
        "identity_added_at": report.identity_added_at,
        "witness_count": report.witness_count if report.witnesses_sealed else 0,
        "evidence": list(report.evidence.values("kind", "size", "added_at")),
        "links": report.links.count(),
        "messages": report.messages.count(),
        "events": list(report.events.order_by("at", "id").values("at", "kind")),
    }


def _fields_of(report: Report) -> list[str]:
    try:
        identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
    except SealError:  # a missing key is start-up's concern; here only the field names are asked for
        return []
    return [name for name, value in identity.items() if value]
