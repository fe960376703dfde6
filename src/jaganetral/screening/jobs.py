"""Screening background work: retention of raw posts (THREATS.md: retention limits), post import
jobs run by the worker (django-tasks), and clean-up of import jobs whose worker died."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from jaganetral.core.tick import register


@register("screening.purge_posts")
def purge_posts(now: datetime) -> int:
    from jaganetral.screening.actions import purge_expired_posts

    return purge_expired_posts(now=now)


@register("screening.stale_imports")
def stale_imports(now: datetime) -> int:
    from jaganetral.screening.actions import fail_stale_imports

    return fail_stale_imports(now)


@task()
def import_posts_task(job_id: int) -> str:
    """Enqueued by ``actions.start_post_import``; run by ``jaganetral worker``."""
    from jaganetral.screening.actions import run_post_import

    return run_post_import(job_id)
