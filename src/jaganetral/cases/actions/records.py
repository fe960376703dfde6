"""Writes for the records of a case: clarification sessions and the study (with each civil
servant's finding), downloads and notifications. BKN's and the PPK's decisions are per person
(:mod:`.persons`). Same rules as :mod:`jaganetral.cases.actions.core`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import permissions, rulecodes, selectors
from jaganetral.cases.actions.core import (
    MAX_PERSONS,
    MAX_SHORT,
    _locked,
    _require,
    _text,
    append_event,
)
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import (
    Case,
    CaseReportedPerson,
    Clarification,
    Notification,
    Study,
)
from jaganetral.cases.workflow import State
from jaganetral.core import audit

# --- records: clarification, study ---------------------------------------------------------

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
    started_at: dt.time | None = None,
    clerk: str = "",
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
        started_at=started_at,
        clerk=_text(clerk, _("Pencatat"), limit=120),
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
    proven: list[int] | None = None,
    at: dt.datetime | None = None,
) -> Study:
    """The study (kajian): its conclusion, the rules found, and whether a violation is proven, for
    each civil servant the case names: ``proven`` lists those found to have broken the rules (None:
    all of them when ``violation``, none otherwise). Each person keeps their own finding; when the
    case is forwarded the proven ones go on to BKN and the others' paths end as not proven."""
    _require(actor, permissions.SUPERVISE)
    case = _locked(actor, case)
    if case.state_enum != State.STUDY:
        raise CaseError(_("Kajian hanya dicatat saat kasus berstatus Kajian."))
    codes, version = rulecodes.clean_codes(rules_found)
    if violation and not codes:
        raise CaseError(_("Sebutkan aturan yang terbukti dilanggar."))
    people = list(CaseReportedPerson.objects.filter(case=case))
    ids = {p.pk for p in people}
    if proven is not None and not set(proven) <= ids:
        raise CaseError(_("Terlapor tidak ada pada kasus ini."))
    if proven and not violation:
        raise CaseError(
            _("Kajian yang tidak menyatakan pelanggaran tidak dapat menyatakan terlapor terbukti.")
        )
    found = (set(proven) if proven else ids) if violation else set()
    for person in people:
        person.proven = person.pk in found
        person.rules_found = codes if person.proven else []
        person.rulebook_version = version if person.proven else ""
    CaseReportedPerson.objects.bulk_update(people, ["proven", "rules_found", "rulebook_version"])
    study = Study.objects.create(
        case=case,
        conclusion=_text(conclusion, _("Kesimpulan kajian"), required=True),
        rules_found=codes,
        rulebook_version=version,
        violation=violation,
        recorded_by=actor,
    )
    append_event(
        case,
        "study_recorded",
        actor=actor,
        at=at,
        record=study.pk,
        rules=codes,
        violation=violation,
        proven=sorted(found),
    )
    audit.record("cases.study_recorded", actor=actor, obj=case)
    return study


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
