"""What the case page shows for each civil servant the case names: their path, the records of it,
their PPK's clock, and the forms of the steps this user may take for them now (from the person
path's table, ``cases/person_path.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from jaganetral.accounts.models import User
from jaganetral.cases import forms, permissions, person_path, sanctions
from jaganetral.cases.models import Case, CaseReportedPerson, Clock
from jaganetral.cases.person_path import PersonState


def _lang() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


@dataclass
class PersonPanel:
    person: CaseReportedPerson
    clock: Clock | None
    overdue: bool
    expected: list[str]
    steps: list[person_path.Step]
    forms: dict[str, Any] = field(default_factory=dict)


def person_panels(user: User, case: Case, now: dt.datetime, bound: dict[str, Any]) -> list[PersonPanel]:
    out = []
    for person in case.reported.all():
        clocks = [c for c in person.clocks.all() if c.name == "ppk_follow_up"]
        clock = clocks[-1] if clocks else None
        mine = permissions.sanctions_for_person(user, person)
        steps = person_path.steps_from(person.state_enum, user.role) if mine else []
        targets = {s.target for s in steps}
        panel = PersonPanel(
            person=person,
            clock=clock,
            overdue=bool(clock and clock.stopped_at is None and clock.due_at <= now),
            expected=sanctions.expected_labels(person) if person.proven else [],
            steps=steps,
        )
        key = f"_{person.pk}"
        if PersonState.SANCTIONED in targets:
            form = bound.get("sanction_form" + key) or forms.SanctionForm(auto_id=f"s{person.pk}_%s")
            form.offer_kinds(sanctions.choices(person, _lang()))
            panel.forms["sanction"] = form
        if PersonState.PPK_NO_ACTION in targets:
            panel.forms["no_action"] = bound.get("no_action_form" + key) or forms.PersonReasonForm(
                auto_id=f"n{person.pk}_%s"
            )
        if PersonState.ESCALATED in targets:
            panel.forms["escalation"] = bound.get("escalation_form" + key) or forms.EscalationForm(
                auto_id=f"e{person.pk}_%s"
            )
        if PersonState.CLOSED in targets:
            panel.forms["close"] = bound.get("close_form" + key) or forms.PersonReasonForm(
                auto_id=f"c{person.pk}_%s"
            )
        out.append(panel)
    return out


def recommendation_panel(user: User, case: Case, bound: dict[str, Any]) -> forms.RecommendationForm | None:
    """BKN's letter for those still waiting for one (several may share a letter)."""
    waiting = [p for p in case.reported.all() if p.state_enum == PersonState.FORWARDED]
    if not waiting or not any(
        s.target == PersonState.RECOMMENDED for s in person_path.steps_from(PersonState.FORWARDED, user.role)
    ):
        return None
    form = bound.get("recommendation_form") or forms.RecommendationForm(auto_id="rec_%s")
    kinds: dict[str, str] = {}
    for person in waiting:
        kinds.update(sanctions.choices(person, _lang()))
    form.offer([(p.pk, p.name) for p in waiting], list(kinds.items()))
    return form
