"""Each reported civil servant's own path (:mod:`jaganetral.cases.person_path`): BKN's
recommendation, the PPK's decision, the PPK's silence, BKN's follow-up, closing. One action per
decision: recording it moves that person, and the case follows its people.

Same rules as :mod:`jaganetral.cases.actions.core`: keyword-only ``actor``, atomic, a hash-chained
timeline event and an audit row per write, scope and role through the permission door.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import permissions, person_path, sanctions
from jaganetral.cases.actions.core import (
    _apply_clocks,
    _apply_person_clocks,
    _locked,
    _require,
    _text,
    append_event,
    moment,
)
from jaganetral.cases.actions.reporter import tell_reporter
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    Case,
    CaseReportedPerson,
    Employment,
    Escalation,
    Recommendation,
    Sanction,
)
from jaganetral.cases.person_path import PersonState
from jaganetral.core import audit
from jaganetral.reference.models import Agency

MAX_PEOPLE_PER_LETTER = 50


def _date(value: dt.date, label: str) -> dt.date:
    if value > timezone.localdate():
        raise CaseError(_("%(label)s tidak boleh di masa depan.") % {"label": label})
    return value


def _person(case: Case, person_id: int | None, actor: User) -> CaseReportedPerson:
    """One civil servant of the case (the only one when the case names one); an agency user only
    its own staff."""
    people = CaseReportedPerson.objects.filter(case=case)
    if person_id is None:
        only = list(people[:2])
        if len(only) != 1 or permissions.names_own_staff_only(actor):
            raise CaseError(_("Pilih ASN terlapor yang dimaksud."))
        person = only[0]
    else:
        found = people.filter(pk=person_id).first()
        if found is None:
            raise CaseError(_("Terlapor tidak ada pada kasus ini."))
        person = found
    if not permissions.sanctions_for_person(actor, person):
        raise Forbidden(_("Terlapor ini bukan pegawai instansi Anda."))
    return person


def move_person(
    case: Case,
    person: CaseReportedPerson,
    target: PersonState,
    *,
    actor: User | None,
    by_system: bool = False,
    reason: str = "",
    at: dt.datetime | None = None,
    today: dt.date | None = None,
    **data: Any,
) -> None:
    """One step on a person's path, checked against the table: by hand (the actor's role decides)
    or ``by_system``, as part of a case step (forwarding, stop). Starts and stops the person's
    clocks and writes the event. The caller holds the case's row lock."""
    source = person.state_enum
    role = None if by_system else (actor.role if actor is not None else "")
    try:
        step = person_path.check(source, target, role=role, reason=reason)
    except person_path.PathError as exc:
        raise CaseError(str(exc)) from None
    person.state = target.value
    person.state_changed_at = moment(at)
    person.save(update_fields=["state", "state_changed_at"])
    moved = _apply_person_clocks(case, person, target.value, at=at, today=today)
    append_event(
        case,
        "person_step",
        actor=actor,
        at=at,
        reason=reason,
        person=person.pk,
        name=person.name,
        step=step.label,
        person_from=source.value,
        person_to=target.value,
        clocks=moved,
        **data,
    )
    if not by_system:  # a decision on this person's path after forwarding: news for the reporter
        tell_reporter(case, "outcome", actor=actor, at=at)


def follow_people(case: Case, *, actor: User | None, at: dt.datetime | None = None) -> Case:
    """Once forwarded, the case's state follows its people (closed when every path has ended)."""
    people = [PersonState(s) for s in case.reported.values_list("state", flat=True)]
    source = case.state_enum
    target = person_path.case_state(source, people)
    if target == source:
        return case
    case.state = target.value
    case.save(update_fields=["state", "updated_at"])
    moved = _apply_clocks(case, target, at=at)
    append_event(
        case,
        "transition",
        actor=actor,
        at=at,
        from_state=source.value,
        to_state=target.value,
        step="mengikuti status terlapor",
        clocks=moved,
    )
    audit.record("cases.transition", actor=actor, obj=case, source=source.value, target=target.value)
    return case


def _fields(person: CaseReportedPerson, kinds: Sequence[str]) -> dict[str, Any]:
    try:
        return sanctions.assess(person, kinds)
    except sanctions.UnknownSanction as exc:
        raise CaseError(str(exc)) from None


