"""Briefing quizzes drawn from the rulebook. Pure Python (no Django).

A question is one example from a rule of the rulebook ("nge-like postingan capres di instagram"),
asked as "may a civil servant do this?": examples of the allowed acts (track ``boleh``) are the
"yes" answers, examples of breaches the "no" ones. A quiz stores only which rule and which example
(by code and position), so it is read back from the rulebook version it was drawn from.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ALLOWED_TRACK = "boleh"
DEFAULT_SIZE = 8


@dataclass(frozen=True)
class Source:
    """What the quiz needs of one rule."""

    code: str
    track: str
    title: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    rule: str
    example: int
    text: str
    allowed: bool
    title: str

    def ref(self) -> dict[str, object]:
        return {"rule": self.rule, "example": self.example}


def draw(rules: Iterable[Source], *, size: int = DEFAULT_SIZE, seed: int = 0) -> list[Question]:
    """``size`` questions, about a third of them allowed acts, at most one example per rule; the
    same rules and seed always give the same quiz."""
    allowed: list[Question] = []
    forbidden: list[Question] = []
    rng = random.Random(seed)  # noqa: S311 - choosing quiz questions, not a secret
    for rule in rules:
        if not rule.examples:
            continue
        i = rng.randrange(len(rule.examples))
        q = Question(rule.code, i, rule.examples[i], rule.track == ALLOWED_TRACK, rule.title)
        (allowed if q.allowed else forbidden).append(q)
    rng.shuffle(allowed)
    rng.shuffle(forbidden)
    n_allowed = min(len(allowed), max(1, size // 3))
    chosen = allowed[:n_allowed] + forbidden[: size - n_allowed]
    if len(chosen) < size:
        chosen += allowed[n_allowed : n_allowed + size - len(chosen)]
    rng.shuffle(chosen)
    return chosen


def resolve(refs: Sequence[dict[str, object]], rules: Iterable[Source]) -> list[Question]:
    """The stored question references read back against the rules of their version (a reference
    the version does not hold is skipped)."""
    by_code = {r.code: r for r in rules}
    out = []
    for ref in refs:
        rule = by_code.get(str(ref.get("rule")))
        index = ref.get("example")
        if rule is None or not isinstance(index, int) or not 0 <= index < len(rule.examples):
            continue
        out.append(Question(rule.code, index, rule.examples[index], rule.track == ALLOWED_TRACK, rule.title))
    return out


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    before_answered: int
    before_correct: int
    after_answered: int
    after_correct: int

    @staticmethod
    def _pct(correct: int, answered: int) -> int | None:
        return round(100 * correct / answered) if answered else None

    @property
    def before_pct(self) -> int | None:
        return self._pct(self.before_correct, self.before_answered)

    @property
    def after_pct(self) -> int | None:
        return self._pct(self.after_correct, self.after_answered)

    @property
    def change(self) -> int | None:
        if self.before_pct is None or self.after_pct is None:
            return None
        return self.after_pct - self.before_pct


def tally(
    questions: Sequence[Question], before: Iterable[Sequence[object]], after: Iterable[Sequence[object]]
) -> list[QuestionResult]:
    """Per question: how many answered and how many answered right, before and after. An answer
    is ``True`` (allowed), ``False`` (not allowed) or ``None`` (skipped)."""

    def count(sets: Iterable[Sequence[object]]) -> tuple[list[int], list[int]]:
        answered = [0] * len(questions)
        correct = [0] * len(questions)
        for answers in sets:
            for i, q in enumerate(questions):
                a = answers[i] if i < len(answers) else None
                if isinstance(a, bool):
                    answered[i] += 1
                    correct[i] += a == q.allowed
        return answered, correct

    ba, bc = count(before)
    aa, ac = count(after)
    return [QuestionResult(q, ba[i], bc[i], aa[i], ac[i]) for i, q in enumerate(questions)]


def score(questions: Sequence[Question], answers: Sequence[object]) -> int:
    return sum(1 for q, a in zip(questions, answers, strict=False) if isinstance(a, bool) and a == q.allowed)
