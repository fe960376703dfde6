"""Telling the reporter (through intake's notices, read with the receipt) when a case opened from
their report moves: forwarded to BKN, stopped and why, and each civil servant's outcome. Registered
or not is told by intake's own ``record_registration``. Runs inside the case action's transaction.

Only public facts leave the case: each civil servant as "ASN n" (their order in the case) with
their agency and the state of their path; no names, no rule codes, no letters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import translation

from jaganetral.accounts.models import User
from jaganetral.cases.models import Case, CaseReportedPerson
from jaganetral.cases.workflow import StopReason, stop_label


def people_snapshot(case: Case) -> list[dict[str, Any]]:
    people = CaseReportedPerson.objects.filter(case=case).select_related("agency").order_by("id")
    return [
        {"n": i, "agency": p.agency.name if p.agency is not None else p.agency_name, "state": p.state}
        for i, p in enumerate(people, start=1)
    ]


def tell_reporter(
    case: Case, kind: str, *, actor: User | None, at: dt.datetime | None, reason: str = ""
) -> None:
    """Record a notice for the reporter of the case's report (cases from findings have none)."""
    report = case.report
    if report is None:
        return
    from jaganetral.intake.notices import record_notice

    if kind == "registered":
        reason = ""  # the reason is asked for refusals only
    if kind == "stopped" and case.stop_reason:
        with translation.override(settings.LANGUAGE_CODE):  # stored in the site's language
            why = stop_label(StopReason(case.stop_reason))
        reason = f"{why}. {reason}".strip() if reason else why
    record_notice(actor=actor, report=report, kind=kind, reason=reason, people=people_snapshot(case), at=at)
