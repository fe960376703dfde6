"""JSON API for screening: ``/api/v1/screening/...``. Bearer token; the same permission and region
scope as the pages (``screening.screen``; a finding or import job outside the scope is 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from jaganetral.accounts import policy
from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User
from jaganetral.reference.models import Election
from jaganetral.screening import actions, permissions, selectors
from jaganetral.screening.models import Finding, FindingStatus, ImportFormat, ImportJob, Platform
from jaganetral.screening.nlp import Pipeline

router = Router(tags=["penyaringan"], auth=token_auth)

MAX_TEXTS = 1000
MAX_TEXT_CHARS = 10_000  # a post longer than this is not a social-media post
MAX_ID = 2**62
POST_FILE_TYPES = (".csv", ".jsonl", ".ndjson")
_PIPES: dict[tuple[int, str, str], Pipeline] = {}


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101
    policy.require(user, permissions.SCREEN)  # PermissionDenied -> 403
    return user


def _election(code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise HttpError(422, _("Pemilihan tidak dikenal: %(code)s.") % {"code": code[:60]})
    return election


class ClassifyIn(Schema):
    election: str = Field(min_length=1, max_length=60)
    texts: list[str]


@router.post("/screening/classify", summary="Nilai 1 sampai 1.000 teks terhadap satu pemilihan")
def classify(request: HttpRequest, body: ClassifyIn) -> dict[str, Any]:
    """The same record per text as ``jaganetral screening classify`` (``id`` is the text's place in
    the list, from 0). Nothing is stored."""
    _user(request)
    if not body.texts:
        raise HttpError(422, _("Kirim paling sedikit satu teks."))
    if len(body.texts) > MAX_TEXTS:
        raise HttpError(
            422,
            _("Paling banyak %(n)s teks sekali kirim; terkirim %(got)s.")
            % {"n": "1.000", "got": len(body.texts)},
        )
    too_long = [i for i, t in enumerate(body.texts) if len(t) > MAX_TEXT_CHARS]
    if too_long:
        raise HttpError(
            422,
            _("Teks nomor %(i)s terlalu panjang (maks %(n)s huruf).") % {"i": too_long[0], "n": "10.000"},
        )
    election = _election(body.election)
    detector = selectors.active_detector()
    # contestants can change (elections load): the key holds them, so a stale pipeline is never used
    contestants = str(list(election.contestants.values_list("kind", "number", "name", "aliases")))
    key = (election.pk, f"{detector.pk}:{detector.name}" if detector else "", contestants)
    pipe = _PIPES.get(key)
    if pipe is None:
        if len(_PIPES) > 32:
            _PIPES.clear()
        pipe = _PIPES[key] = actions.detector_pipeline(detector, election)
    return {
        "election": election.code,
        "results": [{"id": i, **pipe.classify(text)} for i, text in enumerate(body.texts)],
    }


class FindingOut(Schema):
    id: int
    status: str
    election: str
    detector: str
    score: float
    direction: str
    target: int | None
    target_kind: str
    rules: list[str]
    evidence: list[dict[str, Any]]
    region: str | None
    agency: str | None
    handle: str
    url: str
    text: str
    posted_at: dt.datetime | None
    created_at: dt.datetime
    due_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    reason: str
    case_ref: str


def _finding_out(f: Finding) -> dict[str, Any]:
    post = f.post
    person = post.account.person if post.account is not None else None
    agency = person.agency if person is not None else None
    return {
        "id": f.pk,
        "status": f.status,
        "election": f.election.code,
        "detector": f.detector,
        "score": f.score,
        "direction": f.direction,
        "target": f.target,
        "target_kind": f.target_kind,
        "rules": list(f.rules or []),
        "evidence": list(f.evidence or []),
        "region": f.region_id,
        "agency": agency.code if agency is not None else None,
        "handle": post.handle,
        "url": post.url,
        "text": post.text,
        "posted_at": post.posted_at,
        "created_at": f.created_at,
        "due_at": f.due_at,
        "reviewed_at": f.reviewed_at,
        "reason": f.reason,
        "case_ref": f.case_ref,
    }


class FindingFilters(Schema):
    state: str = Field("", max_length=20, description="queued | monitor | confirmed | dismissed")
    region: str = Field("", max_length=13, description="kode wilayah atau awalannya (33, 33.20)")
    agency: str = Field("", max_length=40, description="kode instansi")
    rule: str = Field("", max_length=20, description="kode aturan, mis. E2/D2")
    election: str = Field("", max_length=60)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class FindingPage(Schema):
    count: int
    results: list[FindingOut]


@router.get("/screening/findings", response=FindingPage, summary="Temuan penyaringan dalam cakupan")
def findings(request: HttpRequest, filters: Query[FindingFilters]) -> dict[str, Any]:
    user = _user(request)
    qs = policy.visible(user, Finding).select_related(
        "post", "post__account__person__agency", "election", "region"
    )
    if filters.state:
        if filters.state not in FindingStatus.values:
            raise HttpError(422, _("Status tidak dikenal: %(s)s.") % {"s": filters.state})
        qs = qs.filter(status=filters.state)
    if filters.region:
        qs = qs.filter(
            Q(region_id=filters.region) | Q(region__code__startswith=filters.region.rstrip(".") + ".")
        )
    if filters.agency:
        qs = qs.filter(post__account__person__agency__code=filters.agency)
    if filters.rule:
        qs = qs.filter(rules__icontains=f'"{filters.rule}"')  # JSON list text; works on SQLite too
    if filters.election:
        qs = qs.filter(election=_election(filters.election))
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    qs = qs.order_by("-created_at", "-id")
    rows = list(qs[filters.offset : filters.offset + filters.limit])
    return {"count": qs.count(), "results": [_finding_out(f) for f in rows]}


class ReviewIn(Schema):
    decision: str = Field(description="confirm | dismiss")
    reason: str = Field("", max_length=2000)


@router.post(
    "/screening/findings/{finding_id}/review", response=FindingOut, summary="Konfirmasi atau tolak temuan"
)
def review(request: HttpRequest, finding_id: int, body: ReviewIn) -> dict[str, Any]:
    user = _user(request)
    finding = selectors.finding_for(user, finding_id) if 0 < finding_id < MAX_ID else None
    if finding is None:
        raise Http404
    try:
        if body.decision == "confirm":
            finding = actions.confirm_finding(finding, actor=user, reason=body.reason)
        elif body.decision == "dismiss":
            finding = actions.dismiss_finding(finding, actor=user, reason=body.reason)
        else:
            raise HttpError(422, _("Keputusan harus confirm atau dismiss."))
    except actions.ScreeningError as exc:
        raise HttpError(422, str(exc)) from None
    fresh = selectors.finding_for(user, finding.pk)
    assert fresh is not None  # noqa: S101
    return _finding_out(fresh)


class ImportJobOut(Schema):
    id: int
    status: str
    original_name: str
    file_format: str
    total_bytes: int
    poll: str
    detail: dict[str, Any]


def _job_out(job: ImportJob) -> dict[str, Any]:
    detail = {
        k: getattr(job, k)
        for k in (
            "bytes_read",
            "total_rows",
            "rows_read",
            "imported",
            "duplicates",
            "unregistered",
            "error_rows",
            "findings",
            "errors",
            "message",
        )
    }
    return {
        "id": job.pk,
        "status": job.status,
        "original_name": job.original_name,
        "file_format": job.file_format,
        "total_bytes": job.total_bytes,
        "poll": reverse("api:screening_import", args=[job.pk]),
        "detail": detail,
    }


@router.post("/screening/imports", response={202: ImportJobOut}, summary="Unggah berkas unggahan (job)")
def start_import(
    request: HttpRequest,
    file: File[UploadedFile],
    file_format: Form[str] = ImportFormat.TWEET_HARVEST,
    platform: Form[str] = Platform.X,
) -> Status:
    """A posts file (tweet-harvest CSV, CSV or JSONL), answered with an import job; poll its
    ``poll`` address until ``status`` is no longer queued or running. Always run by the worker."""
    user = _user(request)
    if file.size is None or file.size > actions.MAX_POST_FILE_BYTES:
        raise HttpError(
            413, _("Berkas terlalu besar (maks %(mb)d MB).") % {"mb": actions.MAX_POST_FILE_BYTES // 2**20}
        )
    if not (file.name or "").lower().endswith(POST_FILE_TYPES):
        raise HttpError(422, _("Hanya berkas .csv atau .jsonl."))
    try:
        job = actions.start_post_import(
            file.chunks(), actor=user, name=file.name or "", file_format=file_format, platform=platform
        )
    except actions.ScreeningError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(202, _job_out(job))


@router.get(
    "/screening/imports/{job_id}",
    response=ImportJobOut,
    url_name="screening_import",
    summary="Status job unggah",
)
def import_status(request: HttpRequest, job_id: int) -> dict[str, Any]:
    user = _user(request)
    job = selectors.import_job_for(user, job_id) if 0 < job_id < MAX_ID else None
    if job is None:
        raise Http404
    return _job_out(job)
