"""Reads of cases, always scoped by the actor's role, region and agency: which cases a user sees
is declared once, in :mod:`jaganetral.cases.permissions`, and asked through the permission door
(:mod:`jaganetral.accounts.policy`).

Cases hold no reporter identity, so no role can read one here.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions
from jaganetral.cases.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    CaseReportedPerson,
    Clock,
    Escalation,
    Notification,
    Recommendation,
    Sanction,
)
from jaganetral.cases.person_path import AWAITING_PPK, PersonState
from jaganetral.intake.models import Report, ReportStatus
from jaganetral.intake.selectors import intake_queue


def cases_for(actor: User) -> QuerySet[Case]:
    """The cases the actor may see (the permission door's scope of :class:`Case`)."""
    return policy.visible(actor, Case)


def running_clocks() -> QuerySet[Clock]:
    return Clock.objects.filter(stopped_at__isnull=True)


def case_list(
    actor: User,
    *,
    state: str | None = None,
    region: str | None = None,
    election: str | None = None,
    overdue: bool | None = None,
    mine: bool = False,
) -> QuerySet[Case]:
    """The actor's cases with filters, nearest running deadline first."""
    qs = cases_for(actor).select_related("region", "election", "assignee")
    if state:
        qs = qs.filter(state=state)
    if region:
        qs = qs.filter(policy.region_q(region))
    if election:
        qs = qs.filter(election__code=election)
    if mine:
        qs = qs.filter(assignee=actor)
    late = running_clocks().filter(case=OuterRef("pk"), due_at__lte=timezone.now())
    if overdue is True:
        qs = qs.filter(Exists(late))
    elif overdue is False:
        qs = qs.exclude(Exists(late))
    qs = qs.annotate(next_due=Min("clocks__due_at", filter=Q(clocks__stopped_at__isnull=True)))
    # cases without a running clock last, on every database (SQLite puts NULL first by default)
    order = F("next_due").asc(nulls_last=True)
    return qs.order_by(order, "-created_at", "-id").prefetch_related("reported")


def case_for(actor: User, pk: int) -> Case:
    """One case, or 404 when it does not exist or lies outside the actor's scope."""
    case = cases_for(actor).select_related("region", "election", "assignee").filter(pk=pk).first()
    if case is None:
        raise Http404("kasus tidak ditemukan")
    return case


def case_detail(actor: User, pk: int) -> Case:
    case = case_for(actor, pk)
    return (
        Case.objects.filter(pk=case.pk)
        .select_related("region", "election", "assignee")
        .prefetch_related(
            Prefetch("reported", queryset=CaseReportedPerson.objects.select_related("agency").order_by("id")),
            Prefetch(
                "reported__recommendations", queryset=Recommendation.objects.order_by("issued_on", "id")
            ),
            Prefetch("reported__sanctions", queryset=Sanction.objects.order_by("decided_on", "id")),
            Prefetch("reported__clocks", queryset=Clock.objects.order_by("started_on", "id")),
            Prefetch("reported__escalations", queryset=Escalation.objects.order_by("issued_on", "id")),
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor").order_by("seq")),
            Prefetch("clocks", queryset=Clock.objects.order_by("started_on", "id")),
            "clarifications",
            "studies",
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("person")),
            Prefetch("sanctions", queryset=Sanction.objects.select_related("person")),
            "links_out__other",
            "links_in__case",
        )
        .get()
    )


def sees_all_attachments(actor: User) -> bool:
    """Supervisors and admins see every attachment; the authority and the agency only those the
    uploader marked as holding no reporter identity (``shareable``)."""
    return policy.can(actor, permissions.SEE_ALL_ATTACHMENTS)


def attachments_for(actor: User, case: Case) -> QuerySet[CaseAttachment]:
    """The attachments of a case the actor can see (nothing when the case is outside scope)."""
    qs = CaseAttachment.objects.filter(case__in=cases_for(actor).filter(pk=case.pk))
    if not sees_all_attachments(actor):
        qs = qs.filter(shareable=True)
    return qs.select_related("event", "clarification", "added_by").order_by("id")


