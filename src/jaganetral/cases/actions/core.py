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

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import rulecodes, selectors
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    AnchorHead,
    Case,
    CaseAnchor,
    CaseEvent,
    CaseReportedPerson,
    Clock,
    Employment,
    RegistrationCounter,
)
from jaganetral.cases.workflow import State
from jaganetral.core import audit
from jaganetral.lib import hashchain
from jaganetral.reference import clocks as clock_rules
from jaganetral.reference.calendar import deadline, end_of_day, local_date
from jaganetral.reference.models import Agency, Region

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
        raise CaseError(_("%(label)s wajib diisi.") % {"label": label})
    if len(value) > limit:
        raise CaseError(
            _("%(label)s terlalu panjang (paling banyak %(n)d karakter).") % {"label": label, "n": limit}
        )
    return value


def _require(actor: User, perm: policy.Permission) -> None:
    """Refuse (403) unless the permission door lets the actor do this."""
    if not policy.can(actor, perm):
        raise Forbidden(_("Peran Anda tidak berwenang untuk langkah ini."))


def moment(at: dt.datetime | None) -> dt.datetime:
    """When something happened: now, or an earlier moment given by an import or the demo loader.

    Returned in UTC, as the database gives it back, so the timeline hash (which covers the event's
    time) verifies after a round trip.
    """
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise CaseError(_("Waktu peristiwa harus menyertakan zona waktu."))
    if at > timezone.now():
        raise CaseError(_("Waktu peristiwa tidak boleh di masa depan."))
    return at.astimezone(dt.UTC)


def _day(case: Case, at: dt.datetime | None, today: dt.date | None) -> dt.date | None:
    """The day clocks start: ``today`` if given, else the date of ``at`` where the case is (None:
    today there, decided when the clock starts)."""
    if today is not None or at is None:
        return today
    return local_today(case, at)


def local_today(case: Case, at: dt.datetime | None = None) -> dt.date:
    """Today (or the day of ``at``) where the case's region is: WIB, WITA or WIT."""
    return local_date(at or timezone.now(), case.region_id)


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


def _end_of_day(day: dt.date, case: Case) -> dt.datetime:
    """A deadline ends at midnight where the case's region is (WIB, WITA or WIT)."""
    return end_of_day(day, case.region_id)


def _start_clock(case: Case, name: str, start: dt.date, person: CaseReportedPerson | None = None) -> Clock:
    rule = book().rule(case.election.kind, name)
    working = clock_rules.counts_working(rule, case.election.counts_working_days)
    # personnel clocks (the authority's, the PPK's) never follow the election's rules
    election = case.election if name in book().rules(case.election.kind) else None
    due = deadline(start, rule.days, working=working, election=election)
    return Clock.objects.create(
        case=case,
        person=person,
        name=name,
        label=rule.label,
        started_on=start,
        days=rule.days,
        working=working,
        due_on=due,
        due_at=_end_of_day(due, case),
    )


def _apply_clocks(
    case: Case, state: State, *, today: dt.date | None = None, at: dt.datetime | None = None
) -> dict[str, list[str]]:
    change = clock_rules.on_enter(book(), case.election.kind, state)
    now = moment(at)
    running = Clock.objects.filter(case=case, person=None, name__in=change.stop, stopped_at__isnull=True)
    stopped = list(running.values_list("name", flat=True))
    running.update(stopped_at=now)
    start = today or local_today(case, at)
    started = [_start_clock(case, name, start).name for name in change.start]
    return {"started": started, "stopped": stopped}


def _apply_person_clocks(
    case: Case,
    person: CaseReportedPerson,
    state: str,
    *,
    at: dt.datetime | None = None,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    """Start and stop a civil servant's personnel clocks on entering ``state`` of their path."""
    change = clock_rules.on_person_enter(book(), state)
    running = Clock.objects.filter(case=case, person=person, name__in=change.stop, stopped_at__isnull=True)
    stopped = list(running.values_list("name", flat=True))
    running.update(stopped_at=moment(at))
    start = today or local_today(case, at)
    started = [_start_clock(case, name, start, person).name for name in change.start]
    return {"started": started, "stopped": stopped}


def _facts(case: Case) -> set[str]:
    facts: set[str] = set()
    if case.report_id is not None:
        facts.add("has_reporter")
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
    if case.studies.exists() and case.reported.filter(proven=True).exists():
        facts.add("study_found_violation")
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
    employment: str = Employment.PNS


def _add_persons(case: Case, persons: list[PersonInput]) -> list[CaseReportedPerson]:
    if len(persons) > MAX_PERSONS:
        raise CaseError(_("Paling banyak %(n)d terlapor per kasus.") % {"n": MAX_PERSONS})
    rows = []
    for p in persons:
        nip = _text(p.nip, _("NIP"), limit=18)
        if nip and not (nip.isdigit() and len(nip) == 18):
            raise CaseError(_("NIP harus 18 angka."))
        if p.employment not in Employment.values:
            raise CaseError(_("Status kepegawaian harus PNS atau PPPK."))
        rows.append(
            CaseReportedPerson.objects.create(
                case=case,
                name=_text(p.name, _("Nama terlapor"), required=True, limit=200),
                nip=nip,
                agency=p.agency,
                agency_name=_text(p.agency_name, _("Nama instansi"), limit=200),
                position=_text(p.position, _("Jabatan"), limit=200),
                employment=p.employment,
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
    _apply_clocks(case, State.RECEIVED, today=_day(case, at, today), at=at)
    audit.record(f"cases.{kind}", actor=actor, obj=case, **data)
    return case
