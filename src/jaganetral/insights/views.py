"""Staff dashboard (/petugas/statistik/), the list behind each figure, the exports, the public
statistics page (/statistik/) and the risk index page. Thin: figures come from :mod:`.stats`,
:mod:`.dashboard`, :mod:`.drilldown`, :mod:`.public` and :mod:`.risk`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions as case_permissions
from jaganetral.cases.models import Source
from jaganetral.insights import dashboard, drilldown, geo, links, public, selectors, stats
from jaganetral.insights.cache import cached, warm
from jaganetral.insights.filters import FilterError, Filters, parse
from jaganetral.reference.models import Election, Region

DASHBOARD_GROUPS = (
    "status",
    "rule",
    "region",
    "source",
    "month",
    "election",
    "person_state",
    "agency",
    "position",
)
PUBLIC_GROUPS = ("region", "status", "source", "month", "rule", "person_state")


def staff_user(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not selectors.allowed(user):
        raise PermissionDenied
    return user


def scope_words(user: User | None) -> str:
    """Whose data a page counts, in words (for the page and the export's header)."""
    if user is None:
        return _("publik: seluruh kasus, angka 1–4 disamarkan")
    parts = [str(user.get_role_display())]
    if user.scope:
        name = Region.objects.filter(pk=user.scope).values_list("name", flat=True).first() or user.scope
        parts.append(_("wilayah %(name)s") % {"name": name})
    else:
        parts.append(_("nasional"))
    if case_permissions.names_own_staff_only(user) and user.agency_id:
        parts.append(_("pegawai instansi sendiri"))
    return ", ".join(parts)


def form_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "typed": {k: request.GET.get(k, "")[:60] for k in ("region", "election", "from", "to", "source")},
        "provinces": Region.objects.filter(level="province").order_by("code").values_list("code", "name"),
        "elections": Election.objects.order_by("-voting_day").values_list("code", "name"),
        "sources": Source.choices,
    }


TOP = 25  # rows per table on screen (and in the export); the rest summed as "Lainnya"
UNCAPPED = ("month", "region")


def top(items: list[dict[str, Any]], n: int = TOP) -> list[dict[str, Any]]:
    """The ``n`` largest items and one row summing the rest (totals unchanged)."""
    if len(items) <= n:
        return items
    rest = items[n:]
    other = {
        "key": "",
        "label": _("Lainnya (%(n)d kelompok)") % {"n": len(rest)},
        "count": sum(int(i["count"]) for i in rest),
        "href": None,
    }
    return [*items[:n], other]


def dashboard_context(user: User, f: Filters) -> dict[str, Any]:
    return cached("dashboard", user, f, lambda: _dashboard(user, f))


def warm_dashboard(user: User) -> None:
    """The dashboard without filters computed in the background (see :mod:`.warmup`)."""
    f = Filters()
    warm("dashboard", user, f, lambda: _dashboard(user, f))


def _dashboard(user: User, f: Filters) -> dict[str, Any]:
    groups = {}
    map_data = None
    # the people's states, agencies, follow-ups and funnel from one count per (agency, state)
    grouped = dashboard.people_grouped(user, f)
    # the cases' states, sources, elections and own funnel stages from one count as well
    cases_by = dashboard.cases_grouped(user, f)
    counted = {
        "person_state": stats.person_state_items(grouped.by_state()),
        "agency": stats.agency_items(grouped.by_agency()),
        "status": stats.status_items(cases_by.by(0)),
        "source": stats.source_items(cases_by.by(1)),
        "election": stats.election_items(cases_by.by(2)),
    }
    for name in DASHBOARD_GROUPS:
        result = stats.compute(name, user, f, items=counted.get(name))
        result["items"] = links.with_links(name, result["items"], f)
        if name == "region":
            map_data = geo.map_payload(result, f)
        if name not in UNCAPPED:
            result["items"] = top(result["items"])
        groups[name] = result
    stages = dashboard.funnel(user, f, grouped, cases_by)
    follow_ups = dashboard.follow_up_by_agency(user, f, grouped)
    return {
        "filters": f,
        "filter_words": f.describe(),
        "scope": scope_words(user),
        "generated": timezone.localtime(),
        "funnel": [{"stage": s, "href": links.case_list(f, stage=s.key)} for s in stages],
        "groups": groups,
        "clocks": dashboard.clock_figures(user, f),
        "follow_ups": [
            {"row": r, "href": links.case_list(f, agency=r.agency) if r.agency else None}
            for r in follow_ups[:TOP]
        ],
        "follow_ups_more": max(0, len(follow_ups) - TOP),
        "waiting": dashboard.waiting_people(user, f),
        "waiting_total": dashboard.waiting_count(user, f),
        "map": map_data,
    }


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    context = form_context(request)
    try:
        f = parse(request.GET)
    except FilterError as exc:
        return render(request, "insights/dashboard.html", {**context, "error": str(exc)}, status=400)
    context.update(dashboard_context(user, f))
    context["export_query"] = f.query()
    return render(request, "insights/dashboard.html", context)


def _page(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 6 else 1


@login_required
@require_GET
def cases_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    context = form_context(request)
    try:
        f = parse(request.GET)
        facet = drilldown.parse_facet(request.GET)
    except FilterError as exc:
        return render(request, "insights/cases.html", {**context, "error": str(exc)}, status=400)
    page = _page(request)
    rows, total = drilldown.rows(user, f, facet, offset=(page - 1) * drilldown.PAGE)
    query = f.query(**facet.as_params())
    context.update(
        {
            "filters": f,
            "facet": facet,
            "filter_words": f.describe() + facet.describe(),
            "scope": scope_words(user),
            "columns": [(k, str(label)) for k, label in drilldown.COLUMNS],
            "rows": rows,
            "total": total,
            "page": page,
            "pages": max(1, -(-total // drilldown.PAGE)),
            "query": query,
            "max_export": drilldown.MAX_EXPORT,
        }
    )
    return render(request, "insights/cases.html", context)


def public_context(f: Filters) -> dict[str, Any]:
    return cached("public", None, f, lambda: _public(f))


def _public(f: Filters) -> dict[str, Any]:
    groups = {name: public.public_stats(name, f) for name in PUBLIC_GROUPS}
    if len(f.region) < 5:  # provinces lead to their regencies, regencies to their own page
        for item in groups["region"]["items"]:
            item["drill"] = "?" + replace(f, region=item["key"]).query()
    return {
        "filters": f,
        "filter_words": f.describe(),
        "groups": groups,
        "generated": timezone.localtime(),
        "map": geo.map_payload(groups["region"], f, public=True),
    }


@require_GET
def public_view(request: HttpRequest) -> HttpResponse:
    context = form_context(request)
    try:
        f = parse(request.GET)
    except FilterError as exc:
        return render(request, "insights/public.html", {**context, "error": str(exc)}, status=400)
    context.update(public_context(f))
    return render(request, "insights/public.html", context)
