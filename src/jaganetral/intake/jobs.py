"""Periodic jobs: remove evidence files left behind by uploads that never committed."""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from django.conf import settings

from jaganetral.core.tick import register

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
