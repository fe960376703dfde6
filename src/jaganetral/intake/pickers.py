"""Typed names to reference rows, for the searchable pickers of the public form. Pure Python.

The form offers a text box with a list of suggestions (``<datalist>``: searchable in the browser,
no JavaScript needed); what arrives is whatever the person typed or picked. :func:`resolve` finds
the one entry it means: an exact name, the name without "Kabupaten"/"Kota"/"Provinsi", an
abbreviation in brackets ("BKN"), or words that only one entry contains ("jepara"). Several
candidates, or none, give the closest names to offer back.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K")

_PREFIXES = ("kabupaten ", "kota ", "provinsi ", "pemerintah ")
_ABBREVIATIONS = {
    "kab": "kabupaten",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
}
_NON_WORD = re.compile(r"[^\w]+")
MAX_SUGGESTIONS = 5


def normal(text: str) -> str:
    """Case, accents, punctuation, spacing and a leading "Kab."/"Prov." do not matter:
    ``"Kab. Jepara "`` → ``"kabupaten jepara"``."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = _NON_WORD.sub(" ", text.casefold()).split()
    if words and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    return " ".join(words)


def _short(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@dataclass(frozen=True)
class Entry(Generic[K]):
    key: K
    name: str  # as shown
    aliases: tuple[str, ...] = ()  # other names that mean exactly this entry


@dataclass
class Match(Generic[K]):
    key: K | None = None
    name: str = ""
    suggestions: list[str] = field(default_factory=list)  # when nothing (or more than one) matched

    @property
    def found(self) -> bool:
        return self.key is not None


def _brackets(name: str) -> list[str]:
    return re.findall(r"\(([^()]{2,20})\)", name)


def _pick(candidates: list[Entry[K]]) -> Match[K] | None:
    unique = {id(e): e for e in candidates}
    if len(unique) == 1:
        entry = next(iter(unique.values()))
        return Match(key=entry.key, name=entry.name)
    if unique:
        return Match(suggestions=sorted(e.name for e in unique.values())[:MAX_SUGGESTIONS])
    return None


def resolve(query: str, entries: Sequence[Entry[K]], *, by_words: bool = True) -> Match[K]:
    """The entry ``query`` means. First the full names (and aliases, abbreviations in brackets),
    then the names without their "Kabupaten"/"Kota"/"Provinsi" and bracketed parts, then (with
    ``by_words``) the one entry whose name holds every word typed."""
    q = normal(query)
    if not q:
        return Match()
    full: dict[str, list[Entry[K]]] = {}
    short: dict[str, list[Entry[K]]] = {}
    for entry in entries:
        name = normal(entry.name)
        for alias in {name, *(normal(a) for a in (*entry.aliases, *_brackets(entry.name)))}:
            full.setdefault(alias, []).append(entry)
        for alias in {_short(name), _short(normal(re.sub(r"\([^()]*\)", " ", entry.name)))}:
            short.setdefault(alias, []).append(entry)
    for tier in (full.get(q, []), short.get(q, []) or short.get(_short(q), [])):
        picked = _pick(tier)
        if picked is not None:
            return picked
    if by_words:
        words = _short(q).split()
        containing = [e for e in entries if all(w in normal(e.name).split() for w in words)]
        picked = _pick(containing)
        if picked is not None:
            return picked
    return Match(suggestions=closest(q, (e.name for e in entries)))


def closest(query: str, names: Iterable[str]) -> list[str]:
    by_normal = {normal(n): n for n in names}
    hits = difflib.get_close_matches(_short(normal(query)), list(by_normal), n=MAX_SUGGESTIONS, cutoff=0.6)
    shorts = {_short(k): k for k in by_normal}
    hits += difflib.get_close_matches(_short(normal(query)), list(shorts), n=MAX_SUGGESTIONS, cutoff=0.6)
    out: list[str] = []
    for hit in hits:
        name = by_normal.get(hit) or by_normal[shorts[hit]]
        if name not in out:
            out.append(name)
    return out[:MAX_SUGGESTIONS]
