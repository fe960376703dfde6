"""``GET /api/v1/stats`` (staff, bearer token, scoped like the case list) and
``GET /api/v1/stats/public`` (no token, small counts suppressed)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User
from jaganetral.insights import public, selectors, stats
from jaganetral.insights.cache import cached
from jaganetral.insights.filters import FilterError, Filters, parse

router = Router(tags=["statistik"])


class StatsQuery(Schema):
    group_by: str = Field(
        "status", max_length=40, description="status, rule, region, agency, source, month, …"
    )
    region: str = Field("", max_length=60, description="kode wilayah Kemendagri, mis. 33 atau 33.20")
    election: str = Field("", max_length=60, description="kode pemilihan, mis. pemilu-2024")
    date_from: str = Field("", alias="from", max_length=60, description="diterima sejak (TTTT-BB-HH)")
    date_to: str = Field("", alias="to", max_length=60, description="diterima sampai (TTTT-BB-HH)")
    source: str = Field("", max_length=60, description="laporan, temuan atau screening")


class ItemOut(Schema):
    key: str
    label: str
    count: int
    # figures some groups carry beside the count (prevention: of how many, shares, gain)
    total: int | None = None
    percent: int | None = None
    before_count: int | None = None
    before_percent: int | None = None
    after_percent: int | None = None
    gain: int | None = None


class StatsOut(Schema):
    group_by: str
    unit: str
    items: list[ItemOut]
    total: int


class PublicItemOut(Schema):
    key: str
    label: str
    count: int | None
    text: str
    # figures some groups carry beside the count (prevention: of how many, shares, gain)
    total: int | None = None
    percent: int | None = None
    before_count: int | None = None
    before_percent: int | None = None
    after_percent: int | None = None
    gain: int | None = None


class PublicStatsOut(Schema):
    group_by: str
    unit: str
    items: list[PublicItemOut]
    total: int | None
    total_text: str
    total_approximate: bool


def _filters(q: StatsQuery) -> Filters:
    try:
        return parse(
            {
                "region": q.region,
                "election": q.election,
                "from": q.date_from,
                "to": q.date_to,
                "source": q.source,
            }
        )
    except FilterError as exc:
        raise HttpError(422, str(exc)) from None


@router.get(
    "/stats",
    response=StatsOut,
    auth=token_auth,
    exclude_unset=True,
    summary="Statistik kasus dan terlapor (petugas)",
)
def stats_view(request: HttpRequest, q: Query[StatsQuery]) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101
    if not selectors.allowed(user):
        raise HttpError(403, _("Peran Anda tidak berwenang melihat statistik kasus."))
    f = _filters(q)
    try:
        stats.group(q.group_by)  # an unknown group is refused before anything is cached
        return cached(f"stats:{q.group_by}", user, f, lambda: stats.compute(q.group_by, user, f))
    except stats.UnknownGroup as exc:
        raise HttpError(422, str(exc)) from None


@router.get(
    "/stats/public",
    response=PublicStatsOut,
    auth=None,
    exclude_unset=True,
    summary="Statistik publik (angka 1–4 disamarkan)",
)
def public_stats_view(request: HttpRequest, q: Query[StatsQuery]) -> dict[str, Any]:
    f = _filters(q)
    try:
        stats.group(q.group_by, public=True)
        return cached(f"public:{q.group_by}", None, f, lambda: public.public_stats(q.group_by, f))
    except stats.UnknownGroup as exc:
        raise HttpError(422, str(exc)) from None
