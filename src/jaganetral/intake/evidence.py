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
from jaganetral.lib.filestore import FileStore, Staged, discard

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
    their own page only (never stored with the report). The token (signed, so none of it can be
    changed) carries what the report's row needs: kind, size, SHA-256 of the original and its data
    key, sealed with the seal key (the held file on disk is encrypted like every original)."""

    token: str
    uid: uuid.UUID
    ext: str
    name: str
    size: int
    kind: str = ""
    sha256: str = ""
    sealed_key: str = ""

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
        for path in staged.written:  # a clean copy, if the store made one now: the worker will
            if ".clean." in path.name:
                path.unlink(missing_ok=True)
        ext = staged.path.rsplit(".", 1)[-1]
        payload = {
            "u": str(staged.uid),
            "e": ext,
            "n": name,
            "s": staged.size,
            "t": staged.kind.name,
            "h": staged.sha256,
            "k": staged.sealed_key,
        }
        token = signing.dumps(payload, salt=HOLD_SALT, compress=True)
        kept.append(_held(token, payload))
    return kept, refused


def _held(token: str, data: dict[str, object]) -> Held:
    return Held(
        token=token,
        uid=uuid.UUID(str(data["u"])),
        ext=str(data["e"]),
        name=str(data["n"]),
        size=int(str(data["s"])),
        kind=str(data["t"]),
        sha256=str(data["h"]),
        sealed_key=str(data["k"]),
    )


def read_held(tokens: Iterable[str]) -> tuple[list[Held], list[str]]:
    """The held files the page sent back, and a message for each one no longer available."""
    kept: list[Held] = []
    lost: list[str] = []
    seen: set[uuid.UUID] = set()
    for token in list(tokens)[: settings.INTAKE_MAX_FILES + 1]:
        try:
            held = _held(token, signing.loads(token, salt=HOLD_SALT, max_age=HOLD_SECONDS))
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
    """Move held files into the report's folder, each checked again against its SHA-256 (opened
    with its key). All or nothing: a file gone since (sent twice) refuses them all and moves the
    others back. The clean copies come from the worker, as for any new evidence."""
    kinds = {k.name: k for k in files_lib.KINDS}
    out: list[Staged] = []
    moves: list[tuple[Path, Path]] = []
    try:
        for h in held:
            source = path_of(h.path)
            blob = source.read_bytes()
            data = sealing.decrypt_original(h.uid, blob, h.sealed_key) if h.sealed_key else blob
            if files_lib.sha256_of([data]) != h.sha256 or h.kind not in kinds:
                raise EvidenceError("held file changed")
            staged = Staged(
                uid=h.uid,
                kind=kinds[h.kind],
                size=len(data),
                sha256=h.sha256,
                path=f"{report_uid}/{h.uid}.{h.ext}",
                sealed_key=h.sealed_key,
            )
            target = path_of(staged.path)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.rename(source, target)
            moves.append((source, target))
            staged.written.append(target)
            out.append(staged)
    except (OSError, ValueError):  # EvidenceError and failed decryption included
        for src, dst in reversed(moves):
            os.rename(dst, src)
        raise EvidenceError(
            _("Berkas yang dilampirkan sebelumnya tidak lagi tersimpan; lampirkan lagi.")
        ) from None
    return out
