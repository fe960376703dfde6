"""Every write of the case register: one function per intention, keyword-only ``actor``, atomic,
with its timeline event and audit row in the same transaction.

Scope: an actor acts only on cases they can see (:func:`selectors.cases_for`); anything else is
answered as "not found" (404). Role refusals are :class:`Forbidden` (403); refused steps and bad
input are :class:`CaseError` (400).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions, rulecodes, selectors, workflow
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    AnchorHead,
    Case,
    CaseAnchor,
    CaseEvent,
    CaseLink,
    CaseReportedPerson,
    Clock,
    LinkKind,
    RegistrationCounter,
    Source,
)
from jaganetral.cases.workflow import State, StopReason
from jaganetral.core import audit
from jaganetral.lib import hashchain
from jaganetral.reference import clocks as clock_rules
from jaganetral.reference.calendar import deadline, reporting_deadline
from jaganetral.reference.models import Agency, Election, Region

MAX_TEXT = 20_000
MAX_SHORT = 300
MAX_PERSONS = 50
BULK_MAX = 200


def book() -> clock_rules.ClockBook:
    return clock_rules.default_book()


# --- helpers --------------------------------------------------------------------------------


def _text(value: str, label: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise CaseError(f"{label} wajib diisi.")
    if len(value) > limit:
        raise CaseError(f"{label} terlalu panjang (paling banyak {limit} karakter).")
    return value


def _require(actor: User, perm: policy.Permission) -> None:
    """Refuse (403) unless the permission door lets the actor do this."""
    if not policy.can(actor, perm):
        raise Forbidden("Peran Anda tidak berwenang untuk langkah ini.")


def moment(at: dt.datetime | None) -> dt.datetime:
    """When something happened: now, or an earlier moment given by an import or the demo loader.

    Returned in UTC, as the database gives it back, so the timeline hash (which covers the event's
    time) verifies after a round trip.
    """
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise CaseError("Waktu peristiwa harus menyertakan zona waktu.")
    if at > timezone.now():
        raise CaseError("Waktu peristiwa tidak boleh di masa depan.")
    return at.astimezone(dt.UTC)


def _day(at: dt.datetime | None, today: dt.date | None) -> dt.date | None:
    """The day clocks start: ``today`` if given, else the local date of ``at`` (None: today)."""
    if today is not None or at is None:
        return today
    return timezone.localdate(at)


def _locked(actor: User, case: Case) -> Case:
    """Re-read the case under a row lock, refusing (404) when the actor cannot see it."""
    if not selectors.cases_for(actor).filter(pk=case.pk).exists():
        raise Http404("kasus tidak ditemukan")
    return Case.objects.select_for_update().select_related("election", "region").get(pk=case.pk)


def append_event(
    case: Case,
    kind: str,
    *,
    actor: User | None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    at: dt.datetime | None = None,
    **data: Any,
) -> CaseEvent:
    """Append one hash-chained event. The caller holds the case's row lock. ``at`` (default: now)
    dates an event that happened earlier (imports, the demo); the hash covers it."""
    last = CaseEvent.objects.filter(case=case).order_by("-seq").only("seq", "hash").first()
    event = CaseEvent(
        case=case,
        seq=(last.seq + 1) if last else 1,
        at=moment(at),
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
        prev_hash=last.hash if last else hashchain.GENESIS,
    )
    event.hash = hashchain.link(event.prev_hash, event.payload())
    event.save()
    Case.objects.filter(pk=case.pk).update(head_seq=event.seq, head_hash=event.hash)
    case.head_seq, case.head_hash = event.seq, event.hash
    return event


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _start_clock(case: Case, name: str, start: dt.date) -> Clock:
    rule = book().rules(case.election.kind)[name]
    working = clock_rules.counts_working(rule, case.election.counts_working_days)
    due = deadline(start, rule.days, working=working, election=case.election)
    return Clock.objects.create(
        case=case,
        name=name,
        label=rule.label,
        started_on=start,
        days=rule.days,
        working=working,
        due_on=due,
        due_at=_end_of_day(due),
    )


def _apply_clocks(
    case: Case, state: State, *, today: dt.date | None = None, at: dt.datetime | None = None
) -> dict[str, list[str]]:
    change = clock_rules.on_enter(book(), case.election.kind, state)
    now = moment(at)
    stopped = list(
        Clock.objects.filter(case=case, name__in=change.stop, stopped_at__isnull=True).values_list(
            "name", flat=True
        )
    )
    Clock.objects.filter(case=case, name__in=change.stop, stopped_at__isnull=True).update(stopped_at=now)
    started = [_start_clock(case, name, today or timezone.localdate()).name for name in change.start]
    return {"started": started, "stopped": stopped}


def _facts(case: Case) -> set[str]:
    facts: set[str] = set()
    if case.alleged_rules:
        facts.add("has_rules")
    if case.reported.exists():
        facts.add("has_reported_person")
    if case.clarifications.exists():
        facts.add("has_clarification")
    study = case.studies.order_by("-created_at", "-id").first()
    if study is not None:
        facts.add("has_study")
        if study.violation:
            facts.add("study_found_violation")
    if case.recommendations.exists():
        facts.add("has_recommendation")
    if case.sanctions.exists():
        facts.add("has_sanction")
    return facts


def _next_number(case: Case, on: dt.date) -> str:
    counter, _ = RegistrationCounter.objects.select_for_update().get_or_create(
        office=case.office, year=on.year
    )
    RegistrationCounter.objects.filter(pk=counter.pk).update(last=counter.last + 1)
    return rulecodes.registration_number(
        seq=counter.last + 1, source=case.source, election_kind=case.election.kind, office=case.office, on=on
    )


@dataclass
class PersonInput:
    name: str
    nip: str = ""
    agency: Agency | None = None
    agency_name: str = ""
    position: str = ""


def _add_persons(case: Case, persons: list[PersonInput]) -> list[CaseReportedPerson]:
    if len(persons) > MAX_PERSONS:
        raise CaseError(f"Paling banyak {MAX_PERSONS} terlapor per kasus.")
    rows = []
    for p in persons:
        nip = _text(p.nip, "NIP", limit=18)
        if nip and not (nip.isdigit() and len(nip) == 18):
            raise CaseError("NIP harus 18 angka.")
        rows.append(
            CaseReportedPerson.objects.create(
                case=case,
                name=_text(p.name, "Nama terlapor", required=True, limit=200),
                nip=nip,
                agency=p.agency,
                agency_name=_text(p.agency_name, "Nama instansi", limit=200),
                position=_text(p.position, "Jabatan", limit=200),
            )
        )
    return rows


def _office(actor: User, region: Region) -> str:
    return actor.scope or region.code


def _anchor(case: Case, first: CaseEvent) -> CaseAnchor:
    """Record the case's opening in the global anchor ledger (see :class:`CaseAnchor`), in the
    transaction that opens it. The head row's lock makes concurrent openings queue up."""
    head, _ = AnchorHead.objects.select_for_update().get_or_create(pk=1)
    anchor = CaseAnchor(
        seq=head.seq + 1,
        at=timezone.now(),
        case_pk=case.pk,
        source=case.source,
        first_hash=first.hash,
        prev_hash=head.hash,
    )
    anchor.hash = hashchain.link(anchor.prev_hash, anchor.payload())
    anchor.save()
    AnchorHead.objects.filter(pk=head.pk).update(seq=anchor.seq, hash=anchor.hash)
    return anchor


