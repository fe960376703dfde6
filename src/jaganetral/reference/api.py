from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.lib.workdays import MAX_DAYS
from jaganetral.reference import calendar, selectors
from jaganetral.reference.models import Election

router = Router(tags=["referensi"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    parent: str | None = Field(None, alias="parent_id")
    timezone: str
    decree: str


class RegionQuery(Schema):
    level: Literal["province", "regency", "district"] | None = None
    parent: str | None = Field(
        None,
        max_length=13,
        pattern=r"^\s*(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?|\d{2}(\d{2}(\d{2}(\d{4})?)?)?)\s*$",
        description="kode Kemendagri induk, bertitik (33.20) atau tidak (3320)",
    )


@router.get("/regions", response=list[RegionOut], summary="Wilayah (kode Kemendagri)")
def list_regions(request: HttpRequest, filters: Query[RegionQuery]) -> object:
    parent = None
    if filters.parent:
        try:
            parent = normalize(filters.parent)
        except RegionCodeError as exc:
            raise HttpError(422, str(exc)) from None
    return selectors.regions(level=filters.level, parent=parent)


class ContestantOut(Schema):
    number: int
    kind: str
    name: str
    aliases: list[str]
    parties: list[str]
    coalition: str
    hashtags: list[str]
    slogans: list[str]
    accounts: list[str]
    region: str | None = Field(None, alias="region_id")


class ElectionOut(Schema):
    code: str
    name: str
    kind: str
    region: str | None = Field(None, alias="region_id")
    voting_day: dt.date
    campaign_start: dt.date | None
    campaign_end: dt.date | None
    day_count: str
    cuti_bersama_is_working: bool
    contestants: list[ContestantOut]


class ElectionSummary(Schema):
    code: str
    name: str
    kind: str
    voting_day: dt.date


@router.get("/elections", response=list[ElectionSummary], summary="Daftar pemilihan")
def list_elections(request: HttpRequest) -> object:
    return Election.objects.all()


@router.get("/elections/{code}", response=ElectionOut, summary="Pemilihan dengan pesertanya")
def get_election(request: HttpRequest, code: str) -> object:
    election = selectors.election_by_code(code[:60])
    if election is None:
        raise HttpError(404, _("Pemilihan %(code)s tidak ditemukan.") % {"code": repr(code[:60])})
    return {
        **{f: getattr(election, f) for f in ElectionOut.model_fields if f not in {"contestants", "region"}},
        "region_id": election.region_id,
        "contestants": list(election.contestants.all()),
    }


class AddDaysQuery(Schema):
    start: dt.date
    days: int = Field(ge=0, le=MAX_DAYS)
    working: bool | None = None
    election: str | None = Field(None, max_length=60)


class AddDaysOut(Schema):
    start: dt.date
    days: int
    working: bool
    election: str | None
    result: dt.date


@router.get("/calendar/add-days", response=AddDaysOut, summary="Hitung tenggat (hari kerja/kalender)")
def add_days(request: HttpRequest, q: Query[AddDaysQuery]) -> AddDaysOut:
    election = None
    if q.election:
        election = Election.objects.filter(code=q.election).first()
        if election is None:
            raise HttpError(404, _("Pemilihan %(code)s tidak ditemukan.") % {"code": repr(q.election)})
    working = q.working if q.working is not None else bool(election and election.counts_working_days)
    result = calendar.deadline(q.start, q.days, working=working, election=election)
    return AddDaysOut(start=q.start, days=q.days, working=working, election=q.election, result=result)


class HolidayOut(Schema):
    date: dt.date
    name: str
    kind: str


@router.get("/calendar/holidays", response=list[HolidayOut], summary="Hari libur dan cuti bersama")
def holidays(request: HttpRequest, year: int = Query(..., ge=2000, le=2100)) -> object:
    return calendar.holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
