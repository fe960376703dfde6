"""Reads of reports, always scoped: staff by their region and role, reporters by their receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.intake import permissions, sealing
from jaganetral.intake.models import (
    AccessStatus,
    Evidence,
    IdentityAccessRequest,
    Report,
    ReporterNotice,
    ReportStatus,
)
from jaganetral.intake.pickers import Entry
from jaganetral.lib import receipt as receipt_lib
from jaganetral.lib.i18n import gettext_noop
from jaganetral.reference.models import Agency, Election, Region
from jaganetral.reference.selectors import real_elections

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


# The days around an election's voting day in which its events usually fall: the year before it
# (candidacy, campaign, quiet days) and the 60 days after (counting, results, disputes). Used to
# choose an election for an event and to warn when a chosen one is far from the event's date.
BEFORE_VOTING = timedelta(days=365)
AFTER_VOTING = timedelta(days=60)


def election_for(region: Region, on: date) -> Election | None:
    """The election an event most likely belongs to: one covering the region, nearest voting day.
    Demo elections are never chosen."""
    code = region.code
    prefixes = [code[:i] for i in range(2, len(code) + 1) if i == len(code) or code[i] == "."]
    qs = (
        real_elections()
        .filter(Q(region__isnull=True) | Q(region_id__in=prefixes))
        .filter(voting_day__gte=on - AFTER_VOTING, voting_day__lte=on + BEFORE_VOTING)
    )
    best = sorted(qs, key=lambda e: (abs((e.voting_day - on).days), e.region_id is None))
    return best[0] if best else None


def election_period(election: Election) -> tuple[date, date]:
    """First and last day of the usual period of an election's events (see ``BEFORE_VOTING``)."""
    start = election.voting_day - BEFORE_VOTING
    if election.campaign_start and election.campaign_start < start:
        start = election.campaign_start
    return start, election.voting_day + AFTER_VOTING


def outside_period(election: Election | None, on: date | None) -> bool:
    if election is None or on is None:
        return False
    start, end = election_period(election)
    return not start <= on <= end


def region_entries() -> list[Entry[str]]:
    """Provinces and regencies/cities for the region picker (names are unique)."""
    return [
        Entry(code, name, (f"Provinsi {name}",) if level == "province" else ())
        for code, name, level in regions_for_form().values_list("code", "name", "level")
    ]


def agency_entries() -> list[Entry[int]]:
    return [Entry(pk, name) for pk, name in agencies_for_form().values_list("pk", "name")]


def agencies_for_form() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


def regions_for_form() -> QuerySet[Region]:
    return Region.objects.filter(level__in=("province", "regency")).order_by("code")


def elections_for_form() -> QuerySet[Election]:
    """The elections a reporter may choose: never the demo ones."""
    return real_elections().order_by("-voting_day", "code")


# --- what the reporter reads with the receipt ---------------------------------------------------

ENDED = frozenset({"not_proven", "stopped", "cleared", "sanctioned", "closed"})
STAGE_TITLES = {
    "received": gettext_noop("Laporan diterima"),
    "awaiting_reporter": gettext_noop("Pengawas menunggu jawaban Anda"),
    "registered": gettext_noop("Laporan diregistrasi"),
    "not_registered": gettext_noop("Laporan tidak diregistrasi"),
    "forwarded": gettext_noop("Diteruskan ke BKN"),
    "stopped": gettext_noop("Penanganan dihentikan"),
    "outcome": gettext_noop("Hasil tindak lanjut ASN terlapor"),
    "done": gettext_noop("Selesai: setiap ASN terlapor sudah mendapat keputusan"),
}
STAGE_TEXTS = {
    "received": gettext_noop("Laporan Anda tercatat dan menunggu kajian awal oleh pengawas."),
    "awaiting_reporter": gettext_noop("Baca pertanyaan pengawas di bawah dan kirim jawaban Anda."),
    "registered": gettext_noop(
        "Laporan memenuhi syarat dan ditangani: pengawas mengundang pihak untuk klarifikasi lalu "
        "mengkaji apakah terjadi pelanggaran."
    ),
    "forwarded": gettext_noop(
        "Kajian pengawas menyimpulkan ada pelanggaran netralitas ASN. Bawaslu meneruskannya kepada "
        "Badan Kepegawaian Negara (BKN) untuk rekomendasi, lalu Pejabat Pembina Kepegawaian (PPK) "
        "instansi ASN memutuskan sanksinya."
    ),
}


@dataclass(frozen=True)
class Stage:
    kind: str
    at: datetime
    title: str
    text: str


@dataclass(frozen=True)
class PersonOutcome:
    n: int
    agency: str
    state: str
    label: str

    @property
    def ended(self) -> bool:
        return self.state in ENDED


@dataclass(frozen=True)
class ReporterStatus:
    stage: str
    stage_label: str
    stages: list[Stage]
    people: list[PersonOutcome]
    notices: list[ReporterNotice]
    notify_email: bool


def reporter_status(report: Report) -> ReporterStatus:
    """The stages of the report in plain words, each reported civil servant's public outcome (as
    "ASN 1", "ASN 2" with agency) and the notices sent: only what the receipt holder may read."""
    from jaganetral.intake.notices import outcome_label

    notices = list(report.notices.all())
    stages = [Stage("received", report.submitted_at, _(STAGE_TITLES["received"]), _(STAGE_TEXTS["received"]))]
    people: list[PersonOutcome] = []
    for notice in notices:
        reason = str(notice.data.get("reason", ""))
        if notice.data.get("people") is not None:
            people = [
                PersonOutcome(
                    int(p["n"]), str(p.get("agency", "")), str(p["state"]), outcome_label(p["state"])
                )
                for p in notice.data["people"]
            ]
        if notice.kind == "outcome":
            text = "; ".join(f"ASN {p.n}: {p.label}" for p in people)
        elif reason:
            text = _("Alasan: %(reason)s") % {"reason": reason}
        else:
            text = _(STAGE_TEXTS.get(notice.kind, "")) if notice.kind in STAGE_TEXTS else ""
        stages.append(Stage(notice.kind, notice.at, _(STAGE_TITLES[notice.kind]), text))
    stage = notices[-1].kind if notices else str(report.status)
    if stage == "outcome" and people and all(p.ended for p in people):
        stage = "done"
    if not notices and report.status == ReportStatus.AWAITING_REPORTER:
        stages.append(
            Stage(
                "awaiting_reporter",
                report.updated_at,
                _(STAGE_TITLES["awaiting_reporter"]),
                _(STAGE_TEXTS["awaiting_reporter"]),
            )
        )
    label = _(STAGE_TITLES[stage]) if notices else str(report.get_status_display())
    return ReporterStatus(
        stage=stage,
        stage_label=label,
        stages=stages,
        people=people,
        notices=notices,
        notify_email=bool(report.notify_email_sealed),
    )


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
