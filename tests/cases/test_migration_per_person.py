"""The per-person migration (cases 0005) carries existing cases over without loss, proven on a copy
of the demo database as it was before (`jaganetral demo load` at migration 0004: 57 cases, each
with its recommendation and sanction kept per case): each case's people get the case's current
outcome, every recommendation and sanction belongs to a person, and the hash chains still verify."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.cli
OLD_DEMO = Path(__file__).resolve().parent / "data" / "demo-before-per-person.sqlite3.gz"
OUTCOME = {
    "forwarded": "forwarded",
    "recommendation_received": "recommended",
    "sanction_imposed": "sanctioned",
    "ppk_no_action": "ppk_no_action",
    "escalated": "escalated",
}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "jaganetral.cli", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_each_person_gets_their_case_s_outcome(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    with gzip.open(OLD_DEMO) as src, db.open("wb") as out:
        shutil.copyfileobj(src, out)
    con = sqlite3.connect(db)
    before_cases = dict(con.execute("select id, state from cases_case"))
    before_recs = con.execute(
        "select case_id, sanction_type, letter_number from cases_recommendation"
    ).fetchall()
    before_sanctions = con.execute(
        "select case_id, sanction_type, decree_number from cases_sanction"
    ).fetchall()
    closed_from = dict(
        con.execute(
            "select case_id, from_state from cases_caseevent where kind='transition' and to_state='closed'"
        )
    )
    stop = dict(con.execute("select id, stop_reason from cases_case"))
    events = con.execute("select count(*) from cases_caseevent").fetchone()[0]
    con.close()
    assert len(before_cases) == 57 and before_recs and before_sanctions

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
    env |= {"JAGANETRAL_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{db}"}
    migrated = _run(env, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]

    con = sqlite3.connect(db)
    people = con.execute("select case_id, state, proven from cases_casereportedperson").fetchall()
    assert len(people) == 57
    for case_id, state, proven in people:
        case_state = before_cases[case_id]
        if case_state == "closed":
            expected = {"sanction_imposed": "sanctioned", "stopped": "stopped"}[closed_from[case_id]]
        elif case_state == "stopped":
            expected = "stopped"
        else:
            expected = OUTCOME[case_state]
        if expected == "stopped" and stop[case_id] == "not_proven":
            expected = "not_proven"
        assert state == expected, (case_id, case_state, state)
        assert proven == (0 if expected == "not_proven" else 1)
    recs = con.execute(
        "select r.case_id, r.kinds, r.letter_number, p.case_id from cases_recommendation r "
        "join cases_casereportedperson p on p.id = r.person_id"
    ).fetchall()
    assert sorted((c, f'["{t}"]', n) for c, t, n in before_recs) == sorted((c, k, n) for c, k, n, _ in recs)
    assert all(c == pc for c, _, _, pc in recs)
    sanctions = con.execute(
        "select s.case_id, s.kinds, s.decree_number from cases_sanction s where s.person_id is not null"
    ).fetchall()
    assert sorted((c, f'["{t}"]', n) for c, t, n in before_sanctions) == sorted(sanctions)
    running = con.execute(
        "select count(*) from cases_clock where name in ('authority_response', 'ppk_follow_up') "
        "and person_id is null"
    ).fetchone()[0]
    assert running == 0  # the personnel clocks run per person now
    assert con.execute("select count(*) from cases_caseevent").fetchone()[0] == events  # nothing rewritten
    con.close()
    verify = _run(env, "audit", "verify")
    assert verify.returncode == 0 and verify.stdout.startswith("OK: 57 kasus,"), verify.stdout
