from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client

from jaganetral.core.models import AuditEvent
from jaganetral.intake import actions
from jaganetral.intake.forms import ReportForm
from jaganetral.intake.models import Report
from jaganetral.reference.models import Region
from tests.intake.conftest import jpeg_with_gps, report_post

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_database_write_removes_the_files_it_wrote(refdata: None, settings: Any) -> None:
    form = ReportForm(report_post())
    assert form.is_valid()
    data = form.to_input()
    data.region = Region(code="99.99", name="tidak ada")  # the foreign key fails at commit
    with pytest.raises(IntegrityError):
        actions.submit_report(data=data, files=[SimpleUploadedFile("a.jpg", jpeg_with_gps())])
    assert Report.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="intake.").exists()
    root = settings.INTAKE_EVIDENCE_DIR
    assert not [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"election": "tidak-ada"},
        {"reported_agency": "999999"},
        {"known_date": "2024-13-45"},
        {"links": "\n".join(f"https://a.example/{i}" for i in range(11))},
        {"region": "3" * 200},
    ],
)
def test_odd_api_input_is_a_400_with_a_message(refdata: None, payload: dict[str, str]) -> None:
    base = report_post() if payload else {}
    resp = Client().post("/api/v1/reports", {**base, **payload})
    assert resp.status_code == 400, resp.content
    assert resp.json()["detail"]
    assert Report.objects.count() == 0


def test_a_json_body_is_refused_with_400(refdata: None) -> None:
    resp = Client().post("/api/v1/reports", report_post(), content_type="application/json")
    assert resp.status_code == 400
    assert Report.objects.count() == 0
