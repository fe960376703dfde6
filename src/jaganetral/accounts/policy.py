"""The one door for permissions: "may this user see this object?" and "may this user do this?".

In the manner of Django's ``user.has_perm()`` → backends (and Zulip's ``access_*`` helpers): views,
the API, selectors and actions all ask here, and nowhere else spells out roles or region rules.

- **Regions.** A user's region scope is a Kemendagri code prefix on segment boundaries (empty =
  national): :func:`covers` answers for one code, :func:`region_q` filters a query the same way,
  both by the pure rule :func:`jaganetral.lib.regioncode.covers`.
- **Permissions.** Each app declares what a role may do in its own ``permissions.py`` with
  :func:`define` (the case register derives its role sets from its transition table,
  ``cases/workflow.py``); :func:`can` answers, :func:`registered` lists them all.
- **Objects.** Each app registers, per model, which rows a user may see (:func:`scope`);
  :func:`visible` returns them, :func:`get_visible` one of them or 404, :func:`can_see` a yes/no.

This module lives in ``accounts`` and imports no app above it: apps register into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from jaganetral.accounts.models import Role, User
from jaganetral.lib import regioncode

M = TypeVar("M", bound=Model)

# --- who is asking ----------------------------------------------------------------------------


def staff(user: Any) -> User | None:
    """The signed-in, active staff user, or None (anonymous, inactive, not our user model)."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


# --- regions ----------------------------------------------------------------------------------


def covers(user: User, code: str | None) -> bool:
    """True when the user's region scope includes the region ``code`` (national users: every code;
    an object without a region only for national users)."""
    if not user.scope:
        return True
    return code is not None and regioncode.covers(user.scope, code)


def covers_scope(user: User, other: User) -> bool:
    """True when ``other``'s whole region scope lies inside ``user``'s (e.g. whom a supervisor may
    hand a case to). A national ``other`` lies only inside a national scope."""
    if not user.scope:
        return True
    return bool(other.scope) and regioncode.covers(user.scope, other.scope)


def region_q(scope: str, field: str = "region") -> Q:
    """Rows whose region (foreign key ``field``) lies inside ``scope`` (empty = national: all).
    ``field="code"`` filters regions themselves by their own code."""
    if not scope:
        return Q()
    if field == "code":
        return Q(code=scope) | Q(code__startswith=scope + ".")
    return Q(**{f"{field}_id": scope}) | Q(**{f"{field}__code__startswith": scope + "."})


def user_region_q(user: User, field: str = "region") -> Q:
    """Rows inside the user's own region scope."""
    return region_q(user.scope, field)


# --- what a role may do -----------------------------------------------------------------------


@dataclass(frozen=True)
class Permission:
    """Something a user may do, granted to roles. ``national``: also only with a national scope
    (a change that acts everywhere, such as switching the screening detector)."""

    name: str
    roles: frozenset[str]
    national: bool = False

    def __str__(self) -> str:
        return self.name


_PERMISSIONS: dict[str, Permission] = {}


def define(name: str, roles: Iterable[str], *, national: bool = False) -> Permission:
    """Declare a permission (once per name; an app's ``permissions.py`` calls this at import)."""
    perm = Permission(name, frozenset(roles), national)
    unknown = perm.roles - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(f"permission {name}: unknown roles {sorted(unknown)}")
    existing = _PERMISSIONS.setdefault(name, perm)
    if existing != perm:
        raise ImproperlyConfigured(f"permission {name} declared twice with different roles")
    return perm


def registered() -> list[Permission]:
    """Every declared permission, by name (for the role table in tests and documentation)."""
    return [_PERMISSIONS[name] for name in sorted(_PERMISSIONS)]


def can(user: Any, perm: Permission) -> bool:
    """May ``user`` do what ``perm`` names? Inactive and anonymous users may do nothing."""
    who = staff(user)
    if who is None or who.role not in perm.roles:
        return False
    return not perm.national or who.is_national


# --- what a user may see ----------------------------------------------------------------------

ScopeFn = Callable[[User], "QuerySet[Any]"]
_SCOPES: dict[type[Model], ScopeFn] = {}


def scope(model: type[M]) -> Callable[[Callable[[User], QuerySet[M]]], Callable[[User], QuerySet[M]]]:
    """Register which rows of ``model`` a (signed-in, active) user may see; one function per model."""

    def register(fn: Callable[[User], QuerySet[M]]) -> Callable[[User], QuerySet[M]]:
        if model in _SCOPES and _SCOPES[model] is not fn:
            raise ImproperlyConfigured(f"scope of {model._meta.label} registered twice")
        _SCOPES[model] = fn
        return fn

    return register


def visible(user: Any, model: type[M]) -> QuerySet[M]:
    """The rows of ``model`` the user may see: none for anonymous or inactive users."""
    fn = _SCOPES.get(model)
    if fn is None:
        raise ImproperlyConfigured(f"no scope registered for {model._meta.label}")
    who = staff(user)
    if who is None:
        return model._default_manager.none()
    return fn(who)


def get_visible(user: Any, model: type[M], message: str = "tidak ditemukan", **lookup: Any) -> M:
    """One object the user may see, or 404: outside the scope is answered as "not found"."""
    obj = visible(user, model).filter(**lookup).first()
    if obj is None:
        raise Http404(message)
    return obj


def can_see(user: Any, obj: Model) -> bool:
    return visible(user, type(obj)).filter(pk=obj.pk).exists()


def require(
    user: Any,
    perm: Permission,
    obj: Model | None = None,
    *,
    refuse: Callable[[str], Exception] = PermissionDenied,
) -> None:
    """Refuse unless ``user`` may do ``perm`` (with ``refuse``, e.g. the app's own error class),
    and answer "not found" when ``obj`` is given and lies outside what the user may see."""
    if not can(user, perm):
        raise refuse(gettext("Peran Anda tidak berwenang untuk langkah ini."))
    if obj is not None and not can_see(user, obj):
        raise Http404(gettext("tidak ditemukan"))
