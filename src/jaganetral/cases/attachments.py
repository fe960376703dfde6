"""Checking and storing case attachments on disk (outside any transaction), like intake's evidence.

The cases' configuration of the shared file store (:mod:`jaganetral.lib.filestore`): PDF and
images only, the ``CASES_ATTACHMENT_*`` caps, files under ``CASES_ATTACHMENT_DIR/<case id>/`` with
random names, all checked (type by extension *and* content, size caps, images re-encoded without
metadata) before any database write. The uploader's file name is kept only in the database
(cleaned, for the supervisors' own lists), never on disk. :func:`discard` removes the files again
when the database write fails.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jaganetral.cases.errors import CaseError
from jaganetral.lib.filestore import FileStore, Staged, discard, megabytes

__all__ = ["ACCEPT", "KINDS", "TooLarge", "check_request_size", "check_sizes", "discard", "path_of", "stage"]

KINDS = ("pdf", "jpeg", "png", "webp")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp"
NAME_MAX = 120
REQUEST_OVERHEAD = 1024 * 1024  # form fields and multipart framing on top of the files


class TooLarge(CaseError):
    """The request as a whole is over the upload cap (413, refused before it is read)."""

    status = 413


def clean_name(name: str, ext: str) -> str:
    """A file name safe to show and to put in a hashed payload: no folders, no control or
    direction-override characters, at most :data:`NAME_MAX` characters, ending in the checked
    extension."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    base = " ".join(base.split())
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip(" .")[: NAME_MAX - len(ext) - 1].strip(" .") or "lampiran"
    return f"{stem}.{ext}"


def store() -> FileStore:
    """The attachment store as the settings say now (tests change them)."""
    return FileStore(
        root=Path(settings.CASES_ATTACHMENT_DIR),
        error=CaseError,
        max_file_bytes=settings.CASES_ATTACHMENT_MAX_FILE_BYTES,
        max_total_bytes=settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES,
        total_scope=gettext_noop("sekali unggah"),  # translated by the store
        kinds=KINDS,
        name_of=clean_name,
    )


def check_request_size(content_length: str | None) -> None:
    """413 before the body is read when the announced size is over the per-upload cap."""
    try:
        length = int(content_length or 0)
    except ValueError:
        length = 0
    limit: int = settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES
    if length > limit + REQUEST_OVERHEAD:
        raise TooLarge(
            _("Kiriman terlalu besar: jumlah berkas paling besar %(size)s sekali unggah.")
            % {"size": megabytes(limit)}
        )


def check_sizes(uploads: list[UploadedFile], *, already_count: int = 0) -> None:
    if not uploads:
        raise CaseError(_("Pilih paling sedikit satu berkas."))
    if len(uploads) > settings.CASES_ATTACHMENT_MAX_FILES:
        raise CaseError(
            _("Paling banyak %(n)d berkas sekali unggah.") % {"n": settings.CASES_ATTACHMENT_MAX_FILES}
        )
    if len(uploads) + already_count > settings.CASES_ATTACHMENTS_PER_CASE:
        raise CaseError(
            _("Paling banyak %(n)d lampiran untuk satu kasus.") % {"n": settings.CASES_ATTACHMENTS_PER_CASE}
        )
    store().check_sizes(uploads)


def stage(uploads: Iterable[UploadedFile], *, case_pk: int) -> list[Staged]:
    """Check every upload, then write originals (and clean image copies). All or nothing."""
    return store().stage(uploads, folder=str(case_pk))


def path_of(relative: str) -> Path:
    return store().path_of(relative)
