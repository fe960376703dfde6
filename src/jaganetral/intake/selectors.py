"""Reads of reports, always scoped: staff by their region and role, reporters by their receipt."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.intake import permissions, sealing
from jaganetral.intake.models import AccessStatus, Evidence, IdentityAccessRequest, Report
from jaganetral.lib import receipt as receipt_lib
from jaganetral.reference.models import Election, Region

MAX_PREFIX_CANDIDATES = 50


def can_see_reports(actor: User) -> bool:
    return policy.can(actor, permissions.TRIAGE)


def intake_queue(actor: User, *, status: str | None = None) -> QuerySet[Report]:
    """Reports whose event region lies in the actor's region scope (supervisors and admins only).

    The hand-off point for case handling: registrable reports are the ``received`` ones.
    """
    qs = (
        policy.visible(actor, Report)
        .select_related("region", "election")
        .prefetch_related("reported")
        .annotate(evidence_count=Count("evidence", distinct=True))
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-id")


def report_for_staff(actor: User, pk: int) -> Report:
    """One report, or 404 when it does not exist *or* lies outside the actor's scope."""
    report = intake_queue(actor).filter(pk=pk).first()
    if report is None:
        raise Http404("laporan tidak ditemukan")
    return report


def evidence_for_staff(actor: User, pk: int, uid: str) -> Evidence:
    report = report_for_staff(actor, pk)
    ev = Evidence.objects.filter(report=report, uid=uid).select_related("report").first()
    if ev is None:
        raise Http404("bukti tidak ditemukan")
    return ev


def access_requests_for_custodian(actor: User) -> QuerySet[IdentityAccessRequest]:
    return (
        policy.visible(actor, IdentityAccessRequest)
        .select_related("report", "report__region", "requested_by", "decided_by")
        .order_by("status", "-created_at")
    )


def access_request_for_custodian(actor: User, pk: int) -> IdentityAccessRequest:
    req = access_requests_for_custodian(actor).filter(pk=pk).first()
    if req is None:
        raise Http404("permintaan tidak ditemukan")
    return req


def access_requests_of(actor: User, report: Report) -> QuerySet[IdentityAccessRequest]:
    return IdentityAccessRequest.objects.filter(report=report, requested_by=actor).order_by("-created_at")


def has_open_grant(actor: User, report: Report, now: object) -> bool:
    return IdentityAccessRequest.objects.filter(
        report=report, requested_by=actor, status=AccessStatus.APPROVED, expires_at__gt=now
    ).exists()


def report_by_receipt(raw: str) -> Report | None:
    """The report whose receipt this is, or None. Costs one Argon2 check per candidate."""
    try:
        code = receipt_lib.normalize(raw)
    except receipt_lib.ReceiptError:
        return None
    candidates = list(
        Report.objects.filter(receipt_prefix=receipt_lib.prefix(code)).only("pk", "receipt_hash")[
            :MAX_PREFIX_CANDIDATES
        ]
    )
    if not candidates:
        sealing.check_receipt(code, _DUMMY_HASH())  # same cost whether or not the prefix exists
        return None
    for cand in candidates:
        if sealing.check_receipt(code, cand.receipt_hash):
            return Report.objects.select_related("region", "election").get(pk=cand.pk)
    return None


_dummy: list[str] = []


def _DUMMY_HASH() -> str:
    if not _dummy:
        _dummy.append(sealing.hash_receipt(receipt_lib.generate()))
    return _dummy[0]


def report_by_uid(uid: str) -> Report | None:
    return Report.objects.select_related("region", "election").filter(uid=uid).first()


def election_for(region: Region, on: date) -> Election | None:
    """The election an event most likely belongs to: one covering the region, nearest voting day."""
    code = region.code
    prefixes = [code[:i] for i in range(2, len(code) + 1) if i == len(code) or code[i] == "."]
    qs = Election.objects.filter(Q(region__isnull=True) | Q(region_id__in=prefixes)).filter(
        voting_day__gte=on - timedelta(days=60), voting_day__lte=on + timedelta(days=365)
    )
    best = sorted(qs, key=lambda e: (abs((e.voting_day - on).days), e.region_id is None))
    return best[0] if best else None


def regions_for_form() -> QuerySet[Region]:
    return Region.objects.filter(level__in=("province", "regency")).order_by("code")


def elections_for_form() -> QuerySet[Election]:
    return Election.objects.order_by("-voting_day", "code")


def protected_names(report: Report) -> list[str]:
    """The reporter's name and the witnesses' names the reporter gave, unsealed only to strip them
    from what the authority and the agency read (:mod:`jaganetral.cases.needtoknow`). Never shown,
    logged or returned to a page; empty when a seal cannot be opened."""
    names: list[str] = []
    try:
        if report.identity_sealed:
            identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
            if isinstance(identity, dict) and isinstance(identity.get("name"), str):
                names.append(identity["name"])
        if report.witnesses_sealed:
            witnesses = sealing.open_json(report.witnesses_sealed, aad=sealing.witnesses_aad(report.uid))
            names.extend(w for w in witnesses if isinstance(w, str))
    except Exception:
        return names
    return names
