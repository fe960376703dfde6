"""Screening background work: retention of raw posts (THREATS.md: retention limits) and clean-up of
import jobs whose worker died, both run by ``jaganetral tick``. Post import jobs are run by the worker
(django-tasks): the task is :func:`jaganetral.screening.actions.imports.import_posts_task`, defined
next to the action that enqueues it; it is re-exported here, where it was defined before, so jobs
queued under its old path still run."""

from __future__ import annotations

from datetime import datetime

from jaganetral.core.tick import register
from jaganetral.screening.actions.imports import fail_stale_imports, import_posts_task
from jaganetral.screening.actions.review import purge_expired_posts

__all__ = ["import_posts_task", "purge_posts", "stale_imports"]


@register("screening.purge_posts")
def purge_posts(now: datetime) -> int:
    return purge_expired_posts(now=now)


@register("screening.stale_imports")
def stale_imports(now: datetime) -> int:
    return fail_stale_imports(now)