def _event_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in ("kinds", "rulebook_version", "rule_codes", "rulebook_fit")}


@transaction.atomic
def record_recommendation(
    *,
    actor: User,
    case: Case,
    letter_number: str,
    issued_on: dt.date,
    kinds: Sequence[str],
    persons: Sequence[int] | None = None,
    text: str = "",
    at: dt.datetime | None = None,
) -> list[Recommendation]:
    """BKN's letter for one or more civil servants of the case (default: everyone still waiting for
    one): the sanction kinds it recommends, which moves each of them to "recommended" and starts
    their PPK's clock; or no kind at all (BKN finds no sanction due: the reason in ``text``), which
    ends their path as "cleared"."""
    _require(actor, permissions.RECOMMEND)
    case = _locked(actor, case)
    waiting = CaseReportedPerson.objects.filter(case=case, state=PersonState.FORWARDED)
    if persons is None:
        people = list(waiting)
    else:
        if len(persons) > MAX_PEOPLE_PER_LETTER:
            raise CaseError(_("Paling banyak %(n)d terlapor per surat.") % {"n": MAX_PEOPLE_PER_LETTER})
        people = [_person(case, pk, actor) for pk in dict.fromkeys(persons)]
    if not people:
        raise CaseError(_("Tidak ada terlapor yang menunggu rekomendasi BKN."))
    letter = _text(letter_number, _("Nomor surat"), required=True, limit=120)
    issued = _date(issued_on, _("Tanggal rekomendasi"))
    body = _text(text, _("Isi rekomendasi"))
    target = PersonState.RECOMMENDED if kinds else PersonState.CLEARED
    if not kinds and not body:
        raise CaseError(_("Tanpa sanksi yang direkomendasikan, tuliskan alasannya pada isi rekomendasi."))
    made = []
    for person in people:
        fields = _fields(person, kinds) if kinds else _no_sanction_fields(person)
        rec = Recommendation.objects.create(
            case=case,
            person=person,
            letter_number=letter,
            issued_on=issued,
            text=body,
            recorded_by=actor,
            **fields,
        )
        move_person(
            case,
            person,
            target,
            actor=actor,
            at=at,
            reason=body if target == PersonState.CLEARED else "",
            record=rec.pk,
            letter=letter,
            **_event_fields(fields),
        )
        made.append(rec)
    follow_people(case, actor=actor, at=at)
    audit.record("cases.recommendation_recorded", actor=actor, obj=case, persons=[p.pk for p in people])
    return made


def _no_sanction_fields(person: CaseReportedPerson) -> dict[str, Any]:
    version, _rules = sanctions.judged_under(person)
    return {"kinds": [], "rulebook_version": sanctions.catalogue_for(version).version}


