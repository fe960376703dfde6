"""The overdue-clock job notifies once per clock and recipient, even when two ticks run at once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from jaganetral.cases.jobs import mark_overdue_clocks
from jaganetral.cases.models import CaseEvent, Clock, Notification
from jaganetral.core.tick import JOBS, run_tick
from tests.cases.conftest import make_case, walk
from tests.conftest import Personas

ROOT = Path(__file__).resolve().parents[2]


def _overdue(case_pk: int) -> None:
    Clock.objects.filter(case_id=case_pk).update(due_at=timezone.now() - dt.timedelta(hours=1))


@pytest.mark.django_db
def test_an_overdue_clock_notifies_the_assignee_once(
    personas: Personas, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    assert "cases.overdue_clocks" in JOBS
    personas.jepara.email = "jepara@bawaslu.example"
    personas.jepara.save()
    case = make_case(personas.jepara)
    from jaganetral.cases import actions

    actions.assign(actor=personas.jepara, cases=[case], user=personas.jepara)
    _overdue(case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_tick(timezone.now())["cases.overdue_clocks"] == 1
    assert list(Notification.objects.filter(kind="overdue").values_list("user__username", flat=True)) == [
        "pengawas-jepara"
    ]
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    assert CaseEvent.objects.filter(case=case, kind="clock_overdue").count() == 1
    assert mark_overdue_clocks(timezone.now()) == 0  # already marked
    assert Notification.objects.filter(kind="overdue").count() == 1


@pytest.mark.django_db
def test_unassigned_cases_notify_the_regions_supervisors(personas: Personas) -> None:
    case = make_case(personas.jepara)
    _overdue(case.pk)
    mark_overdue_clocks(timezone.now())
    users = set(Notification.objects.filter(kind="overdue").values_list("user__username", flat=True))
    assert users == {"pengawas-jepara", "pengawas-jateng"}


@pytest.mark.django_db
def test_stopped_and_future_clocks_are_left_alone(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    Clock.objects.filter(case=case, name="initial_review").update(
        due_at=timezone.now() - dt.timedelta(days=1)
    )
    assert mark_overdue_clocks(timezone.now()) == 0
    assert not Notification.objects.filter(kind="overdue").exists()


def _two_ticks_in_process() -> dict[str, Any]:
    results: list[int] = []
    barrier = threading.Barrier(2)
    now = timezone.now()

    def one() -> None:
        try:
            barrier.wait()
            results.append(mark_overdue_clocks(now))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "claimed": sorted(results),
        "notifications": Notification.objects.filter(kind="overdue").count(),
        "distinct": Notification.objects.filter(kind="overdue").values("clock", "user").distinct().count(),
        "marked": Clock.objects.filter(overdue_marked_at__isnull=False).count(),
    }


@pytest.mark.django_db(transaction=True)
def test_two_ticks_at_once_never_double_notify(personas: Personas, tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        # The in-memory test database cannot take concurrent writers: run on a SQLite file (WAL).
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.cases.tick_harness", str(tmp_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        supervisors = 2
    else:
        for _ in range(5):
            _overdue(make_case(personas.jepara).pk)
        out = _two_ticks_in_process()
        supervisors = 2  # jepara and jateng cover 33.20
    assert out["marked"] == 5
    assert sum(out["claimed"]) == 5
    assert out["notifications"] == out["distinct"] == 5 * supervisors


def test_two_jaganetral_tick_processes_at_once_never_double_notify(tmp_path: Path) -> None:
    """Two real `jaganetral tick` processes, started together on one SQLite file (WAL): every
    overdue clock is marked once, notified once per recipient, e-mailed once (console backend)."""
    n = 40
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
    env |= {
        "JAGANETRAL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # The same key the harness sealed the reporters' identities with: `tick` refuses to start
        # when sealed values exist and their key is missing.
        "JAGANETRAL_SEAL_KEY": os.environ.get(
            "JAGANETRAL_SEAL_KEY", "ZGV2LXRlc3Qta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE="
        ),
    }

    def harness(*args: str) -> dict[str, Any]:
        cmd = [sys.executable, "-m", "tests.cases.tick_harness", str(tmp_path), *args]
        proc = subprocess.run(
            cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result

    assert harness("prepare", str(n)) == {"overdue": n}
    tick = [sys.executable, "-m", "jaganetral.cli", "tick"]
    procs = [
        subprocess.Popen(tick, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    claimed = [
        int(line.split(":")[1])
        for out, _ in outputs
        for line in out.splitlines()
        if line.startswith("cases.overdue_clocks:")
    ]
    assert len(claimed) == 2 and sum(claimed) == n, claimed
    emails = sum(out.count("Subject: [JagaNetral] Batas waktu lewat") for out, _ in outputs)
    assert emails == n
    assert harness("count") == {"notifications": 2 * n, "distinct": 2 * n, "marked": n, "events": n}


@pytest.mark.django_db
def test_notifications_show_on_the_queue_and_can_be_marked_read(personas: Personas) -> None:
    case = make_case(personas.jepara)
    _overdue(case.pk)
    mark_overdue_clocks(timezone.now())
    client = personas.client(personas.jepara)
    assert "Batas waktu" in client.get("/petugas/kasus/").content.decode()
    assert client.post("/petugas/kasus/pemberitahuan/dibaca/").status_code == 302
    assert not Notification.objects.filter(
        kind="overdue", user=personas.jepara, read_at__isnull=True
    ).exists()
    assert Notification.objects.filter(kind="overdue", user=personas.jateng, read_at__isnull=True).exists()
