"""Figures computed at most once per ``INSIGHTS_CACHE_SECONDS`` (60; 0 turns the cache off) for
the same kind of figure, scope (role, region, agency — what decides which cases a user counts),
filters and language. Every page says when its figures were computed.

Stale while refreshed: figures older than a minute are still answered at once (their page shows
when they were computed), while one background thread computes them afresh for the next visitor;
they are kept for ``INSIGHTS_STALE_SECONDS`` (one hour) at most. Only the first visitor of a scope
and filters in an hour waits for the computation. When the request runs inside a transaction
(tests; a view wrapped in one) the figures are computed in the request: another connection could
not see what the transaction has written."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone, translation
from django.utils.translation import get_language

from jaganetral.accounts.models import User
from jaganetral.insights.filters import Filters

T = TypeVar("T")
log = logging.getLogger(__name__)


def key(kind: str, user: User | None, f: Filters) -> str:
    who = "public" if user is None else f"{user.role}:{user.scope}:{user.agency_id or ''}"
    raw = f"{kind}|{who}|{f.query()}|{get_language()}"
    return "insights:" + hashlib.sha256(raw.encode()).hexdigest()


def _fresh_for() -> int:
    return int(getattr(settings, "INSIGHTS_CACHE_SECONDS", 60))


def _kept_for() -> int:
    return max(_fresh_for(), int(getattr(settings, "INSIGHTS_STALE_SECONDS", 3600)))


def _store(k: str, value: Any) -> None:
    cache.set(k, (time.time(), value), _kept_for())


def _refresh(k: str, compute: Callable[[], Any], language: str | None, zone: str) -> None:
    """Compute in this (background) thread, in the visitor's language and time zone."""
    try:
        with translation.override(language), timezone.override(zone):
            _store(k, compute())
    except Exception:  # the stale figures stay; the next visitor after a minute tries again
        log.exception("insights: refreshing figures failed")
    finally:
        cache.delete(k + ":refreshing")
        connections.close_all()  # this thread's own connections


def _start(k: str, compute: Callable[[], Any]) -> None:
    worker = threading.Thread(
        target=_refresh,
        args=(k, compute, get_language(), timezone.get_current_timezone_name()),
        name="insights-refresh",
        daemon=True,
    )
    worker.start()


def warm(kind: str, user: User | None, f: Filters, compute: Callable[[], Any]) -> bool:
    """Compute figures nobody has asked for yet in a background thread, so that the first visitor
    finds them ready (a staff member's dashboard, right after they sign in). False when they are
    cached already, being computed, the cache is off, or the caller is inside a transaction."""
    seconds = _fresh_for()
    if seconds <= 0 or connection.in_atomic_block:
        return False
    k = key(kind, user, f)
    if cache.get(k) is not None or not cache.add(k + ":refreshing", 1, max(seconds, 60)):
        return False
    _start(k, compute)
    return True


def cached(kind: str, user: User | None, f: Filters, compute: Callable[[], T]) -> T:
    seconds = _fresh_for()
    if seconds <= 0:
        return compute()
    k = key(kind, user, f)
    found: Any = cache.get(k)
    if isinstance(found, tuple) and len(found) == 2:
        stamp, value = found
        if time.time() - stamp < seconds:
            return value
        if connection.in_atomic_block:
            value = compute()
            _store(k, value)
            return value
        # one refresher per figure across processes sharing the cache; the lock expires by itself
        if cache.add(k + ":refreshing", 1, max(seconds, 60)):
            _start(k, compute)
        return value
    value = compute()
    _store(k, value)
    return value
