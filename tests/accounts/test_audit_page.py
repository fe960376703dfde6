"""The audit page: administrators only, filters by user, object, action and date, a CSV export
that is itself audited and never lets a spreadsheet run a cell as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from jaganetral.accounts.audit_log import safe_cell
from jaganetral.core import audit
from jaganetral.core.models import AuditEvent
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_only_admins_read_the_audit_log(personas: Personas) -> None:
    from django.test import Client

    assert Client().get("/akun/audit/").status_code == 302
    for who in (
        personas.jepara,
        personas.jateng,
        personas.custodian,
        personas.analyst,
        personas.authority,
        personas.agency,
    ):
        assert personas.client(who).get("/akun/audit/").status_code == 403, who
        assert personas.client(who).get("/akun/audit/?format=csv").status_code == 403, who
    page = personas.client(personas.admin).get("/akun/audit/")
    assert page.status_code == 200 and "Log audit" in page.content.decode()


def test_filters_and_csv_export(personas: Personas) -> None:
    audit.record("cases.transition", actor=personas.jepara, object_id=12, target="registered")
    AuditEvent.objects.filter(action="cases.transition").update(object_type="cases.case")
    audit.record("intake.identity_opened", actor=personas.jateng, object_id=7)
    audit.record("cases.note", actor=personas.jepara, note='=HYPERLINK("http://evil")')
    client = personas.client(personas.admin)
    html = client.get("/akun/audit/", {"user": "jepara"}).content.decode()
    assert "cases.transition" in html and "intake.identity_opened" not in html
    html = client.get("/akun/audit/", {"object": "cases.case:12"}).content.decode()
    assert "cases.transition" in html and "cases.note" not in html
    html = client.get("/akun/audit/", {"action": "identity"}).content.decode()
    assert "intake.identity_opened" in html and "cases.transition" not in html
    html = client.get("/akun/audit/", {"since": "2000-01-01", "until": "2000-01-02"}).content.decode()
    assert "cases.transition" not in html
    # bad and oversized input: refused with a message, nothing lost
    bad = client.get("/akun/audit/", {"since": "2026-02-02", "until": "2026-01-01"})
    assert bad.status_code == 400 and "sebelum tanggal akhir" in bad.content.decode()
    assert client.get("/akun/audit/", {"since": "kemarin"}).status_code == 400
    assert client.get("/akun/audit/", {"user": "x" * 5000}).status_code == 400
    exported = client.get("/akun/audit/", {"user": "jepara", "format": "csv"})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0][:4] == ["waktu", "pengguna", "peran", "tindakan"]
    body = [r for r in rows[1:] if r[3] == "cases.note"]
    assert body and not body[0][6].startswith("=") and body[0][6].startswith("'") is False  # json starts "{"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows[1:] for cell in r)
    # the export itself is audited, with the filter used
    export = AuditEvent.objects.get(action="accounts.audit_exported")
    assert export.actor == personas.admin and export.data["filters"] == {"user": "jepara"}


def test_formula_cells_are_neutralised() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+62 812") == "'+62 812"
    assert safe_cell("-5") == "'-5"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("\t=x") == "'\t=x"
    assert safe_cell("cases.case") == "cases.case"
    assert safe_cell(None) == ""
