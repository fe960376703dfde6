"""Every write of the case register (see :mod:`.core` and :mod:`.records`)."""

from jaganetral.cases.actions.attachments import (
    add_attachments,
    record_attachment_download,
    record_clarification_with_files,
)
from jaganetral.cases.actions.core import BULK_MAX, PersonInput, append_event, book
from jaganetral.cases.actions.formal import formal_problems
from jaganetral.cases.actions.opening import (
    CapturedPost,
    FindingInput,
    convert_to_initial_information,
    open_case_from_screening,
    record_finding,
    register_case_from_report,
)
from jaganetral.cases.actions.persons import (
    close_person,
    follow_people,
    record_escalation,
    record_ppk_no_action,
    record_recommendation,
    record_sanction,
    update_person_details,
)
from jaganetral.cases.actions.records import (
    PARTY_ROLES,
    PartyInput,
    mark_notification_read,
    mark_notifications_read,
    record_clarification,
    record_download,
    record_study,
)
from jaganetral.cases.actions.steps import (
    _EDITABLE,
    BulkResult,
    assign,
    extend_handling,
    link_cases,
    set_allegation,
    transition,
    transition_many,
)
from jaganetral.cases.errors import CaseError, Forbidden

__all__ = [
    "BULK_MAX",
    "PARTY_ROLES",
    "_EDITABLE",
    "BulkResult",
    "CapturedPost",
    "CaseError",
    "FindingInput",
    "Forbidden",
    "PartyInput",
    "PersonInput",
    "add_attachments",
    "append_event",
    "assign",
    "book",
    "close_person",
    "convert_to_initial_information",
    "extend_handling",
    "follow_people",
    "formal_problems",
    "link_cases",
    "mark_notification_read",
    "mark_notifications_read",
    "open_case_from_screening",
    "record_attachment_download",
    "record_clarification",
    "record_clarification_with_files",
    "record_download",
    "record_escalation",
    "record_finding",
    "record_ppk_no_action",
    "record_recommendation",
    "record_sanction",
    "record_study",
    "register_case_from_report",
    "set_allegation",
    "transition",
    "transition_many",
    "update_person_details",
]
