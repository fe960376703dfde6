"""The staff home: what waits for me, what is overdue in my scope, what I asked others and have not
heard back. Pure registry, like the permission door (:mod:`jaganetral.accounts.policy`): this
module lives in ``accounts`` and imports no app above it; each app registers, in its own
``home.py``, a function that lists its items for a user. The home page asks them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured

from jaganetral.accounts.models import User


class Section(StrEnum):
    WAITING = "waiting"  # waits for me (by deadline)
    OVERDUE = "overdue"  # overdue in my scope
    ASKED = "asked"  # I asked someone else (custodian, BKN, PPK) and have not heard back


@dataclass(frozen=True)
class Item:
    """One line of the home: what, a link, and (when a clock runs) its deadline."""

    section: Section
    title: str
    url: str
    what: str = ""  # the step or question, in words
    due: dt.datetime | None = None
    due_label: str = ""  # which deadline (e.g. "Kajian awal")
    since: dt.datetime | None = None  # for questions without a deadline: asked when
    tags: tuple[str, ...] = field(default=())

    def overdue(self, now: dt.datetime) -> bool:
        return self.due is not None and self.due <= now


Provider = Callable[[User, dt.datetime], list[Item]]
_PROVIDERS: dict[str, Provider] = {}

# a home shows at most this many lines per section (the queues list everything)
LIMIT = 25


def provider(name: str) -> Callable[[Provider], Provider]:
    """Register an app's home items (once per name)."""

    def register(fn: Provider) -> Provider:
        if name in _PROVIDERS and _PROVIDERS[name] is not fn:
            raise ImproperlyConfigured(f"home provider {name} registered twice")
        _PROVIDERS[name] = fn
        return fn

    return register


def _order(item: Item) -> tuple[int, dt.datetime, str]:
    """By deadline (nearest first), then items without one by when they were asked (oldest first)."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    if item.due is not None:
        return (0, item.due, item.title)
    return (1, item.since or far, item.title)


@dataclass
class Home:
    waiting: list[Item]
    overdue: list[Item]
    asked: list[Item]
    more: dict[str, int]


def home_for(user: User, now: dt.datetime) -> Home:
    """Every registered app's items for this user, per section, in deadline order."""
    items: list[Item] = []
    for name in sorted(_PROVIDERS):
        items.extend(_PROVIDERS[name](user, now))
    by: dict[Section, list[Item]] = {s: [] for s in Section}
    for item in items:
        by[item.section].append(item)
    for rows in by.values():
        rows.sort(key=_order)
    return Home(
        waiting=by[Section.WAITING][:LIMIT],
        overdue=by[Section.OVERDUE][:LIMIT],
        asked=by[Section.ASKED][:LIMIT],
        more={s.value: max(0, len(rows) - LIMIT) for s, rows in by.items()},
    )
