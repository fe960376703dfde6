"""A background task used only by tests/ops/test_multi_machine.py: each run leaves one audit row
saying which process ran it, so running a task twice shows."""

from __future__ import annotations

import os
import time

from django_tasks import task


@task()
def note_run(n: int) -> int:
    from jaganetral.core.models import AuditEvent

    time.sleep(0.05)
    AuditEvent.objects.create(action="test.task_ran", object_id=str(n), data={"pid": os.getpid()})
    return n
