from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from jaganetral.intake import sealing
from jaganetral.intake.models import Report
from jaganetral.lib.crypto import new_key_text
from tests.intake.conftest import IDENTITY_NAME, confidential_post

pytestmark = pytest.mark.django_db


def test_rotating_the_seal_key_and_resealing(refdata: None, settings: Any, tmp_path: Any) -> None:
    Client().post("/api/v1/reports", confidential_post())
    report = Report.objects.get()
    old_id = report.identity_sealed.split(".")[1]
    old_key = settings.INTAKE_SEAL_KEY_FILE.read_text().strip()
    new_key = new_key_text()
    settings.INTAKE_SEAL_KEY_FILE.write_text(f"{new_key}\n{old_key}\n")
    sealing.sealer.cache_clear()
    # still readable with the old key listed second
    assert (
        sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))["name"]
        == IDENTITY_NAME
    )
    out = io.StringIO()
    call_command("intake", "reseal", stdout=out)
    assert "1 laporan" in out.getvalue()
    report.refresh_from_db()
    new_id = report.identity_sealed.split(".")[1]
    assert new_id != old_id
    # the old key can now be dropped
    settings.INTAKE_SEAL_KEY_FILE.write_text(f"{new_key}\n")
    sealing.sealer.cache_clear()
    assert (
        sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))["name"]
        == IDENTITY_NAME
    )
    assert len(base64.b64decode(new_key)) == 32


def test_rotation_reseals_the_evidence_originals_keys(refdata: None, settings: Any) -> None:
    from jaganetral.intake.actions import read_original
    from jaganetral.intake.models import Evidence
    from tests.intake.conftest import jpeg_with_gps, report_post, upload

    photo = jpeg_with_gps()
    Client().post("/api/v1/reports", {**report_post(), "files": [upload("a.jpg", photo)]})
    old_key = settings.INTAKE_SEAL_KEY_FILE.read_text().strip()
    new_key = new_key_text()
    settings.INTAKE_SEAL_KEY_FILE.write_text(f"{new_key}\n{old_key}\n")
    sealing.sealer.cache_clear()
    call_command("intake", "reseal", stdout=io.StringIO())
    settings.INTAKE_SEAL_KEY_FILE.write_text(f"{new_key}\n")  # the old key dropped
    sealing.sealer.cache_clear()
    assert read_original(Evidence.objects.get()) == photo
