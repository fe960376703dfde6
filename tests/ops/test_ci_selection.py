"""CI's PostgreSQL stage leaves out the tests marked nodb (they cannot differ by database); the
operations tests that start installations on the suite's PostgreSQL server use no db fixture, yet
they must stay in that stage, the only one where they run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_postgresql_operations_tests_are_kept_in_the_postgresql_stage() -> None:
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/unused"}  # collection only
    selection = "not browser and not cli and not nodb"  # as .ci/run's PostgreSQL stage
    command = [sys.executable, "-m", "pytest", "--co", "-q", "-m", selection, "tests/ops"]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    kept = proc.stdout
    assert "test_postgresql_backup_of_a_running_demo_restores_into_a_new_installation" in kept
    assert "test_two_web_servers_and_two_workers_share_one_postgresql" in kept
    assert "test_ci_selection.py" not in kept  # this test itself touches no database
