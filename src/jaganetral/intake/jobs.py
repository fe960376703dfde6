"""Periodic jobs: clean copies of new evidence; remove evidence files left behind by uploads that
never committed."""

from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from jaganetral.core.tick import register
from jaganetral.lib import files as files_lib
from jaganetral.lib import sanitize

ORPHAN_AGE_SECONDS = 3600


def _uid_of(name: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(name.split(".", 1)[0])
    except ValueError:
        return None


@register("intake.orphan_files")
def remove_orphan_files(now: datetime, *, min_age: int = ORPHAN_AGE_SECONDS) -> int:
    """Delete evidence files older than ``min_age`` seconds that no row refers to.

    A process killed mid-upload leaves no report row (the rows commit together), but it can leave
    the file it was writing; this removes it.
    """
    from jaganetral.intake.models import Evidence

    root = settings.INTAKE_EVIDENCE_DIR
    if not root.exists():
        return 0
    cutoff = time.time() - min_age
    removed = 0
    for path in list(root.rglob("*")):
        if not path.is_file() or path.stat().st_mtime > cutoff:
            continue
        uid = _uid_of(path.name)
        if uid is not None and Evidence.objects.filter(uid=uid).exists():
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


CLEAN_BATCH = 20
STUCK_AFTER = timedelta(minutes=10)  # a worker that died while cleaning: another one takes over


@register("intake.clean_evidence")
def clean_evidence(now: datetime, *, limit: int = CLEAN_BATCH) -> int:
    """Make the clean copies of new evidence (every kind: metadata and active content removed) in
    a child process bounded in memory and time, away from the web requests. Each file is claimed
    with a compare-and-swap, so two workers never clean the same one."""
    from django.db.models import Q

    from jaganetral.intake.models import CleanState, Evidence

    waiting = Evidence.objects.filter(
        Q(clean_state=CleanState.PENDING)
        | Q(clean_state=CleanState.WORKING, clean_started_at__lt=now - STUCK_AFTER)
    ).order_by("id")
    done = 0
    for ev in list(waiting[:limit]):
        claimed = Evidence.objects.filter(pk=ev.pk, clean_state=ev.clean_state).update(
            clean_state=CleanState.WORKING, clean_started_at=now
        )
        if claimed:
            done += clean_one(ev)
    return done


def clean_one(ev: Any) -> int:
    from jaganetral.core import audit
    from jaganetral.intake.actions import read_original
    from jaganetral.intake.evidence import store
    from jaganetral.intake.models import CleanState, Evidence

    try:
        original = read_original(ev)
        clean = sanitize.clean_bounded(ev.kind, original)
    except (sanitize.CleanFailed, OSError, ValueError) as exc:
        Evidence.objects.filter(pk=ev.pk).update(clean_state=CleanState.FAILED)
        audit.record(
            "intake.evidence_clean_failed", actor=None, obj=ev, object_id=ev.uid, reason=str(exc)[:200]
        )
        return 0
    relative = f"{ev.original_path.rsplit('/', 1)[0]}/{ev.uid}.clean.{ev.extension}"
    path = store().path_of(relative)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(clean)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    Evidence.objects.filter(pk=ev.pk).update(
        clean_path=relative, clean_sha256=files_lib.sha256_of([clean]), clean_state=CleanState.DONE
    )
    return 1
