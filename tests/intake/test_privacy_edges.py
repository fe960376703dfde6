"""Privacy at the edges of the public side (issue 15): nothing cached, no persistent cookie, references
that reveal no count."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from jaganetral.intake.models import Report
from jaganetral.intake.views import SESSION_KEY
from tests.intake.conftest import report_post, submit

pytestmark = pytest.mark.django_db


def _receipt_of(resp: Any) -> str:
    return re.search(rb"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}", resp.content).group().decode()


def _persistent_cookies(resp: Any) -> list[str]:
    return [name for name, morsel in resp.cookies.items() if morsel["max-age"] or morsel["expires"]]


def test_no_reporter_facing_answer_may_be_cached(refdata: None) -> None:
    client = Client()
    code = submit(client, report_post()).json()["receipt"]
    answers = [
        client.get("/lapor/"),
        client.get("/lapor/status/"),
        client.post("/lapor/status/", {"receipt": "0000-0000-0000-0000-0000"}),
        client.get("/api/v1/reports/status", HTTP_X_RECEIPT=code),
        client.get("/api/v1/reports/status", HTTP_X_RECEIPT="0000-0000-0000-0000-0000"),
        client.get("/api/v1/reports/status"),
        submit(client, report_post()),
    ]
    for resp in answers:
        assert resp["Cache-Control"] == "no-store", resp.request["PATH_INFO"]
    for resp in answers[3:]:
        assert "X-Receipt" in resp["Vary"]
    assert answers[3].status_code == 200 and answers[4].status_code == 404


def test_public_pages_leave_no_persistent_cookie(refdata: None) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/lapor/")
    assert "csrftoken" in page.cookies  # the form needs it ...
    assert _persistent_cookies(page) == []  # ... but only for this browser session
    token = page.cookies["csrftoken"].value
    sent = client.post("/lapor/", {**report_post(), "csrfmiddlewaretoken": token})
    assert sent.status_code == 201
    assert "sessionid" in sent.cookies and _persistent_cookies(sent) == []
    other = Client()
    resp = other.post("/lapor/status/", {"receipt": _receipt_of(sent)})
    assert resp.status_code == 302 and _persistent_cookies(resp) == []
    assert other.get("/lapor/status/").status_code == 200


def test_the_reporter_session_still_ends_after_half_an_hour_on_the_server(refdata: None) -> None:
    client = Client()
    client.post("/lapor/", report_post())
    session = client.session
    assert session[SESSION_KEY]
    session["intake_report_until"] = 0  # as if 30 minutes had passed
    session.save()
    assert b"Kode tanda terima" in client.get("/lapor/status/").content  # asked for the receipt again


def test_references_reveal_no_count(refdata: None) -> None:
    submit(Client(), report_post())
    refs = [r.reference for r in Report.objects.all()]
    more = [submit(Client(), report_post()).json()["reference"] for _ in range(3)]
    for ref in [*refs, *more]:
        assert re.fullmatch(r"LPR-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", ref), ref
    pks = [str(pk) for pk in Report.objects.values_list("pk", flat=True)]
    assert not any(ref.endswith(pk.zfill(6)) for ref in more for pk in pks)
    assert len(set(more)) == 3


def test_reports_from_before_keep_their_numbered_reference(refdata: None) -> None:
    submit(Client(), report_post())
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(public_reference=None)
    report.refresh_from_db()
    assert report.reference == f"LPR-{report.submitted_at.year}-{report.pk:06d}"
