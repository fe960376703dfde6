"""Writes for the records of a case: clarification sessions, the study, the authority's
recommendation and the PPK's sanction. Same rules as :mod:`jaganetral.cases.actions.core`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import permissions, rulecodes, sanctions, selectors
from jaganetral.cases.actions.core import (
    MAX_PERSONS,
    MAX_SHORT,
    _locked,
    _require,
    _text,
    append_event,
)
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import (
    Case,
    CaseReportedPerson,
    Clarification,
    Notification,
    Recommendation,
    Sanction,
    Study,
)
from jaganetral.cases.workflow import State
from jaganetral.core import audit

# --- records: clarification, study, recommendation, sanction --------------------------------

PARTY_ROLES = ("terlapor", "saksi", "ahli", "pelapor")


@dataclass
class PartyInput:
    role: str
    name: str
    attended: bool


def _date(value: dt.date, label: str) -> dt.date:
    if value > timezone.localdate():
        raise CaseError(_("%(label)s tidak boleh di masa depan.") % {"label": label})
    return value


@transaction.atomic
def record_clarification(
    *,
    actor: User,
    case: Case,
    held_on: dt.date,
    place: str,
    parties: list[PartyInput],
    oath_offered: bool = False,
    oath_taken: bool = False,
    statement: str = "",
    at: dt.datetime | None = None,
) -> Clarification:
    """The record of a clarification session. Parties who did not come are recorded as absent:
    Bawaslu cannot compel attendance, so absence is an outcome, not an error. The reporter appears
    only as "Pelapor", never by name."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    if case.state_enum != State.CLARIFICATION:
        raise CaseError(_("Sesi klarifikasi hanya dicatat saat kasus berstatus Klarifikasi."))
    if not parties:
        raise CaseError(_("Sebutkan paling sedikit satu pihak yang diundang."))
    if len(parties) > MAX_PERSONS:
        raise CaseError(_("Paling banyak %(n)d pihak per sesi.") % {"n": MAX_PERSONS})
    if oath_taken and not oath_offered:
        raise CaseError(_("Sumpah hanya dapat diucapkan bila ditawarkan."))
    rows = []
    for party in parties:
        if party.role not in PARTY_ROLES:
            raise CaseError(_("Peran pihak harus terlapor, saksi, ahli atau pelapor."))
        name = (
            "Pelapor"
            if party.role == "pelapor"
            else _text(party.name, _("Nama pihak"), required=True, limit=200)
        )
        rows.append({"role": party.role, "name": name, "attended": bool(party.attended)})
    record = Clarification.objects.create(
        case=case,
        held_on=_date(held_on, _("Tanggal klarifikasi")),
        place=_text(place, _("Tempat klarifikasi"), required=True, limit=MAX_SHORT),
        parties=rows,
        oath_offered=oath_offered,
        oath_taken=oath_taken,
        statement=_text(statement, _("Keterangan")),
        recorded_by=actor,
    )
    absent = [r["name"] for r in rows if not r["attended"]]
    append_event(
        case,
        "clarification_recorded",
        actor=actor,
        record=record.pk,
        held_on=held_on.isoformat(),
        attended=[r["name"] for r in rows if r["attended"]],
        absent=absent,
        oath_offered=oath_offered,
        oath_taken=oath_taken,
        at=at,
    )
    audit.record("cases.clarification_recorded", actor=actor, obj=case)
    return record


@transaction.atomic
def record_study(
    *,
    actor: User,
    case: Case,
    conclusion: str,
    rules_found: list[str],
    violation: bool,
    at: dt.datetime | None = None,
) -> Study:
    """The study (kajian): its conclusion, the rules found, and whether a violation is proven."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    if case.state_enum != State.STUDY:
        raise CaseError(_("Kajian hanya dicatat saat kasus berstatus Kajian."))
    codes, version = rulecodes.clean_codes(rules_found)
    if violation and not codes:
        raise CaseError(_("Sebutkan aturan yang terbukti dilanggar."))
    study = Study.objects.create(
        case=case,
        conclusion=_text(conclusion, _("Kesimpulan kajian"), required=True),
        rules_found=codes,
        rulebook_version=version,
        violation=violation,
        recorded_by=actor,
    )
    append_event(
        case, "study_recorded", actor=actor, at=at, record=study.pk, rules=codes, violation=violation
    )
    audit.record("cases.study_recorded", actor=actor, obj=case)
    return study


def _against_rulebook(case: Case, value: str) -> dict[str, Any]:
    """The rulebook fields of a recommendation or sanction of this type: refused when the type is
    unknown to the rulebook version the case was judged under; recorded, and marked, when it is
    milder or harsher than that version's sanction for the rules found."""
    try:
        found = sanctions.assess(sanctions.basis_for(case), value)
    except sanctions.UnknownSanction as exc:
        raise CaseError(str(exc)) from None
    return {
        "sanction_type": value,
        "rulebook_version": found.version,
        "rule_codes": found.rule_codes,
        "rulebook_fit": found.fit,
        "expected_types": found.expected,
    }


