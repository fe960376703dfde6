"""After a confidential report, the reporter's identity is nowhere in clear: not in the database
file (including free pages), not in logs, not in the audit log, staff pages, API or the PDF."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from jaganetral.intake import sealing
from jaganetral.intake.models import Report
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, IDENTITY_PHONE, confidential_post

pytestmark = pytest.mark.django_db

SECRETS = [IDENTITY_NAME, IDENTITY_PHONE, "Cempaka Wangi Rahasia", "Ahmad Saksi", "0813-1111-2222"]


def _database_bytes() -> bytes:
    """The whole database as stored: SQLite's file image, or every row of every table as text."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        return bytes(raw.serialize())
    chunks: list[bytes] = []
    with connection.cursor() as cur:
        for model in apps.get_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cur.execute(f"SELECT row_to_json(t)::text FROM {table} t")  # noqa: S608
            chunks.extend(row[0].encode() for row in cur.fetchall())
    return b"\n".join(chunks)


def test_identity_is_sealed_everywhere(
    personas: Personas, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], settings: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client()
    resp = client.post("/api/v1/reports", confidential_post())
    assert resp.status_code == 201
    code = resp.json()["receipt"]
    report = Report.objects.get()
    assert report.identity_sealed.startswith("s1.")
    # the sealed value opens with the key (outside the database), and only for this report
    identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
    assert identity["name"] == IDENTITY_NAME

    # Everyone else looks at it: staff pages, API, status, PDF.
    seen: list[bytes] = [resp.content]
    seen.append(personas.client(personas.jepara).get("/petugas/laporan/").content)
    seen.append(personas.client(personas.jepara).get(f"/petugas/laporan/{report.pk}/").content)
    seen.append(client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code).content)
    token = personas.token(personas.admin)
    seen.append(client.get("/api/v1/intake/queue", HTTP_AUTHORIZATION=f"Bearer {token}").content)
    web = Client()
    web.post("/lapor/status/", {"receipt": code})
    seen.append(web.get("/lapor/status/").content)
    pdf = web.post("/lapor/status/tanda-terima/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    seen.append(pdf.content)
    # an error page caused by the same reporter's bad input does not echo the identity either
    bad = client.post("/api/v1/reports", confidential_post(reported_nip="123"))
    assert bad.status_code == 400
    seen.append(bad.content)

    db = _database_bytes()
    out, err = capfd.readouterr()
    logs = caplog.text + out + err
    for secret in SECRETS:
        for blob in seen:
            assert secret.encode() not in blob
        assert secret.encode() not in db, f"{secret!r} found in the database"
        assert secret not in logs, f"{secret!r} found in the logs"


def test_a_sealed_value_cannot_be_moved_to_another_report(refdata: None) -> None:
    first = Client().post("/api/v1/reports", confidential_post()).json()
    assert first
    Client().post("/api/v1/reports", confidential_post())
    a, b = Report.objects.order_by("pk")
    with pytest.raises(ValueError, match="another record"):
        sealing.open_json(a.identity_sealed, aad=sealing.identity_aad(b.uid))


@pytest.mark.parametrize("url", ["/lapor/", "/api/v1/reports"])
def test_a_crash_never_shows_the_identity_in_the_error_page_log_or_error_mail(
    refdata: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    from django.views.debug import ExceptionReporter

    from jaganetral.intake import actions

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(actions, "submit_report", boom)
    caplog.set_level(logging.DEBUG)
    resp = Client(raise_request_exception=False).post(url, confidential_post())
    assert resp.status_code == 500
    records = [r for r in caplog.records if r.exc_info and hasattr(r, "request")]
    assert records, "django.request logs the failure"
    # What Django's AdminEmailHandler would mail: the full report with POST data and frame locals.
    record = records[0]
    assert record.exc_info is not None
    mail = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()  # type: ignore[attr-defined]
    assert "simulated failure" in mail and "Budi Santoso" in mail  # it is the detailed report
    for secret in SECRETS:
        assert secret.encode() not in resp.content
        assert secret not in caplog.text
        assert secret not in mail, f"{secret!r} in the error report"
