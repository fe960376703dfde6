"""A process killed in the middle of an upload leaves no half-written report (and the periodic job
removes the file it had written)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from jaganetral.intake.jobs import remove_orphan_files

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_process_killed_mid_upload_leaves_no_report(tmp_path: Path, settings: Any) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.intake.harness", str(tmp_path), "hang"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read() if proc.stderr else ""
        # The report, its reported ASN, link and evidence rows are written but not committed.
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    db = sqlite3.connect(tmp_path / "db.sqlite3")
    try:
        for table in ("intake_report", "intake_reportedperson", "intake_evidence", "intake_reportlink"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table  # noqa: S608
        assert db.execute("SELECT count(*) FROM core_auditevent WHERE action LIKE 'intake.%'").fetchone() == (
            0,
        )
    finally:
        db.close()
    evidence_dir = tmp_path / "media" / "evidence"
    left = [p for p in evidence_dir.rglob("*") if p.is_file()]
    assert left, "the killed process had written its files before the transaction"
    settings.INTAKE_EVIDENCE_DIR = evidence_dir
    assert remove_orphan_files(datetime.now(), min_age=0) == len(left)
    assert not [p for p in evidence_dir.rglob("*") if p.is_file()]
