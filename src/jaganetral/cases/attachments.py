"""Checking and storing case attachments on disk (outside any transaction), like intake's evidence.

Files are checked completely (type by extension *and* content, size caps, images re-encoded without
metadata) before any database write, then written under ``CASES_ATTACHMENT_DIR/<case id>/`` with
random names. The uploader's file name is kept only in the database (cleaned, for the supervisors'
own lists), never on disk. :func:`discard` removes the files again when the database write fails.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jaganetral.cases.errors import CaseError
from jaganetral.lib import files as files_lib

KINDS = ("pdf", "jpeg", "png", "webp")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp"
HEAD_BYTES = 8192
TAIL_BYTES = 1024
NAME_MAX = 120
REQUEST_OVERHEAD = 1024 * 1024  # form fields and multipart framing on top of the files


class TooLarge(CaseError):
    """The request as a whole is over the upload cap (413, refused before it is read)."""

    status = 413


@dataclass
class StagedAttachment:
    uid: uuid.UUID
    name: str
    kind: files_lib.Kind
    size: int
    sha256: str
    path: str  # relative to CASES_ATTACHMENT_DIR
    clean_path: str = ""
    clean_sha256: str = ""
    written: list[Path] = field(default_factory=list)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _too_big_file() -> str:
    return f"Berkas terlalu besar: paling besar {_mb(settings.CASES_ATTACHMENT_MAX_FILE_BYTES)} per berkas."


def root() -> Path:
    return Path(settings.CASES_ATTACHMENT_DIR)


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


def check_request_size(content_length: str | None) -> None:
    """413 before the body is read when the announced size is over the per-upload cap."""
    try:
        length = int(content_length or 0)
    except ValueError:
        length = 0
    limit: int = settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES
    if length > limit + REQUEST_OVERHEAD:
        raise TooLarge(f"Kiriman terlalu besar: jumlah berkas paling besar {_mb(limit)} sekali unggah.")


def check_sizes(uploads: list[UploadedFile], *, already_count: int = 0) -> None:
    if not uploads:
        raise CaseError("Pilih paling sedikit satu berkas.")
    if len(uploads) > settings.CASES_ATTACHMENT_MAX_FILES:
        raise CaseError(f"Paling banyak {settings.CASES_ATTACHMENT_MAX_FILES} berkas sekali unggah.")
    if len(uploads) + already_count > settings.CASES_ATTACHMENTS_PER_CASE:
        raise CaseError(f"Paling banyak {settings.CASES_ATTACHMENTS_PER_CASE} lampiran untuk satu kasus.")
    total = 0
    for up in uploads:
        size = up.size or 0
        if size == 0:
            raise CaseError("Berkas kosong tidak dapat diterima.")
        if size > settings.CASES_ATTACHMENT_MAX_FILE_BYTES:
            raise CaseError(_too_big_file())
        total += size
    if total > settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES:
        raise CaseError(
            "Jumlah ukuran berkas terlalu besar: paling besar "
            f"{_mb(settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES)} sekali unggah."
        )


def _read_all(up: UploadedFile) -> bytes:
    up.seek(0)
    data = b"".join(up.chunks())
    up.seek(0)
    return data


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def stage(uploads: Iterable[UploadedFile], *, case_pk: int) -> list[StagedAttachment]:
    """Check every upload, then write originals (and clean image copies). All or nothing."""
    prepared: list[tuple[StagedAttachment, bytes, bytes | None]] = []
    for up in uploads:
        data = _read_all(up)
        if len(data) > settings.CASES_ATTACHMENT_MAX_FILE_BYTES:  # the announced size may lie
            raise CaseError(_too_big_file())
        try:
            kind = files_lib.inspect(up.name or "", data[:HEAD_BYTES], data[-TAIL_BYTES:], kinds=KINDS)
            clean = files_lib.clean_image(data, kind) if kind.image_format else None
        except files_lib.FileRejected as exc:
            raise CaseError(str(exc)) from None
        uid = uuid.uuid4()
        ext = kind.extensions[0]
        staged = StagedAttachment(
            uid=uid,
            name=clean_name(up.name or "", ext),
            kind=kind,
            size=len(data),
            sha256=files_lib.sha256_of([data]),
            path=f"{case_pk}/{uid}.{ext}",
        )
        if clean is not None:
            staged.clean_path = f"{case_pk}/{uid}.clean.{ext}"
            staged.clean_sha256 = files_lib.sha256_of([clean])
        prepared.append((staged, data, clean))
    done: list[StagedAttachment] = []
    try:
        for staged, data, clean in prepared:
            done.append(staged)
            target = root() / staged.path
            _write_new(target, data)
            staged.written.append(target)
            if clean is not None:
                target = root() / staged.clean_path
                _write_new(target, clean)
                staged.written.append(target)
    except OSError:
        discard(done)
        raise CaseError("Berkas tidak dapat disimpan. Silakan coba lagi.") from None
    return done


def discard(staged: Iterable[StagedAttachment]) -> None:
    for s in staged:
        for path in s.written:
            path.unlink(missing_ok=True)


def path_of(relative: str) -> Path:
    base = root().resolve()
    path = (base / relative).resolve()
    if base not in path.parents:
        raise CaseError("jalur berkas tidak sah")
    return path
