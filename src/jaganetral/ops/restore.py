"""``jaganetral restore FILE``: put a backup (:mod:`jaganetral.ops.backup`) into an empty installation.

Everything is checked before anything is written: every member's SHA-256 against the manifest, that
this version knows every migration the backup was made with, that the database has no tables (or
``--replace``), that the file folders are empty. Then: the schema as it was when the backup was
made, the rows exactly as they were, the files, and the current migrations on top. The keys are not
in the archive; ``--keys KEYFILE`` installs them from the passphrase-protected key file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from jaganetral.ops import dbdump
from jaganetral.ops.backup import FORMAT, MANIFEST, BackupError, trees

MAX_MANIFEST_BYTES = 64 * 1024 * 1024


@dataclass
class Staged:
    root: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Path] = field(default_factory=dict)  # label -> staged jsonl.gz
    files: dict[str, Path] = field(default_factory=dict)  # "tree/relative" -> staged file


def _member_name(name: str) -> tuple[str, str] | None:
    """("db", label) / ("files", "tree/rel") / ("manifest", "") for a safe member name, else None."""
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        return None
    if name == MANIFEST:
        return "manifest", ""
    if len(path.parts) == 2 and path.parts[0] == "db" and name.endswith(".jsonl.gz"):
        return "db", path.parts[1].removesuffix(".jsonl.gz")
    if len(path.parts) >= 3 and path.parts[0] == "files" and path.parts[1] in trees():
        return "files", "/".join(path.parts[1:])
    return None


def stage(archive: Path, into: Path) -> Staged:
    """Unpack ``archive`` into ``into``, hashing every member, and check it against its manifest."""
    damaged = BackupError(_("%(file)s bukan cadangan JagaNetral yang utuh.") % {"file": archive})
    staged = Staged(root=into)
    digests: dict[str, tuple[str, int]] = {}
    try:
        tar = tarfile.open(archive, mode="r:")  # noqa: SIM115 - closed by the `with tar` below
    except (OSError, tarfile.TarError):
        raise damaged from None
    with tar:
        try:
            for member in tar:
                kind = _member_name(member.name)
                if kind is None or not member.isfile():
                    raise BackupError(
                        _("Cadangan memuat anggota yang tidak dikenal: %(name)s")
                        % {"name": member.name[:200]}
                    )
                source = tar.extractfile(member)
                if source is None:
                    raise damaged
                if kind[0] == "manifest":
                    if member.size > MAX_MANIFEST_BYTES:
                        raise damaged
                    staged.manifest = json.loads(source.read())
                    continue
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                sha = hashlib.sha256()
                with target.open("wb") as out:
                    for chunk in iter(lambda: source.read(1 << 20), b""):  # noqa: B023 - consumed here
                        sha.update(chunk)
                        out.write(chunk)
                digests[member.name] = (sha.hexdigest(), member.size)
                if kind[0] == "db":
                    staged.tables[kind[1]] = target
                else:
                    staged.files[kind[1]] = target
        except (tarfile.TarError, OSError, EOFError, ValueError):
            raise damaged from None
    manifest = staged.manifest
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict):
        raise damaged
    listed = {name: (m.get("sha256"), m.get("size")) for name, m in manifest["members"].items()}
    if listed != digests:
        bad = sorted(set(listed) ^ set(digests) | {n for n in listed if listed[n] != digests.get(n)})
        raise BackupError(
            _("Cadangan rusak: %(n)d anggota tidak cocok dengan manifesnya (misalnya %(first)s).")
            % {"n": len(bad), "first": bad[0] if bad else "?"}
        )
    return staged


def _targets(manifest: dict[str, Any], executor: MigrationExecutor) -> list[tuple[str, str]]:
    """The migrations the backup's schema had, as targets for the executor (the last one per app)."""
    applied = {(app, name) for app, name in manifest.get("migrations", [])}
    graph = executor.loader.graph
    unknown = sorted(key for key in applied if key not in graph.nodes)
    if unknown:
        raise BackupError(
            _(
                "Cadangan ini dibuat oleh versi JagaNetral yang lebih baru (migrasi %(m)s tidak dikenal). "
                "Pasang versi itu atau yang lebih baru, lalu pulihkan."
            )
            % {"m": ".".join(unknown[0])}
        )
    leaves = []
    for key in applied:
        children = graph.node_map[key].children
        if not any(child.key in applied and child.key[0] == key[0] for child in children):
            leaves.append(key)
    return sorted(leaves)


def check_target(*, replace: bool) -> None:
    tables = dbdump.existing_tables()
    if tables and not replace:
        raise BackupError(
            _(
                "Basis data tujuan tidak kosong (%(n)d tabel). Pulihkan ke basis data baru, "
                "atau pakai --replace untuk menghapus seluruh isinya lebih dulu."
            )
            % {"n": len(tables)}
        )
    for tree, (root, _exclude) in trees().items():
        if root.is_dir() and any(root.iterdir()) and not replace:
            raise BackupError(
                _("Folder %(path)s (%(tree)s) tidak kosong; pakai folder baru atau --replace.")
                % {"path": root, "tree": tree}
            )


@dataclass
class RestoreResult:
    tables: int = 0
    rows: int = 0
    files: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)


def restore(archive: Path, *, replace: bool = False, progress: Any = lambda _m: None) -> RestoreResult:
    scratch = Path(settings.VAR_DIR)
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=scratch) as tmp:
        staged = stage(archive, Path(tmp))
        progress(_("arsip utuh: %(n)d anggota cocok dengan manifes") % {"n": len(staged.manifest["members"])})
        executor = MigrationExecutor(connection)
        targets = _targets(staged.manifest, executor)
        check_target(replace=replace)
        if replace:
            dbdump.drop_all_tables()
            for root, _exclude in trees().values():
                if root.is_dir():
                    shutil.rmtree(root)
        result = RestoreResult(manifest=staged.manifest)
        executor = MigrationExecutor(connection)
        executor.migrate(targets)  # the schema as the backup knew it; no post-migrate data
        dbdump.empty_all_tables()  # rows that migrations themselves inserted
        loaded = []
        with transaction.atomic(), connection.constraint_checks_disabled():
            for label, path in sorted(staged.tables.items()):
                try:
                    model = dbdump.table_of(label)
                except LookupError:
                    raise BackupError(
                        _("Tabel %(label)s dari cadangan tidak dikenal versi ini.") % {"label": label}
                    ) from None
                result.rows += dbdump.load_model(model, path)
                result.tables += 1
                loaded.append(model)
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        dbdump.reset_sequences(loaded)
        progress(
            _("basis data: %(tables)d tabel, %(rows)d baris dipulihkan")
            % {"tables": result.tables, "rows": result.rows}
        )
        call_command("migrate", interactive=False, verbosity=0)  # this version's newer migrations
        roots = {name: root for name, (root, _exclude) in trees().items()}
        for rel, path in staged.files.items():
            tree, _sep, inner = rel.partition("/")
            target = roots[tree] / inner
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(str(path), target)
            target.chmod(0o600)
            result.files += 1
        progress(_("berkas: %(n)d dipulihkan") % {"n": result.files})
    return result
