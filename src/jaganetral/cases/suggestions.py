"""Rule suggestions for opening a case or recording a finding: the self-check's matcher
(:mod:`jaganetral.rulebook.matcher`) reads the report's or the finding's text and ranks the rules of
the current rulebook; the supervisor chooses with a click (a checkbox: no JavaScript needed).
A suggestion is only a suggestion: the supervisor decides, and the codes are checked as typed ones."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from jaganetral.rulebook import selectors as rulebook
from jaganetral.rulebook.matcher import MAX_CHARS

MAX_SUGGESTIONS = 6


@dataclass(frozen=True)
class Suggestion:
    code: str
    title: str
    score: float  # 0..1
    full: bool  # every part of one of the rule's patterns was found

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def suggest(text: str) -> list[Suggestion]:
    """The rules the text most likely describes (not the "allowed" ones), best first."""
    version = rulebook.current_version()
    text = (text or "").strip()[:MAX_CHARS]
    if version is None or not text:
        return []
    result = rulebook.check(version, text)
    english = (get_language() or "id").startswith("en")
    rows = rulebook.rules_by_codes(version, [m.code for m in result.matches])
    titles = {code: (r.title_en if english and r.title_en else r.title) for code, r in rows.items()}
    return [
        Suggestion(m.code, titles.get(m.code, m.title), m.score, m.full)
        for m in result.matches
        if m.track != "boleh"
    ][:MAX_SUGGESTIONS]
