"""JSON API for each civil servant a case names: BKN's recommendation, the PPK's decision, the
PPK's silence, BKN's follow-up, closing a path, correcting a person's employment; the list of
people whose PPK has not acted; and turning a report that fails the formal requirements into
initial information for a finding. Bearer token; every object is scoped (404 outside)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from jaganetral.accounts.auth import token_auth
from jaganetral.cases import actions, selectors
from jaganetral.cases import person_schemas as p
from jaganetral.cases import schemas as s
from jaganetral.cases.api import MAX_ID, _agency, _case, _detail, _run, _user
from jaganetral.cases.models import Recommendation, Sanction

router = Router(tags=["kasus: terlapor"], auth=token_auth)


def _warning(records: list[Recommendation] | list[Sanction]) -> str:
    """Said when a recommendation or decision is milder or harsher than the rulebook (or than BKN's
    recommendation, for a decision): recorded all the same."""
    notes = []
    for record in records:
        if record.deviates:
            notes.append(
                _("%(name)s: %(fit)s (versi %(version)s: %(expected)s).")
                % {
                    "name": record.person.name if record.person else "",
                    "fit": record.get_rulebook_fit_display(),
                    "version": record.rulebook_version,
                    "expected": "; ".join(record.expected_labels),
                }
            )
        if isinstance(record, Sanction) and record.differs_from_recommendation:
            notes.append(
                _("%(name)s: %(fit)s.")
                % {
                    "name": record.person.name if record.person else "",
                    "fit": record.get_recommendation_fit_display(),
                }
            )
    return " ".join(notes)


class RecordedOut(Schema):
    detail: str
    ids: list[int]
    warning: str = ""


@router.post(
    "/cases/{int:case_id}/recommendations",
    response={201: RecordedOut},
    summary="Catat rekomendasi BKN untuk satu atau beberapa terlapor (tanpa jenis sanksi: tidak ada sanksi)",
)
def recommendation(request: HttpRequest, case_id: int, payload: p.RecommendationIn) -> Status[RecordedOut]:
    user = _user(request)
    case = _case(user, case_id)
    made = _run(
        lambda: actions.record_recommendation(
            actor=user,
            case=case,
            letter_number=payload.letter_number,
            issued_on=payload.issued_on,
            kinds=payload.kinds,
            persons=payload.persons,
            text=payload.text,
        )
    )
    return Status(
        201, RecordedOut(detail=_("Rekomendasi dicatat."), ids=[r.pk for r in made], warning=_warning(made))
    )


@router.post(
    "/cases/{int:case_id}/sanctions",
    response={201: RecordedOut},
    summary="Catat keputusan PPK untuk satu terlapor",
)
def sanction(request: HttpRequest, case_id: int, payload: p.SanctionIn) -> Status[RecordedOut]:
    user = _user(request)
    case = _case(user, case_id)
    made = _run(
        lambda: actions.record_sanction(
            actor=user,
            case=case,
            kinds=payload.kinds,
            decree_number=payload.decree_number,
            decided_on=payload.decided_on,
            person_id=payload.person_id,
            note=payload.note,
        )
    )
    return Status(201, RecordedOut(detail=_("Sanksi dicatat."), ids=[made.pk], warning=_warning([made])))


@router.post(
    "/cases/{int:case_id}/ppk-no-action",
    response={201: RecordedOut},
    summary="BKN: PPK tidak menindaklanjuti rekomendasi untuk satu terlapor",
)
def ppk_no_action(request: HttpRequest, case_id: int, payload: p.PersonReasonIn) -> Status[RecordedOut]:
    user = _user(request)
    case = _case(user, case_id)
    person = _run(
        lambda: actions.record_ppk_no_action(
            actor=user, case=case, reason=payload.reason, person_id=payload.person_id
        )
    )
    return Status(201, RecordedOut(detail=_("Dicatat: PPK tidak menindaklanjuti."), ids=[person.pk]))


@router.post(
    "/cases/{int:case_id}/escalations",
    response={201: RecordedOut},
    summary="Tindak lanjut BKN atas PPK yang tidak bertindak (mis. pemblokiran data kepegawaian)",
)
def escalation(request: HttpRequest, case_id: int, payload: p.EscalationIn) -> Status[RecordedOut]:
    user = _user(request)
    case = _case(user, case_id)
    made = _run(
        lambda: actions.record_escalation(
            actor=user,
            case=case,
            measure=payload.measure,
            letter_number=payload.letter_number,
            issued_on=payload.issued_on,
            person_id=payload.person_id,
            note=payload.note,
        )
    )
    return Status(201, RecordedOut(detail=_("Tindak lanjut BKN dicatat."), ids=[made.pk]))


@router.post(
    "/cases/{int:case_id}/person-closings",
    response={201: RecordedOut},
    summary="BKN menutup jalur satu terlapor tanpa keputusan PPK (dengan alasan)",
)
def close_person(request: HttpRequest, case_id: int, payload: p.PersonReasonIn) -> Status[RecordedOut]:
    user = _user(request)
    case = _case(user, case_id)
    person = _run(
        lambda: actions.close_person(
            actor=user, case=case, reason=payload.reason, person_id=payload.person_id
        )
    )
    return Status(201, RecordedOut(detail=_("Jalur terlapor ditutup."), ids=[person.pk]))


@router.post(
    "/cases/{int:case_id}/persons/{int:person_id}",
    response=s.CaseDetail,
    summary="Ubah status kepegawaian (PNS/PPPK), instansi dan jabatan terlapor (sebelum diteruskan)",
)
def person_details(
    request: HttpRequest, case_id: int, person_id: int, payload: p.PersonDetailsIn
) -> s.CaseDetail:
    user = _user(request)
    case = _case(user, case_id)
    if not 0 < person_id < MAX_ID:
        person_id = MAX_ID  # unknown: refused by the action as not on this case
    _run(
        lambda: actions.update_person_details(
            actor=user,
            case=case,
            person_id=person_id,
            employment=payload.employment,
            agency=_agency(payload.agency),
            position=payload.position,
        )
    )
    return _detail(user, case)


@router.post(
    "/cases/{int:case_id}/initial-information",
    response={201: s.CaseDetail},
    summary="Jadikan laporan yang tidak memenuhi syarat formil informasi awal bagi temuan baru",
)
def initial_information(request: HttpRequest, case_id: int, payload: s.ReasonIn) -> Status[s.CaseDetail]:
    user = _user(request)
    case = _case(user, case_id)
    finding = _run(
        lambda: actions.convert_to_initial_information(actor=user, case=case, reason=payload.reason)
    )
    return Status(201, _detail(user, finding))


class FollowUpQuery(Schema):
    state: Literal["overdue", "waiting", "all"] = "overdue"
    agency: str = Field("", max_length=60)
    election: str = Field("", max_length=60)
    region: str = Field("", max_length=13)
    limit: int = Field(200, ge=1, le=1000)


@router.get(
    "/follow-ups",
    response=list[p.FollowUpItem],
    summary="Terlapor yang menunggu tindak lanjut PPK (overdue: batas waktu lewat atau PPK tidak bertindak)",
)
def follow_ups(request: HttpRequest, q: Query[FollowUpQuery]) -> list[p.FollowUpItem]:
    user = _user(request)
    now = timezone.now()
    people = selectors.follow_ups(
        user, state=q.state, agency=q.agency, election=q.election, region=q.region, now=now
    )[: q.limit]
    return [
        p.FollowUpItem(
            case=person.case_id,
            reference=person.case.reference,
            region=person.case.region_id,
            person=p.person_out(person, user, now),
        )
        for person in people
    ]