def attachment_for(actor: User, case_pk: int, uid: UUID | str) -> CaseAttachment:
    """One attachment, or 404 when the case or the file lies outside the actor's scope."""
    case = case_for(actor, case_pk)
    attachment = attachments_for(actor, case).filter(uid=uid).first()
    if attachment is None:
        raise Http404("lampiran tidak ditemukan")
    return attachment


def assignable_users(actor: User, case: Case) -> list[User]:
    """Supervisors (and admins) who may take the case: their scope covers its region."""
    users = User.objects.filter(is_active=True, role__in=permissions.SUPERVISE.roles).order_by("username")
    return [u for u in users if policy.covers(u, case.region_id)]


def colleagues(actor: User) -> list[User]:
    """Supervisors (and admins) whose whole region scope lies inside the actor's: whom the actor may
    hand cases to from the case list."""
    users = User.objects.filter(is_active=True, role__in=permissions.SUPERVISE.roles).order_by("username")
    return [u for u in users if policy.covers_scope(actor, u)]


def notifications_for(actor: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's own notifications about cases (or reports not yet cases) they can still see:
    unread first, newest first."""
    seen = Q(case__in=cases_for(actor).values("pk")) | Q(
        case__isnull=True, report__in=policy.visible(actor, Report).values("pk")
    )
    qs = Notification.objects.filter(seen, user=actor)
    qs = qs.select_related("case", "clock", "report")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-id")


def notification_for(actor: User, pk: int) -> Notification:
    """One of the actor's own notifications, or 404 (someone else's, or its case out of scope)."""
    notification = notifications_for(actor).filter(pk=pk).first()
    if notification is None:
        raise Http404("pemberitahuan tidak ditemukan")
    return notification


def unread_count(actor: User) -> int:
    return notifications_for(actor, unread_only=True).count()


def unregistered_reports(actor: User) -> QuerySet[Report]:
    """Intake reports in the actor's scope that no case was opened for yet (intake's own scoping)."""
    return intake_queue(actor).filter(case__isnull=True).exclude(status=ReportStatus.NOT_REGISTERED)


def follow_ups(
    actor: User,
    *,
    state: str = "overdue",
    agency: str = "",
    election: str = "",
    region: str = "",
    now: datetime | None = None,
) -> QuerySet[CaseReportedPerson]:
    """The civil servants, in cases the actor sees, whose PPK has yet to decide: ``waiting`` all of
    them; ``overdue`` those whose PPK's clock has run out or whom BKN recorded as not acted on
    (and followed up); ``all`` every civil servant past Bawaslu's handling. An agency user sees
    its own staff only. Oldest recommendation first."""
    now = now or timezone.now()
    qs = CaseReportedPerson.objects.filter(case__in=cases_for(actor).values("pk"))
    if permissions.names_own_staff_only(actor):
        qs = qs.filter(agency_id=actor.agency_id or 0)
    if state == "all":
        qs = qs.exclude(state__in=(PersonState.UNDER_REVIEW, PersonState.NOT_PROVEN, PersonState.STOPPED))
    else:
        qs = qs.filter(state__in=[s.value for s in AWAITING_PPK])
        if state == "overdue":
            late = Clock.objects.filter(
                person=OuterRef("pk"), name="ppk_follow_up", stopped_at__isnull=True, due_at__lte=now
            )
            qs = qs.filter(Q(Exists(late)) | ~Q(state=PersonState.RECOMMENDED))
    if agency:
        qs = qs.filter(agency__code=agency)
    if election:
        qs = qs.filter(case__election__code=election)
    if region:
        qs = qs.filter(policy.region_q(region, "case__region"))
    return (
        qs.select_related("case", "case__region", "agency")
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("issued_on", "id")),
            Prefetch("sanctions", queryset=Sanction.objects.order_by("decided_on", "id")),
            Prefetch("clocks", queryset=Clock.objects.order_by("started_on", "id")),
            Prefetch("escalations", queryset=Escalation.objects.order_by("issued_on", "id")),
        )
        .order_by("state_changed_at", "id")
    )
