"""Checking and storing uploaded evidence files on disk (outside any transaction).

Intake's configuration of the shared file store (:mod:`jaganetral.lib.filestore`): every allowed
kind, the ``INTAKE_MAX_*`` caps, files under ``INTAKE_EVIDENCE_DIR/<report uid>/`` with names made
of random ids (the reporter's file name is not kept). :func:`discard` removes them again when the
database write fails, and ``intake.orphan_files`` removes what a killed process left behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jaganetral.intake import sealing
from jaganetral.lib.filestore import FileStore, Staged, discard

__all__ = ["EvidenceError", "check_sizes", "discard", "path_of", "stage"]


class EvidenceError(ValueError):
    """An upload is refused; the message is Indonesian and safe to show."""


def store() -> FileStore:
    """The evidence store as the settings say now (tests change them)."""
    return FileStore(
        root=Path(settings.INTAKE_EVIDENCE_DIR),
        error=EvidenceError,
        max_file_bytes=settings.INTAKE_MAX_FILE_BYTES,
        max_total_bytes=settings.INTAKE_MAX_REPORT_BYTES,
        total_scope=gettext_noop("untuk satu laporan"),  # translated by the store
        max_request_pixels=settings.INTAKE_MAX_REQUEST_PIXELS,
        defer_cleaning=True,  # the worker makes the clean copies (intake.clean_evidence)
        encrypt=sealing.encrypt_original,
    )


def check_sizes(uploads: list[UploadedFile], *, already: int = 0, already_count: int = 0) -> None:
    """Caps per report: ``already`` bytes in ``already_count`` files are kept from before."""
    if len(uploads) + already_count > settings.INTAKE_MAX_FILES:
        raise EvidenceError(
            _("Paling banyak %(n)d berkas untuk satu laporan.") % {"n": settings.INTAKE_MAX_FILES}
        )
    store().check_sizes(uploads, already_bytes=already)


def stage(uploads: Iterable[UploadedFile], *, report_uid: uuid.UUID) -> list[Staged]:
    """Check every upload (headers only for images), then write the originals encrypted. All or
    nothing. The clean copies come from the worker."""
    return store().stage(uploads, folder=str(report_uid))


def path_of(relative: str) -> Path:
    return store().path_of(relative)
