"""Each civil servant's own path (cases/person_path.py), pure: the table, who may take each step,
and how the case's state follows its people."""

from __future__ import annotations

import pytest

from jaganetral.cases.person_path import (
    LABELS,
    STEPS,
    TERMINAL,
    PathError,
    PersonState,
    case_state,
    check,
    roles_into,
    steps_from,
)
from jaganetral.cases.workflow import State

P = PersonState


@pytest.mark.parametrize(
    "path",
    [
        # forwarded, recommended, sanctioned
        [(P.UNDER_REVIEW, P.FORWARDED, None), (P.FORWARDED, P.RECOMMENDED, "authority"),
         (P.RECOMMENDED, P.SANCTIONED, "agency")],
        # the PPK does not act, decides late
        [(P.FORWARDED, P.RECOMMENDED, "authority"), (P.RECOMMENDED, P.PPK_NO_ACTION, "authority"),
         (P.PPK_NO_ACTION, P.SANCTIONED, "agency")],
        # the PPK does not act; BKN follows up (personnel data blocked); the PPK decides after all
        [(P.RECOMMENDED, P.PPK_NO_ACTION, "authority"), (P.PPK_NO_ACTION, P.ESCALATED, "authority"),
         (P.ESCALATED, P.SANCTIONED, "authority")],
        # ... or BKN closes the path (e.g. the civil servant retired)
        [(P.PPK_NO_ACTION, P.ESCALATED, "admin"), (P.ESCALATED, P.CLOSED, "authority")],
        # BKN recommends no sanction
        [(P.FORWARDED, P.CLEARED, "authority")],
        # the study: not proven; the case stopped
        [(P.UNDER_REVIEW, P.NOT_PROVEN, None)],
        [(P.UNDER_REVIEW, P.STOPPED, None)],
    ],
)  # fmt: skip
def test_each_path_of_a_person(path: list[tuple[PersonState, PersonState, str | None]]) -> None:
    for source, target, role in path:
        assert check(source, target, role=role, reason="alasan").target == target


def test_the_wrong_role_and_a_missing_reason_are_refused() -> None:
    with pytest.raises(PathError, match="tidak berwenang"):
        check(P.FORWARDED, P.RECOMMENDED, role="supervisor")
    with pytest.raises(PathError, match="tidak berwenang"):
        check(P.RECOMMENDED, P.SANCTIONED, role="analyst")
    with pytest.raises(PathError, match="memerlukan alasan"):
        check(P.RECOMMENDED, P.PPK_NO_ACTION, role="authority")
    with pytest.raises(PathError, match="tidak dapat dipindah"):
        check(P.FORWARDED, P.SANCTIONED, role="agency")  # no decision before a recommendation
    with pytest.raises(PathError, match="sistem"):
        check(P.FORWARDED, P.RECOMMENDED, role=None)  # a person's decision is never the system's
    with pytest.raises(PathError, match="tidak berwenang"):
        check(P.UNDER_REVIEW, P.FORWARDED, role="supervisor")  # forwarding is the case's own step


def test_every_state_is_reachable_labelled_and_ends() -> None:
    targets = {s.target for s in STEPS} | {P.UNDER_REVIEW}
    assert targets == set(PersonState) and set(LABELS) == set(PersonState)
    for state in set(PersonState) - TERMINAL - {P.UNDER_REVIEW}:
        assert steps_from(state), state
    assert not any(steps_from(state) for state in TERMINAL)
    assert roles_into(P.RECOMMENDED) == {"authority", "admin"}
    assert roles_into(P.SANCTIONED) == {"agency", "authority", "admin"}


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ([P.FORWARDED, P.RECOMMENDED], State.FORWARDED),  # waits on BKN while anyone does
        ([P.RECOMMENDED, P.SANCTIONED], State.RECOMMENDATION_RECEIVED),
        ([P.PPK_NO_ACTION, P.SANCTIONED, P.NOT_PROVEN], State.PPK_NO_ACTION),
        ([P.ESCALATED, P.SANCTIONED], State.ESCALATED),
        ([P.SANCTIONED, P.CLOSED, P.NOT_PROVEN], State.CLOSED),  # every path has ended
        ([P.CLEARED], State.CLOSED),
    ],
)
def test_the_case_follows_its_people(people: list[PersonState], expected: State) -> None:
    assert case_state(State.FORWARDED, people) == expected
    assert case_state(State.ESCALATED, people) == expected


def test_before_forwarding_the_case_moves_itself() -> None:
    assert case_state(State.STUDY, [P.UNDER_REVIEW]) == State.STUDY
    assert case_state(State.CLOSED, [P.SANCTIONED]) == State.CLOSED
