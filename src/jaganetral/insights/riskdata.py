"""The inputs of the neutrality-risk index (:mod:`.risk`) per region, read from the case register
and the screening tables inside the user's scope and filters, with Bawaslu's IKP score beside."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.insights import dashboard, risk, selectors
from jaganetral.insights.filters import Filters
from jaganetral.insights.models import RegionFigure
from jaganetral.insights.stats import region_depth
from jaganetral.reference.models import Region
from jaganetral.screening.models import Finding, Post, SocialAccount

MAX_REPEAT = 10_000  # repeat offenders counted by NIP (far more than any region has)


@dataclass(frozen=True)
class RegionRisk:
    code: str
    name: str
    inputs: risk.Inputs
    result: risk.Result
    ikp: float | None
    ikp_year: int | None


def _areas(rows: Any) -> dict[str, dict[str, int]]:
    return {r.pop("area"): r for r in rows}


def region_risks(user: User | None, f: Filters) -> list[RegionRisk]:
    depth = region_depth(f)
    people = selectors.people(user, f)
    by_area = _areas(
        people.annotate(area=Substr("case__region_id", 1, depth))
        .values("area")
        .annotate(
            n_proven=Count("pk", filter=Q(proven=True)),
            n_studied=Count("pk", filter=Q(proven__isnull=False)),
            n_recommended=Count("pk", filter=Q(state__in=dashboard._values(dashboard.RECOMMENDED))),
            n_not_acted=Count("pk", filter=Q(state__in=dashboard._values(dashboard.NOT_ACTED))),
        )
        .order_by()
    )
    repeated = (
        people.filter(proven=True)
        .exclude(nip="")
        .values("nip")
        .annotate(n=Count("case", distinct=True))
        .filter(n__gt=1)
    )
    repeat = dict(
        people.filter(proven=True, nip__in=list(repeated.values_list("nip", flat=True)[:MAX_REPEAT]))
        .annotate(area=Substr("case__region_id", 1, depth))
        .values("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    scope = user.scope if user is not None else ""
    accounts = SocialAccount.objects.filter(person__region__isnull=False)
    accounts = accounts.filter(policy.region_q(scope, "person__region"))
    findings = Finding.objects.filter(region__isnull=False).filter(policy.region_q(scope, "region"))
    if f.region:
        accounts = accounts.filter(policy.region_q(f.region, "person__region"))
        findings = findings.filter(policy.region_q(f.region))
    if f.election:
        findings = findings.filter(election__code=f.election)
    # screened posts counted per account first (from the partial index on the screened posts'
    # accounts, insights migration 0003), then summed per area of the accounts inside the scope:
    # no join of a million posts
    per_account = dict(
        Post.objects.filter(screened_at__isnull=False, account__isnull=False)
        .order_by()
        .values("account_id")
        .annotate(n=Count("*"))  # COUNT(*): answered from the index alone
        .values_list("account_id", "n")
    )
    screened: dict[str, int] = {}
    for account, area in accounts.annotate(area=Substr("person__region_id", 1, depth)).values_list(
        "pk", "area"
    ):
        n = per_account.get(account, 0)
        if n:
            screened[area] = screened.get(area, 0) + n
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
            repeat=repeat.get(code, 0),
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
