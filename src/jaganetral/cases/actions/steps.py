"""Changing a case: its allegation, workflow steps (one or many), the handling clock's extension,
assignment and links. Same rules as :mod:`jaganetral.cases.actions.core`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions, rulecodes, workflow
from jaganetral.cases.actions import notify
from jaganetral.cases.actions.core import (
    BULK_MAX,
    PersonInput,
    _add_persons,
    _apply_clocks,
    _day,
    _end_of_day,
    _facts,
    _locked,
    _next_number,
    _require,
    _text,
    append_event,
    book,
    moment,
)
from jaganetral.cases.actions.formal import formal_problems, formal_refusal
from jaganetral.cases.actions.persons import move_person
from jaganetral.cases.actions.reporter import tell_reporter
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    Case,
    CaseLink,
    CaseReportedPerson,
    Clock,
    LinkKind,
)
from jaganetral.cases.person_path import PersonState
from jaganetral.cases.workflow import State, StopReason
from jaganetral.core import audit
from jaganetral.reference.calendar import deadline

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
        raise CaseError(_("Dugaan pelanggaran hanya dapat diubah sebelum registrasi."))
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
    today = _day(case, at, today)
    try:
        target_state = State(target)
        stop = StopReason(stop_reason) if stop_reason else None
    except ValueError:
        raise CaseError(_("Status tujuan atau alasan penghentian tidak dikenal.")) from None
    reason = _text(reason, _("Alasan"), limit=4000)
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
    if target_state == State.REGISTERED and (problems := formal_problems(case)):
        raise formal_refusal(problems)
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
    _move_people(case, target_state, actor=actor, at=at, today=today)
    if target_state in (State.REGISTERED, State.NOT_REGISTERED, State.FORWARDED, State.STOPPED):
        tell_reporter(case, target_state.value, actor=actor, at=at, reason=reason)
    if target_state == State.FORWARDED:
        notify.forwarded(case, actor=actor, at=at)
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


def _move_people(
    case: Case, state: State, *, actor: User, at: dt.datetime | None, today: dt.date | None
) -> None:
    """The people follow the case's own steps: on forwarding the proven ones go on to BKN (and the
    others' paths end as not proven); a stopped or unregistered case ends every open path."""
    if state == State.FORWARDED:
        for person in CaseReportedPerson.objects.filter(case=case, state=PersonState.UNDER_REVIEW):
            target = PersonState.FORWARDED if person.proven is not False else PersonState.NOT_PROVEN
            move_person(case, person, target, actor=actor, by_system=True, at=at, today=today)
    elif state in (State.STOPPED, State.NOT_REGISTERED):
        for person in CaseReportedPerson.objects.filter(case=case, state=PersonState.UNDER_REVIEW):
            # found not proven by the study, or simply no longer handled
            target = PersonState.NOT_PROVEN if person.proven is False else PersonState.STOPPED
            move_person(case, person, target, actor=actor, by_system=True, at=at)


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
    reason = _text(reason, _("Alasan perpanjangan"), required=True, limit=4000)
    clock = (
        Clock.objects.select_for_update().filter(case=case, name="handling", stopped_at__isnull=True).first()
    )
    if clock is None:
        raise CaseError(_("Tidak ada batas waktu penanganan yang sedang berjalan."))
    if clock.extended:
        raise CaseError(_("Batas waktu penanganan sudah pernah diperpanjang."))
    rule = book().rules(case.election.kind)["handling"]
    if rule.extension_days <= 0:
        raise CaseError(_("Batas waktu penanganan untuk pemilihan ini tidak dapat diperpanjang."))
    if (now or timezone.now()) > clock.due_at:
        raise CaseError(_("Batas waktu sudah lewat; perpanjangan tidak dapat diberikan."))
    clock.days = rule.days + rule.extension_days
    clock.due_on = deadline(clock.started_on, clock.days, working=clock.working, election=case.election)
    clock.due_at = _end_of_day(clock.due_on, case)
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
        raise CaseError(_("Paling banyak %(n)d kasus sekaligus.") % {"n": BULK_MAX})
    if user is not None and not policy.can(user, permissions.SUPERVISE):
        raise CaseError(_("Kasus hanya dapat diserahkan kepada pengawas yang aktif."))
    for case in cases:
        locked = _locked(actor, case)
        if user is not None and not policy.covers(user, locked.region_id):
            raise CaseError(
                _("%(user)s tidak mencakup wilayah kasus %(case)s.")
                % {"user": user.username, "case": locked.reference}
            )
        previous = locked.assignee_id
        locked.assignee = user
        locked.save(update_fields=["assignee", "updated_at"])
        append_event(locked, "assigned", actor=actor, assignee=user.pk if user else None, previous=previous)
        if user is not None and user.pk != previous:
            notify.assigned(locked, user, actor=actor)
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
        raise CaseError(_("Jenis tautan harus duplikat atau terkait."))
    if case.pk == other.pk:
        raise CaseError(_("Kasus tidak dapat ditautkan ke dirinya sendiri."))
    first, second = sorted((case, other), key=lambda c: c.pk)
    first, second = _locked(actor, first), _locked(actor, second)
    if CaseLink.objects.filter(case__in=(first, second), other__in=(first, second)).exists():
        raise CaseError(_("Kedua kasus sudah ditautkan."))
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
        raise CaseError(_("Paling banyak %(n)d kasus sekaligus.") % {"n": BULK_MAX})
    if target not in workflow.bulk_targets(actor.role):
        # not a state, a stop (decided case by case) or a step the role never takes: bad input
        raise CaseError(_("Status tujuan tidak dapat dipakai untuk pemindahan sekaligus oleh peran Anda."))
    result = BulkResult(moved=[], refused={})
    for case in cases:
        try:
            transition(actor=actor, case=case, target=target, reason=reason)
        except CaseError as exc:
            result.refused[case.pk] = str(exc)
        else:
            result.moved.append(case.pk)
    return result
