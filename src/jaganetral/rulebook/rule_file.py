"""The rulebook YAML format: parsing and validation. Pure Python (no Django).

A malformed file raises :class:`RuleFileError` naming the file, the line and the field at fault,
e.g. ``rulebook.yaml, line 40, rules[3].track: Input should be 'etik', 'disiplin', 'pidana' or 'boleh'``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from jaganetral.lib.yamlfile import load_validated
from jaganetral.rulebook.concepts import CONCEPTS

MAX_FILE_BYTES = 2_000_000
DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_FILE = DATA_DIR / "rulebook.yaml"


def shipped_files() -> list[Path]:
    """Every shipped version, oldest first: the earlier ones kept in data/versions/ (so the rules
    their cases cite stay loaded), then the current file."""
    return [*sorted((DATA_DIR / "versions").glob("*.yaml")), SHIPPED_FILE]


CODE_RE = re.compile(r"^(?:[EDNA]\d{1,2}|P-UU\d{1,2}-\d{1,3}[a-z]?)$")
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,29}$")
TRACKS = ("etik", "disiplin", "pidana", "boleh")
SANCTION_LEVELS = {
    "moral": {"tertutup", "terbuka", "tertutup_terbuka"},
    "disiplin": {"ringan", "sedang", "berat", "ptdh", "belum_pasti"},
    "pidana": {"kurungan", "penjara", "denda", "tidak_ada_pidana_langsung"},
    "none": {""},
}
TRACK_SANCTION = {"etik": "moral", "disiplin": "disiplin", "pidana": "pidana", "boleh": "none"}


class RuleFileError(ValueError):
    pass


class Text(BaseModel):
    """A text in Bahasa Indonesia with its English version."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(min_length=1, max_length=4000)
    en: str = Field(min_length=1, max_length=4000)


