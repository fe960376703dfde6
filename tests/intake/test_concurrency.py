"""200 reports submitted at the same time give 200 reports with 200 distinct receipts.

Against the real database with a thread pool, each thread with its own connection (as under a
threaded server). The in-memory SQLite test database cannot take concurrent writers (shared-cache
table locks), so on SQLite the same run happens in a child process on a SQLite *file* in WAL mode,
which is what ``jaganetral serve`` uses; on PostgreSQL it runs here against the test database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

from jaganetral.intake.models import Report
from jaganetral.lib import receipt as receipt_lib
from tests.intake.conftest import report_post

pytestmark = pytest.mark.django_db(transaction=True)

N = 200
WORKERS = 8
ROOT = Path(__file__).resolve().parents[2]


def _in_process() -> dict[str, Any]:
    def one(i: int) -> list[object]:
        try:
            resp = Client(REMOTE_ADDR=f"10.1.{i // 250}.{i % 250}").post(
                "/api/v1/reports", report_post(reported_name=f"ASN nomor {i}")
            )
            body = resp.json()
            return [resp.status_code, body.get("receipt") or body.get("detail")]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(one, range(N)))
    return {
        "results": results,
        "reports": Report.objects.count(),
        "distinct_hashes": Report.objects.values("receipt_hash").distinct().count(),
        "names": sorted(set(Report.objects.values_list("reported__name", flat=True))),
    }


def _child_process(tmp_path: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.intake.harness", str(tmp_path), "concurrent", str(N), str(WORKERS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_200_concurrent_submissions_give_200_distinct_receipts(
    refdata: None, tmp_path: Path, settings: Any
) -> None:
    settings.INTAKE_SUBMIT_GLOBAL = (100_000, 60)  # 200 addresses at once: no proof of work here
    out = _child_process(tmp_path) if connection.vendor == "sqlite" else _in_process()
    statuses = [s for s, _ in out["results"]]
    assert statuses == [201] * N, [r for r in out["results"] if r[0] != 201][:3]
    receipts = {receipt_lib.normalize(r) for _, r in out["results"]}
    assert len(receipts) == N
    assert out["reports"] == N
    assert out["distinct_hashes"] == N
    assert out["names"] == sorted(f"ASN nomor {i}" for i in range(N))
