"""Counts in fixed windows shared by all processes: the rate limits and the one-use challenges.

Where ``RATE_LIMIT_STORE`` is ``cache`` (set when ``REDIS_URL`` configures a Redis cache) the counts
live in Django's cache; otherwise in the database every process shares (:class:`Counter`). Never in
one process's memory, where each worker would count on its own. Keys are keyed hashes made by the
caller: no address and no receipt is ever a key.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jaganetral.core.models import Counter

SWEEP_CHANCE = 0.01  # share of new windows that also delete expired rows


def _use_cache() -> bool:
    return bool(settings.RATE_LIMIT_STORE == "cache")


def hit(key: str, window: int) -> int:
    """Count one event for ``key`` in its current window of ``window`` seconds; the new count."""
    if _use_cache():
        cache.add(key, 0, timeout=window)
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            return 1
    now = timezone.now()
    with transaction.atomic():
        if Counter.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + 1):
            return int(Counter.objects.filter(key=key).values_list("count", flat=True).get())
        Counter.objects.filter(key=key).delete()  # an expired window
        if random.random() < SWEEP_CHANCE:  # noqa: S311 - housekeeping, not security
            Counter.objects.filter(expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                Counter.objects.create(key=key, count=1, expires_at=now + timedelta(seconds=window))
            return 1
        except IntegrityError:  # another process made it first
            Counter.objects.filter(key=key).update(count=F("count") + 1)
            return int(Counter.objects.filter(key=key).values_list("count", flat=True).get())


def peek(key: str) -> int:
    """The count in the current window (0 when none)."""
    if _use_cache():
        value = cache.get(key)
        return value if isinstance(value, int) else 0
    row = Counter.objects.filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True)
    return int(row.first() or 0)


def first_use(key: str, window: int) -> bool:
    """True the first time ``key`` is seen within ``window`` seconds (one-use tokens)."""
    return hit(key, window) == 1
