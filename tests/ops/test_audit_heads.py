"""Anchored audit heads: the daily signed export, and `audit verify --against FILE`, which finds a
timeline rewritten and re-hashed after the export (that plain `audit verify` cannot see), a case
anchor ledger re-hashed, and audit-log rows changed or removed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from jaganetral.cases import anchoring
from jaganetral.cases.models import AnchorHead, Case, CaseAnchor, CaseEvent
from jaganetral.core.models import AuditEvent
from jaganetral.core.tick import JOBS, run_tick
from jaganetral.lib import hashchain
from jaganetral.ops.jobs import export_audit_heads
from tests.cases.conftest import make_case, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _heads(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_HEADS_DIR = tmp_path / "heads"
    settings.AUDIT_SIGNING_KEY_FILE = tmp_path / "audit_signing_key"
    settings.AUDIT_HEADS_EMAIL = ["arsip@bawaslu.example", "inspektorat@example.id"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _cases(personas: Personas) -> tuple[Case, Case]:
    first = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    second = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    return first, second


def _export(django_capture_on_commit_callbacks: Any, now: dt.datetime | None = None) -> Path:
    with django_capture_on_commit_callbacks(execute=True):
        assert export_audit_heads(now or timezone.now()) == 1
    [path] = sorted(Path(anchoring.settings.AUDIT_HEADS_DIR).glob("kepala-audit-*.json"))
    return path


def _rehash_from(case: Case, seq: int, **change: Any) -> None:
    """What an attacker with the database does: change an event, re-hash it and every later one,
    move the case's head, and (for the first event) re-hash the anchor ledger from there on."""
    table = CaseEvent._meta.db_table
    target = CaseEvent.objects.get(case=case, seq=seq)
    sets = ", ".join(f"{k} = %s" for k in change)
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*change.values(), target.pk])  # noqa: S608
    prev = CaseEvent.objects.get(case=case, seq=seq - 1).hash if seq > 1 else hashchain.GENESIS
    for event in CaseEvent.objects.filter(case=case, seq__gte=seq).order_by("seq"):
        new = hashchain.link(prev, event.payload())
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new, event.pk])  # noqa: S608
        prev = new
    Case.objects.filter(pk=case.pk).update(head_hash=prev)
    if seq == 1:
        first = CaseEvent.objects.get(case=case, seq=1).hash
        anchors = CaseAnchor._meta.db_table
        anchor = CaseAnchor.objects.get(case_pk=case.pk)
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {anchors} SET first_hash = %s WHERE id = %s", [first, anchor.pk])  # noqa: S608
        prev = CaseAnchor.objects.get(seq=anchor.seq - 1).hash if anchor.seq > 1 else hashchain.GENESIS
        for row in CaseAnchor.objects.filter(seq__gte=anchor.seq).order_by("seq"):
            new = hashchain.link(prev, row.payload())
            with connection.cursor() as cur:
                sql = f"UPDATE {anchors} SET prev_hash = %s, hash = %s WHERE id = %s"  # noqa: S608
                cur.execute(sql, [prev, new, row.pk])
            prev = new
        AnchorHead.objects.filter(pk=1).update(hash=prev)