def _rulebook_event(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in ("sanction_type", "rulebook_version", "rule_codes", "rulebook_fit")}


@transaction.atomic
def record_recommendation(
    *,
    actor: User,
    case: Case,
    letter_number: str,
    issued_on: dt.date,
    sanction_type: str,
    text: str = "",
    at: dt.datetime | None = None,
) -> Recommendation:
    """The receiving authority's recommendation (BKN now; configuration, not code)."""
    _require(actor, permissions.RECOMMEND)
    case = _locked(actor, case)
    if case.state_enum != State.FORWARDED:
        raise CaseError(_("Rekomendasi hanya dicatat untuk kasus yang sudah diteruskan."))
    against = _against_rulebook(case, sanction_type)
    rec = Recommendation.objects.create(
        case=case,
        letter_number=_text(letter_number, _("Nomor surat"), required=True, limit=120),
        issued_on=_date(issued_on, _("Tanggal rekomendasi")),
        text=_text(text, _("Isi rekomendasi")),
        recorded_by=actor,
        **against,
    )
    append_event(
        case, "recommendation_recorded", actor=actor, at=at, record=rec.pk, **_rulebook_event(against)
    )
    audit.record("cases.recommendation_recorded", actor=actor, obj=case)
    return rec


SANCTION_STATES = (State.RECOMMENDATION_RECEIVED, State.PPK_NO_ACTION, State.ESCALATED)


@transaction.atomic
def record_sanction(
    *,
    actor: User,
    case: Case,
    sanction_type: str,
    decree_number: str,
    decided_on: dt.date,
    person_id: int | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Sanction:
    """The PPK's sanction decision (recorded by the agency, the authority or an admin)."""
    _require(actor, permissions.SANCTION)
    case = _locked(actor, case)
    if case.state_enum not in SANCTION_STATES:
        raise CaseError(_("Sanksi hanya dicatat setelah rekomendasi otoritas diterima."))
    person = None
    if person_id is None and permissions.names_own_staff_only(actor):
        # an agency sanctions its own staff only, and a decree names one person: say whom
        raise CaseError(_("Pilih ASN terlapor yang dikenai sanksi."))
    if person_id is not None:
        person = CaseReportedPerson.objects.filter(case=case, pk=person_id).first()
        if person is None:
            raise CaseError(_("Terlapor tidak ada pada kasus ini."))
        if not permissions.sanctions_for_person(actor, person):
            raise Forbidden(_("Terlapor ini bukan pegawai instansi Anda."))
    against = _against_rulebook(case, sanction_type)
    sanction = Sanction.objects.create(
        case=case,
        person=person,
        decree_number=_text(decree_number, _("Nomor keputusan"), required=True, limit=120),
        decided_on=_date(decided_on, _("Tanggal keputusan")),
        note=_text(note, _("Catatan")),
        recorded_by=actor,
        **against,
    )
    append_event(
        case,
        "sanction_recorded",
        actor=actor,
        at=at,
        record=sanction.pk,
        person=person_id,
        **_rulebook_event(against),
    )
    audit.record("cases.sanction_recorded", actor=actor, obj=case)
    return sanction


@transaction.atomic
def record_download(*, actor: User, case: Case, document: str) -> None:
    """Downloads and exports of case documents are audited (never their content)."""
    if not selectors.cases_for(actor).filter(pk=case.pk).exists():
        raise Http404("kasus tidak ditemukan")
    audit.record(
        "cases.document_downloaded",
        actor=actor,
        obj=case,
        document=document,
    )


@transaction.atomic
def mark_notifications_read(*, actor: User) -> int:
    """Mark all of the actor's unread notifications as read."""
    from jaganetral.cases.models import Notification

    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def mark_notification_read(*, actor: User, notification_id: int) -> Notification:
    """Mark one of the actor's own notifications as read (again: no change). Anyone else's: 404."""
    notification = selectors.notification_for(actor, notification_id)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification
