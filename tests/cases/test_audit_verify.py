from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from jaganetral.cases.models import AnchorHead, AppendOnlyError, Case, CaseAnchor, CaseEvent
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


def test_verify_finds_a_timeline_cut_short_at_its_end(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting the last events (e.g. the step that closed the case) leaves a chain that still
    links; the case's head says where it should end."""
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    other = make_case(personas.jepara)
    last = CaseEvent.objects.filter(case=case).order_by("-seq").first()
    assert last is not None
    case.refresh_from_db()
    assert (case.head_seq, case.head_hash) == (last.seq, last.hash)
    call_command("audit", "verify")
    capsys.readouterr()
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseEvent._meta.db_table} WHERE id = %s", [last.pk])  # noqa: S608
    with pytest.raises(CommandError, match="1 kasus linimasanya terpotong"):
        call_command("audit", "verify")
    out = capsys.readouterr().out
    assert (
        f"kasus {case.reference} (id {case.pk}), linimasa seharusnya berakhir di peristiwa ke-{last.seq}"
        in out
    )
    assert other.reference not in out


# --- the anchor ledger: a case deleted whole is found ---------------------------------------


def _delete_case_whole(case_pk: int) -> None:
    """What someone with the database could do: remove a case's events (bypassing the model's
    append-only guard) and then the case with everything hanging on it."""
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseEvent._meta.db_table} WHERE case_id = %s", [case_pk])  # noqa: S608
    Case.objects.filter(pk=case_pk).delete()


def test_every_way_of_opening_a_case_is_anchored(personas: Personas) -> None:
    from jaganetral.cases import actions
    from jaganetral.reference.models import Election, Region

    reported = make_case(personas.jepara)
    finding = actions.FindingInput(
        election=Election.objects.get(code="pemilu-2024"),
        region=Region.objects.get(pk="33.20"),
        summary="Camat berkampanye.",
        persons=[actions.PersonInput("Budi Santoso")],
    )
    temuan = actions.record_finding(actor=personas.jepara, data=finding)
    screened = actions.open_case_from_screening(
        actor=personas.analyst,
        data=finding,
        post=actions.CapturedPost(
            url="https://x.com/budi/status/1", sha256="a" * 64, captured_at=timezone.now(), finding_id=7
        ),
    )
    anchors = list(CaseAnchor.objects.order_by("seq"))
    assert [(a.seq, a.case_pk, a.source) for a in anchors] == [
        (1, reported.pk, "laporan"),
        (2, temuan.pk, "temuan"),
        (3, screened.pk, "screening"),
    ]
    for a in anchors:
        assert a.first_hash == CaseEvent.objects.get(case_id=a.case_pk, seq=1).hash
    assert anchors[1].prev_hash == anchors[0].hash
    head = AnchorHead.objects.get()
    assert (head.seq, head.hash) == (3, anchors[2].hash)
    with pytest.raises(AppendOnlyError):
        anchors[0].delete()


def test_deleting_a_case_with_all_its_events_is_found(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = make_case(personas.jepara)
    gone = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    call_command("audit", "verify")
    assert "OK: 2 kasus" in capsys.readouterr().out
    _delete_case_whole(gone.pk)
    assert not Case.objects.filter(pk=gone.pk).exists()
    with pytest.raises(CommandError, match=rf"1 kasus hilang \(id {gone.pk}\)"):
        call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"HILANG: kasus id {gone.pk}" in out and "kasus hilang" in out
    assert out.count("HILANG") == 1 and "RUSAK" not in out and "TANPA JANGKAR" not in out
    assert Case.objects.filter(pk=keep.pk).exists()


def test_deleting_the_case_and_its_anchor_row_breaks_the_ledger(personas: Personas) -> None:
    first, second, third = (make_case(personas.jepara) for _ in range(3))
    _delete_case_whole(second.pk)
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseAnchor._meta.db_table} WHERE case_pk = %s", [second.pk])  # noqa: S608
    with pytest.raises(CommandError, match="rantai jangkar kasus rusak"):
        call_command("audit", "verify")
    # the last one too, even when the ledger's rows still chain: the head remembers it
    _delete_case_whole(third.pk)
    with connection.cursor() as cur:
        table = CaseAnchor._meta.db_table
        cur.execute(f"DELETE FROM {table} WHERE case_pk IN (%s, %s)", [second.pk, third.pk])  # noqa: S608
    with pytest.raises(CommandError, match="rantai jangkar kasus rusak"):
        call_command("audit", "verify")
    assert Case.objects.filter(pk=first.pk).exists()


def test_a_rewritten_timeline_or_a_case_without_anchor_is_found(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    from jaganetral.cases.actions import append_event

    case = make_case(personas.jepara)
    # a whole new, internally consistent timeline: only the anchor notices
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseEvent._meta.db_table} WHERE case_id = %s", [case.pk])  # noqa: S608
    append_event(case, "opened_from_report", actor=None, to_state="received", report="lain")
    with pytest.raises(CommandError, match="1 kasus tidak cocok dengan jangkarnya"):
        call_command("audit", "verify")
    assert "peristiwa pertama tidak cocok" in capsys.readouterr().out
    # a case slipped in past the actions has no anchor
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {CaseAnchor._meta.db_table}")  # noqa: S608
        cur.execute(f"DELETE FROM {AnchorHead._meta.db_table}")  # noqa: S608
    with pytest.raises(CommandError, match="1 kasus tanpa jangkar"):
        call_command("audit", "verify")
    assert f"TANPA JANGKAR: kasus {case.reference}" in capsys.readouterr().out


@pytest.mark.cli
def test_the_console_script_exits_nonzero_for_a_missing_case(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    exe = shutil.which("jaganetral") or str(Path(sys.executable).with_name("jaganetral"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["JAGANETRAL_VAR_DIR"] = str(tmp_path / "var")
    subprocess.run([exe, "migrate", "-v0"], env=env, check=True, timeout=300)
    subprocess.run([exe, "load-reference"], env=env, check=True, timeout=300, capture_output=True)
    subprocess.run([exe, "demo", "load"], env=env, check=True, timeout=300, capture_output=True)
    ok = subprocess.run([exe, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 57 kasus, ")
    db = tmp_path / "var" / "jaganetral.sqlite3"
    import sqlite3

    with sqlite3.connect(db) as con:
        con.execute("PRAGMA foreign_keys=OFF")
        case_pk = con.execute("SELECT MAX(id) FROM cases_case").fetchone()[0]
        for table in (
            "cases_caseevent",
            "cases_clock",
            "cases_casereportedperson",
            "cases_clarification",
            "cases_study",
            "cases_recommendation",
            "cases_sanction",
            "cases_notification",
        ):
            con.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_pk])  # noqa: S608
        con.execute("DELETE FROM cases_case WHERE id = ?", [case_pk])
    bad = subprocess.run([exe, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert f"HILANG: kasus id {case_pk}" in bad.stdout
    assert "kasus hilang" in bad.stderr