@transaction.atomic
def record_sanction(
    *,
    actor: User,
    case: Case,
    kinds: Sequence[str],
    decree_number: str,
    decided_on: dt.date,
    person_id: int | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Sanction:
    """The PPK's decision for one civil servant (recorded by the agency, the authority or an admin),
    late or not: compared with the rulebook and with BKN's recommendation for that person; ends the
    person's path as "sanctioned"."""
    _require(actor, permissions.SANCTION)
    case = _locked(actor, case)
    person = _person(case, person_id, actor)
    if person.state_enum not in person_path.AWAITING_PPK:
        raise CaseError(_("Keputusan PPK hanya dicatat setelah BKN memberi rekomendasi untuk terlapor ini."))
    if not kinds:
        raise CaseError(_("Pilih paling sedikit satu jenis sanksi."))
    fields = _fields(person, kinds)
    sanction = Sanction.objects.create(
        case=case,
        person=person,
        decree_number=_text(decree_number, _("Nomor keputusan"), required=True, limit=120),
        decided_on=_date(decided_on, _("Tanggal keputusan")),
        note=_text(note, _("Catatan")),
        recommendation_fit=sanctions.against_recommendation(person, fields["kinds"]),
        recorded_by=actor,
        **fields,
    )
    move_person(
        case,
        person,
        PersonState.SANCTIONED,
        actor=actor,
        at=at,
        record=sanction.pk,
        decree=sanction.decree_number,
        recommendation_fit=sanction.recommendation_fit,
        **_event_fields(fields),
    )
    follow_people(case, actor=actor, at=at)
    audit.record("cases.sanction_recorded", actor=actor, obj=case, person=person.pk)
    return sanction


@transaction.atomic
def record_ppk_no_action(
    *, actor: User, case: Case, reason: str, person_id: int | None = None, at: dt.datetime | None = None
) -> CaseReportedPerson:
    """BKN records that the PPK did not act on its recommendation for this person."""
    _require(actor, permissions.RECOMMEND)
    case = _locked(actor, case)
    person = _person(case, person_id, actor)
    move_person(case, person, PersonState.PPK_NO_ACTION, actor=actor, at=at, reason=_reason(reason))
    follow_people(case, actor=actor, at=at)
    audit.record("cases.ppk_no_action", actor=actor, obj=case, person=person.pk)
    return person


@transaction.atomic
def record_escalation(
    *,
    actor: User,
    case: Case,
    measure: str,
    letter_number: str,
    issued_on: dt.date,
    person_id: int | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Escalation:
    """BKN's own step when a PPK did not act (e.g. blocking the personnel data in SIASN), with its
    letter; the PPK may still decide afterwards."""
    _require(actor, permissions.RECOMMEND)
    case = _locked(actor, case)
    person = _person(case, person_id, actor)
    if person.state_enum != PersonState.PPK_NO_ACTION:
        raise CaseError(_("Tindak lanjut BKN dicatat setelah PPK dinyatakan tidak menindaklanjuti."))
    escalation = Escalation.objects.create(
        case=case,
        person=person,
        measure=_text(measure, _("Tindakan BKN"), required=True, limit=300),
        letter_number=_text(letter_number, _("Nomor surat"), required=True, limit=120),
        issued_on=_date(issued_on, _("Tanggal surat")),
        note=_text(note, _("Catatan")),
        recorded_by=actor,
    )
    move_person(
        case,
        person,
        PersonState.ESCALATED,
        actor=actor,
        at=at,
        record=escalation.pk,
        measure=escalation.measure,
        letter=escalation.letter_number,
    )
    follow_people(case, actor=actor, at=at)
    audit.record("cases.escalated", actor=actor, obj=case, person=person.pk)
    return escalation


@transaction.atomic
def close_person(
    *, actor: User, case: Case, reason: str, person_id: int | None = None, at: dt.datetime | None = None
) -> CaseReportedPerson:
    """BKN ends a path without a PPK decision (e.g. the civil servant retired or died), with why."""
    _require(actor, permissions.RECOMMEND)
    case = _locked(actor, case)
    person = _person(case, person_id, actor)
    move_person(case, person, PersonState.CLOSED, actor=actor, at=at, reason=_reason(reason))
    follow_people(case, actor=actor, at=at)
    audit.record("cases.person_closed", actor=actor, obj=case, person=person.pk)
    return person


def _reason(value: str) -> str:
    return _text(value, _("Alasan"), required=True, limit=4000)


@transaction.atomic
def update_person_details(
    *,
    actor: User,
    case: Case,
    person_id: int,
    employment: str,
    agency: Agency | None,
    position: str,
) -> CaseReportedPerson:
    """Bawaslu corrects a civil servant's employment (PNS or PPPK), employer agency and position
    while the case is in its hands (before it is forwarded)."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    person = _person(case, person_id, actor)
    if person.state_enum != PersonState.UNDER_REVIEW:
        raise CaseError(_("Data terlapor hanya diubah sebelum kasus diteruskan."))
    if employment not in Employment.values:
        raise CaseError(_("Status kepegawaian harus PNS atau PPPK."))
    before = {"employment": person.employment, "agency": person.agency_id, "position": person.position}
    person.employment = employment
    person.agency = agency
    person.position = _text(position, _("Jabatan"), limit=200)
    person.save(update_fields=["employment", "agency", "position"])
    after = {"employment": person.employment, "agency": person.agency_id, "position": person.position}
    append_event(case, "person_updated", actor=actor, person=person.pk, before=before, after=after)
    audit.record("cases.person_updated", actor=actor, obj=case, person=person.pk)
    return person
