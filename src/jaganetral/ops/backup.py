"""``jaganetral backup FILE``: one archive with a consistent snapshot of the database, the files
(evidence, case attachments, screening models, audit-head exports) and a manifest listing the
SHA-256 of every member. Taken while the site runs.

The archive is a plain tar: ``db/<app.model>.jsonl.gz`` (see :mod:`jaganetral.ops.dbdump`), the
folders under ``files/<tree>/``, and ``manifest.json`` last. It holds personal data (reports,
evidence) but never a key: the seal key and the audit signing key are exported separately, only
when asked (``--export-keys KEYFILE``), into a passphrase-protected file (:mod:`jaganetral.lib.keyfile`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.ops import dbdump

FORMAT = "jaganetral-backup/1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, in words an operator can act on."""


def trees() -> dict[str, tuple[Path, tuple[str, ...]]]:
    """The folders a backup holds: name -> (where it lives, sub-paths left out)."""
    return {
        "media": (Path(settings.MEDIA_ROOT), ()),
        "screening": (Path(settings.VAR_DIR) / "screening", ("imports",)),
        "audit-heads": (Path(settings.AUDIT_HEADS_DIR), ()),
    }


def _walk(root: Path, exclude: tuple[str, ...]) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        dirnames[:] = sorted(d for d in dirnames if (rel / d).as_posix() not in exclude)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink() and not name.startswith(".restore-"):
                yield path


class _Hashing(io.RawIOBase):
    """Reads a file while hashing it, for tarfile.addfile."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.sha.update(data)
        return data


@dataclass
class BackupResult:
    path: Path
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    manifest: dict[str, Any] = field(default_factory=dict)


def _add(tar: tarfile.TarFile, name: str, path: Path) -> tuple[str, int]:
    info = tarfile.TarInfo(name)
    st = path.stat()
    info.size, info.mtime, info.mode = st.st_size, int(st.st_mtime), 0o600
    with path.open("rb") as fh:
        reader = _Hashing(fh)
        tar.addfile(info, reader)
    return reader.sha.hexdigest(), st.st_size


def _seal_summary() -> dict[str, Any]:
    from jaganetral.intake import sealing

    return {"seal_key_ids": sorted(sealing.sealed_key_ids())}


def create(path: Path, *, progress: Callable[[str], None] = lambda _m: None) -> BackupResult:
    """Write the archive to ``path`` (mode 0600, through a temporary name, never over a file)."""
    if path.exists():
        raise BackupError(_("%(path)s sudah ada; pilih nama lain.") % {"path": path})
    started = time.monotonic()
    result = BackupResult(path=path)
    members: dict[str, dict[str, Any]] = {}
    partial = path.with_name(f".{path.name}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar,
        ):
            with tempfile.TemporaryDirectory(prefix="jaganetral-backup-") as tmp:
                with dbdump.snapshot():
                    migrations = dbdump.applied_migrations()
                    seals = _seal_summary()
                    snapshot_at = timezone.now()
                    for model in dbdump.dumped_models():
                        label = model._meta.label_lower
                        file = Path(tmp) / f"{label}.jsonl.gz"
                        rows = dbdump.dump_model(model, file)
                        name = f"db/{label}.jsonl.gz"
                        digest, size = _add(tar, name, file)
                        members[name] = {"sha256": digest, "size": size, "rows": rows}
                        result.tables += 1
                        result.rows += rows
                        file.unlink()
                progress(
                    _("basis data: %(tables)d tabel, %(rows)d baris")
                    % {"tables": result.tables, "rows": result.rows}
                )
            for tree, (root, exclude) in trees().items():
                for file in _walk(root, exclude):
                    name = f"files/{tree}/{file.relative_to(root).as_posix()}"
                    digest, size = _add(tar, name, file)
                    members[name] = {"sha256": digest, "size": size}
                    result.files += 1
                    result.bytes += size
            progress(_("berkas: %(n)d (%(mb).1f MB)") % {"n": result.files, "mb": result.bytes / 1e6})
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "snapshot_at": snapshot_at.isoformat(),
                "database": connection.vendor,
                "migrations": migrations,
                **seals,
                "members": members,
            }
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(body))
            result.manifest = manifest
        os.link(partial, path)  # never over a file that appeared meanwhile
        partial.unlink()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    result.seconds = time.monotonic() - started
    return result
