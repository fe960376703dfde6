"""Two machines on one PostgreSQL: two web servers and two workers, each with its own var folder,
sharing the database, the media folder, SECRET_KEY and the seal key. A session made on one web
server works on the other, a receipt given by one resolves on the other, and the workers share
the queued tasks and the periodic jobs without doing any of them twice."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from jaganetral.lib.crypto import new_key_text
from tests.ops.installation import Installation, postgres_databases
from tests.ops.test_backup_restore import _report

PASSWORD = "kata-sandi-pengawas-uji-123"
TASKS, CASES = 40, 6


def _login(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/akun/masuk/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    resp = session.post(
        f"{base}/akun/masuk/",
        data={"username": "pengawas-jepara", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/akun/masuk/"},
        timeout=30,
        allow_redirects=False,
    )
    assert resp.status_code == 302, resp.text[:500]
    return session


def _wait(
    machine: Installation, done: Callable[[dict[str, Any]], bool], timeout: float = 120
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        seen = machine.harness("counts")
        if done(seen) or time.monotonic() > deadline:
            return seen
        time.sleep(1)


def test_two_web_servers_and_two_workers_share_one_postgresql(tmp_path: Path) -> None:
    with postgres_databases(1) as (url,):
        shared = {"JAGANETRAL_SEAL_KEY": new_key_text(), "JAGANETRAL_MEDIA_DIR": str(tmp_path / "media")}
        one = Installation(tmp_path / "mesin-1", url, extra=shared)
        two = Installation(tmp_path / "mesin-2", url, extra=shared)
        try:
            one.run("migrate", "-v0")  # once per deployment, from one machine
            one.run("load-reference")
            one.run(
                "users",
                "create",
                "pengawas-jepara",
                "--role",
                "supervisor",
                "--region",
                "33.20",
                "--password",
                PASSWORD,
            )
            one.harness("overdue", str(CASES))
            _web1, base1 = one.start("web")
            _web2, base2 = two.start("web")

            # a session made on one machine is valid on the other (sessions live in the database)
            session = _login(base1)
            assert session.get(f"{base2}/akun/", timeout=30, allow_redirects=False).status_code == 200
            assert requests.get(f"{base2}/akun/", timeout=30, allow_redirects=False).status_code == 302
            # a receipt given by one machine resolves on the other; its evidence is on the shared media
            receipt = _report(base1)
            status = requests.get(
                f"{base2}/api/v1/reports/status", headers={"X-Receipt": receipt}, timeout=30
            )
            assert status.status_code == 200 and status.json()["evidence_files"] == 1

            one.harness("enqueue", str(TASKS))
            one.start_worker()
            two.start_worker()
            seen = _wait(
                one,
                lambda c: c["task_runs"] >= TASKS and c["clocks_unmarked"] == 0 and c["heads_exported"] >= 1,
            )
        finally:
            one.stop_all()
            two.stop_all()
        assert seen["task_runs"] == seen["tasks_distinct"] == TASKS, seen  # each task ran exactly once
        assert len(seen["task_pids"]) == 2, seen  # and both machines took part
        assert seen["clocks_unmarked"] == 0
        assert seen["notifications"] == seen["notifications_distinct"] > 0, seen  # each notified once
        assert seen["overdue_events_per_clock_max"] == 1, seen
        assert seen["heads_exported"] == 1, seen  # the daily export: one machine, once
