"""API schemas for each civil servant a case names, and the functions that fill them: their finding,
BKN's recommendation, the PPK's decision, the PPK's clock and BKN's follow-up, and their own state."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.utils.translation import get_language
from ninja import Schema
from pydantic import Field

from jaganetral.accounts.models import User
from jaganetral.cases import person_path, sanctions
from jaganetral.cases.models import (
    CaseReportedPerson,
    Clock,
    Escalation,
    Recommendation,
    RulebookSanction,
    Sanction,
)

ID = Annotated[int, Field(ge=1, le=2**62)]
KindCode = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]


class KindOut(Schema):
    code: str
    label: str


class FindingOut(Schema):
    proven: bool | None
    rules_found: list[str]
    rulebook_version: str


class RecommendationOut(Schema):
    id: int
    letter_number: str
    issued_on: date
    kinds: list[KindOut]
    text: str
    rulebook_version: str
    rule_codes: list[str]
    rulebook_fit: str
    rulebook_fit_label: str
    rulebook_expected: list[str]


class DecisionOut(RecommendationOut):
    """The PPK's decision (``letter_number`` is the decree number)."""

    note: str
    recommendation_fit: str
    recommendation_fit_label: str


class EscalationOut(Schema):
    id: int
    measure: str
    letter_number: str
    issued_on: date
    note: str


class FollowUpOut(Schema):
    """The PPK's clock for this person: running, met or missed; and BKN's follow-up."""

    label: str
    started_on: date | None
    due_on: date | None
    due_at: datetime | None
    running: bool
    overdue: bool
    late: bool
    escalations: list[EscalationOut]


class PersonStepOut(Schema):
    target: str
    label: str
    needs_reason: bool


class PersonOut(Schema):
    id: int
    name: str
    nip: str
    employment: str
    employment_label: str
    agency: str | None
    agency_name: str
    position: str
    state: str
    state_label: str
    finding: FindingOut
    recommendation: RecommendationOut | None
    sanction: DecisionOut | None
    follow_up: FollowUpOut | None
    recommendations: list[RecommendationOut]
    sanctions: list[DecisionOut]
    next_steps: list[PersonStepOut]
    # the kinds a recommendation or decision for this person may name (their rulebook version's,
    # for their employment), the rulebook's own for the rules found marked in the label
    allowed_kinds: list[KindOut]


def _lang() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def _kinds(record: RulebookSanction) -> list[KindOut]:
    table = sanctions.catalogue_for(record.rulebook_version).by_code
    lang = _lang()
    return [KindOut(code=c, label=table[c].label(lang) if c in table else c) for c in record.kinds]


def _rulebook(record: RulebookSanction) -> dict[str, Any]:
    return {
        "kinds": _kinds(record),
        "rulebook_version": record.rulebook_version,
        "rule_codes": record.rule_codes,
        "rulebook_fit": record.rulebook_fit,
        "rulebook_fit_label": str(record.get_rulebook_fit_display()),
        "rulebook_expected": record.expected_types,
    }


def recommendation_out(r: Recommendation) -> RecommendationOut:
    return RecommendationOut(
        id=r.pk, letter_number=r.letter_number, issued_on=r.issued_on, text=r.text, **_rulebook(r)
    )


def decision_out(s: Sanction) -> DecisionOut:
    return DecisionOut(
        id=s.pk,
        letter_number=s.decree_number,
        issued_on=s.decided_on,
        text="",
        note=s.note,
        recommendation_fit=s.recommendation_fit,
        recommendation_fit_label=str(s.get_recommendation_fit_display()),
        **_rulebook(s),
    )


def escalation_out(e: Escalation) -> EscalationOut:
    return EscalationOut(
        id=e.pk, measure=e.measure, letter_number=e.letter_number, issued_on=e.issued_on, note=e.note
    )


