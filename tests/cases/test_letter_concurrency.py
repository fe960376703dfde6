"""Letters taken at the same time never share a number: 60 numbers from 8 threads are 001..060.

On PostgreSQL the threads run here against the test database (the counter row is locked with
SELECT ... FOR UPDATE); on SQLite in a child process on a SQLite file, as ``jaganetral serve`` runs
it (immediate transactions serialise the writers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jaganetral.cases.models import LetterCounter
from tests.cases.letter_harness import take_numbers

pytestmark = pytest.mark.django_db(transaction=True)

N, WORKERS = 60, 8
ROOT = Path(__file__).resolve().parents[2]


def test_concurrent_letters_get_distinct_consecutive_numbers(refdata: None, tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.cases.letter_harness", str(tmp_path), str(N), str(WORKERS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        numbers = json.loads(proc.stdout.strip().splitlines()[-1])
    else:
        numbers = take_numbers(N, WORKERS)
        assert LetterCounter.objects.get(office="33.20", year=2026).last == N
    assert len(set(numbers)) == N
    assert sorted(numbers) == [f"{i:03d}/UND/33.20/XII/2026" for i in range(1, N + 1)]
