"""Periodic job: mark overdue legal clocks and notify once.

Each due clock is claimed with a compare-and-swap ``UPDATE ... WHERE overdue_marked_at IS NULL``;
only the process whose update changed the row writes the notifications, so two ``jaganetral tick``
runs at the same time never notify twice (and the (clock, user) unique constraint backs this up).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.cases.actions import append_event, notify
from jaganetral.cases.models import Case, Clock, NotificationKind
from jaganetral.core import audit
from jaganetral.core.tick import register

log = logging.getLogger(__name__)
AUTHORITY_CLOCKS = ("authority_response", "ppk_follow_up")


def _recipients(clock: Clock) -> list[User]:
    case = clock.case
    users: dict[int, User] = {}
    if case.assignee is not None and case.assignee.is_active:
        users[case.assignee.pk] = case.assignee
    else:
        supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True).select_related("region_scope")
        local = [u for u in supervisors if u.scope and policy.covers(u, case.region_id)]
        fallback = [u for u in supervisors if not u.scope]
        for u in local or fallback:
            users[u.pk] = u
    if clock.name in AUTHORITY_CLOCKS:
        for u in User.objects.filter(role=Role.AUTHORITY, is_active=True):
            users[u.pk] = u
    if clock.name == "ppk_follow_up":
        # the PPK's clock runs per civil servant: their own agency hears of it, not the others'
        people = case.reported.filter(pk=clock.person_id) if clock.person_id else case.reported.all()
        agencies = set(people.exclude(agency=None).values_list("agency_id", flat=True))
        for u in User.objects.filter(role=Role.AGENCY, is_active=True, agency_id__in=agencies):
            users[u.pk] = u
    return list(users.values())


def _person_data(clock: Clock) -> dict[str, Any]:
    """The civil servant a personnel clock runs for, on the overdue event (case clocks: none)."""
    return {"person": clock.person_id} if clock.person_id else {}


def _claim_and_notify(pk: int, now: datetime) -> int:
    with transaction.atomic():
        won = Clock.objects.filter(pk=pk, overdue_marked_at__isnull=True, stopped_at__isnull=True).update(
            overdue_marked_at=now
        )
        if not won:
            return 0
        clock = Clock.objects.select_related("case", "case__assignee", "person").get(pk=pk)
        case = Case.objects.select_for_update().get(pk=clock.case_id)
        whose = f" ({clock.person.name})" if clock.person is not None else ""
        text = (
            f"Batas waktu “{clock.label}” kasus {case.reference}{whose} lewat pada {clock.due_on:%d-%m-%Y}."
        )
        # the job run for a moment long past (the demo's 2020 deadlines) marks, but tells no one
        notify.notify(
            _recipients(clock), kind=NotificationKind.OVERDUE, text=text, case=case, clock=clock, at=now
        )
        Clock.objects.filter(pk=pk).update(notified_at=now)
        append_event(
            case,
            "clock_overdue",
            actor=None,
            at=min(now, timezone.now()),
            clock=clock.name,
            due_on=clock.due_on.isoformat(),
            **_person_data(clock),
        )
        audit.record("cases.clock_overdue", actor=None, obj=case, clock=clock.name)
    return 1


def mark_overdue_clocks(now: datetime, *, case_ids: Collection[int] | None = None) -> int:
    """Mark the clocks due by ``now`` (of the given cases only, if ``case_ids``) and notify once."""
    qs = Clock.objects.filter(due_at__lte=now, stopped_at__isnull=True, overdue_marked_at__isnull=True)
    if case_ids is not None:
        qs = qs.filter(case_id__in=case_ids)
    due = list(qs.order_by("due_at").values_list("pk", flat=True)[:1000])
    return sum(_claim_and_notify(pk, now) for pk in due)


register("cases.overdue_clocks")(mark_overdue_clocks)


register("cases.notification_digest")(notify.send_digests)
