"""The election YAML format: parsing and validation with line numbers. Pure Python (no Django).

A malformed file raises :class:`ElectionFileError` whose message names the file, the line and the
field at fault, e.g. ``pilkada.yaml, line 12, contestants[1].number: ...``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.lib.yamlfile import load_validated

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 2_000_000


class ElectionFileError(ValueError):
    pass


def _str_list(value: Any) -> Any:
    if isinstance(value, list):
        return (
            [str(v).strip() for v in value if str(v).strip()]
            if all(isinstance(v, (str, int)) for v in value)
            else value
        )
    return value


class Campaign(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class ContestantSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    number: int = Field(ge=1, le=999)
    kind: Literal["pair", "party", "candidate"]
    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    coalition: str = Field(default="", max_length=120)
    hashtags: list[str] = Field(default_factory=list)
    slogans: list[str] = Field(default_factory=list)
    accounts: list[str] = Field(default_factory=list)
    region: str | None = None

    _lists = field_validator("aliases", "parties", "hashtags", "slogans", "accounts", mode="before")(
        _str_list
    )

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, value: list[str]) -> list[str]:
        for tag in value:
            if not tag.startswith("#") or len(tag) < 2 or " " in tag:
                raise ValueError(f"hashtag {tag!r} must start with # and have no spaces")
        return value

    @field_validator("accounts")
    @classmethod
    def _accounts(cls, value: list[str]) -> list[str]:
        for handle in value:
            if not re.fullmatch(r"@[A-Za-z0-9_.]{1,50}", handle):
                raise ValueError(f"account {handle!r} must look like @handle")
        return value

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        return None if value is None else _region_code(value)


def _region_code(value: Any) -> str:
    try:
        return normalize(str(value))
    except RegionCodeError as exc:
        raise ValueError(str(exc)) from None


class ElectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = Field(min_length=3, max_length=60)
    name: str = Field(min_length=3, max_length=200)
    kind: Literal["pemilu", "pilkada"]
    region: str | None = None
    voting_day: dt.date
    campaign: Campaign | None = None
    day_count: Literal["working", "calendar"]
    cuti_bersama_is_working: bool = False
    contestants: list[ContestantSpec] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("use lower-case letters, digits and dashes only (e.g. pilkada-dki-2017)")
        return value

    @field_validator("region", mode="before")
    @classmethod
    def _region(cls, value: Any) -> str | None:
        return None if value is None else _region_code(value)

    @model_validator(mode="after")
    def _unique_numbers(self) -> ElectionSpec:
        seen: set[tuple[str, int]] = set()
        for contestant in self.contestants:
            key = (contestant.kind, contestant.number)
            if key in seen:
                raise ValueError(
                    f"two contestants of kind {contestant.kind!r} have number {contestant.number}"
                )
            seen.add(key)
        if self.kind == "pilkada" and self.region is None and self.contestants:
            raise ValueError("a pilkada with contestants needs a region")
        return self


def parse_election(text: str, source: str = "<election>") -> ElectionSpec:
    """Parse and validate an election file; raise ElectionFileError naming line and field."""
    return load_validated(
        text,
        source,
        ElectionSpec,
        error=ElectionFileError,
        max_bytes=MAX_FILE_BYTES,
        expected="code, name, kind, ...",
    )