def _open(
    case: Case, actor: User, kind: str, today: dt.date | None, at: dt.datetime | None = None, **data: Any
) -> Case:
    """Every way a case comes into being ends here: first event, anchor, clocks, audit. ``at``
    dates a case opened earlier (imports, the demo): its creation time, first event and clocks."""
    case.save()
    if at is not None:
        case.created_at = moment(at)
        Case.objects.filter(pk=case.pk).update(created_at=case.created_at)
    first = append_event(case, kind, actor=actor, to_state=case.state, at=at, **data)
    _anchor(case, first)
    _apply_clocks(case, State.RECEIVED, today=_day(at, today), at=at)
    audit.record(f"cases.{kind}", actor=actor, obj=case, **data)
    return case


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
    today) is the day the clocks start.
    """
    from jaganetral.intake.selectors import report_for_staff

    _require(actor, permissions.SUPERVISE)
    report = report_for_staff(actor, report.pk)  # 404 outside the actor's scope
    if Case.objects.filter(report=report).exists():
        raise CaseError("Laporan ini sudah dibuka sebagai kasus.")
    election = election or report.election
    if election is None:
        raise CaseError("Pilih pemilihan yang menjadi dasar laporan ini.")
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
        on_time=report.submitted_at <= _end_of_day(due),
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
    return _open(case, actor, "opened_from_report", today, report=report.reference, on_time=case.on_time)


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
        due_at=_end_of_day(due),
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
    return _open(
        case,
        actor,
        "opened_from_screening",
        today,
        url=post.url,
        sha256=post.sha256,
        captured_at=post.captured_at.isoformat(),
        finding=post.finding_id,
    )


def _new_finding_case(actor: User, data: FindingInput, source: str, *, assignee: User | None) -> Case:
    if not policy.covers(actor, data.region.code):
        raise Forbidden("Wilayah kejadian di luar cakupan wilayah Anda.")
    if not data.persons:
        raise CaseError("Sebutkan paling sedikit satu ASN terlapor.")
    today = timezone.localdate()
    for label, d in (("Tanggal kejadian", data.event_date), ("Tanggal diketahui", data.known_date)):
        if d is not None and d > today:
            raise CaseError(f"{label} tidak boleh di masa depan.")
    codes, version = rulecodes.clean_codes(data.rules or [])
    case = Case(
        source=source,
        election=data.election,
        region=data.region,
        office=_office(actor, data.region),
        place=_text(data.place, "Tempat kejadian", limit=MAX_SHORT),
        event_date=data.event_date,
        known_date=data.known_date,
        summary=_text(data.summary, "Uraian temuan", required=True),
        lhp_number=_text(data.lhp_number, "Nomor Form A / LHP", limit=80),
        alleged_rules=codes,
        rulebook_version=version,
        created_by=actor,
        assignee=assignee,
    )
    case.save()
    _add_persons(case, data.persons)
    return case


# --- changing the case ----------------------------------------------------------------------

_EDITABLE = (State.RECEIVED, State.INITIAL_REVIEW, State.NEEDS_COMPLETION)


@transaction.atomic
def set_allegation(
    *, actor: User, case: Case, rules: list[str], add_persons: list[PersonInput] | None = None
) -> Case:
    """Set the alleged rule codes (recorded with the rulebook version) and add reported persons."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    if case.state_enum not in _EDITABLE:
        raise CaseError("Dugaan pelanggaran hanya dapat diubah sebelum registrasi.")
    codes, version = rulecodes.clean_codes(rules)
    case.alleged_rules, case.rulebook_version = codes, version
    case.save(update_fields=["alleged_rules", "rulebook_version", "updated_at"])
    added = _add_persons(case, add_persons or [])
    append_event(
        case, "allegation_set", actor=actor, rules=codes, version=version, persons_added=[p.pk for p in added]
    )
    audit.record("cases.allegation_set", actor=actor, obj=case, rules=codes)
    return case


