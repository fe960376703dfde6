"""Writes for case attachments: files a supervisor adds to the timeline (with an optional note) or
to a clarification record. Same rules as :mod:`jaganetral.cases.actions.core`.

Files are checked and written to disk first (:mod:`jaganetral.cases.attachments`), outside the
transaction; the database rows and the timeline event follow in one transaction, and the files are
removed again if that fails. The event (kind ``attachments_added``) carries each file's name and
SHA-256 in its hashed payload.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import attachments as store
from jaganetral.cases import permissions, selectors
from jaganetral.cases.actions.core import _locked, _require, _text, append_event
from jaganetral.cases.actions.records import PartyInput, record_clarification
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, CaseAttachment, Clarification
from jaganetral.core import audit
from jaganetral.lib.filestore import Staged

EVENT_KIND = "attachments_added"
MAX_NOTE = 4000


def _prepare(actor: User, case: Case, files: list[UploadedFile]) -> tuple[Case, list[Staged]]:
    """Role, scope (404) and caps are checked before any file is read or written."""
    _require(actor, permissions.SUPERVISE)
    case = selectors.case_for(actor, case.pk)
    store.check_sizes(files, already_count=CaseAttachment.objects.filter(case=case).count())
    return case, store.stage(files, case_pk=case.pk)


def add_attachments(
    *,
    actor: User,
    case: Case,
    files: list[UploadedFile],
    note: str = "",
    clarification_id: int | None = None,
    shareable: bool = False,
) -> list[CaseAttachment]:
    """Attach files to the case's timeline, optionally to one of its clarification records.

    ``shareable`` is the uploader's statement that the files hold no reporter identity; only then
    are they shown to the authority and the agency and put in the referral package."""
    note = _text(note, _("Catatan"), limit=MAX_NOTE)
    case, staged = _prepare(actor, case, files)
    try:
        return _store(
            actor=actor,
            case=case,
            staged=staged,
            note=note,
            clarification_id=clarification_id,
            shareable=shareable,
        )
    except BaseException:
        store.discard(staged)
        raise


def record_clarification_with_files(
    *,
    actor: User,
    case: Case,
    held_on: dt.date,
    place: str,
    parties: list[PartyInput],
    oath_offered: bool = False,
    oath_taken: bool = False,
    statement: str = "",
    files: list[UploadedFile] | None = None,
    shareable: bool = False,
    started_at: dt.time | None = None,
    clerk: str = "",
) -> Clarification:
    """Record a clarification session and attach its files (berita acara scan, statements) in the
    same transaction: both land or neither does."""

    def clarify(on: Case) -> Clarification:
        return record_clarification(
            actor=actor,
            case=on,
            held_on=held_on,
            place=place,
            parties=parties,
            oath_offered=oath_offered,
            oath_taken=oath_taken,
            statement=statement,
            started_at=started_at,
            clerk=clerk,
        )

    if not files:
        return clarify(case)
    case, staged = _prepare(actor, case, files)
    try:
        with transaction.atomic():
            record = clarify(case)
            _store(
                actor=actor,
                case=case,
                staged=staged,
                note="",
                clarification_id=record.pk,
                shareable=shareable,
            )
    except BaseException:
        store.discard(staged)
        raise
    return record


@transaction.atomic
def _store(
    *,
    actor: User,
    case: Case,
    staged: list[Staged],
    note: str,
    clarification_id: int | None,
    shareable: bool,
) -> list[CaseAttachment]:
    case = _locked(actor, case)
    if CaseAttachment.objects.filter(case=case).count() + len(staged) > settings.CASES_ATTACHMENTS_PER_CASE:
        raise CaseError(
            _("Paling banyak %(n)d lampiran untuk satu kasus.") % {"n": settings.CASES_ATTACHMENTS_PER_CASE}
        )
    clarification = None
    if clarification_id is not None:
        clarification = Clarification.objects.filter(case=case, pk=clarification_id).first()
        if clarification is None:
            raise CaseError(_("Berita acara klarifikasi itu tidak ada pada kasus ini."))
    rows = [
        CaseAttachment(
            case=case,
            uid=s.uid,
            clarification=clarification,
            name=s.name,
            kind=s.kind.name,
            content_type=s.kind.mime,
            size=s.size,
            sha256=s.sha256,
            path=s.path,
            clean_path=s.clean_path,
            clean_sha256=s.clean_sha256,
            shareable=shareable,
            added_by=actor,
        )
        for s in staged
    ]
    event = append_event(
        case,
        EVENT_KIND,
        actor=actor,
        reason=note,
        files=[row.payload_entry() for row in rows],
        clarification=clarification.pk if clarification else None,
        shareable=shareable,
    )
    for row in rows:
        row.event = event
        row.save()
    audit.record(
        "cases.attachments_added",
        actor=actor,
        obj=case,
        files=[str(row.uid) for row in rows],
        clarification=clarification.pk if clarification else None,
    )
    return rows


@transaction.atomic
def record_attachment_download(*, actor: User, attachment: CaseAttachment, original: bool) -> None:
    """Every view or download of an attachment is audited (who, which file, original or copy)."""
    if not selectors.attachments_for(actor, attachment.case).filter(pk=attachment.pk).exists():
        raise Http404("lampiran tidak ditemukan")
    audit.record(
        "cases.attachment_downloaded",
        actor=actor,
        obj=attachment,
        object_id=attachment.uid,
        case=attachment.case_id,
        original=original,
    )
