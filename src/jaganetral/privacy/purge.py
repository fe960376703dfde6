"""The retention schedule (:mod:`jaganetral.privacy.retention`) applied to the database.

For each kind of record: which rows are due (and when the next ones will be), and what to do with
a due row. Rows that carry a timeline are changed by their own app's action, which writes the
timeline event and the audit row (``intake.erasure``, ``screening.actions.erasure``); leaf rows
without a history (read notifications, finished task records, decided requests) are deleted here
in bulk, and one ``privacy.purge`` audit row says how many of each. Every step is safe to run twice
and on several machines at once: an item is re-checked under its row lock before it is changed, so
a second run finds nothing left to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import DateTimeField, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases.models import Case, Notification
from jaganetral.cases.workflow import State
from jaganetral.core import audit
from jaganetral.core.tick import claim_period
from jaganetral.intake import erasure as intake_erasure
from jaganetral.intake.models import Report, ReportStatus
from jaganetral.privacy.models import DataRequest, RequestStatus
from jaganetral.privacy.retention import Rule, schedule
from jaganetral.screening.actions import erasure as screening_erasure
from jaganetral.screening.models import AsnPerson, FindingStatus, Post

log = logging.getLogger(__name__)
BATCH = 500  # items per kind per run; the next run goes on


@dataclass
class Due:
    """One thing due (``obj``), or a number of rows of one kind (``count``, ``obj`` None)."""

    kind: str
    ref: str
    due_at: datetime | None
    obj: Any = None
    count: int = 1


def _visible(user: User | None, model: Any) -> QuerySet[Any]:
    return model._default_manager.all() if user is None else policy.visible(user, model)


def _decided(qs: QuerySet[Report]) -> QuerySet[Report]:
    decided = Max("events__at", filter=Q(events__kind="not_registered"))
    return qs.annotate(since=Coalesce(decided, "updated_at", output_field=DateTimeField()))


def _closed(qs: QuerySet[Any], prefix: str) -> QuerySet[Any]:
    closed = Max(f"{prefix}events__at", filter=Q(**{f"{prefix}events__to_state": State.CLOSED.value}))
    return qs.annotate(since=Coalesce(closed, f"{prefix}updated_at", output_field=DateTimeField()))


def _has_identity() -> Q:
    return ~Q(identity_sealed="", witnesses_sealed="", notify_email_sealed="")


# --- which rows ------------------------------------------------------------------------------


def _identity_not_registered(user: User | None) -> QuerySet[Report]:
    qs = _visible(user, Report).filter(_has_identity(), status=ReportStatus.NOT_REGISTERED)
    return _decided(qs)


def _identity_closed_case(user: User | None) -> QuerySet[Report]:
    qs = _visible(user, Report).filter(_has_identity(), case__state=State.CLOSED.value)
    return _closed(qs, "case__")


def _report_not_registered(user: User | None) -> QuerySet[Report]:
    qs = (
        _visible(user, Report)
        .filter(status=ReportStatus.NOT_REGISTERED)
        .exclude(events__kind="content_erased")
    )
    return _decided(qs)


def _report_undecided(user: User | None) -> QuerySet[Report]:
    waiting = (ReportStatus.RECEIVED, ReportStatus.AWAITING_REPORTER)
    return (
        _visible(user, Report).filter(status__in=waiting, case__isnull=True).annotate(since=F("submitted_at"))
    )


def _case_file(user: User | None) -> QuerySet[Case]:
    return _closed(_visible(user, Case).filter(state=State.CLOSED.value), "")


def _asn_inactive(user: User | None) -> QuerySet[AsnPerson]:
    screened = Post.objects.filter(account__person__isnull=False).values("account__person")
    return _visible(user, AsnPerson).exclude(pk__in=screened).annotate(since=F("created_at"))


PER_ITEM: dict[str, Callable[[User | None], QuerySet[Any]]] = {
    "reporter_identity_not_registered": _identity_not_registered,
    "reporter_identity_closed_case": _identity_closed_case,
    "report_not_registered": _report_not_registered,
    "report_undecided": _report_undecided,
    "case_file": _case_file,
    "asn_registry_inactive": _asn_inactive,
}


def _bulk(kind: str, cut: datetime) -> QuerySet[Any]:
    if kind == "screening_post":
        return Post.objects.filter(imported_at__lte=cut).exclude(findings__status=FindingStatus.CONFIRMED)
    if kind == "notifications_read":
        return Notification.objects.filter(read_at__lte=cut)
    if kind == "task_results":
        finished = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
        return DBTaskResult.objects.filter(status__in=finished, finished_at__lte=cut)
    if kind == "data_requests":
        return DataRequest.objects.exclude(status=RequestStatus.OPEN).filter(decided_at__lte=cut)
    if kind == "sessions":
        return Session.objects.filter(expire_date__lte=cut)
    raise KeyError(kind)


BULK = ("screening_post", "notifications_read", "task_results", "data_requests", "sessions")


def ref_of(obj: Any) -> str:
    if isinstance(obj, Report | Case):
        return obj.reference
    if isinstance(obj, AsnPerson):
        return f"ASN #{obj.pk} (NIP …{obj.nip[-4:]})"
    return str(obj)


# --- what is due ---------------------------------------------------------------------------


@dataclass
class KindPreview:
    rule: Rule
    due_now: int = 0
    upcoming: list[Due] = field(default_factory=list)  # due within the horizon (first ones)
    upcoming_count: int = 0


def preview(user: User | None, now: datetime, *, horizon_days: int = 30, show: int = 50) -> list[KindPreview]:
    """For the admin page: per kind, how many rows are due now and which come due next."""
    out: list[KindPreview] = []
    horizon = now + timedelta(days=horizon_days)
    for name, r in schedule().kinds.items():
        item = KindPreview(rule=r)
        if name in PER_ITEM and r.action not in ("keep", "operator"):
            qs = PER_ITEM[name](user)
            delta = timedelta(days=r.days)
            item.due_now = qs.filter(since__lte=now - delta).count()
            soon = qs.filter(since__lte=horizon - delta).order_by("since", "pk")
            item.upcoming_count = soon.count()
            item.upcoming = [Due(name, ref_of(o), o.since + delta, o) for o in soon[:show]]
        elif name in BULK:
            item.due_now = _bulk(name, now - timedelta(days=r.days)).count()
            item.upcoming_count = _bulk(name, horizon - timedelta(days=r.days)).count()
            if item.upcoming_count:
                item.upcoming = [Due(name, "", None, None, item.upcoming_count)]
        out.append(item)
    return out


# --- doing it -------------------------------------------------------------------------------


def _reason(r: Rule) -> str:
    return f"retensi:{r.kind}:{r.days}"


def _apply(name: str, obj: Any, r: Rule) -> bool:
    if name in ("reporter_identity_not_registered", "reporter_identity_closed_case"):
        return intake_erasure.erase_identity(actor=None, report=obj, reason=_reason(r))
    if name == "report_not_registered":
        return intake_erasure.erase_content(actor=None, report=obj, reason=_reason(r))
    if name == "asn_registry_inactive":
        return screening_erasure.erase_person(actor=None, person=obj, reason=_reason(r))
    raise KeyError(name)


def _due_items(name: str, r: Rule, now: datetime) -> Iterable[Any]:
    return (
        PER_ITEM[name](None).filter(since__lte=now - timedelta(days=r.days)).order_by("since", "pk")[:BATCH]
    )


def run(now: datetime) -> dict[str, int]:
    """Apply every rule that deletes or anonymises; return how many rows of each kind changed."""
    done: dict[str, int] = {}
    for name, r in schedule().kinds.items():
        if not r.acts:
            continue
        count = 0
        if name in PER_ITEM:
            for obj in list(_due_items(name, r, now)):
                try:
                    count += bool(_apply(name, obj, r))
                except Exception:  # one item that cannot be changed must not stop the others
                    log.exception("retention %s: %s was not changed", name, ref_of(obj))
        else:
            with transaction.atomic():
                ids = list(
                    _bulk(name, now - timedelta(days=r.days)).values_list("pk", flat=True)[: BATCH * 10]
                )
                count = _bulk(name, now - timedelta(days=r.days)).filter(pk__in=ids).delete()[0] if ids else 0
        if count:
            done[name] = count
    if done:
        audit.record("privacy.purge", actor=None, obj=None, version=schedule().version, **done)
    return done


def run_hourly(now: datetime) -> int:
    """The tick job: once per hour across every machine (each step is safe to repeat anyway)."""
    with transaction.atomic():
        if not claim_period("privacy.purge", now.strftime("%Y-%m-%dT%H")):
            return 0
    return sum(run(now).values())