def test_a_rewritten_and_rehashed_timeline_fails_verify_against(
    personas: Personas, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    first, second = _cases(personas)
    path = _export(django_capture_on_commit_callbacks)
    call_command("audit", "verify", "--against", str(path))
    out = capsys.readouterr().out
    assert "OK: 2 kasus" in out and "ditandatangani kunci" in out

    _rehash_from(first, 2, reason="alasan yang ditulis ulang")
    call_command("audit", "verify")  # every chain is whole again: plain verify cannot see it
    assert capsys.readouterr().out.startswith("OK: 2 kasus")
    with pytest.raises(CommandError, match="diubah setelah ekspor"):
        call_command("audit", "verify", "--against", str(path))
    out = capsys.readouterr().out
    assert f"DIUBAH SETELAH EKSPOR: kasus {first.reference} (id {first.pk}), peristiwa ke-" in out
    assert second.reference not in out


def test_a_rewritten_first_event_and_anchor_ledger_are_found(
    personas: Personas, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    _first, second = _cases(personas)
    path = _export(django_capture_on_commit_callbacks)
    _rehash_from(second, 1, at=timezone.now() - dt.timedelta(days=400))
    call_command("audit", "verify")
    assert capsys.readouterr().out.startswith("OK: 2 kasus")
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--against", str(path))
    out = capsys.readouterr().out
    assert f"(id {second.pk})" in out and "rantai jangkar kasus tidak lagi sama" in out


def test_changed_or_removed_audit_rows_and_deleted_cases_are_found(
    personas: Personas, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    _cases(personas)
    path = _export(django_capture_on_commit_callbacks)
    exported = json.loads(path.read_text())
    row = AuditEvent.objects.filter(pk__lte=exported["audit_log"]["last_id"]).order_by("pk").first()
    assert row is not None
    AuditEvent.objects.filter(pk=row.pk).update(data={"diubah": True})
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--against", str(path))
    assert "catatan audit sampai ekspor" in capsys.readouterr().out
    AuditEvent.objects.filter(pk=row.pk).delete()
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--against", str(path))
    out = capsys.readouterr().out
    assert f"({exported['audit_log']['count']} baris saat ekspor, {exported['audit_log']['count'] - 1}" in out
    # rows written after the export change nothing
    AuditEvent.objects.create(action="test.later")
    assert json.loads(path.read_text())["audit_log"]["last_id"] < AuditEvent.objects.order_by("-pk")[0].pk


def test_a_tampered_or_foreign_export_file_is_refused(
    personas: Personas, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = _cases(personas)
    path = _export(django_capture_on_commit_callbacks)
    doc = json.loads(path.read_text())
    doc["cases"][str(first.pk)] = [1, "0" * 64]  # the attacker edits the export to match
    forged = tmp_path / "palsu.json"
    forged.write_text(json.dumps(doc))
    with pytest.raises(CommandError, match="Tanda tangan berkas ekspor tidak cocok"):
        call_command("audit", "verify", "--against", str(forged))
    for content, message in (("bukan json", "bukan JSON"), ("{}", "bukan ekspor"), ("[1]", "bukan ekspor")):
        forged.write_text(content)
        with pytest.raises(CommandError, match=message):
            call_command("audit", "verify", "--against", str(forged))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("audit", "verify", "--against", str(tmp_path / "tidak-ada.json"))


def test_the_export_runs_once_a_day_signed_to_a_file_and_by_mail(
    personas: Personas, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert "audit.export_heads" in JOBS
    _cases(personas)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_tick(now)["audit.export_heads"] == 1
        assert run_tick(now + dt.timedelta(minutes=5))["audit.export_heads"] == 0  # same day: done
    [path] = list(Path(settings.AUDIT_HEADS_DIR).iterdir())
    [message] = mail.outbox
    assert message.to == ["arsip@bawaslu.example", "inspektorat@example.id"]
    [(name, body, kind)] = message.attachments
    assert name == path.name and body == path.read_bytes() and kind == "application/json"
    assert "jaganetral audit verify --against" in message.body
    assert AuditEvent.objects.filter(action="audit.heads_exported").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert run_tick(now + dt.timedelta(days=1))["audit.export_heads"] == 1
    assert len(list(Path(settings.AUDIT_HEADS_DIR).iterdir())) == 2 and len(mail.outbox) == 2


def test_export_heads_on_demand(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    _cases(personas)
    call_command("audit", "export-heads", "--dir", str(tmp_path / "sekarang"), "--no-email")
    out = capsys.readouterr().out
    [path] = list((tmp_path / "sekarang").iterdir())
    assert str(path) in out and not mail.outbox
    assert anchoring.load(path)["format"] == anchoring.FORMAT
