"""Checking and storing uploaded evidence files on disk (outside any transaction).

Files are checked completely (type by extension and content, size caps, images re-encoded) before
any database write. They are written under ``INTAKE_EVIDENCE_DIR/<report uid>/`` with names made of
random ids (the reporter's file name is not kept); :func:`discard` removes them again when the
database write fails, and ``intake.orphan_files`` removes what a killed process left behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jaganetral.lib import files as files_lib

HEAD_BYTES = 8192
TAIL_BYTES = 1024


class EvidenceError(ValueError):
    """An upload is refused; the message is Indonesian and safe to show."""


@dataclass
class StagedFile:
    uid: uuid.UUID
    kind: files_lib.Kind
    size: int
    sha256: str
    original_path: str  # relative to INTAKE_EVIDENCE_DIR
    clean_path: str = ""
    clean_sha256: str = ""
    written: list[Path] = field(default_factory=list)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_sizes(uploads: list[UploadedFile], *, already: int = 0, already_count: int = 0) -> None:
    if len(uploads) + already_count > settings.INTAKE_MAX_FILES:
        raise EvidenceError(f"Paling banyak {settings.INTAKE_MAX_FILES} berkas untuk satu laporan.")
    total = already
    for up in uploads:
        size = up.size or 0
        if size == 0:
            raise EvidenceError("Berkas kosong tidak dapat diterima.")
        if size > settings.INTAKE_MAX_FILE_BYTES:
            raise EvidenceError(
                f"Berkas terlalu besar: paling besar {_mb(settings.INTAKE_MAX_FILE_BYTES)} per berkas."
            )
        total += size
    if total > settings.INTAKE_MAX_REPORT_BYTES:
        raise EvidenceError(
            f"Jumlah ukuran berkas terlalu besar: paling besar {_mb(settings.INTAKE_MAX_REPORT_BYTES)} "
            "untuk satu laporan."
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


def stage(uploads: Iterable[UploadedFile], *, report_uid: uuid.UUID) -> list[StagedFile]:
    """Check every upload, then write originals (and clean image copies). All or nothing."""
    uploads = list(uploads)
    checked: list[tuple[UploadedFile, files_lib.Kind, bytes]] = []
    for up in uploads:
        data = _read_all(up)
        try:
            kind = files_lib.inspect(up.name or "", data[:HEAD_BYTES], data[-TAIL_BYTES:])
        except files_lib.FileRejected as exc:
            raise EvidenceError(str(exc)) from None
        checked.append((up, kind, data))
    prepared: list[tuple[StagedFile, bytes, bytes | None]] = []
    for _up, kind, data in checked:
        clean: bytes | None = None
        if kind.image_format:
            try:
                clean = files_lib.clean_image(data, kind)
            except files_lib.FileRejected as exc:
                raise EvidenceError(str(exc)) from None
        uid = uuid.uuid4()
        ext = kind.extensions[0]
        staged = StagedFile(
            uid=uid,
            kind=kind,
            size=len(data),
            sha256=files_lib.sha256_of([data]),
            original_path=f"{report_uid}/{uid}.{ext}",
        )
        if clean is not None:
            staged.clean_path = f"{report_uid}/{uid}.clean.{ext}"
            staged.clean_sha256 = files_lib.sha256_of([clean])
        prepared.append((staged, data, clean))
    root: Path = settings.INTAKE_EVIDENCE_DIR
    done: list[StagedFile] = []
    try:
        for staged, data, clean in prepared:
            done.append(staged)
            target = root / staged.original_path
            _write_new(target, data)
            staged.written.append(target)
            if clean is not None:
                target = root / staged.clean_path
                _write_new(target, clean)
                staged.written.append(target)
    except OSError:
        discard(done)
        raise EvidenceError("Berkas tidak dapat disimpan. Silakan coba lagi.") from None
    return done


def discard(staged: Iterable[StagedFile]) -> None:
    for s in staged:
        for path in s.written:
            path.unlink(missing_ok=True)


def path_of(relative: str) -> Path:
    root: Path = settings.INTAKE_EVIDENCE_DIR
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise EvidenceError("jalur berkas tidak sah")
    return path