class Sanction(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    kind: Literal["moral", "disiplin", "pidana", "none"]
    level: str = ""
    penalty: Text | None = None

    @model_validator(mode="after")
    def _level_fits_kind(self) -> Sanction:
        if self.level not in SANCTION_LEVELS[self.kind]:
            allowed = ", ".join(sorted(x for x in SANCTION_LEVELS[self.kind] if x)) or "(none)"
            raise ValueError(f"level {self.level!r} does not fit kind {self.kind!r}; use {allowed}")
        if self.kind == "pidana" and self.penalty is None:
            raise ValueError("a criminal sanction needs a penalty text")
        return self


class Basis(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    instrument: str = Field(min_length=2, max_length=200)
    article: str = Field(min_length=1, max_length=300)


class Signature(BaseModel):
    """One parsed ``match`` line: groups of alternative concepts, all groups required; the line does
    not apply when any ``exclude`` concept is present (written ``!watch``)."""

    groups: list[frozenset[str]]
    weight: float
    exclude: frozenset[str] = frozenset()


def parse_signature(line: str) -> Signature:
    text, _, weight_text = line.partition("@")
    weight = 1.0
    if weight_text.strip():
        try:
            weight = float(weight_text)
        except ValueError:
            raise ValueError(f"weight {weight_text.strip()!r} is not a number") from None
        if not 0.1 <= weight <= 1.0:
            raise ValueError("weight must be between 0.1 and 1.0")
    groups: list[frozenset[str]] = []
    exclude: set[str] = set()
    for part in text.split("+"):
        names = frozenset(n.strip() for n in part.split("|") if n.strip())
        if not names:
            raise ValueError(f"empty group in {line!r}")
        unknown = sorted(n.lstrip("!") for n in names if n.lstrip("!") not in CONCEPTS)
        if unknown:
            raise ValueError(f"unknown concept(s) {', '.join(unknown)} (see rulebook/concepts.py)")
        negative = {n for n in names if n.startswith("!")}
        if negative and negative != names:
            raise ValueError(f"a group is either all !exclusions or none: {part.strip()!r}")
        if negative:
            exclude |= {n[1:] for n in negative}
        else:
            groups.append(names)
    if not groups:
        raise ValueError(f"{line!r} has no required group")
    return Signature(groups=groups, weight=weight, exclude=frozenset(exclude))


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str
    track: Literal["etik", "disiplin", "pidana", "boleh"]
    title: Text
    explanation: Text
    instead: Text
    examples: list[str] = Field(default_factory=list, max_length=50)
    evidence: list[str] = Field(default_factory=list, max_length=50)
    sanction: Sanction
    basis: list[Basis] = Field(min_length=1)
    elections: list[Literal["pemilu", "pilkada"]] = Field(min_length=1)
    related: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    disputed: Text | None = None
    match: list[str] = Field(default_factory=list)
    # An allowed act that decides the verdict even when a violation also matches ("I reported ...").
    prevails: bool = False

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError("code must look like E4, D12, N7, A3 or P-UU7-280")
        return value

    @field_validator("match")
    @classmethod
    def _match(cls, value: list[str]) -> list[str]:
        for line in value:
            parse_signature(line)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if TRACK_SANCTION[self.track] != self.sanction.kind:
            raise ValueError(
                f"track {self.track!r} needs sanction kind {TRACK_SANCTION[self.track]!r}, "
                f"not {self.sanction.kind!r}"
            )
        prefix = {"etik": "E", "disiplin": "DN", "pidana": "P", "boleh": "A"}[self.track]
        if self.code[0] not in prefix:
            raise ValueError(f"code {self.code} does not fit track {self.track!r}")
        return self

    def signatures(self) -> list[Signature]:
        return [parse_signature(line) for line in self.match]


class SanctionKindSpec(BaseModel):
    """One concrete sanction kind (e.g. ``teguran_tertulis``) a recommendation or decision names."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")
    track: Literal["moral", "disiplin"]
    level: str
    rank: int = Field(ge=1, le=999)
    employment: list[Literal["pns", "pppk"]] = Field(min_length=1)
    title: Text
    basis: Basis

    @model_validator(mode="after")
    def _level_fits_track(self) -> SanctionKindSpec:
        allowed = SANCTION_KIND_LEVELS[self.track]
        if self.level not in allowed:
            raise ValueError(
                f"level {self.level!r} does not fit track {self.track!r}; use {', '.join(allowed)}"
            )
        return self


SANCTION_KIND_LEVELS = {"moral": ("tertutup", "terbuka"), "disiplin": ("ringan", "sedang", "berat", "ptdh")}


class RulebookSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    version: str
    title: str = Field(min_length=3, max_length=200)
    effective: dt.date | None = None
    rules: list[RuleSpec] = Field(min_length=1)
    # Versions before 2026.1 have none: their cases recorded sanction levels only.
    sanctions: list[SanctionKindSpec] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        text = str(value).strip()
        if not VERSION_RE.match(text):
            raise ValueError("version must be 1-30 letters, digits, dots or dashes (e.g. 2024.1)")
        return text

    @model_validator(mode="after")
    def _unique_and_linked(self) -> RulebookSpec:
        codes = [r.code for r in self.rules]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"duplicate rule codes: {', '.join(dupes)}")
        kinds = [k.code for k in self.sanctions]
        twice = sorted({c for c in kinds if kinds.count(c) > 1})
        if twice:
            raise ValueError(f"duplicate sanction codes: {', '.join(twice)}")
        known = set(codes)
        for rule in self.rules:
            missing = [c for c in rule.related if c not in known]
            if missing:
                raise ValueError(f"{rule.code}: related code(s) {', '.join(missing)} not in this file")
        return self


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_rulebook(text: str, source: str = "<rulebook>") -> RulebookSpec:
    """Parse and validate a rulebook file; raise RuleFileError naming line and field."""
    return load_validated(
        text,
        source,
        RulebookSpec,
        error=RuleFileError,
        max_bytes=MAX_FILE_BYTES,
        expected="version, title, rules",
    )
