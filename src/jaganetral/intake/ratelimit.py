"""Fixed-window rate limits kept only in the cache (memory), never in the database or logs.

The client address is used only as a keyed hash inside a cache key that expires with its window.
With several server processes each counts on its own unless a shared cache is configured.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _client_key(request: HttpRequest) -> str:
    addr = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), addr.encode(), hashlib.sha256).hexdigest()[:24]


def _hit(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def allow(request: HttpRequest, name: str, rate: tuple[int, int]) -> bool:
    """Count one request of kind ``name`` for this client; False once over ``rate`` = (count, seconds)."""
    limit, window = rate
    return _hit(f"intake-rl:{name}:{_client_key(request)}", limit, window)


def global_exceeded(name: str, rate: tuple[int, int]) -> bool:
    limit, _window = rate
    value = cache.get(f"intake-rl-global:{name}")
    return isinstance(value, int) and value >= limit


def count_global(name: str, rate: tuple[int, int]) -> None:
    limit, window = rate
    _hit(f"intake-rl-global:{name}", limit, window)
