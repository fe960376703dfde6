"""The case register's lines on the staff home (:mod:`jaganetral.accounts.home`): cases and reports
waiting for me, overdue cases in my scope, and civil servants waiting on BKN or their PPK after I
forwarded them. Every read goes through the scoped selectors."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from jaganetral.accounts import home, policy
from jaganetral.accounts.models import User
from jaganetral.cases import clocknames, permissions, selectors, workflow
from jaganetral.cases.models import Case, CaseReportedPerson, Clock
from jaganetral.cases.person_path import AWAITING_PPK, PersonState

OPEN_STATES = [s.value for s in workflow.State if s not in workflow.TERMINAL]


def _case_item(section: home.Section, case: Case, clock: Clock | None, what: str) -> home.Item:
    return home.Item(
        section=section,
        title=case.reference,
        url=reverse("cases:detail", args=[case.pk]),
        what=what,
        due=clock.due_at if clock else None,
        due_label=clocknames.label(clock.label) if clock else "",
        since=case.created_at,
    )


def _first_running(clocks: list[Clock]) -> Clock | None:
    running = [c for c in clocks if c.stopped_at is None]
    return min(running, key=lambda c: c.due_at) if running else None


def _case_what(user: User, case: Case) -> str:
    state = workflow.state_label(case.state_enum)
    steps = permissions.steps_for(user, case.state_enum)
    if not steps:
        return state
    return _("%(state)s — berikutnya: %(steps)s") % {
        "state": state,
        "steps": ", ".join(t.title for t in steps),
    }


def _person_item(section: home.Section, person: CaseReportedPerson, what: str) -> home.Item:
    clock = _first_running(list(person.clocks.all()))
    return home.Item(
        section=section,
        title=f"{person.case.reference}: {person.name}",
        url=reverse("cases:detail", args=[person.case_id]),
        what=what,
        due=clock.due_at if clock else None,
        due_label=clocknames.label(clock.label) if clock else "",
        since=person.state_changed_at or person.case.created_at,
    )


def _persons(user: User, states: list[str]) -> list[CaseReportedPerson]:
    qs = CaseReportedPerson.objects.filter(case__in=selectors.cases_for(user).values("pk"), state__in=states)
    if permissions.names_own_staff_only(user):
        qs = qs.filter(agency_id=user.agency_id or 0)
    return list(
        qs.select_related("case")
        .prefetch_related("clocks")
        .order_by("state_changed_at", "id")[: home.LIMIT * 2]
    )


FORWARDED = [PersonState.FORWARDED.value]
PPK = [s.value for s in AWAITING_PPK]


@home.provider("cases")
def items(user: User, now: dt.datetime) -> list[home.Item]:
    if not policy.can(user, permissions.VIEW):
        return []
    out: list[home.Item] = []
    visible = selectors.cases_for(user).prefetch_related("clocks")
    supervises = policy.can(user, permissions.SUPERVISE)
    if supervises:
        mine = visible.filter(assignee=user, state__in=OPEN_STATES).order_by("-created_at")[: home.LIMIT * 2]
        for case in mine:
            clock = _first_running([c for c in case.clocks.all() if c.person_id is None])
            if case.state_enum in (workflow.State.FORWARDED, workflow.State.RECOMMENDATION_RECEIVED):
                continue  # waiting on others: listed under "asked"
            out.append(_case_item(home.Section.WAITING, case, clock, _case_what(user, case)))
        for report in selectors.unregistered_reports(user)[: home.LIMIT]:
            out.append(
                home.Item(
                    section=home.Section.WAITING,
                    title=report.reference,
                    url=reverse("intake_staff:detail", args=[report.pk]),
                    what=_("Laporan baru: kaji dan buka sebagai kasus"),
                    since=report.submitted_at,
                )
            )
    # BKN's and the PPK's own work
    if policy.can(user, permissions.RECOMMEND) and not supervises:
        for person in _persons(user, FORWARDED):
            out.append(_person_item(home.Section.WAITING, person, _("Menunggu rekomendasi BKN")))
    if policy.can(user, permissions.SANCTION) and not supervises:
        section = home.Section.WAITING if permissions.names_own_staff_only(user) else home.Section.ASKED
        for person in _persons(user, PPK):
            out.append(_person_item(section, person, _("Menunggu keputusan PPK")))
    # overdue in my scope: any running clock past its deadline
    late = selectors.case_list(user, overdue=True)[: home.LIMIT * 2]
    for case in late:
        clock = _first_running([c for c in case.clocks.all() if c.due_at <= now])
        out.append(_case_item(home.Section.OVERDUE, case, clock, _case_what(user, case)))
    # what I forwarded and have not heard back on
    if supervises:
        asked = selectors.cases_for(user).filter(forwarded_at__isnull=False)
        if permissions.works_own_cases(user):
            asked = asked.filter(assignee=user)
        asked_ids = set(asked.values_list("pk", flat=True))
        for person in _persons(user, FORWARDED + PPK):
            if person.case_id not in asked_ids:
                continue
            what = _("Menunggu rekomendasi BKN") if person.state in FORWARDED else _("Menunggu keputusan PPK")
            out.append(_person_item(home.Section.ASKED, person, what))
    return out
