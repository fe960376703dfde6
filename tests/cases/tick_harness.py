"""Runs two overdue-clock ticks at the same moment against a real SQLite *file* database (WAL),
the way ``jaganetral serve`` and a second worker would. Prints JSON results.

    python -m tests.cases.tick_harness VAR_DIR            # two threads, one process
    python -m tests.cases.tick_harness VAR_DIR prepare N  # N cases with overdue clocks, for real
    python -m tests.cases.tick_harness VAR_DIR count      #   `jaganetral tick` processes; then count
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any


def _setup(var_dir: Path) -> None:
    os.environ["JAGANETRAL_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jaganetral.settings"
    os.environ.setdefault("JAGANETRAL_SEAL_KEY", "ZGV2LXRlc3Qta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    from jaganetral.reference.actions import load_reference

    load_reference()


def run(var_dir: Path, rounds: int = 5) -> dict[str, Any]:
    _setup(var_dir)
    import datetime as dt

    from django.db import connections
    from django.utils import timezone

    from jaganetral.accounts.actions import create_user
    from jaganetral.cases import actions
    from jaganetral.cases.jobs import mark_overdue_clocks
    from jaganetral.cases.models import Clock, Notification
    from tests.cases.conftest import make_report

    jepara = create_user(actor=None, username="p1", role="supervisor", region="33.20", password="x" * 12)
    create_user(actor=None, username="p2", role="supervisor", region="33.20", password="x" * 12)
    results: list[int] = []
    for _ in range(rounds):
        case = actions.register_case_from_report(actor=jepara, report=make_report(), rules=["N1"])
        Clock.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
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


def prepare(var_dir: Path, cases: int) -> dict[str, Any]:
    """Two supervisors (with e-mail) covering 33.20 and ``cases`` cases whose clocks are overdue."""
    _setup(var_dir)
    import datetime as dt

    from django.utils import timezone

    from jaganetral.accounts.actions import create_user
    from jaganetral.accounts.models import User
    from jaganetral.cases import actions
    from jaganetral.cases.models import Clock
    from tests.cases.conftest import make_report

    jepara = create_user(actor=None, username="p1", role="supervisor", region="33.20", password="x" * 12)
    create_user(actor=None, username="p2", role="supervisor", region="33.20", password="x" * 12)
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.id")
    for _ in range(cases):
        case = actions.register_case_from_report(actor=jepara, report=make_report(), rules=["N1"])
        Clock.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    running = Clock.objects.filter(stopped_at__isnull=True, due_at__lte=timezone.now())
    return {"overdue": running.filter(overdue_marked_at__isnull=True).count()}


def count(var_dir: Path) -> dict[str, Any]:
    os.environ["JAGANETRAL_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jaganetral.settings"
    import django

    django.setup()
    from jaganetral.cases.models import CaseEvent, Clock, Notification

    return {
        "notifications": Notification.objects.filter(kind="overdue").count(),
        "distinct": Notification.objects.filter(kind="overdue").values("clock", "user").distinct().count(),
        "marked": Clock.objects.filter(overdue_marked_at__isnull=False).count(),
        "events": CaseEvent.objects.filter(kind="clock_overdue").count(),
    }


if __name__ == "__main__":
    where = Path(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "threads"
    if mode == "prepare":
        print(json.dumps(prepare(where, int(sys.argv[3]))))
    elif mode == "count":
        print(json.dumps(count(where)))
    else:
        print(json.dumps(run(where)))
