"""API schemas for cases and the functions that fill them (no reporter identity anywhere)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import needtoknow, permissions, workflow
from jaganetral.cases.models import Case, CaseAttachment, Notification
from jaganetral.cases.person_schemas import (
    DecisionOut,
    PersonOut,
    RecommendationOut,
    decision_out,
    person_out,
    recommendation_out,
)

ID = Annotated[int, Field(ge=1, le=2**62)]
Short = Annotated[str, Field(max_length=300)]
Long = Annotated[str, Field(max_length=20_000)]
Code = Annotated[str, Field(max_length=20)]


class ClockOut(Schema):
    name: str
    label: str
    started_on: date
    days: int
    working: bool
    due_on: date
    due_at: datetime
    extended: bool
    running: bool
    overdue: bool
    stopped_at: datetime | None = None
    late: bool = False  # ran past its due time (running and overdue, or stopped after it was due)


class EventOut(Schema):
    seq: int
    at: datetime
    actor: str | None
    kind: str
    from_state: str
    to_state: str
    reason: str
    data: dict[str, Any]
    hash: str


class AttachmentOut(Schema):
    uid: str
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    clean_sha256: str
    event_seq: int
    clarification: int | None
    shareable: bool
    added_by: str
    added_at: datetime
    download: str


def attachment_out(a: CaseAttachment) -> AttachmentOut:
    return AttachmentOut(
        uid=str(a.uid),
        name=a.name,
        kind=a.kind,
        content_type=a.content_type,
        size=a.size,
        sha256=a.sha256,
        clean_sha256=a.clean_sha256,
        event_seq=a.event.seq,
        clarification=a.clarification_id,
        shareable=a.shareable,
        added_by=a.added_by.username,
        added_at=a.added_at,
        download=f"/api/v1/cases/{a.case_id}/attachments/{a.uid}",
    )


def _event_data(kind: str, data: dict[str, Any], actor: User) -> dict[str, Any]:
    """Names of attachments not marked shareable may name people (the reporter, in a berita acara
    of the reporter's clarification): only supervisors and admins see them on the timeline."""
    if (
        kind != "attachments_added"
        or data.get("shareable")
        or policy.can(actor, permissions.SEE_ALL_ATTACHMENTS)
    ):
        return data
    return {**data, "files": [{**f, "name": _("(dirahasiakan)")} for f in data.get("files", [])]}


class StepOut(Schema):
    target: str
    label: str
    needs_reason: bool
    stop_reasons: list[str]


class CaseItem(Schema):
    id: int
    reference: str
    number: str
    source: str
    state: str
    state_label: str
    stop_reason: str
    region: str
    election: str
    assignee: str | None
    alleged_rules: list[str]
    rulebook_version: str
    reported: list[str]
    next_due: datetime | None
    created_at: datetime


class CaseDetail(CaseItem):
    summary: str
    place: str
    event_date: date | None
    known_date: date | None
    on_time: bool
    lhp_number: str
    report: str | None
    persons: list[PersonOut]
    clocks: list[ClockOut]
    timeline: list[EventOut]
    next_steps: list[StepOut]
    clarifications: list[dict[str, Any]]
    studies: list[dict[str, Any]]
    recommendations: list[RecommendationOut]
    sanctions: list[DecisionOut]
    links: list[dict[str, Any]]
    attachments: list[AttachmentOut] = []


def _item(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "reference": case.reference,
        "number": case.number,
        "source": case.source,
        "state": case.state,
        "state_label": workflow.state_label(case.state_enum),
        "stop_reason": case.stop_reason,
        "region": case.region_id,
        "election": case.election.code,
        "assignee": case.assignee.username if case.assignee else None,
        "alleged_rules": case.alleged_rules,
        "rulebook_version": case.rulebook_version,
        "reported": [p.name for p in case.reported.all()],
        "next_due": getattr(case, "next_due", None),
        "created_at": case.created_at,
    }


def case_item(case: Case) -> CaseItem:
    return CaseItem(**_item(case))


def next_steps(case: Case, actor: User) -> list[StepOut]:
    return [
        StepOut(
            target=t.target.value,
            label=t.title,
            needs_reason=t.needs_reason,
            stop_reasons=sorted(r.value for r in t.stop_reasons),
        )
        for t in permissions.steps_for(actor, case.state_enum)
    ]


def case_detail(
    case: Case, actor: User, now: datetime, attachments: list[CaseAttachment] | None = None
) -> CaseDetail:
    """``attachments``: those the actor may see (``selectors.attachments_for``)."""
    data = _item(case)
    red = needtoknow.redactor(actor, case)
    running = [c.due_at for c in case.clocks.all() if c.stopped_at is None]
    data["next_due"] = min(running) if running else None
    return CaseDetail(
        **data,
        summary=red.text(case.summary),
        place=case.place,
        event_date=case.event_date,
        known_date=case.known_date,
        on_time=case.on_time,
        lhp_number=case.lhp_number,
        report=case.report.reference if case.report_id and case.report else None,
        persons=[person_out(p, actor, now) for p in case.reported.all()],
        clocks=[
            ClockOut(
                name=c.name,
                label=c.label,
                started_on=c.started_on,
                days=c.days,
                working=c.working,
                due_on=c.due_on,
                due_at=c.due_at,
                extended=c.extended,
                running=c.stopped_at is None,
                overdue=c.stopped_at is None and c.due_at <= now,
                stopped_at=c.stopped_at,
                late=(c.stopped_at or now) > c.due_at,
            )
            for c in case.clocks.all()
        ],
        timeline=[
            EventOut(
                seq=e.seq,
                at=e.at,
                actor=e.actor.username if e.actor else None,
                kind=e.kind,
                from_state=e.from_state,
                to_state=e.to_state,
                reason=red.text(e.reason),
                data=needtoknow.event_data(red, e.kind, _event_data(e.kind, e.data, actor)),
                hash=e.hash,
            )
            for e in case.events.all()
        ],
        next_steps=next_steps(case, actor),
        clarifications=[
            {
                "id": c.pk,
                "held_on": c.held_on.isoformat(),
                "place": c.place,
                "parties": red.parties(c.parties),
                "oath_offered": c.oath_offered,
                "oath_taken": c.oath_taken,
                "statement": red.text(c.statement),
            }
            for c in case.clarifications.all()
        ],
        studies=[
            {
                "id": s.pk,
                "conclusion": red.text(s.conclusion),
                "rules_found": s.rules_found,
                "violation": s.violation,
            }
            for s in case.studies.all()
        ],
        recommendations=[recommendation_out(r) for r in case.recommendations.all()],
        sanctions=[decision_out(x) for x in case.sanctions.all()],
        links=[{"case": link.other_id, "kind": link.kind} for link in case.links_out.all()]
        + [{"case": link.case_id, "kind": link.kind} for link in case.links_in.all()],
        attachments=[attachment_out(a) for a in attachments or []],
    )


# --- input ----------------------------------------------------------------------------------


class PersonIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    nip: Annotated[str, Field(max_length=18)] = ""
    agency: Annotated[str, Field(max_length=60)] = ""
    agency_name: Annotated[str, Field(max_length=200)] = ""
    position: Annotated[str, Field(max_length=200)] = ""
    employment: Literal["pns", "pppk"] = "pns"


class RegisterIn(Schema):
    report_id: ID
    election: Annotated[str, Field(max_length=60)] = ""
    rules: Annotated[list[Code], Field(max_length=30)] = []


class FindingIn(Schema):
    election: Annotated[str, Field(max_length=60)]
    region: Annotated[str, Field(max_length=13)]
    summary: Long
    persons: Annotated[list[PersonIn], Field(min_length=1, max_length=50)]
    place: Short = ""
    event_date: date | None = None
    known_date: date | None = None
    lhp_number: Annotated[str, Field(max_length=80)] = ""
    rules: Annotated[list[Code], Field(max_length=30)] = []


class AllegationIn(Schema):
    rules: Annotated[list[Code], Field(max_length=30)]
    add_persons: Annotated[list[PersonIn], Field(max_length=50)] = []


class TransitionIn(Schema):
    target: Annotated[str, Field(max_length=30)]
    reason: Annotated[str, Field(max_length=4000)] = ""
    stop_reason: Annotated[str, Field(max_length=30)] = ""


class ReasonIn(Schema):
    reason: Annotated[str, Field(max_length=4000)]


class AssignIn(Schema):
    case_ids: Annotated[list[ID], Field(min_length=1, max_length=200)]
    user_id: ID | None = None


class LinkIn(Schema):
    other_id: ID
    kind: Literal["duplicate", "related"]  # LinkKind; checked before the other case is looked up


class PartyIn(Schema):
    role: Annotated[str, Field(max_length=20)]
    name: Annotated[str, Field(max_length=200)] = ""
    attended: bool


class ClarificationIn(Schema):
    held_on: date
    place: Short
    parties: Annotated[list[PartyIn], Field(min_length=1, max_length=50)]
    oath_offered: bool = False
    oath_taken: bool = False
    statement: Long = ""
    started_at: time | None = None
    clerk: Annotated[str, Field(max_length=120)] = ""


class StudyIn(Schema):
    conclusion: Long
    rules_found: Annotated[list[Code], Field(max_length=30)] = []
    violation: bool
    # the civil servants found to have broken the rules (default: all of them when ``violation``)
    proven: Annotated[list[ID], Field(max_length=50)] | None = None


class InvitationIn(Schema):
    """An invitation to a clarification (the party may decline: attendance cannot be compelled)."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    role: Literal["terlapor", "saksi", "ahli"]
    day: date
    time: time
    place: Annotated[str, Field(min_length=1, max_length=300)]


class DoneOut(Schema):
    detail: str
    id: int | None = None
    warning: str = ""


class BulkTransitionIn(Schema):
    case_ids: Annotated[list[ID], Field(min_length=1, max_length=200)]
    target: Annotated[str, Field(max_length=30)]
    reason: Annotated[str, Field(max_length=4000)] = ""


class BulkOut(Schema):
    moved: list[int]
    refused: dict[str, str]


# --- notifications --------------------------------------------------------------------------


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    case_id: int | None
    case_reference: str | None
    case_number: str | None
    report_reference: str | None
    text: str
    clock: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class NotificationsReadOut(Schema):
    detail: str
    marked: int


def notification_out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        kind=n.kind,
        kind_label=str(n.get_kind_display()),
        case_id=n.case_id,
        case_reference=n.case.reference if n.case else None,
        case_number=n.case.number if n.case else None,
        report_reference=n.report.reference if n.report else None,
        text=n.text,
        clock=n.clock.name if n.clock_id and n.clock else None,
        created_at=n.created_at,
        read_at=n.read_at,
    )
