"""The case register's tables (see :mod:`.case`, :mod:`.records`, :mod:`.ledger`).

A case never holds the reporter's identity: it links to the intake report, whose identity stays
sealed there.
"""

from jaganetral.cases.models.case import (
    EVENT_LABELS,
    PERSON_STATE_CHOICES,
    STATE_CHOICES,
    STOP_CHOICES,
    AppendOnlyError,
    Case,
    CaseEvent,
    CaseLink,
    CaseReportedPerson,
    Clock,
    Employment,
    LinkKind,
    Notification,
    NotificationKind,
    RegistrationCounter,
    Source,
)
from jaganetral.cases.models.ledger import AnchorHead, CaseAnchor
from jaganetral.cases.models.letters import Letter, LetterCounter, LetterKind
from jaganetral.cases.models.records import (
    CaseAttachment,
    Clarification,
    Escalation,
    Recommendation,
    RecommendationFit,
    RulebookFit,
    RulebookSanction,
    Sanction,
    Study,
)

__all__ = [
    "EVENT_LABELS",
    "PERSON_STATE_CHOICES",
    "STATE_CHOICES",
    "STOP_CHOICES",
    "AnchorHead",
    "AppendOnlyError",
    "Case",
    "CaseAnchor",
    "CaseAttachment",
    "CaseEvent",
    "CaseLink",
    "CaseReportedPerson",
    "Clarification",
    "Clock",
    "Employment",
    "Escalation",
    "Letter",
    "LetterCounter",
    "LetterKind",
    "LinkKind",
    "Notification",
    "NotificationKind",
    "Recommendation",
    "RecommendationFit",
    "RegistrationCounter",
    "RulebookFit",
    "RulebookSanction",
    "Sanction",
    "Source",
    "Study",
]