def follow_up_out(person: CaseReportedPerson, now: datetime) -> FollowUpOut | None:
    clocks: list[Clock] = [c for c in person.clocks.all() if c.name == "ppk_follow_up"]
    escalations = [escalation_out(e) for e in person.escalations.all()]
    if not clocks and not escalations:
        return None
    clock = clocks[-1] if clocks else None
    return FollowUpOut(
        label=clock.label if clock else "",
        started_on=clock.started_on if clock else None,
        due_on=clock.due_on if clock else None,
        due_at=clock.due_at if clock else None,
        running=bool(clock and clock.stopped_at is None),
        overdue=bool(clock and clock.stopped_at is None and clock.due_at <= now),
        late=bool(clock and (clock.stopped_at or now) > clock.due_at),
        escalations=escalations,
    )


def person_out(person: CaseReportedPerson, actor: User, now: datetime) -> PersonOut:
    recs = sorted(person.recommendations.all(), key=lambda r: (r.issued_on, r.pk))
    decided = sorted(person.sanctions.all(), key=lambda s: (s.decided_on, s.pk))
    steps = person_path.steps_from(person.state_enum, actor.role)
    return PersonOut(
        id=person.pk,
        name=person.name,
        nip=person.nip,
        employment=person.employment,
        employment_label=str(person.get_employment_display()),
        agency=person.agency.code if person.agency else None,
        agency_name=person.agency.name if person.agency else person.agency_name,
        position=person.position,
        state=person.state,
        state_label=person.state_label,
        finding=FindingOut(
            proven=person.proven, rules_found=person.rules_found, rulebook_version=person.rulebook_version
        ),
        recommendation=recommendation_out(recs[-1]) if recs else None,
        sanction=decision_out(decided[-1]) if decided else None,
        follow_up=follow_up_out(person, now),
        recommendations=[recommendation_out(r) for r in recs],
        sanctions=[decision_out(s) for s in decided],
        next_steps=[
            PersonStepOut(target=s.target.value, label=s.title, needs_reason=s.needs_reason) for s in steps
        ],
        allowed_kinds=[KindOut(code=code, label=label) for code, label in sanctions.choices(person, _lang())]
        if person.state_enum in ALLOWED_KINDS_STATES
        else [],
    )


# a recommendation or a decision is still to come for a person in these states
ALLOWED_KINDS_STATES = frozenset({person_path.PersonState.FORWARDED, *person_path.AWAITING_PPK})


# --- the follow-up list ---------------------------------------------------------------------


class FollowUpItem(Schema):
    case: int
    reference: str
    region: str
    person: PersonOut


# --- input ----------------------------------------------------------------------------------


class RecommendationIn(Schema):
    letter_number: Annotated[str, Field(min_length=1, max_length=120)]
    issued_on: date
    kinds: Annotated[list[KindCode], Field(max_length=20)] = []
    persons: Annotated[list[ID], Field(max_length=50)] | None = None
    text: Annotated[str, Field(max_length=20_000)] = ""


class SanctionIn(Schema):
    kinds: Annotated[list[KindCode], Field(min_length=1, max_length=20)]
    decree_number: Annotated[str, Field(min_length=1, max_length=120)]
    decided_on: date
    person_id: ID | None = None
    note: Annotated[str, Field(max_length=20_000)] = ""


class PersonReasonIn(Schema):
    person_id: ID | None = None
    reason: Annotated[str, Field(min_length=1, max_length=4000)]


class EscalationIn(Schema):
    person_id: ID | None = None
    measure: Annotated[str, Field(min_length=1, max_length=300)]
    letter_number: Annotated[str, Field(min_length=1, max_length=120)]
    issued_on: date
    note: Annotated[str, Field(max_length=20_000)] = ""


class PersonDetailsIn(Schema):
    employment: Annotated[str, Field(pattern=r"^(pns|pppk)$")]
    agency: Annotated[str, Field(max_length=60)] = ""
    position: Annotated[str, Field(max_length=200)] = ""
