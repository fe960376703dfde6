"""Periodic screening work: retention of raw posts (THREATS.md: retention limits)."""

from __future__ import annotations

from datetime import datetime

from jaganetral.core.tick import register


@register("screening.purge_posts")
def purge_posts(now: datetime) -> int:
    from jaganetral.screening.actions import purge_expired_posts

    return purge_expired_posts(now=now)
