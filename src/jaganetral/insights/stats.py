"""Counts grouped one way: the ``/api/v1/stats`` answer, the dashboard's tables and charts, the
exports and the public page all come from here.

A group is a function ``fn(user_or_None, filters) -> [{"key", "label", "count"}]``; ``None`` is
the public (every case, shown only suppressed). Groups are registered by name with
:func:`register_group`, so a higher layer (``jaganetral/api.py``) can add groups from apps that
insights may not import (e.g. prevention's pledge coverage)::

    from jaganetral.insights import stats
    stats.register_group("pledge_coverage", pledge_coverage, unit="instansi", public=True)

``unit`` says what is counted (cases, people); ``public`` whether the public page may show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.accounts.models import User
from jaganetral.cases import person_path, workflow
from jaganetral.cases.models import Source
from jaganetral.insights import selectors
from jaganetral.insights.filters import Filters
from jaganetral.reference.models import Agency, Election, Region

Item = dict[str, Any]
GroupFn = Callable[[User | None, Filters], list[Item]]
CASES = gettext_lazy("kasus")
PEOPLE = gettext_lazy("terlapor")


@dataclass(frozen=True)
class Group:
    name: str
    fn: GroupFn
    unit: Any = CASES
    public: bool = False
    # how many distinct things the items add up to (cases for "rule", where a case counts once per
    # rule); None: the sum of the items
    total: Callable[[User | None, Filters], int] | None = None


_GROUPS: dict[str, Group] = {}


def register_group(
    name: str,
    fn: GroupFn,
    *,
    unit: Any = CASES,
    public: bool = False,
    total: Callable[[User | None, Filters], int] | None = None,
) -> GroupFn:
    """Register a grouping under ``name`` (once; a second, different registration is an error)."""
    group = Group(name, fn, unit, public, total)
    existing = _GROUPS.setdefault(name, group)
    if existing.fn is not fn:
        raise ImproperlyConfigured(f"stats group {name} registered twice")
    return fn


def names(*, public: bool = False) -> list[str]:
    return sorted(n for n, g in _GROUPS.items() if g.public or not public)


class UnknownGroup(ValueError):
    pass


def group(name: str, *, public: bool = False) -> Group:
    g = _GROUPS.get(name)
    if g is None or (public and not g.public):
        raise UnknownGroup(
            _("Pengelompokan tidak dikenal: %(name)s. Pilihan: %(choices)s.")
            % {"name": name[:40], "choices": ", ".join(names(public=public))}
        )
    return g


def compute(
    name: str, user: User | None, f: Filters, *, public: bool = False, items: list[Item] | None = None
) -> dict[str, Any]:
    """``{"group_by", "unit", "items", "total"}``, items largest first (then by key). ``items``: the
    group's items already counted another way (the dashboard counts several groups in one pass)."""
    g = group(name, public=public)
    found = g.fn(user, f) if items is None else items
    items = sorted(found, key=lambda i: (-int(i["count"]), str(i["key"])))
    total = g.total(user, f) if g.total else sum(int(i["count"]) for i in items)
    return {"group_by": name, "unit": str(g.unit), "items": items, "total": total}


# --- the built-in groups --------------------------------------------------------------------------


def _rows(qs: QuerySet[Any], key: str, labels: Callable[[list[Any]], dict[Any, str]]) -> list[Item]:
    return _items(list(qs.values(key).annotate(n=Count("pk")).values_list(key, "n")), labels)


def _items(counted: list[tuple[Any, int]], labels: Callable[[list[Any]], dict[Any, str]]) -> list[Item]:
    names_ = labels([k for k, _n in counted])
    return [
        {"key": "" if k is None else str(k), "label": names_.get(k, str(k or "—")), "count": n}
        for k, n in counted
    ]


def _case_total(user: User | None, f: Filters) -> int:
    return selectors.cases(user, f).count()


def _status_labels(keys: list[str]) -> dict[str, str]:
    return {
        k: workflow.state_label(workflow.State(k)) for k in keys if k in workflow.State.__members__.values()
    }


def _source_labels(keys: list[str]) -> dict[str, str]:
    return {k: str(Source(k).label) for k in keys if k in Source.values}


def by_status(user: User | None, f: Filters) -> list[Item]:
    return _rows(selectors.cases(user, f), "state", _status_labels)


def status_items(counted: list[tuple[str, int]]) -> list[Item]:
    """The ``status`` items from ``(state, count)`` pairs counted elsewhere."""
    return _items(counted, _status_labels)


def by_source(user: User | None, f: Filters) -> list[Item]:
    return _rows(selectors.cases(user, f), "source", _source_labels)


def source_items(counted: list[tuple[str, int]]) -> list[Item]:
    """The ``source`` items from ``(source, count)`` pairs counted elsewhere."""
    return _items(counted, _source_labels)


