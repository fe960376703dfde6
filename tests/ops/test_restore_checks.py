"""`jaganetral restore` checks everything before it writes anything: a damaged or foreign archive,
a member outside its folders, a backup from a newer version, a database that is not empty."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jaganetral.ops import restore
from jaganetral.ops.backup import FORMAT, BackupError

pytestmark = pytest.mark.django_db


def _tar(
    path: Path, members: dict[str, bytes], manifest: dict[str, Any] | None = None, *, lie: bool = False
) -> Path:
    listed = {
        name: {"sha256": hashlib.sha256(b"x" if lie else data).hexdigest(), "size": len(data)}
        for name, data in members.items()
    }
    doc = manifest if manifest is not None else {"format": FORMAT, "migrations": [], "members": listed}
    with tarfile.open(path, "w") as tar:
        for name, data in {**members, "manifest.json": json.dumps(doc).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


ROWS = gzip.compress(b"")


def test_a_damaged_foreign_or_unsafe_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bukan.tar").write_bytes(b"bukan arsip")
    with pytest.raises(BackupError, match="bukan cadangan JagaNetral yang utuh"):
        restore.stage(tmp_path / "bukan.tar", tmp_path / "s1")
    with pytest.raises(BackupError, match="bukan cadangan JagaNetral yang utuh"):
        restore.stage(_tar(tmp_path / "asing.tar", {}, {"format": "lain"}), tmp_path / "s2")
    for name in ("../../etc/passwd", "/etc/passwd", "files/lain/x", "db/../../x.jsonl.gz", "catatan.txt"):
        with pytest.raises(BackupError, match="anggota yang tidak dikenal"):
            restore.stage(_tar(tmp_path / "jahat.tar", {name: b"x"}), tmp_path / "s3")
        assert not (tmp_path / "etc").exists()
    with pytest.raises(BackupError, match="tidak cocok dengan manifesnya"):
        restore.stage(
            _tar(tmp_path / "ubah.tar", {"db/core.auditevent.jsonl.gz": ROWS}, lie=True), tmp_path / "s4"
        )
    staged = restore.stage(
        _tar(tmp_path / "baik.tar", {"db/core.auditevent.jsonl.gz": ROWS}), tmp_path / "s5"
    )
    assert set(staged.tables) == {"core.auditevent"}


def test_a_backup_from_a_newer_version_or_into_a_used_database_is_refused(tmp_path: Path) -> None:
    newer = {"format": FORMAT, "migrations": [["core", "9999_dari_masa_depan"]], "members": {}}
    with pytest.raises(CommandError, match="versi JagaNetral yang lebih baru"):
        call_command("restore", str(_tar(tmp_path / "baru.tar", {}, newer)))
    with pytest.raises(CommandError, match="Basis data tujuan tidak kosong"):
        call_command("restore", str(_tar(tmp_path / "baik.tar", {"db/core.auditevent.jsonl.gz": ROWS})))
    with pytest.raises(CommandError, match="Sebutkan arsip cadangan"):
        call_command("restore")


def test_backup_never_writes_over_a_file(tmp_path: Path) -> None:
    (tmp_path / "ada.tar").write_bytes(b"lama")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("backup", str(tmp_path / "ada.tar"))
    assert (tmp_path / "ada.tar").read_bytes() == b"lama"
    with pytest.raises(CommandError, match="Sebutkan berkas cadangan"):
        call_command("backup")
