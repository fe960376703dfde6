"""Figures computed at most once per ``INSIGHTS_CACHE_SECONDS`` (60; 0 turns it off) for the same
kind of figure, scope (role, region, agency — what decides which cases a user counts), filters and
language. Every page says when its figures were computed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from jaganetral.accounts.models import User
from jaganetral.insights.filters import Filters

T = TypeVar("T")


def key(kind: str, user: User | None, f: Filters) -> str:
    who = "public" if user is None else f"{user.role}:{user.scope}:{user.agency_id or ''}"
    raw = f"{kind}|{who}|{f.query()}|{get_language()}"
    return "insights:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(kind: str, user: User | None, f: Filters, compute: Callable[[], T]) -> T:
    seconds = int(getattr(settings, "INSIGHTS_CACHE_SECONDS", 60))
    if seconds <= 0:
        return compute()
    k = key(kind, user, f)
    found: Any = cache.get(k)
    if found is None:
        found = compute()
        cache.set(k, found, seconds)
    return found
