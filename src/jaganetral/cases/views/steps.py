"""The case page organised by the steps of the procedure: which step a state belongs to, the tabs
(past, current, later), and the actions valid now — one form per decision, each from the
transition table (``cases/workflow.py``), with only the stop reasons that transition allows and
without steps the case can never take (a withdrawal where there is no reporter)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jaganetral.accounts.models import User
from jaganetral.cases import permissions, workflow
from jaganetral.cases.actions.core import _facts
from jaganetral.cases.models import Case

S = workflow.State


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    states: frozenset[S]
    template: str


STEPS: tuple[Step, ...] = (
    Step(
        "awal",
        gettext_noop("Penerimaan dan kajian awal"),
        frozenset({S.RECEIVED, S.INITIAL_REVIEW, S.NEEDS_COMPLETION}),
        "cases/steps/initial.html",
    ),
    Step(
        "klarifikasi",
        gettext_noop("Klarifikasi"),
        frozenset({S.REGISTERED, S.CLARIFICATION}),
        "cases/steps/clarification.html",
    ),
    Step("kajian", gettext_noop("Kajian"), frozenset({S.STUDY}), "cases/steps/study.html"),
    Step(
        "penerusan",
        gettext_noop("Penerusan dan tindak lanjut"),
        frozenset({S.FORWARDED, S.RECOMMENDATION_RECEIVED, S.SANCTION_IMPOSED, S.PPK_NO_ACTION, S.ESCALATED}),
        "cases/steps/referral.html",
    ),
    Step(
        "selesai",
        gettext_noop("Selesai"),
        frozenset({S.NOT_REGISTERED, S.STOPPED, S.CLOSED}),
        "cases/steps/end.html",
    ),
)
BY_KEY = {s.key: s for s in STEPS}


def step_of(state: S) -> Step:
    return next(s for s in STEPS if state in s.states)


@dataclass
class Tab:
    step: Step
    title: str
    current: bool  # the case is in this step now
    shown: bool  # the tab on screen
    done: bool  # the case went past it


def tabs(case: Case, shown_key: str) -> tuple[list[Tab], Step]:
    """The tabs, and the step shown (``shown_key`` when it names one, else the case's own)."""
    now = step_of(case.state_enum)
    shown = BY_KEY.get(shown_key, now)
    reached = case.forwarded_at is not None
    index = STEPS.index(now)
    out = []
    for i, step in enumerate(STEPS):
        done = i < index and not (now.key == "selesai" and step.key == "penerusan" and not reached)
        out.append(Tab(step, _(step.label), step == now, step == shown, done))
    return out, shown


@dataclass
class Action:
    """One decision the user may take now: a transition with its own form."""

    transition: workflow.Transition
    missing: list[str] = field(default_factory=list)  # why it cannot be taken yet, in words
    stop_choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return not self.missing

    @property
    def target(self) -> str:
        return self.transition.target.value

    @property
    def is_stop(self) -> bool:
        return bool(self.transition.stop_reasons)


def actions_now(user: User, case: Case) -> list[Action]:
    facts = _facts(case)
    out = []
    for t in permissions.steps_for(user, case.state_enum):
        lacking = t.requires - facts
        if lacking & workflow.STRUCTURAL_FACTS:
            continue  # never possible for this case (e.g. "withdrawn by the reporter" on a finding)
        stops = [(r.value, workflow.stop_label(r)) for r in workflow.StopReason if r in t.stop_reasons]
        out.append(Action(t, [_(workflow.FACT_MESSAGES[m]) for m in sorted(lacking)], stops))
    return out
