from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from jaganetral.intake import sealing
from jaganetral.intake.models import Report


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.CASES_ATTACHMENT_DIR = tmp_path / "case-attachments"
    settings.CASES_LETTER_DIR = tmp_path / "letters"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()
    yield
    cache.clear()
    sealing.sealer.cache_clear()


def file_report(data: dict[str, Any], **files: Any) -> tuple[Report, str]:
    resp = Client().post("/api/v1/reports", {**data, **files})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    return Report.objects.get(public_reference=body["reference"]), str(body["receipt"])
