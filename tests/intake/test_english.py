"""Refusals speak the language the person chose with the language switch (the ``django_language``
cookie): English when they chose it, Bahasa Indonesia otherwise. The browser's Accept-Language is
ignored on purpose (``core.middleware.IndonesianFirstMiddleware``)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from jaganetral.intake import actions
from jaganetral.intake.models import Report
from tests.conftest import Personas
from tests.intake.conftest import report_post, submit, upload

pytestmark = pytest.mark.django_db

UNKNOWN_RECEIPT = "AAAA-BBBB-CCCC-DDDD-EEEE"


def _english(client: Client | None = None) -> Client:
    client = client or Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _anonymous_report() -> Report:
    resp = submit(Client(), report_post())
    assert resp.status_code == 201, resp.content
    return Report.objects.get()


def test_a_refused_action_speaks_english_when_english_is_active(personas: Personas) -> None:
    report = _anonymous_report()
    with translation.override("en"):
        with pytest.raises(actions.IntakeError, match=r"^This report is anonymous: there is no reporter\b"):
            actions.request_identity_access(actor=personas.jepara, report=report, reason="x" * 30)
        with pytest.raises(actions.IntakeError, match=r"^Your role may not do this\.$"):
            actions.ask_reporter(actor=personas.custodian, report=report, body="Halo?")
        with pytest.raises(actions.IntakeError, match=r"^At most 50 links per report\.$"):
            actions.reporter_add_evidence(report=report, files=[], links=["https://x.com/a"] * 50)
    with pytest.raises(actions.IntakeError, match=r"^Laporan ini anonim: tidak ada identitas pelapor\.$"):
        actions.request_identity_access(actor=personas.jepara, report=report, reason="x" * 30)


def test_the_api_refuses_in_english_with_the_language_cookie(refdata: None) -> None:
    resp = _english().get("/api/v1/reports/status")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Send the receipt code in the X-Receipt header."}
    resp = _english().get("/api/v1/reports/status", HTTP_X_RECEIPT=UNKNOWN_RECEIPT)
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Unknown receipt code. Please check the code again."}
    resp = submit(_english(), {**report_post(), "files": [upload("surat.exe", b"MZ" + b"\0" * 64)]})
    assert resp.status_code == 400
    assert resp.json()["detail"].startswith("Files of type .exe are not accepted. Accepted: JPG, PNG")
    resp = submit(_english(), report_post(reported_nip="1986 0926"))
    assert resp.status_code == 400
    assert resp.json()["detail"] == "NIP (if known): The NIP must have 18 digits (8 were entered)."


def test_the_browser_language_alone_keeps_the_api_indonesian(refdata: None) -> None:
    resp = Client().get("/api/v1/reports/status", HTTP_ACCEPT_LANGUAGE="en")
    assert resp.json() == {"detail": "Sertakan kode tanda terima di header X-Receipt."}


def test_pages_refuse_in_english_after_the_language_switch(personas: Personas) -> None:
    report = _anonymous_report()
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    res = client.post("/lapor/status/", {"receipt": UNKNOWN_RECEIPT})
    assert res.status_code == 404
    assert "Unknown receipt code. Please check the code again." in res.content.decode()
    res = client.post("/lapor/", report_post(reported_nip="12"))
    assert res.status_code == 400
    assert "The NIP must have 18 digits (2 were entered)." in res.content.decode()
    staff = _english(personas.client(personas.jepara))
    res = staff.post(f"/petugas/laporan/{report.pk}/identitas/", follow=True)
    assert res.status_code == 200
    html = res.content.decode()
    assert "There is no valid permission to open this reporter" in html
    assert "Tidak ada izin" not in html
