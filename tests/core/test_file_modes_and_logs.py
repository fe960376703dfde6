"""Owner-only files and no client address in any log line (issue 15)."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

from gunicorn.config import Config

from jaganetral.lib.redact import MASK, scrub
from jaganetral.ops.gunicorn_logging import PrivateLogger
from jaganetral.ops.processes import gunicorn_argv

OPEN_DB = """
import os, stat, django
django.setup()
from django.db import connection
with connection.cursor() as cur:
    cur.execute("CREATE TABLE IF NOT EXISTS t (x)")
    cur.execute("INSERT INTO t VALUES (1)")
var = os.environ["JAGANETRAL_VAR_DIR"]
for root, dirs, files in os.walk(var):
    for name in dirs + files:
        p = os.path.join(root, name)
        print(oct(stat.S_IMODE(os.stat(p).st_mode)), os.path.relpath(p, var))
print(oct(stat.S_IMODE(os.stat(var).st_mode)), ".")
"""


def test_database_wal_and_var_are_owner_only(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    old = var / "jaganetral.sqlite3"
    old.write_bytes(b"")  # a database made by an older version with mode 0644
    old.chmod(0o644)
    env = {
        **os.environ,
        "JAGANETRAL_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "jaganetral.settings",
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", OPEN_DB],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        umask=0o022,  # a loose umask in the shell that started it
    ).stdout
    modes = dict(reversed(line.split(" ", 1)) for line in out.splitlines())
    assert "jaganetral.sqlite3-wal" in modes and "secret_key" in modes
    assert modes["."] == "0o700"
    for name, mode in modes.items():
        expected = 0o700 if (var / name).is_dir() else 0o600
        assert int(mode, 8) & 0o077 == 0, (name, mode)
        assert int(mode, 8) == expected or (var / name).is_dir(), (name, mode)
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


def test_scrub_masks_ipv4_and_ipv6_but_not_times_or_versions_of_two_parts() -> None:
    line = "Invalid request from ip=203.0.113.9: bad; peer 2001:db8::7 at 10:50:12, v1.2"
    assert scrub(line) == f"Invalid request from ip={MASK}: bad; peer {MASK} at 10:50:12, v1.2"
    assert "::ffff:198.51.100.4" not in scrub("from ::ffff:198.51.100.4")


def test_gunicorn_error_and_access_logs_carry_no_client_address() -> None:
    assert "jaganetral.ops.gunicorn_logging.PrivateLogger" in gunicorn_argv(
        bind="127.0.0.1:1", workers=1, var_dir=Path("var")
    )
    cfg = Config()
    logger = PrivateLogger(cfg)
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    logger.error_log.addHandler(handler)
    try:
        logger.error("Invalid request from ip=%s: %s", "203.0.113.9", "Invalid HTTP method")
        logger.warning("peer %s closed", "2001:db8::1")
    finally:
        logger.error_log.removeHandler(handler)
    text = buf.getvalue()
    assert "Invalid request from ip=" in text and "203.0.113.9" not in text and "2001:db8" not in text


def test_djangos_log_handler_masks_addresses() -> None:
    root_handlers = logging.getLogger().handlers
    handler = next(h for h in root_handlers if any(type(f).__name__ == "RedactAddresses" for f in h.filters))
    record = logging.LogRecord(
        "django.security", logging.WARNING, __file__, 1, "bad host %s", ("10.1.2.3",), None
    )
    assert handler.filter(record)
    assert "10.1.2.3" not in record.getMessage()
