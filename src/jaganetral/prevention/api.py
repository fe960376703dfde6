"""``GET /api/v1/prevention/stats?group_by=pledge_coverage|quiz_gain``: the prevention figures.

Without a token: the public figures (small counts hidden). With a valid personal token: the
figures of what that user may see. A token that is sent but not valid is refused (401), never
silently answered with the public figures."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User
from jaganetral.prevention.figures import GROUPS


class Public:
    """The caller sent no token at all."""


def _no_token(request: HttpRequest) -> Public | None:
    return None if "HTTP_AUTHORIZATION" in request.META else Public()


router = Router(tags=["pencegahan"], auth=[token_auth, _no_token])


class StatsQuery(Schema):
    group_by: Literal["pledge_coverage", "quiz_gain"]
    by: Literal["agency", "region"] = "agency"
    election: str = Field("", max_length=60)
    region: str = Field("", max_length=13)
    since: str = Field("", max_length=10, description="YYYY-MM-DD (quiz_gain)")
    until: str = Field("", max_length=10, description="YYYY-MM-DD (quiz_gain)")


class StatsOut(Schema):
    group_by: str
    public: bool
    items: list[dict[str, Any]]


@router.get(
    "/prevention/stats", response=StatsOut, summary="Cakupan ikrar dan hasil kuis per instansi/wilayah"
)
def stats(request: HttpRequest, q: Query[StatsQuery]) -> dict[str, Any]:
    user = request.auth if isinstance(request.auth, User) else None  # type: ignore[attr-defined]
    filters = q.dict(exclude={"group_by"})
    return {"group_by": q.group_by, "public": user is None, "items": GROUPS[q.group_by](user, filters)}
