"""The inputs of the neutrality-risk index (:mod:`.risk`) per region, read from the case register
and the screening tables inside the user's scope and filters, with Bawaslu's IKP score beside."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import Substr

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases.models import CaseReportedPerson
from jaganetral.insights import dashboard, risk, selectors
from jaganetral.insights.filters import Filters
from jaganetral.insights.models import RegionFigure
from jaganetral.insights.stats import region_depth
from jaganetral.reference.models import Region
from jaganetral.screening.models import Finding, Post, SocialAccount


@dataclass(frozen=True)
class RegionRisk:
    code: str
    name: str
    inputs: risk.Inputs
    result: risk.Result
    ikp: float | None
    ikp_year: int | None


def _people_per_area(people: QuerySet[CaseReportedPerson], depth: int) -> dict[str, dict[str, int]]:
    """Per area (the case's region cut to ``depth``): people proven, studied, recommended a
    sanction, not acted on, and repeat offenders (proven people whose NIP is proven in another case
    as well), in one pass: the repeats found by a window over each NIP's proven cases."""
    inner, params = (
        people.order_by()
        .annotate(area=Substr("case__region_id", 1, depth))
        .values("area", "proven", "state", "nip", "case_id")
        .query.sql_with_params()
    )
    recommended = dashboard._values(dashboard.RECOMMENDED)
    not_acted = dashboard._values(dashboard.NOT_ACTED)
    listed = ", ".join(["%s"] * len(recommended)), ", ".join(["%s"] * len(not_acted))
    # the inner query is Django's own SQL with its parameters, never text from the request
    sql = (
        "SELECT x.area, COUNT(*) FILTER (WHERE x.proven), COUNT(*) FILTER (WHERE x.proven IS NOT NULL),"  # noqa: S608
        f" COUNT(*) FILTER (WHERE x.state IN ({listed[0]})),"
        f" COUNT(*) FILTER (WHERE x.state IN ({listed[1]})),"
        " COUNT(*) FILTER (WHERE x.repeat) FROM ("
        " SELECT y.area, y.proven, y.state,"
        " (y.proven AND y.nip <> '' AND MIN(y.case_id) OVER w <> MAX(y.case_id) OVER w) AS repeat"
        f" FROM ({inner}) AS y WINDOW w AS (PARTITION BY CASE WHEN y.proven AND y.nip <> '' THEN y.nip END)"
        ") AS x GROUP BY x.area"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*recommended, *not_acted, *params])
        rows = cursor.fetchall()
    keys = ("n_proven", "n_studied", "n_recommended", "n_not_acted", "n_repeat")
    return {area: dict(zip(keys, (int(v) for v in counts), strict=True)) for area, *counts in rows}


def _screened_per_area(accounts: QuerySet[SocialAccount], depth: int) -> dict[str, int]:
    """Screened posts per area of their accounts' civil servants: counted per account first (from
    the partial index on the screened posts' accounts, insights migration 0003), then joined to the
    accounts inside the scope, so no million posts are joined."""
    per_account, p_params = (
        Post.objects.filter(screened_at__isnull=False, account__isnull=False)
        .order_by()
        .values("account_id")
        .annotate(n=Count("*"))  # COUNT(*): answered from the index alone
        .query.sql_with_params()
    )
    areas, a_params = (
        accounts.order_by().annotate(area=Substr("person__region_id", 1, depth)).values("pk", "area")
    ).query.sql_with_params()
    # both inner queries are Django's own SQL with their parameters, never text from the request
    sql = (
        f"SELECT a.area, SUM(p.n) FROM ({areas}) AS a JOIN ({per_account}) AS p"  # noqa: S608
        " ON p.account_id = a.pk GROUP BY a.area"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*a_params, *p_params])
        return {area: int(n) for area, n in cursor.fetchall()}


def region_risks(user: User | None, f: Filters) -> list[RegionRisk]:
    depth = region_depth(f)
    people = selectors.people(user, f)
    by_area = _people_per_area(people, depth)
    scope = user.scope if user is not None else ""
    accounts = SocialAccount.objects.filter(person__region__isnull=False)
    accounts = accounts.filter(policy.region_q(scope, "person__region"))
    findings = Finding.objects.filter(region__isnull=False).filter(policy.region_q(scope, "region"))
    if f.region:
        accounts = accounts.filter(policy.region_q(f.region, "person__region"))
        findings = findings.filter(policy.region_q(f.region))
    if f.election:
        findings = findings.filter(election__code=f.election)
    screened = _screened_per_area(accounts, depth)
    flagged = dict(
        findings.annotate(area=Substr("region_id", 1, depth))
        .values("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    codes = sorted(set(by_area) | set(screened) | set(flagged))
    figures = {r.region_id: r for r in RegionFigure.objects.filter(region_id__in=codes)}
    names = dict(Region.objects.filter(pk__in=codes).values_list("pk", "name"))
    out = []
    for code in codes:
        row = by_area.get(code, {})
        fig = figures.get(code)
        inputs = risk.Inputs(
            asn=fig.asn_count if fig else None,
            proven=row.get("n_proven", 0),
            studied=row.get("n_studied", 0),
            repeat=row.get("n_repeat", 0),
            recommended=row.get("n_recommended", 0),
            not_acted=row.get("n_not_acted", 0),
            screened=screened.get(code, 0),
            flagged=flagged.get(code, 0),
        )
        out.append(
            RegionRisk(
                code, names.get(code, code), inputs, risk.index(inputs),
                fig.ikp_score if fig else None, fig.ikp_year if fig else None,
            )
        )  # fmt: skip
    return sorted(out, key=lambda r: (-(r.result.index or -1), r.code))
