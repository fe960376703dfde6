from __future__ import annotations

import pytest

from jaganetral.cases.workflow import (
    STATE_LABELS,
    TRANSITIONS,
    State,
    StopReason,
    TransitionError,
    check,
    next_transitions,
)

ALL_FACTS = {
    "has_reporter",
    "has_rules",
    "has_reported_person",
    "has_clarification",
    "has_study",
    "study_found_violation",
}

HAPPY_PATH = [
    (State.RECEIVED, State.INITIAL_REVIEW, "supervisor"),
    (State.INITIAL_REVIEW, State.REGISTERED, "supervisor"),
    (State.REGISTERED, State.CLARIFICATION, "supervisor"),
    (State.CLARIFICATION, State.STUDY, "supervisor"),
    (State.STUDY, State.FORWARDED, "supervisor"),
    # after forwarding each civil servant moves on their own (test_person_path.py)
]


def test_the_full_path_from_report_to_closed_is_allowed() -> None:
    for source, target, role in HAPPY_PATH:
        assert check(source, target, role=role, facts=ALL_FACTS).target == target


def test_every_state_is_reachable_and_every_non_terminal_state_can_move() -> None:
    # the states after forwarding follow the case's people (person_path.case_state)
    followed = {State.RECOMMENDATION_RECEIVED, State.SANCTION_IMPOSED, State.PPK_NO_ACTION, State.ESCALATED}
    targets = {t.target for t in TRANSITIONS} | {State.RECEIVED} | followed
    assert targets == set(State)
    for state in set(State) - followed - {State.CLOSED, State.FORWARDED}:
        assert next_transitions(state), state
    assert set(STATE_LABELS) == set(State)


def test_a_jump_is_refused_with_an_indonesian_message() -> None:
    with pytest.raises(TransitionError, match="tidak dapat dipindah"):
        check(State.RECEIVED, State.FORWARDED, role="supervisor", facts=ALL_FACTS)
    with pytest.raises(TransitionError, match="tidak dapat dipindah"):
        check(State.CLOSED, State.RECEIVED, role="admin")


@pytest.mark.parametrize("role", ["analyst", "custodian", "agency", "authority"])
def test_the_wrong_role_cannot_register(role: str) -> None:
    with pytest.raises(TransitionError, match="tidak berwenang"):
        check(State.INITIAL_REVIEW, State.REGISTERED, role=role, facts=ALL_FACTS)


def test_after_forwarding_no_one_moves_the_case_by_hand() -> None:
    with pytest.raises(TransitionError, match="tidak dapat dipindah"):
        check(State.FORWARDED, State.RECOMMENDATION_RECEIVED, role="authority", facts=ALL_FACTS)


def test_stopping_needs_a_reason_and_a_valid_stop_reason() -> None:
    with pytest.raises(TransitionError, match="memerlukan alasan"):
        check(
            State.STUDY, State.STOPPED, role="supervisor", stop_reason=StopReason.NOT_PROVEN, facts=ALL_FACTS
        )
    with pytest.raises(TransitionError, match="alasan penghentian"):
        check(
            State.STUDY,
            State.STOPPED,
            role="supervisor",
            reason="x",
            stop_reason=StopReason.WITHDRAWN,
            facts=ALL_FACTS,
        )
    ok = check(
        State.STUDY,
        State.STOPPED,
        role="supervisor",
        reason="Bukti tidak cukup",
        stop_reason=StopReason.NOT_PROVEN,
        facts=ALL_FACTS,
    )
    assert ok.target == State.STOPPED


def test_withdrawal_is_only_possible_before_registration() -> None:
    check(
        State.INITIAL_REVIEW,
        State.STOPPED,
        role="supervisor",
        reason="dicabut",
        stop_reason=StopReason.WITHDRAWN,
        facts={"has_reporter"},
    )
    # a finding has no reporter who could withdraw it
    with pytest.raises(TransitionError, match="tidak ada pelapor"):
        check(
            State.INITIAL_REVIEW,
            State.STOPPED,
            role="supervisor",
            reason="dicabut",
            stop_reason=StopReason.WITHDRAWN,
        )
    with pytest.raises(TransitionError):
        check(
            State.REGISTERED,
            State.STOPPED,
            role="supervisor",
            reason="dicabut",
            stop_reason=StopReason.WITHDRAWN,
        )


def test_missing_facts_are_explained() -> None:
    with pytest.raises(TransitionError, match="aturan yang diduga dilanggar"):
        check(State.INITIAL_REVIEW, State.REGISTERED, role="supervisor", facts={"has_reported_person"})
    with pytest.raises(TransitionError, match="tidak dapat diteruskan"):
        check(State.STUDY, State.FORWARDED, role="supervisor", facts={"has_study"})


def test_a_case_sanctioned_as_a_whole_before_per_person_paths_can_still_be_closed() -> None:
    check(State.SANCTION_IMPOSED, State.CLOSED, role="authority")
