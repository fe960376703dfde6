"""What must hold before a process serves or works: checked by ``serve``, ``web``, ``worker``,
``tick`` and the WSGI application, which refuse to start with one line when it does not."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from django.db import DatabaseError
from django.utils.translation import gettext as _

EXIT_REFUSED = 3


def problems() -> list[str]:
    """Every reason not to start (empty when all is well)."""
    from jaganetral.intake import sealing

    try:
        problem = sealing.key_problem()
    except DatabaseError:  # no tables yet: nothing is sealed
        return []
    return [problem] if problem else []


def refuse(message: str, stream: TextIO | None = None) -> NoReturn:
    print(f"jaganetral: {message}", file=stream or sys.stderr, flush=True)
    raise SystemExit(EXIT_REFUSED)


def require(stream: TextIO | None = None) -> None:
    """Stop the process with one line on stderr when :func:`problems` finds one."""
    found = problems()
    if found:
        refuse(found[0], stream)


def require_if_possible() -> None:
    """:func:`require` where the database may not be reachable yet (the WSGI module at import): a
    database that cannot be asked now is reported by the site itself on the first request."""
    try:
        found = problems()
    except Exception:  # any failure to ask is left to the site
        return
    if found:
        refuse(found[0])


def read_passphrase(path: str | None, *, confirm: bool) -> str:
    """The passphrase of a key file: from ``--passphrase-file``, ``JAGANETRAL_KEY_PASSPHRASE``, or
    typed at the terminal (twice when it protects a new file)."""
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").splitlines()[0] if Path(path).stat().st_size else ""
        except (OSError, IndexError, UnicodeDecodeError):
            return ""
    env = os.environ.get("JAGANETRAL_KEY_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return ""
    first = getpass.getpass(_("Frasa sandi berkas kunci: "))
    if confirm and getpass.getpass(_("Ulangi frasa sandi: ")) != first:
        return ""
    return first
