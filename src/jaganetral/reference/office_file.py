"""The office-profile file (YAML or JSON) that ``jaganetral offices set FILE`` loads. Pure Python.

```yaml
offices:
  - code: "33.20"            # region code; "" or "nasional" for Bawaslu RI
    name: BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA
    address: Jl. ... , Jepara 594xx
    city: Jepara             # the place line of its letters ("Jepara, 2 Desember 2026")
    phone: "(0291) ..."
    email: ...
    website: ...
    unit_code: K.JT-20       # the office's code in letter numbers (optional)
    logo: logo.png           # PNG or JPEG beside the file (optional, at most 300 KB)
    signatories:
      - {name: ..., title: Ketua Bawaslu Kabupaten Jepara, nip: ""}
```

A malformed file raises :class:`OfficeFileError` naming the file, line and field.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.lib.yamlfile import load_validated

MAX_FILE_BYTES = 1_000_000
MAX_LOGO_BYTES = 300_000
MAX_SIGNATORIES = 6
NATIONAL_WORDS = ("", "nasional", "ri", "pusat")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class OfficeFileError(ValueError):
    pass


def office_code(value: object) -> str:
    """A region code in dotted form, or ``""`` for the national office."""
    raw = str(value if value is not None else "").strip()
    if raw.lower() in NATIONAL_WORDS:
        return ""
    try:
        code = normalize(raw)
    except RegionCodeError:
        raise ValueError(f"not a region code: {raw!r}") from None
    if code.count(".") > 1:
        raise ValueError("offices are national, province or regency/city (at most one dot)")
    return code


def nip_or_blank(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return parse_nip(value).digits
    except NipError as exc:
        raise ValueError(str(exc)) from None


class SignatorySpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=3, max_length=120)
    title: str = Field(min_length=3, max_length=160)
    nip: str = Field(default="", max_length=30)

    @field_validator("nip", mode="before")
    @classmethod
    def _nip(cls, value: Any) -> str:
        return nip_or_blank(str(value if value is not None else ""))


class OfficeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = ""
    name: str = Field(min_length=5, max_length=200)
    address: str = Field(default="", max_length=300)
    city: str = Field(min_length=2, max_length=80)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=120)
    website: str = Field(default="", max_length=120)
    unit_code: str = Field(default="", max_length=30, pattern=r"^[A-Za-z0-9.\-]*$")
    logo: str = Field(default="", max_length=200)
    signatories: list[SignatorySpec] = Field(default_factory=list, max_length=MAX_SIGNATORIES)

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any) -> str:
        return office_code(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError("not an e-mail address")
        return value


class OfficeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    offices: list[OfficeSpec] = Field(min_length=1, max_length=600)

    @model_validator(mode="after")
    def _unique(self) -> OfficeFile:
        seen: set[str] = set()
        for office in self.offices:
            if office.code in seen:
                raise ValueError(f"office {office.code or 'nasional'!r} is listed twice")
            seen.add(office.code)
        return self


def parse_offices(text: str, source: str = "<offices>") -> OfficeFile:
    """Parse and validate an office file (YAML; JSON is read as YAML too)."""
    return load_validated(
        text,
        source,
        OfficeFile,
        error=OfficeFileError,
        max_bytes=MAX_FILE_BYTES,
        expected="offices: [...]",
        unique_keys=True,
    )
