"""Runs intake work in a separate process against a real SQLite *file* database (WAL), the way
``jaganetral serve`` runs. Used where the in-memory test database cannot show the behaviour:
true concurrency, and a process killed in the middle of an upload.

    python -m tests.intake.harness VAR_DIR concurrent N WORKERS   -> prints JSON results
    python -m tests.intake.harness VAR_DIR hang                   -> prints READY, then hangs mid-transaction
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def _setup(var_dir: Path) -> None:
    os.environ["JAGANETRAL_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jaganetral.settings"
    # 200 reports at once from 200 addresses: past the site-wide rate proof of work would be asked
    os.environ.setdefault("INTAKE_SUBMITS_PER_MIN", "100000")
    os.environ.setdefault("JAGANETRAL_SEAL_KEY", "ZGV2LXRlc3Qta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from jaganetral.reference.actions import load_reference
    from jaganetral.reference.models import Region

    if not Region.objects.filter(code="33.20").exists():
        load_reference()


def concurrent(n: int, workers: int) -> None:
    from django.db import connections
    from django.test import Client

    from jaganetral.intake.models import Report
    from tests.intake.conftest import report_post

    def one(i: int) -> list[object]:
        try:
            resp = Client(REMOTE_ADDR=f"10.1.{i // 250}.{i % 250}").post(
                "/api/v1/reports", report_post(reported_name=f"ASN nomor {i}")
            )
            body = resp.json()
            return [resp.status_code, body.get("receipt") or body.get("detail")]
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(one, range(n)))
    elapsed = time.perf_counter() - started
    out = {
        "results": results,
        "reports": Report.objects.count(),
        "distinct_hashes": Report.objects.values("receipt_hash").distinct().count(),
        "names": sorted(set(Report.objects.values_list("reported__name", flat=True))),
        "seconds": elapsed,
    }
    print(json.dumps(out))


def hang() -> None:
    """Submit a report with a photo and stop for good inside the transaction, after the rows are
    written but before the commit, so the parent can kill the process there."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jaganetral.intake import actions
    from jaganetral.intake.forms import ReportForm
    from tests.intake.conftest import jpeg_with_gps, report_post

    original = actions._save_evidence

    def save_then_hang(report: object, staged: list[object]) -> None:
        original(report, staged)  # type: ignore[arg-type]
        print("READY", flush=True)
        time.sleep(600)

    actions._save_evidence = save_then_hang  # type: ignore[assignment]
    form = ReportForm(report_post())
    assert form.is_valid(), form.errors
    actions.submit_report(data=form.to_input(), files=[SimpleUploadedFile("a.jpg", jpeg_with_gps())])


if __name__ == "__main__":
    var = Path(sys.argv[1])
    _setup(var)
    if sys.argv[2] == "concurrent":
        concurrent(int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[2] == "hang":
        hang()
