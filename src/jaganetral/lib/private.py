"""Owner-only files: the process umask and the modes of the data folder and the database.

The database, its write-ahead log and everything under ``var/`` hold sealed identities, keys and
evidence: they are readable by the service account alone (files 0600, folders 0700), whatever the
umask of the shell or service manager that started the process.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def tighten(var_dir: Path, sqlite_path: Path | None) -> None:
    """Set the umask to 0077, then take group and other bits off ``var_dir`` itself and the SQLite
    files (made before this version or by a process with a looser umask). Files and folders this
    process creates from now on are owner-only by the umask."""
    os.umask(PRIVATE_UMASK)
    targets = [var_dir]
    if sqlite_path is not None:
        targets += [Path(f"{sqlite_path}{suffix}") for suffix in SQLITE_SIDE_FILES]
        targets.append(sqlite_path.parent)
    for path in targets:
        with contextlib.suppress(OSError):  # missing, or not ours: leave it
            mode = path.stat().st_mode
            if mode & 0o077 and path.stat().st_uid == os.getuid():
                path.chmod(stat.S_IMODE(mode) & ~0o077)
