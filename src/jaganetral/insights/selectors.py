"""Scoped reads behind every figure: the cases and the people a user may count, with the shared
filters applied. ``user=None`` is the public, which counts every case (and is only ever shown
suppressed, :mod:`jaganetral.insights.public`). A staff user counts exactly what the case register
shows them (the permission door's scope of :class:`~jaganetral.cases.models.Case`); an agency user
counts only its own civil servants."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions as case_permissions
from jaganetral.cases.models import Case, CaseReportedPerson, Clock
from jaganetral.cases.selectors import cases_for
from jaganetral.insights import permissions
from jaganetral.insights.filters import Filters


def allowed(user: object) -> bool:
    """May this (signed-in) user see staff statistics at all?"""
    return policy.can(user, permissions.VIEW)


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def cases(user: User | None, f: Filters) -> QuerySet[Case]:
    """The cases counted for ``user`` (None: the public) under the filters ``f``; the date filters
    apply to the day the case was received (local time)."""
    if user is None:
        qs = Case.objects.all()
    elif not allowed(user):
        return Case.objects.none()
    else:
        qs = cases_for(user)
    if f.region:
        qs = qs.filter(policy.region_q(f.region))
    if f.election:
        qs = qs.filter(election__code=f.election)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.date_from:
        qs = qs.filter(created_at__gte=_start(f.date_from))
    if f.date_to:
        qs = qs.filter(created_at__lt=_start(f.date_to + dt.timedelta(days=1)))
    return qs


def people(user: User | None, f: Filters) -> QuerySet[CaseReportedPerson]:
    """The civil servants named by those cases (an agency user: its own staff only)."""
    # every case (the public, an administrator): no need to ask which
    everything = user is None or permissions.counts_everything(user)
    if everything and not f.as_params():
        qs = CaseReportedPerson.objects.all()
    else:
        qs = CaseReportedPerson.objects.filter(case__in=cases(user, f).values("pk"))
    if user is not None and case_permissions.names_own_staff_only(user):
        qs = qs.filter(agency_id=user.agency_id or 0)
    return qs


def clocks(user: User | None, f: Filters) -> QuerySet[Clock]:
    """The legal clocks of the cases counted (every clock: no need to ask which cases)."""
    if (user is None or permissions.counts_everything(user)) and not f.as_params():
        return Clock.objects.all()
    return Clock.objects.filter(case__in=cases(user, f).values("pk"))
