"""Fixed-window rate limits shared by all processes (:mod:`jaganetral.core.counters`): in Redis
when ``REDIS_URL`` is set, else in the shared database; never in one process's memory.

The client address comes from :func:`jaganetral.lib.clientaddr.client_address` (``TRUSTED_PROXIES``
decides whether ``X-Forwarded-For`` is believed) and is used only as a keyed hash inside a key that
expires with its window: no address is stored.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest

from jaganetral.core import counters
from jaganetral.lib.clientaddr import client_address


def _client_key(request: HttpRequest) -> str:
    addr = client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXIES,
    )
    return hmac.new(settings.SECRET_KEY.encode(), addr.encode(), hashlib.sha256).hexdigest()[:24]


def allow(request: HttpRequest, name: str, rate: tuple[int, int]) -> bool:
    """Count one request of kind ``name`` for this client; False once over ``rate`` = (count, seconds)."""
    limit, window = rate
    return counters.hit(f"intake-rl:{name}:{_client_key(request)}", window) <= limit


def global_exceeded(name: str, rate: tuple[int, int]) -> bool:
    limit, _window = rate
    return counters.peek(f"intake-rl-global:{name}") >= limit


def count_global(name: str, rate: tuple[int, int]) -> None:
    _limit, window = rate
    counters.hit(f"intake-rl-global:{name}", window)
