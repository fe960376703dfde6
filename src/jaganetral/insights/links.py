"""Where each figure leads: the list of cases behind it (the same filters plus one facet), and for
regions the dashboard one level down. Pure string work on :class:`Filters`."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
from typing import Any

from django.urls import reverse

from jaganetral.insights.filters import Filters

# group → the facet of the case list it narrows by (None: the group is itself a shared filter)
FACET_OF = {
    "status": "status",
    "rule": "rule",
    "agency": "agency",
    "person_state": "person_state",
    "position": "position",
}


def narrowed(group: str, key: str, f: Filters) -> tuple[Filters, dict[str, str]]:
    """The filters and facet that select the cases behind one item of ``group``."""
    if group in FACET_OF:
        return f, {FACET_OF[group]: key}
    if group == "region":
        return replace(f, region=key), {}
    if group == "source":
        return replace(f, source=key), {}
    if group == "election":
        return replace(f, election=key), {}
    if group == "month":
        year, month = (int(x) for x in key.split("-"))
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        start = max(first, f.date_from) if f.date_from else first
        end = min(last, f.date_to) if f.date_to else last
        return replace(f, date_from=start, date_to=end), {}
    return f, {}


def case_list(f: Filters, **facet: str) -> str:
    return reverse("insights:cases") + "?" + f.query(**facet)


def with_links(group: str, items: list[dict[str, Any]], f: Filters) -> list[dict[str, Any]]:
    cases, dashboard = reverse("insights:cases"), reverse("insights:dashboard")  # once per group
    out = []
    for item in items:
        empty_facet = group in FACET_OF and not item["key"]  # "unknown agency": no list to narrow to
        href = None
        if not empty_facet:
            narrowed_f, facet = narrowed(group, item["key"], f)
            href = cases + "?" + narrowed_f.query(**facet)
        row = {**item, "href": href}
        if group == "region" and item["key"]:
            row["drill"] = dashboard + "?" + replace(f, region=item["key"]).query()
        out.append(row)
    return out
