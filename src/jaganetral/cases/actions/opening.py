"""Every way a case comes into being: from an intake report, a supervisor's own finding, or a
confirmed screening finding. Same rules as :mod:`jaganetral.cases.actions.core`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions, rulecodes
from jaganetral.cases.actions import notify
from jaganetral.cases.actions.core import (
    MAX_SHORT,
    PersonInput,
    _add_persons,
    _end_of_day,
    _locked,
    _office,
    _open,
    _require,
    _text,
    append_event,
    local_today,
)
from jaganetral.cases.actions.formal import formal_problems
from jaganetral.cases.actions.steps import transition
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    Case,
    CaseLink,
    Clock,
    LinkKind,
    Source,
)
from jaganetral.cases.workflow import State
from jaganetral.intake.actions import IntakeError, record_initial_information
from jaganetral.reference import clocks as clock_rules
from jaganetral.reference.calendar import end_of_day, local_date, reporting_deadline
from jaganetral.reference.models import Election, Region

# --- opening a case -------------------------------------------------------------------------


@transaction.atomic
def register_case_from_report(
    *,
    actor: User,
    report: Any,
    election: Election | None = None,
    rules: list[str] | None = None,
    today: dt.date | None = None,
) -> Case:
    """Open a case for an intake report (hand-off). The reporter's identity stays sealed in intake.

    The report itself stays "received" until the case is registered or not registered; then
    intake's ``record_registration`` tells the reporter (see ``transition``). ``today`` (default:
    the day the report was received, where it happened) is the day the clocks start: the initial
    review and, for a Pilkada, the handling clock count from receipt (UU 1/2015 Ps 134 ayat (5)).
    """
    from jaganetral.intake.selectors import report_for_staff

    _require(actor, permissions.SUPERVISE)
    report = report_for_staff(actor, report.pk)  # 404 outside the actor's scope
    if Case.objects.filter(report=report).exists():
        raise CaseError(_("Laporan ini sudah dibuka sebagai kasus."))
    election = election or report.election
    if election is None:
        raise CaseError(_("Pilih pemilihan yang menjadi dasar laporan ini."))
    codes, version = rulecodes.clean_codes(rules or [])
    window, due = reporting_deadline(report.known_date, election)
    case = Case(
        source=Source.LAPORAN,
        report=report,
        election=election,
        region=report.region,
        office=_office(actor, report.region),
        place=report.place,
        event_date=report.event_date,
        known_date=report.known_date,
        summary=report.what,
        on_time=report.submitted_at <= end_of_day(due, report.region_id),
        alleged_rules=codes,
        rulebook_version=version,
        created_by=actor,
    )
    case.save()
    _add_persons(
        case,
        [PersonInput(r.name, r.nip, r.agency, r.agency_name, r.position) for r in report.reported.all()],
    )
    _stopped_clock(
        case, clock_rules.REPORTING, window, start=report.known_date, due=due, at=report.submitted_at
    )
    received = local_date(report.submitted_at, report.region_id)
    return _open(
        case, actor, "opened_from_report", today or received, report=report.reference, on_time=case.on_time
    )


def _stopped_clock(
    case: Case, name: str, window: clock_rules.Window, *, start: dt.date, due: dt.date, at: dt.datetime
) -> Clock:
    """A clock that ran before the case existed and stopped at ``at`` (for the reporting window:
    the report's submission; stopped after its due time means reported late)."""
    return Clock.objects.create(
        case=case,
        name=name,
        label=window.label,
        started_on=start,
        days=window.days,
        working=window.working,
        due_on=due,
        due_at=_end_of_day(due, case),
        stopped_at=at,
    )


@dataclass
class FindingInput:
    election: Election
    region: Region
    summary: str
    persons: list[PersonInput]
    place: str = ""
    event_date: dt.date | None = None
    known_date: dt.date | None = None
    lhp_number: str = ""
    rules: list[str] | None = None


@transaction.atomic
def record_finding(
    *, actor: User, data: FindingInput, today: dt.date | None = None, at: dt.datetime | None = None
) -> Case:
    """A supervisor's own finding (temuan): the supervision result, Form A / LHP. ``at`` dates a
    finding recorded earlier (imports, the demo); its clocks then start on that day."""
    _require(actor, permissions.SUPERVISE)
    case = _new_finding_case(
        actor, data, Source.TEMUAN, assignee=actor if permissions.works_own_cases(actor) else None
    )
    return _open(case, actor, "finding_recorded", today, at=at, lhp=case.lhp_number)


@dataclass(frozen=True)
class CapturedPost:
    """The evidence an analyst captured when confirming a screening finding."""

    url: str
    sha256: str
    captured_at: dt.datetime
    finding_id: int


@transaction.atomic
def open_case_from_screening(
    *, actor: User, data: FindingInput, post: CapturedPost, today: dt.date | None = None
) -> Case:
    """A temuan from cyber screening, opened when an analyst confirms a finding. Unassigned: the
    region's supervisors take it from their queue. The captured post goes on the timeline."""
    _require(actor, permissions.OPEN_FROM_SCREENING)
    case = _new_finding_case(actor, data, Source.SCREENING, assignee=None)
    case = _open(
        case,
        actor,
        "opened_from_screening",
        today,
        url=post.url,
        sha256=post.sha256,
        captured_at=post.captured_at.isoformat(),
        finding=post.finding_id,
    )
    notify.screening_case(case, actor=actor)
    return case


def _new_finding_case(actor: User, data: FindingInput, source: str, *, assignee: User | None) -> Case:
    if not policy.covers(actor, data.region.code):
        raise Forbidden(_("Wilayah kejadian di luar cakupan wilayah Anda."))
    if not data.persons:
        raise CaseError(_("Sebutkan paling sedikit satu ASN terlapor."))
    today = timezone.localdate()
    for label, d in ((_("Tanggal kejadian"), data.event_date), (_("Tanggal diketahui"), data.known_date)):
        if d is not None and d > today:
            raise CaseError(_("%(label)s tidak boleh di masa depan.") % {"label": label})
    codes, version = rulecodes.clean_codes(data.rules or [])
    case = Case(
        source=source,
        election=data.election,
        region=data.region,
        office=_office(actor, data.region),
        place=_text(data.place, _("Tempat kejadian"), limit=MAX_SHORT),
        event_date=data.event_date,
        known_date=data.known_date,
        summary=_text(data.summary, _("Uraian temuan"), required=True),
        lhp_number=_text(data.lhp_number, _("Nomor Form A / LHP"), limit=80),
        alleged_rules=codes,
        rulebook_version=version,
        created_by=actor,
        assignee=assignee,
    )
    case.save()
    _add_persons(case, data.persons)
    return case


# --- formal requirements and initial information --------------------------------------------


@transaction.atomic
def convert_to_initial_information(*, actor: User, case: Case, reason: str = "") -> Case:
    """A report that fails the formal requirements is not registered; its content becomes initial
    information (informasi awal, Perbawaslu 7/2022 Ps 14) for a finding Bawaslu opens itself. Both
    cases are linked, each timeline says so, and the reporter reads it with the receipt. Returns
    the new finding."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    problems = formal_problems(case)
    if not problems:
        raise CaseError(_("Laporan ini memenuhi syarat formil: registrasi sebagai laporan."))
    if case.state_enum not in (State.INITIAL_REVIEW, State.NEEDS_COMPLETION):
        raise CaseError(_("Laporan dijadikan informasi awal saat kajian awal, sebelum diputuskan."))
    report = case.report
    assert report is not None  # noqa: S101 - formal_problems checked it
    why = "; ".join(problems)
    extra = _text(reason, _("Catatan"), limit=4000)
    transition(
        actor=actor,
        case=case,
        target=State.NOT_REGISTERED.value,
        reason=_("Tidak memenuhi syarat formil: %(why)s. Dijadikan informasi awal.") % {"why": why}
        + (f" {extra}" if extra else ""),
    )
    finding = Case(
        source=Source.TEMUAN,
        election=case.election,
        region=case.region,
        office=case.office,
        place=case.place,
        event_date=case.event_date,
        known_date=local_today(case),
        summary=_("Informasi awal dari laporan %(ref)s: %(what)s")
        % {"ref": report.reference, "what": case.summary},
        alleged_rules=case.alleged_rules,
        rulebook_version=case.rulebook_version,
        created_by=actor,
        assignee=actor if permissions.works_own_cases(actor) else None,
    )
    finding.save()
    _add_persons(
        finding,
        [
            PersonInput(p.name, p.nip, p.agency, p.agency_name, p.position, p.employment)
            for p in case.reported.all()
        ],
    )
    _open(
        finding, actor, "opened_from_initial_information", None, report=report.reference, source_case=case.pk
    )
    CaseLink.objects.create(case=finding, other=case, kind=LinkKind.INITIAL_INFORMATION, created_by=actor)
    append_event(case, "became_initial_information", actor=actor, finding=finding.pk)
    try:
        record_initial_information(
            actor=actor,
            report=report,
            note=_(
                "Laporan Anda tidak dapat diregistrasi karena tidak memenuhi syarat formil (%(why)s). "
                "Isinya dijadikan informasi awal: pengawas menelusurinya sebagai temuan sendiri."
            )
            % {"why": why},
        )
    except IntakeError as exc:
        raise CaseError(str(exc)) from None
    return finding
