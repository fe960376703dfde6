"""One store for uploaded files on disk: check, hash, write originals and clean copies, discard.

Pure Python (no Django). Intake's evidence and the cases' attachments each configure a
:class:`FileStore` with their folder, allowed kinds, size caps and error class (read from their own
settings when they use it). Files are checked completely (sizes, type by extension *and* content,
images re-encoded without metadata by :mod:`jaganetral.lib.files`) before anything is written, and
before the caller's database write. They are then written under ``<root>/<folder>/`` with random
names (the uploader's file name never reaches the disk); :func:`discard` removes them again when
that database write fails. Messages are Indonesian and safe to show.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from jaganetral.lib import files as files_lib
from jaganetral.lib.i18n import gettext as _

HEAD_BYTES = 8192  # what content sniffing reads
TAIL_BYTES = 1024  # where the PDF end marker must be


class Upload(Protocol):
    """What the store needs of an uploaded file (Django's ``UploadedFile`` has it)."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def seek(self, offset: int, /) -> object: ...

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


@dataclass
class Staged:
    """A checked file written to disk; ``path`` and ``clean_path`` are relative to the store root."""

    uid: uuid.UUID
    kind: files_lib.Kind
    size: int
    sha256: str
    path: str
    clean_path: str = ""  # the metadata-free copy of an image
    clean_sha256: str = ""
    sealed_key: str = ""  # the original's data key, sealed (empty: the original is stored in clear)
    name: str = ""  # the uploader's file name as the store's ``name_of`` keeps it ("" = not kept)
    written: list[Path] = field(default_factory=list)


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


@dataclass(frozen=True)
class FileStore:
    """Where and under which caps one kind of upload is kept.

    ``error`` builds the exception raised for every refusal from its message. ``total_scope`` ends
    the message for too many bytes in all ("untuk satu laporan", "sekali unggah"; marked with
    ``gettext_noop`` by the caller, translated here when the message is built). ``kinds`` narrows
    the allowed kinds of :data:`jaganetral.lib.files.KINDS` by name (default: all). ``name_of``,
    given the uploader's file name and the checked extension, returns the name to keep in
    :attr:`Staged.name`; without it no name is kept.
    """

    root: Path
    error: Callable[[str], Exception]
    max_file_bytes: int
    max_total_bytes: int
    total_scope: str
    kinds: tuple[str, ...] | None = None
    name_of: Callable[[str, str], str] | None = None
    # Pixels all images of one upload may have together (each also at most files.MAX_PIXELS).
    max_request_pixels: int = 0
    # True: no clean copy in the request, only the header checks; a worker makes it later.
    defer_cleaning: bool = False
    # Encrypts an original before it is written: (uid, bytes) -> (ciphertext, sealed data key).
    encrypt: Callable[[uuid.UUID, bytes], tuple[bytes, str]] | None = None

    def _too_big(self) -> Exception:
        return self.error(
            _("Berkas terlalu besar: paling besar %(size)s per berkas.")
            % {"size": megabytes(self.max_file_bytes)}
        )

    def check_sizes(self, uploads: Iterable[Upload], *, already_bytes: int = 0) -> None:
        """Refuse empty or oversized files and too many bytes in all (with ``already_bytes`` kept),
        from the announced sizes, before anything is read."""
        total = already_bytes
        for up in uploads:
            size = up.size or 0
            if size == 0:
                raise self.error(_("Berkas kosong tidak dapat diterima."))
            if size > self.max_file_bytes:
                raise self._too_big()
            total += size
        if total > self.max_total_bytes:
            raise self.error(
                _("Jumlah ukuran berkas terlalu besar: paling besar %(size)s %(scope)s.")
                % {"size": megabytes(self.max_total_bytes), "scope": _(self.total_scope)}
            )

    def stage(self, uploads: Iterable[Upload], *, folder: str) -> list[Staged]:
        """Check every upload (size read, type), then re-encode images, then write originals and
        clean copies under ``folder``. All or nothing: on any refusal nothing stays on disk."""
        checked: list[tuple[Upload, files_lib.Kind, bytes]] = []
        for up in uploads:
            data = _read_all(up)
            if len(data) > self.max_file_bytes:  # the announced size may lie
                raise self._too_big()
            try:
                head, tail = data[:HEAD_BYTES], data[-TAIL_BYTES:]
                kind = files_lib.inspect(up.name or "", head, tail, kinds=self.kinds)
            except files_lib.FileRejected as exc:
                raise self.error(str(exc)) from None
            checked.append((up, kind, data))
        self._check_pixels(checked)
        prepared: list[tuple[Staged, bytes, bytes | None]] = []
        for up, kind, data in checked:
            try:
                clean = (
                    files_lib.clean_image(data, kind)
                    if kind.image_format and not self.defer_cleaning
                    else None
                )
            except files_lib.FileRejected as exc:
                raise self.error(str(exc)) from None
            uid = uuid.uuid4()
            ext = kind.extensions[0]
            staged = Staged(
                uid=uid,
                kind=kind,
                size=len(data),
                sha256=files_lib.sha256_of([data]),
                path=f"{folder}/{uid}.{ext}",
                name=self.name_of(up.name or "", ext) if self.name_of else "",
            )
            if clean is not None:
                staged.clean_path = f"{folder}/{uid}.clean.{ext}"
                staged.clean_sha256 = files_lib.sha256_of([clean])
            stored = data
            if self.encrypt is not None:
                stored, staged.sealed_key = self.encrypt(uid, data)
            prepared.append((staged, stored, clean))
        done: list[Staged] = []
        try:
            for staged, data, clean in prepared:
                done.append(staged)
                _write_new(self.root / staged.path, data, staged)
                if clean is not None:
                    _write_new(self.root / staged.clean_path, clean, staged)
        except OSError:
            discard(done)
            raise self.error(_("Berkas tidak dapat disimpan. Silakan coba lagi.")) from None
        return done

    def _check_pixels(self, checked: list[tuple[Upload, files_lib.Kind, bytes]]) -> None:
        """Each image at most ``files.MAX_PIXELS`` and all of one upload together at most
        ``max_request_pixels``, read from the headers alone before anything is decoded."""
        total = 0
        for _up, kind, data in checked:
            if not kind.image_format:
                continue
            try:
                total += files_lib.image_pixels(data, kind)
            except files_lib.FileRejected as exc:
                raise self.error(str(exc)) from None
        if self.max_request_pixels and total > self.max_request_pixels:
            raise self.error(
                _(
                    "Gambar-gambar ini terlalu besar bersama-sama: "
                    "paling banyak %(mp)d megapiksel sekali kirim."
                )
                % {"mp": self.max_request_pixels // 1_000_000}
            )

    def path_of(self, relative: str) -> Path:
        """The absolute path of a stored file; refuses a path that leads out of the root."""
        base = self.root.resolve()
        path = (base / relative).resolve()
        if base not in path.parents:
            raise self.error("jalur berkas tidak sah")
        return path


def discard(staged: Iterable[Staged]) -> None:
    """Remove the files :meth:`FileStore.stage` wrote (when the database write failed)."""
    for s in staged:
        for path in s.written:
            path.unlink(missing_ok=True)


def _read_all(up: Upload) -> bytes:
    up.seek(0)
    data = b"".join(up.chunks())
    up.seek(0)
    return data


def _write_new(path: Path, data: bytes, staged: Staged) -> None:
    """Write a new file (never over an existing one), owner-only, synced; note it on ``staged``."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    staged.written.append(path)
