from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jaganetral.cases.models import CaseEvent
from tests.cases.conftest import make_case, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_verify_reports_ok_then_finds_a_tampered_row(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    first = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    second = make_case(personas.jepara)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    events = CaseEvent.objects.count()
    assert f"OK: 2 kasus, {events} peristiwa" in out

    target = CaseEvent.objects.get(case=first, seq=2)
    table = CaseEvent._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET reason = %s WHERE id = %s", ["diubah diam-diam", target.pk])  # noqa: S608
    with pytest.raises(CommandError, match="1 dari 2 kasus"):
        call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"kasus {first.reference}" in out and "peristiwa ke-2" in out
    assert second.reference not in out


def test_verify_finds_a_deleted_event(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseEvent._meta.db_table} WHERE case_id = %s AND seq = 1", [case.pk])  # noqa: S608
    with pytest.raises(CommandError):
        call_command("audit", "verify")