@transaction.atomic
def transition(
    *,
    actor: User,
    case: Case,
    target: str,
    reason: str = "",
    stop_reason: str | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Move the case to ``target`` if the transition table, the role and the facts allow it.
    ``at`` (default: now) dates a step taken earlier (imports, the demo)."""
    case = _locked(actor, case)
    now = moment(at)
    today = _day(at, today)
    try:
        target_state = State(target)
        stop = StopReason(stop_reason) if stop_reason else None
    except ValueError:
        raise CaseError("Status tujuan atau alasan penghentian tidak dikenal.") from None
    reason = _text(reason, "Alasan", limit=4000)
    source = case.state_enum
    allowed = [t for t in workflow.next_transitions(source) if t.target == target_state]
    if allowed and not permissions.may_take(actor, allowed[0]):
        raise Forbidden(
            _("Peran Anda tidak berwenang untuk langkah “%(step)s”.") % {"step": allowed[0].title}
        )
    try:
        step = workflow.check(
            source, target_state, role=actor.role, reason=reason, stop_reason=stop, facts=_facts(case)
        )
    except workflow.TransitionError as exc:
        raise CaseError(str(exc)) from None
    case.state = target_state.value
    fields = ["state", "updated_at"]
    if stop is not None:
        case.stop_reason = stop.value
        fields.append("stop_reason")
    if target_state == State.REGISTERED and not case.number:
        case.number = _next_number(case, today or timezone.localdate())
        fields.append("number")
    if target_state == State.FORWARDED and case.forwarded_at is None:
        case.forwarded_at = now
        fields.append("forwarded_at")
    case.save(update_fields=fields)
    if case.report_id is not None and target_state in (State.REGISTERED, State.NOT_REGISTERED):
        _tell_intake(actor, case, registered=target_state == State.REGISTERED, reason=reason)
    moved = _apply_clocks(case, target_state, today=today, at=at)
    append_event(
        case,
        "transition",
        actor=actor,
        at=at,
        from_state=source.value,
        to_state=target_state.value,
        reason=reason,
        step=step.label,
        stop_reason=stop.value if stop else "",
        number=case.number,
        clocks=moved,
    )
    audit.record(
        "cases.transition",
        actor=actor,
        obj=case,
        source=source.value,
        target=target_state.value,
    )
    return case


def _tell_intake(actor: User, case: Case, *, registered: bool, reason: str) -> None:
    """The reporter sees with the receipt whether the report was registered (intake's own action)."""
    from jaganetral.intake.actions import IntakeError, record_registration

    if case.report is None:
        return
    try:
        record_registration(actor=actor, report=case.report, registered=registered, reason=reason)
    except IntakeError as exc:
        raise CaseError(str(exc)) from None


@transaction.atomic
def extend_handling(*, actor: User, case: Case, reason: str, now: dt.datetime | None = None) -> Clock:
    """Extend the running handling clock once, by the election kind's extension (e.g. 7 → 14)."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    reason = _text(reason, "Alasan perpanjangan", required=True, limit=4000)
    clock = (
        Clock.objects.select_for_update().filter(case=case, name="handling", stopped_at__isnull=True).first()
    )
    if clock is None:
        raise CaseError("Tidak ada batas waktu penanganan yang sedang berjalan.")
    if clock.extended:
        raise CaseError("Batas waktu penanganan sudah pernah diperpanjang.")
    rule = book().rules(case.election.kind)["handling"]
    if rule.extension_days <= 0:
        raise CaseError("Batas waktu penanganan untuk pemilihan ini tidak dapat diperpanjang.")
    if (now or timezone.now()) > clock.due_at:
        raise CaseError("Batas waktu sudah lewat; perpanjangan tidak dapat diberikan.")
    clock.days = rule.days + rule.extension_days
    clock.due_on = deadline(clock.started_on, clock.days, working=clock.working, election=case.election)
    clock.due_at = _end_of_day(clock.due_on)
    clock.extended = True
    clock.save(update_fields=["days", "due_on", "due_at", "extended"])
    append_event(case, "handling_extended", actor=actor, reason=reason, due_on=clock.due_on.isoformat())
    audit.record("cases.handling_extended", actor=actor, obj=case)
    return clock


@transaction.atomic
def assign(*, actor: User, cases: list[Case], user: User | None) -> int:
    """Assign (or, with ``user=None``, unassign) several cases at once."""
    _require(actor, permissions.SUPERVISE)
    if len(cases) > BULK_MAX:
        raise CaseError(f"Paling banyak {BULK_MAX} kasus sekaligus.")
    if user is not None and not policy.can(user, permissions.SUPERVISE):
        raise CaseError("Kasus hanya dapat diserahkan kepada pengawas yang aktif.")
    for case in cases:
        locked = _locked(actor, case)
        if user is not None and not policy.covers(user, locked.region_id):
            raise CaseError(f"{user.username} tidak mencakup wilayah kasus {locked.reference}.")
        previous = locked.assignee_id
        locked.assignee = user
        locked.save(update_fields=["assignee", "updated_at"])
        append_event(locked, "assigned", actor=actor, assignee=user.pk if user else None, previous=previous)
        audit.record(
            "cases.assigned",
            actor=actor,
            obj=locked,
            assignee=user and user.pk,
        )
    return len(cases)


@transaction.atomic
def link_cases(*, actor: User, case: Case, other: Case, kind: str) -> CaseLink:
    _require(actor, permissions.SUPERVISE)
    if kind not in LinkKind.values:
        raise CaseError("Jenis tautan harus duplikat atau terkait.")
    if case.pk == other.pk:
        raise CaseError("Kasus tidak dapat ditautkan ke dirinya sendiri.")
    first, second = sorted((case, other), key=lambda c: c.pk)
    first, second = _locked(actor, first), _locked(actor, second)
    if CaseLink.objects.filter(case__in=(first, second), other__in=(first, second)).exists():
        raise CaseError("Kedua kasus sudah ditautkan.")
    src, dst = (first, second) if case.pk == first.pk else (second, first)
    link = CaseLink.objects.create(case=src, other=dst, kind=kind, created_by=actor)
    append_event(src, "linked", actor=actor, other=dst.pk, link=kind)
    append_event(dst, "linked", actor=actor, other=src.pk, link=kind)
    audit.record("cases.linked", actor=actor, obj=src, other=dst.pk, kind=kind)
    return link


@dataclass
class BulkResult:
    moved: list[int]
    refused: dict[int, str]


def transition_many(*, actor: User, cases: list[Case], target: str, reason: str = "") -> BulkResult:
    """Move several cases forward where allowed. Each case moves in its own transaction (one
    refusal does not undo the others); refusals are reported per case, never silently skipped."""
    if len(cases) > BULK_MAX:
        raise CaseError(f"Paling banyak {BULK_MAX} kasus sekaligus.")
    if target not in workflow.bulk_targets(actor.role):
        # not a state, a stop (decided case by case) or a step the role never takes: bad input
        raise CaseError("Status tujuan tidak dapat dipakai untuk pemindahan sekaligus oleh peran Anda.")
    result = BulkResult(moved=[], refused={})
    for case in cases:
        try:
            transition(actor=actor, case=case, target=target, reason=reason)
        except CaseError as exc:
            result.refused[case.pk] = str(exc)
        else:
            result.moved.append(case.pk)
    return result
