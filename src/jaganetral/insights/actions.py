"""The insights app's writes: an export is recorded in the audit log (who, what, which filters,
how many rows), and Bawaslu's published figures are imported (:mod:`.figures`)."""

from __future__ import annotations

from typing import Any

from jaganetral.accounts.models import User
from jaganetral.cases.models import Case
from jaganetral.core import audit


def record_export(*, actor: User, fmt: str, what: str, params: dict[str, str], rows: int) -> None:
    audit.record("insights.export", actor=actor, obj=Case, format=fmt, what=what, filters=params, rows=rows)


def summary(params: dict[str, Any]) -> dict[str, str]:
    return {k: str(v)[:200] for k, v in params.items()}
