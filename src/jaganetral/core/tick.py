"""Periodic work run by ``jaganetral tick`` (and every WORKER_TICK_SECONDS by the worker).

Apps register jobs in their ``AppConfig.ready``. A job claims its rows with a compare-and-swap
``UPDATE ... WHERE processed IS NULL`` so two workers started at once never do the same work twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction

from jaganetral.core.models import JobClaim

log = logging.getLogger(__name__)

Job = Callable[[datetime], int]
JOBS: dict[str, Job] = {}


def register(name: str) -> Callable[[Job], Job]:
    def deco(fn: Job) -> Job:
        JOBS[name] = fn
        return fn

    return deco


def run_tick(now: datetime) -> dict[str, int]:
    """Run every registered job once; a failing job is logged and does not stop the others."""
    results: dict[str, int] = {}
    for name, job in sorted(JOBS.items()):
        try:
            results[name] = job(now)
        except Exception:
            log.exception("tick job %s failed", name)
            results[name] = -1
    return results


def claim_period(name: str, key: str) -> bool:
    """Claim period ``key`` of job ``name`` for this process; call it inside the transaction that
    does the work. False when another process (on any machine) has it already."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_period must run inside the transaction that does the work")
    try:
        with transaction.atomic():
            JobClaim.objects.create(name=name, key=key)
    except IntegrityError:
        return False
    return True


@register("sessions.expire")
def expire_sessions(now: datetime) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted
