"""Looks inside an installation from its own process (run by tests/ops/installation.py with the
installation's environment) and prints JSON on the last line.

    python -m tests.ops.harness check RECEIPTS_JSON   # each receipt's report, identity, evidence
    python -m tests.ops.harness heads [UPTO]          # the case heads, the audit-log head (to row UPTO)
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any


def _setup() -> None:
    import django

    django.setup()


def check(receipts: list[str]) -> dict[str, Any]:

    from jaganetral.intake import sealing
    from jaganetral.intake.actions import read_original
    from jaganetral.intake.selectors import report_by_receipt

    out: dict[str, Any] = {}
    for code in receipts:
        report = report_by_receipt(code)
        if report is None:
            out[code] = None
            continue
        identity = None
        if report.identity_sealed:
            identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
        files = {}
        for ev in report.evidence.all():
            data = read_original(ev)  # originals are encrypted at rest: opened with the restored key
            files[str(ev.uid)] = [ev.sha256, hashlib.sha256(data).hexdigest()]
        out[code] = {
            "uid": str(report.uid),
            "reference": report.reference,
            "submitted_at": report.submitted_at.isoformat(),
            "pseudonym": report.pseudonym,
            "identity": identity,
            "files": files,
        }
    return out


def heads(upto: int | None = None) -> dict[str, Any]:
    from jaganetral.cases.models import Case
    from jaganetral.core.audit import log_head

    log = log_head(upto)
    return {
        "cases": {str(pk): [s, h] for pk, s, h in Case.objects.values_list("pk", "head_seq", "head_hash")},
        "audit": [log.last_id, log.count, log.digest],
    }


def enqueue(count: int) -> dict[str, Any]:
    from tests.ops.tasks import note_run

    return {"queued": [str(note_run.enqueue(n).id) for n in range(count)]}


def overdue(count: int) -> dict[str, Any]:
    """``count`` cases whose legal clocks are already overdue, and two supervisors to notify."""
    import datetime as dt

    from django.utils import timezone

    from jaganetral.accounts.actions import create_user
    from jaganetral.cases.models import Clock
    from tests.cases.conftest import make_case

    jepara = create_user(actor=None, username="p1", role="supervisor", region="33.20", password="x" * 12)
    create_user(actor=None, username="p2", role="supervisor", region="33.20", password="x" * 12)
    for _ in range(count):
        case = make_case(jepara)
        Clock.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    return {
        "overdue": Clock.objects.filter(overdue_marked_at__isnull=True, due_at__lte=timezone.now()).count()
    }


def counts() -> dict[str, Any]:
    from collections import Counter

    from jaganetral.cases.models import CaseEvent, Clock, Notification
    from jaganetral.core.models import AuditEvent

    runs = AuditEvent.objects.filter(action="test.task_ran")
    return {
        "task_runs": runs.count(),
        "tasks_distinct": runs.values("object_id").distinct().count(),
        "task_pids": sorted({r.data["pid"] for r in runs}),
        "clocks_unmarked": Clock.objects.filter(
            overdue_marked_at__isnull=True, stopped_at__isnull=True
        ).count(),
        "notifications": Notification.objects.filter(kind="overdue").count(),
        "notifications_distinct": Notification.objects.filter(kind="overdue")
        .values("clock", "user")
        .distinct()
        .count(),
        "overdue_events": CaseEvent.objects.filter(kind="clock_overdue").count(),
        "overdue_events_per_clock_max": max(
            Counter(
                (e.case_id, e.data.get("clock")) for e in CaseEvent.objects.filter(kind="clock_overdue")
            ).values(),
            default=0,
        ),
        "heads_exported": AuditEvent.objects.filter(action="audit.heads_exported").count(),
    }


if __name__ == "__main__":
    _setup()
    mode = sys.argv[1]
    if mode == "check":
        print(json.dumps({"reports": check(json.loads(sys.argv[2])), "heads": heads()}))
    elif mode == "enqueue":
        print(json.dumps(enqueue(int(sys.argv[2]))))
    elif mode == "overdue":
        print(json.dumps(overdue(int(sys.argv[2]))))
    elif mode == "counts":
        print(json.dumps(counts()))
    elif mode == "heads":
        print(json.dumps(heads(int(sys.argv[2]) if len(sys.argv) > 2 else None)))
    else:
        raise SystemExit(f"unknown mode {mode}")
