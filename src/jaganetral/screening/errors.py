"""What the screening app refuses (``ScreeningError``) and what an import counts (``ImportReport``)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ScreeningError(ValueError):
    """Refused input; the message (written in Indonesian, translated into the active language) is
    meant for the person who sent it. The actions refuse a post file the pure reader cannot read
    (its ``postio.InputError``) with this error."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unregistered: int = 0
    error_rows: int = 0
    errors: list[str] = field(default_factory=list)
