"""Reads of data-subject requests, scoped through the permission door."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.intake.models import Report
from jaganetral.privacy.models import DataRequest


def requests_for_staff(actor: User, *, status: str | None = None) -> QuerySet[DataRequest]:
    qs = policy.visible(actor, DataRequest).select_related("report", "person", "decided_by", "recorded_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "due_at", "id")


def request_for_staff(actor: User, pk: int) -> DataRequest:
    """One request, or 404 when it does not exist or lies outside the actor's scope."""
    return policy.get_visible(actor, DataRequest, pk=pk)


def requests_of_report(report: Report) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(report=report).order_by("-received_at", "-id")
