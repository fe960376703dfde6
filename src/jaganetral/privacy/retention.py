"""Retention periods as data (``data/retention.yaml``): per kind of record, what happens after how
many days, and on which basis. Pure Python: no Django; :mod:`jaganetral.privacy.purge` applies it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jaganetral.lib.i18n import gettext_noop
from jaganetral.lib.yamlfile import load_validated

FILE = Path(__file__).resolve().parent / "data" / "retention.yaml"
MAX_BYTES = 256 * 1024


class RetentionFileError(ValueError):
    """The retention file is not valid; the message names the line and field."""


class Action(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    REVIEW = "review"  # listed for a person to decide; nothing is changed
    KEEP = "keep"
    OPERATOR = "operator"  # outside the database (backups): the operator's job


class BasisKind(StrEnum):
    LAW = "law"
    ARCHIVE = "archive"
    POLICY = "policy"


ACTION_LABELS = {
    Action.DELETE: gettext_noop("dihapus"),
    Action.ANONYMISE: gettext_noop("dianonimkan"),
    Action.REVIEW: gettext_noop("ditinjau petugas"),
    Action.KEEP: gettext_noop("disimpan"),
    Action.OPERATOR: gettext_noop("dihapus oleh operator"),
}
BASIS_LABELS = {
    BasisKind.LAW: gettext_noop("undang-undang"),
    BasisKind.ARCHIVE: gettext_noop("jadwal retensi arsip"),
    BasisKind.POLICY: gettext_noop("kebijakan (dalam batas undang-undang)"),
}

# The kinds the purge knows how to apply (the file may not name others).
KINDS = (
    "reporter_identity_not_registered",
    "reporter_identity_closed_case",
    "report_not_registered",
    "report_undecided",
    "case_file",
    "screening_post",
    "asn_registry_inactive",
    "notifications_read",
    "task_results",
    "data_requests",
    "sessions",
    "audit_log",
    "backups",
)


class Text(BaseModel):
    """A text in Bahasa Indonesia and English (data files carry both languages)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.id


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Text
    action: Action
    days: int = Field(ge=0, le=36500)
    after: Text
    basis_kind: BasisKind
    basis: str = Field(min_length=3)
    why: Text
    handled_by: str = ""  # a tick job of another app that applies this rule
    kind: str = ""

    @property
    def acts(self) -> bool:
        """Whether the purge changes anything for this kind."""
        return self.action in (Action.DELETE, Action.ANONYMISE) and not self.handled_by


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    kinds: dict[str, Rule]

    @model_validator(mode="after")
    def _known(self) -> Schedule:
        unknown = sorted(set(self.kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"unknown kinds {unknown}; known: {', '.join(KINDS)}")
        missing = sorted(set(KINDS) - set(self.kinds))
        if missing:
            raise ValueError(f"every kind needs a rule; missing: {', '.join(missing)}")
        for name, rule in self.kinds.items():
            rule.kind = name
            if rule.action in (Action.DELETE, Action.ANONYMISE) and rule.days < 1 and not rule.handled_by:
                raise ValueError(f"{name}: a rule that deletes needs days >= 1")
        return self


def parse(text: str, source: str = "retention.yaml") -> Schedule:
    return load_validated(
        text,
        source,
        Schedule,
        error=RetentionFileError,
        max_bytes=MAX_BYTES,
        expected="version and kinds",
        unique_keys=True,
    )


@lru_cache(maxsize=1)
def schedule() -> Schedule:
    return parse(FILE.read_text(encoding="utf-8"), FILE.name)


def rule(kind: str) -> Rule:
    return schedule().kinds[kind]
