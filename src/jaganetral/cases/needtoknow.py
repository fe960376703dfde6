"""Need to know: the names of witnesses and the reporter never reach the authority (BKN) or the
agency (PPK), who employ the reported person. They read clarification records, studies, documents
and the API through here.

Whoever lacks :data:`jaganetral.cases.permissions.SEE_WITNESSES` reads

- each witness or reporter among the parties of a clarification as "Saksi 1 (dirahasiakan)",
  "Pelapor (dirahasiakan)";
- free text (the clarification's statement, the study's conclusion, reasons on the timeline) with
  every protected name struck out: the names of those parties, and the reporter's and the
  witnesses' names sealed in the intake report (unsealed only to strip them, never shown).

A name is struck out whole, and each of its words of four letters or more that is not also a
word of a reported civil servant's name (so "Budi" of witness "Budi Hartono" is struck, unless
the reported person is "Budi Santoso").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import permissions
from jaganetral.cases.models import Case, Clarification
from jaganetral.intake.selectors import protected_names

HIDDEN_ROLES = ("saksi", "pelapor")
_SPLIT = re.compile(r"[,;:/()\[\]|]|\s[-–]\s")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def sees_witnesses(actor: User) -> bool:
    return policy.can(actor, permissions.SEE_WITNESSES)


def hidden_party_name(role: str, n: int) -> str:
    if role == "pelapor":
        return _("Pelapor (dirahasiakan)")
    return _("Saksi %(n)d (dirahasiakan)") % {"n": n}


def shown_parties(parties: list[dict[str, Any]], *, full: bool) -> list[dict[str, Any]]:
    """The parties of a clarification as this reader may see them."""
    out, n = [], 0
    for p in parties:
        row = dict(p)
        if not full and p.get("role") in HIDDEN_ROLES:
            if p.get("role") == "saksi":
                n += 1
            row["name"] = hidden_party_name(str(p.get("role")), n)
        out.append(row)
    return out


def _pieces(name: str) -> list[str]:
    """A protected entry ("Ahmad Yani, 0812…") as the strings to strike: whole, its name part."""
    name = name.strip()
    first = _SPLIT.split(name, maxsplit=1)[0].strip()
    return [x for x in {name, first} if len(x) >= 3]


@dataclass
class Redactor:
    """Strikes the protected names of one case out of text (for readers without need to know)."""

    full: bool
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def text(self, value: str) -> str:
        if self.full or not value:
            return value
        for pattern in self.patterns:
            value = pattern.sub(_("[nama dirahasiakan]"), value)
        return value

    def parties(self, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return shown_parties(parties, full=self.full)


def redactor(actor: User | None, case: Case) -> Redactor:
    """The redactor for this reader of this case (``actor=None``: a document that leaves Bawaslu,
    such as the referral letter, always redacted)."""
    if actor is not None and sees_witnesses(actor):
        return Redactor(full=True)
    names: list[str] = []
    for record in case.clarifications.all():
        names.extend(str(p.get("name", "")) for p in record.parties if p.get("role") in HIDDEN_ROLES)
    if case.report is not None:
        names.extend(protected_names(case.report))
    reported_words = {w.casefold() for p in case.reported.all() for w in _WORD.findall(p.name)}
    strings: set[str] = set()
    for name in names:
        for piece in _pieces(name):
            if piece.casefold() in ("pelapor", "saksi"):
                continue
            strings.add(piece)
            strings.update(w for w in _WORD.findall(piece) if w.casefold() not in reported_words)
    ordered = sorted(strings, key=len, reverse=True)  # longest first: whole names before their words
    patterns = [re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)", re.IGNORECASE) for s in ordered]
    return Redactor(full=False, patterns=patterns)


@dataclass
class ShownClarification:
    """A clarification record as one reader may read it."""

    record: Clarification
    parties: list[dict[str, Any]]
    statement: str


def clarification_for(red: Redactor, record: Clarification) -> ShownClarification:
    return ShownClarification(record, red.parties(record.parties), red.text(record.statement))


def event_data(red: Redactor, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """A timeline event's data as this reader may read it (the names of a clarification's
    attendees are the parties' names)."""
    if red.full or kind != "clarification_recorded":
        return data
    return {
        **data,
        "attended": [red.text(str(n)) for n in data.get("attended", [])],
        "absent": [red.text(str(n)) for n in data.get("absent", [])],
    }
