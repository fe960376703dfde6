"""The form labels and oath wording the printed documents use (``data/documents.yaml``, sources
cited there)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "documents.yaml"


@cache
def _data() -> dict[str, Any]:
    loaded = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)  # noqa: S101 - a shipped file
    return loaded


def form(key: str) -> dict[str, str]:
    """``{"label": "FORMULIR MODEL B.12", "title": "BERITA ACARA KLARIFIKASI"}``."""
    entry = _data()["forms"][key]
    return {"label": str(entry.get("label", "")), "title": str(entry["title"])}


def oath(expert: bool) -> str:
    return str(_data()["oaths"]["expert" if expert else "party"])
