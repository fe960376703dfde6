"""The quiz core (pure): drawn from rulebook examples, read back by reference, tallied."""

from __future__ import annotations

from pathlib import Path

import yaml

from jaganetral.prevention import quiz

RULEBOOK = Path(__file__).resolve().parents[2] / "src" / "jaganetral" / "rulebook" / "data" / "rulebook.yaml"


def _sources() -> list[quiz.Source]:
    data = yaml.safe_load(RULEBOOK.read_text(encoding="utf-8"))
    return [
        quiz.Source(r["code"], r["track"], r["title"]["id"], tuple(r.get("examples") or []))
        for r in data["rules"]
    ]


def test_questions_are_examples_of_the_shipped_rulebook_with_its_answers() -> None:
    sources = _sources()
    by_code = {s.code: s for s in sources}
    questions = quiz.draw(sources, size=8, seed=7)
    assert len(questions) == 8
    assert len({q.rule for q in questions}) == 8  # one example per rule
    for q in questions:
        rule = by_code[q.rule]
        assert q.text == rule.examples[q.example]
        assert q.allowed == (rule.track == "boleh")
    assert any(q.allowed for q in questions) and any(not q.allowed for q in questions)
    assert quiz.draw(sources, size=8, seed=7) == questions  # same seed, same quiz


def test_stored_references_read_back_and_unknown_ones_are_skipped() -> None:
    sources = _sources()
    questions = quiz.draw(sources, seed=1)
    refs = [q.ref() for q in questions] + [{"rule": "ZZ9", "example": 0}, {"rule": "E1", "example": 99}]
    assert quiz.resolve(refs, sources) == questions


def test_the_tally_counts_right_answers_before_and_after_per_question() -> None:
    qs = [
        quiz.Question("E4", 0, "nge-like postingan capres", False, "E4"),
        quiz.Question("A1", 0, "nyoblos di tps", True, "A1"),
    ]
    before = [[True, True], [True, None], [False, True], [True, True]]
    after = [[False, True], [False, True], [False, False]]
    first, second = quiz.tally(qs, before, after)
    assert (first.before_answered, first.before_correct, first.before_pct) == (4, 1, 25)
    assert (first.after_answered, first.after_correct, first.after_pct) == (3, 3, 100)
    assert first.change == 75
    assert (second.before_answered, second.before_pct, second.after_pct, second.change) == (3, 100, 67, -33)
    assert quiz.score(qs, [False, None]) == 1
    empty = quiz.tally(qs, [], [])
    assert empty[0].change is None and empty[0].before_pct is None
