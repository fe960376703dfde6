"""Per-account log-in throttling with growing delays, never a hard lock.

A stranger who types wrong passwords for an account makes the next attempt for that account wait:
nothing for the first ``FREE_FAILURES``, then 2, 4, 8 ... seconds, at most ``MAX_DELAY``. While it
waits, a password alone is not even checked (guessing gains nothing), but the right password
*together with* the account's current two-factor code still logs in at once: the owner is never
locked out by someone else. Counts live in the database that every web process shares; the key is a
keyed hash of the lower-cased user name, and no address or user agent is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jaganetral.accounts.models import LoginThrottle

FREE_FAILURES = 3
FIRST_DELAY = 2  # seconds, doubled with each further failure
MAX_DELAY = 5 * 60
FORGET_AFTER = timedelta(days=1)  # failures older than this no longer count


def key_of(username: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"login:" + username.strip().lower().encode(), hashlib.sha256
    ).hexdigest()


def delay_after(failures: int) -> int:
    """Seconds the next attempt waits after ``failures`` failures in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - FREE_FAILURES, 20))


@dataclass(frozen=True)
class State:
    failures: int
    wait_seconds: int  # 0: a password alone may be tried now

    @property
    def waiting(self) -> bool:
        return self.wait_seconds > 0

    @property
    def wants_challenge(self) -> bool:
        """Past the free failures a proof-of-work challenge comes with every attempt."""
        return self.failures >= FREE_FAILURES


def state(username: str) -> State:
    row = LoginThrottle.objects.filter(key=key_of(username)).first()
    now = timezone.now()
    if row is None or now - row.updated_at > FORGET_AFTER:
        return State(0, 0)
    wait = math.ceil((row.wait_until - now).total_seconds()) if row.wait_until else 0
    return State(row.failures, max(wait, 0))


@transaction.atomic
def failed(username: str) -> State:
    """Count one failure for ``username`` (known or not: the answer must not tell which)."""
    key = key_of(username)
    now = timezone.now()
    LoginThrottle.objects.filter(key=key, updated_at__lt=now - FORGET_AFTER).delete()
    row, _created = LoginThrottle.objects.get_or_create(key=key)
    LoginThrottle.objects.filter(pk=row.pk).update(failures=F("failures") + 1)
    row.refresh_from_db()
    delay = delay_after(row.failures)
    row.wait_until = now + timedelta(seconds=delay) if delay else None
    row.save(update_fields=["wait_until", "updated_at"])
    return State(row.failures, delay)


def succeeded(username: str) -> None:
    LoginThrottle.objects.filter(key=key_of(username)).delete()
