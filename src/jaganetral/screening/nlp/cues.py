"""Stance cue lexicon (normalised, formal forms). Weights are evidence units, not probabilities.

The words and weights are data: ``jaganetral/rulebook/data/cues.yaml`` (its header says what each
section means). This module loads that file once, checks its shape (a misspelt section, a weight
that is not a number, an upper-case or three-word cue or a word named twice fails with the line at
fault), and derives the look-up tables the pipeline uses. Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, field_validator

from jaganetral.lib.yamlfile import load_validated

CUES_FILE = resources.files("jaganetral.rulebook") / "data" / "cues.yaml"
MAX_FILE_BYTES = 256 * 1024


class CueFileError(ValueError):
    """``cues.yaml`` is malformed; the message names the line and the section at fault."""


def _words(least: int, most: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        parts = value.split(" ")
        if value != value.lower() or parts != value.split():
            raise ValueError("a cue is lower case, its words separated by one space")
        if not least <= len(parts) <= most:
            count = "one word" if most == 1 else ("two words" if least == 2 else "one word or two")
            raise ValueError(f"{value!r} must be {count}")
        return value

    return check


Cue = Annotated[StrictStr, AfterValidator(_words(1, 2))]
Word = Annotated[StrictStr, AfterValidator(_words(1, 1))]
Pair = Annotated[StrictStr, AfterValidator(_words(2, 2))]
Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class CueLexicon(BaseModel):
    """The sections of ``cues.yaml``; all but the last four are required, no other is allowed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    vote: dict[Cue, Weight]
    praise: dict[Cue, Weight]
    attack: dict[Cue, Weight]
    reporting: dict[Cue, Weight]
    negations: list[Word]
    negation_bridge: list[Word]
    contrast: list[Word]
    conditional: list[Word]
    adjacent_only: list[Word]
    neutral_phrases: list[Pair]
    # optional sections (issue 17); empty when left out
    office_titles: list[Word] = Field(default_factory=list)
    office_verbs: list[Word] = Field(default_factory=list)
    irony_prone: list[Cue] = Field(default_factory=list)
    sarcasm_marks: list[StrictStr] = Field(default_factory=list)
    other_before: list[Word] = Field(default_factory=list)
    other_after: list[Word] = Field(default_factory=list)
    accusation_marks: list[Word] = Field(default_factory=list)

    @field_validator(
        "negations",
        "negation_bridge",
        "contrast",
        "conditional",
        "adjacent_only",
        "neutral_phrases",
        "office_titles",
        "office_verbs",
        "irony_prone",
        "sarcasm_marks",
        "other_before",
        "other_after",
        "accusation_marks",
    )
    @classmethod
    def _once(cls, items: list[str]) -> list[str]:
        twice = sorted({w for w in items if items.count(w) > 1})
        if twice:
            raise ValueError(f"listed twice: {', '.join(twice)}")
        return items


@lru_cache(maxsize=1)
def load() -> CueLexicon:
    """The cue lexicon from ``cues.yaml``, read and checked once per process."""
    return load_validated(
        CUES_FILE.read_text(encoding="utf-8"),
        "cues.yaml",
        CueLexicon,
        error=CueFileError,
        max_bytes=MAX_FILE_BYTES,
        expected="the cue sections (vote, praise, attack, reporting, ...)",
        unique_keys=True,
    )


_LEXICON = load()
# Calls to vote / explicit support: strongest evidence.
VOTE: dict[str, float] = _LEXICON.vote
PRAISE: dict[str, float] = _LEXICON.praise
ATTACK: dict[str, float] = _LEXICON.attack
# "jangan mau pilih", "tidak akan pilih", "gak usah dukung": negation reaches over these words
NEGATION_BRIDGE = frozenset(_LEXICON.negation_bridge)
# "..., tapi ...": the clause after a contrast word carries the writer's stance
CONTRAST = frozenset(_LEXICON.contrast)
# "jika menang", "kalau terpilih": hypothetical, not a call
CONDITIONAL = frozenset(_LEXICON.conditional)
NEGATIONS = frozenset(_LEXICON.negations)
# cues that only count right after a contestant ("Jokowi lagi", "02 lagi"), not anywhere
ADJACENT_ONLY = frozenset(_LEXICON.adjacent_only)
# Markers of reporting rather than advocating: damp the score a little.
REPORTING: dict[str, float] = _LEXICON.reporting

# at most this much reporting weight counts against a post's stance
REPORT_CAP = 1.2


def _split(d: dict[str, float]) -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    single = {k: v for k, v in d.items() if " " not in k and v > 0}
    multi = {tuple(k.split()): v for k, v in d.items() if " " in k and v > 0}
    return single, multi


SUPPORT_ALL = {**PRAISE, **{k: v for k, v in VOTE.items() if v > 0}}
SUPPORT_1, SUPPORT_N = _split(SUPPORT_ALL)
ATTACK_1, ATTACK_N = _split(ATTACK)
REPORT_1, REPORT_N = _split(REPORTING)
VOTE_WORDS = frozenset(k for k, v in VOTE.items() if v >= 1.6 and " " not in k)
# one look-up per token: word -> (support, attack, report) weights (None when absent)
ANY_1: dict[str, tuple[float | None, float | None, float | None]] = {
    w: (SUPPORT_1.get(w), ATTACK_1.get(w), REPORT_1.get(w)) for w in {*SUPPORT_1, *ATTACK_1, *REPORT_1}
}
# A contestant named in an office ("Menteri Pertahanan Prabowo", "Wali Kota Gibran meninjau")
OFFICE_TITLES = frozenset(_LEXICON.office_titles)
OFFICE_VERBS = frozenset(_LEXICON.office_verbs)
# praise often said in mockery; with a blaming word in the same post it counts as mockery
IRONY_PRONE = frozenset(_LEXICON.irony_prone)
SARCASM_MARKS = tuple(_LEXICON.sarcasm_marks)
# A one-word name that names someone or something else: a place, a thing or a surah right before it
# ("surat Yasin", "pohon beringin", "Jalan Sudirman"), an everyday role right after it ("Andika
# teman kampus", "Mbak Risma kasir indomaret")
OTHER_BEFORE = frozenset(_LEXICON.other_before)
OTHER_AFTER = frozenset(_LEXICON.other_after)
# "dituduh korupsi", "tuduhan ... bohong": blame words after one of these in the same sentence are
# what others say of the one named, reported (often to refute it), not the writer's own blame
ACCUSATION_MARKS = frozenset(_LEXICON.accusation_marks)
# Fixed phrases whose words are not cues on their own ("fakir miskin" is not scorn of poverty).
NEUTRAL_N = frozenset(tuple(phrase.split()) for phrase in _LEXICON.neutral_phrases)
# a two-word cue is one cue: its second word does not count again ("harga mati" is not "mati")
ANY_N = frozenset({*SUPPORT_N, *ATTACK_N, *REPORT_N, *NEUTRAL_N})
FIRST_OF_N = frozenset(k[0] for k in ANY_N)
