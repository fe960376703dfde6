"""Checking and storing uploaded evidence files on disk (outside any transaction).

Intake's configuration of the shared file store (:mod:`jaganetral.lib.filestore`): every allowed
kind, the ``INTAKE_MAX_*`` caps, files under ``INTAKE_EVIDENCE_DIR/<report uid>/`` with names made
of random ids (the reporter's file name is not kept). :func:`discard` removes them again when the
database write fails, and ``intake.orphan_files`` removes what a killed process left behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jaganetral.intake import sealing
from jaganetral.lib import files as files_lib
from jaganetral.lib.filestore import HEAD_BYTES, TAIL_BYTES, FileStore, Staged, discard

__all__ = [
    "EvidenceError",
    "Held",
    "check_sizes",
    "claim",
    "discard",
    "hold",
    "path_of",
    "read_held",
    "stage",
]

# Files of a form that came back with errors wait here, checked, until it is sent again. The page
# carries one signed token per file (no session, no row); ``intake.orphan_files`` removes a held
# file an hour after it was written, so a token is honoured for less than that.
HOLD_FOLDER = "held"
HOLD_SALT = "jaganetral.intake.held"
HOLD_SECONDS = 45 * 60
HELD_NAME_CHARS = 80


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


@dataclass(frozen=True)
class Held:
    """A checked upload waiting for its form; ``name`` is the reporter's file name, echoed back to
    their own page only (never stored with the report)."""

    token: str
    uid: uuid.UUID
    ext: str
    name: str
    size: int

    @property
    def path(self) -> str:
        return f"{HOLD_FOLDER}/{self.uid}.{self.ext}"


def hold(uploads: Iterable[UploadedFile]) -> tuple[list[Held], list[str]]:
    """Check and keep each upload on its own. Returns the kept files and, for each refused one, a
    message naming it."""
    kept: list[Held] = []
    refused: list[str] = []
    for up in uploads:
        name = (up.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:HELD_NAME_CHARS]
        try:
            store().check_sizes([up])
            [staged] = store().stage([up], folder=HOLD_FOLDER)
        except EvidenceError as exc:
            refused.append(f"{name}: {exc}")
            continue
        ext = staged.path.rsplit(".", 1)[-1]
        payload = {"u": str(staged.uid), "e": ext, "n": name, "s": staged.size}
        token = signing.dumps(payload, salt=HOLD_SALT)
        kept.append(Held(token=token, uid=staged.uid, ext=ext, name=name, size=staged.size))
    return kept, refused


def read_held(tokens: Iterable[str]) -> tuple[list[Held], list[str]]:
    """The held files the page sent back, and a message for each one no longer available."""
    kept: list[Held] = []
    lost: list[str] = []
    seen: set[uuid.UUID] = set()
    for token in list(tokens)[: settings.INTAKE_MAX_FILES + 1]:
        try:
            data = signing.loads(token, salt=HOLD_SALT, max_age=HOLD_SECONDS)
            held = Held(
                token=token,
                uid=uuid.UUID(data["u"]),
                ext=str(data["e"]),
                name=str(data["n"]),
                size=int(data["s"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            lost.append(_("Berkas yang dilampirkan sebelumnya sudah kedaluwarsa; lampirkan lagi."))
            continue
        if held.uid in seen:
            continue
        seen.add(held.uid)
        try:
            exists = path_of(held.path).is_file()
        except EvidenceError:
            exists = False
        if not exists:
            lost.append(_("%(name)s: berkas ini tidak lagi tersimpan; lampirkan lagi.") % {"name": held.name})
            continue
        kept.append(held)
    return kept, lost


def claim(held: list[Held], *, report_uid: uuid.UUID) -> list[Staged]:
    """Move held files into the report's folder, checked again from what is on disk. All or
    nothing: a file gone since (sent twice) refuses them all and moves the others back."""
    out: list[Staged] = []
    moves: list[tuple[Path, Path]] = []
    try:
        for h in held:
            source = path_of(h.path)
            data = source.read_bytes()
            kind = files_lib.inspect(f"berkas.{h.ext}", data[:HEAD_BYTES], data[-TAIL_BYTES:])
            staged = Staged(
                uid=h.uid,
                kind=kind,
                size=len(data),
                sha256=files_lib.sha256_of([data]),
                path=f"{report_uid}/{h.uid}.{h.ext}",
            )
            clean_source = path_of(f"{HOLD_FOLDER}/{h.uid}.clean.{h.ext}")
            pairs = [(source, path_of(staged.path))]
            if clean_source.is_file():
                staged.clean_path = f"{report_uid}/{h.uid}.clean.{h.ext}"
                staged.clean_sha256 = files_lib.sha256_of([clean_source.read_bytes()])
                pairs.append((clean_source, path_of(staged.clean_path)))
            for src, dst in pairs:
                dst.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.rename(src, dst)
                moves.append((src, dst))
                staged.written.append(dst)
            out.append(staged)
    except (OSError, EvidenceError, files_lib.FileRejected):
        for src, dst in reversed(moves):
            os.rename(dst, src)
        raise EvidenceError(
            _("Berkas yang dilampirkan sebelumnya tidak lagi tersimpan; lampirkan lagi.")
        ) from None
    return out