def _person_state_labels(keys: list[str]) -> dict[str, str]:
    return {k: person_path.label(person_path.PersonState(k)) for k in keys}


def by_person_state(user: User | None, f: Filters) -> list[Item]:
    return _rows(selectors.people(user, f), "state", _person_state_labels)


def person_state_items(counted: list[tuple[str, int]]) -> list[Item]:
    """The ``person_state`` items from ``(state, count)`` pairs counted elsewhere."""
    return _items(counted, _person_state_labels)


def by_election(user: User | None, f: Filters) -> list[Item]:
    rows = list(selectors.cases(user, f).values("election__code", "election__name").annotate(n=Count("pk")))
    return [{"key": r["election__code"], "label": r["election__name"], "count": r["n"]} for r in rows]


def election_items(counted: list[tuple[int, int]]) -> list[Item]:
    """The ``election`` items from ``(election id, count)`` pairs counted elsewhere."""
    known = {
        pk: (code, name)
        for pk, code, name in Election.objects.filter(pk__in=[k for k, _n in counted]).values_list(
            "pk", "code", "name"
        )
    }
    return [
        {"key": known.get(k, ("", ""))[0], "label": known.get(k, ("", str(k)))[1], "count": n}
        for k, n in counted
    ]


def region_depth(f: Filters) -> int:
    """How many characters of a region code the region group keeps: provinces nationally, the
    next level down inside a filtered region (province → regency → district)."""
    return {0: 2, 2: 5, 5: 8}.get(len(f.region), 13)


def by_region(user: User | None, f: Filters) -> list[Item]:
    depth = region_depth(f)
    qs = selectors.cases(user, f).annotate(area=Substr("region_id", 1, depth))
    return _rows(qs, "area", lambda keys: dict(Region.objects.filter(pk__in=keys).values_list("pk", "name")))


def by_agency(user: User | None, f: Filters) -> list[Item]:
    people = selectors.people(user, f).values("agency_id").annotate(n=Count("pk"))
    return agency_items(list(people.values_list("agency_id", "n")))


def agency_items(counted: list[tuple[int | None, int]]) -> list[Item]:
    """The ``agency`` items from ``(agency id, count)`` pairs, keyed by the agency's code (as the
    case list's filter takes it)."""
    ids = [k for k, _n in counted if k]
    known = {
        pk: (name, code)
        for pk, name, code in Agency.objects.filter(pk__in=ids).values_list("pk", "name", "code")
    }
    items: list[Item] = []
    for k, n in counted:
        if k is None:
            items.append({"key": "", "label": _("instansi belum dikenali"), "count": n})
        else:
            name, code = known.get(k, (str(k), ""))
            items.append({"key": code, "label": name, "count": n})
    return items


def by_position(user: User | None, f: Filters) -> list[Item]:
    rows = selectors.people(user, f).values("position").annotate(n=Count("pk")).values_list("position", "n")
    merged: dict[str, int] = {}
    for position, n in rows:
        key = " ".join(position.split()).lower()
        merged[key] = merged.get(key, 0) + n
    return [{"key": k, "label": k or _("jabatan tidak diisi"), "count": n} for k, n in merged.items()]


def by_month(user: User | None, f: Filters) -> list[Item]:
    qs = selectors.cases(user, f).annotate(month=TruncMonth("created_at"))
    rows = qs.values("month").annotate(n=Count("pk")).values_list("month", "n")
    items = [{"key": m.strftime("%Y-%m"), "label": m.strftime("%Y-%m"), "count": n} for m, n in rows if m]
    return sorted(items, key=lambda i: i["key"])


def by_rule(user: User | None, f: Filters) -> list[Item]:
    """Cases per alleged rule code (a case alleging two rules counts under each)."""
    inner, params = selectors.cases(user, f).order_by().values("alleged_rules").query.sql_with_params()
    # the inner query is Django's own SQL with its parameters, never text from the request
    unnest = (
        "CROSS JOIN LATERAL jsonb_array_elements_text(c.alleged_rules) AS r(value)"
        if connection.vendor == "postgresql"
        else "CROSS JOIN json_each(c.alleged_rules) AS r"
    )
    sql = f"SELECT r.value, COUNT(*) FROM ({inner}) AS c {unnest} GROUP BY r.value"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counted = [(str(code), int(n)) for code, n in cursor.fetchall()]
    return [{"key": code, "label": code, "count": n} for code, n in counted]


register_group("status", by_status, public=True)
register_group("source", by_source, public=True)
register_group("region", by_region, public=True)
register_group("month", by_month, public=True)
register_group("election", by_election, public=True)
register_group("rule", by_rule, public=True, total=_case_total)
register_group("person_state", by_person_state, unit=PEOPLE, public=True)
register_group("agency", by_agency, unit=PEOPLE)
register_group("position", by_position, unit=PEOPLE)
