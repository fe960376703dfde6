"""The `jaganetral` console script itself, run as a new user would run it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from jaganetral.core.tick import run_tick

JAGANETRAL = shutil.which("jaganetral") or str(Path(sys.executable).with_name("jaganetral"))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"JAGANETRAL_VAR_DIR": str(tmp_path / "var"), "WORKER_TICK_SECONDS": "1", **extra})
    return env


@pytest.mark.cli
@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("DEBUG", "kadang"),
        ("SECRET_KEY", "pendek"),
        ("SESSION_ENGINE", "berkas"),
        ("AUDIT_HEADS_EMAIL", "arsip@bawaslu.example, bukan-surel"),
        ("EMAIL_HOST_PASSWORD_FILE", "/tidak/ada"),
    ],
)
def test_an_invalid_setting_stops_start_up_with_one_line(tmp_path: Path, variable: str, value: str) -> None:
    proc = subprocess.run(
        [JAGANETRAL, "check"],
        env=_env(tmp_path, **{variable: value}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"jaganetral: invalid setting {variable}: ")


@pytest.mark.cli
def test_calendar_add_days_from_the_console_script(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run([JAGANETRAL, "migrate", "-v0"], env=env, check=True, timeout=120)
    proc = subprocess.run(
        [JAGANETRAL, "calendar", "add-days", "2024-04-05", "7", "--working"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert proc.stdout == "2024-04-24\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db
def test_tick_runs_registered_jobs() -> None:
    results = run_tick(__import__("django.utils.timezone", fromlist=["now"]).now())
    assert results["sessions.expire"] == 0


@pytest.mark.cli
def test_classify_and_evaluate_with_an_election_file_need_no_database(tmp_path: Path) -> None:
    """A held-out election configured in a YAML file, on a machine where nothing was migrated."""
    env = _env(tmp_path)
    election = tmp_path / "pilkada-contoh.yaml"
    election.write_text(
        "code: pilkada-contoh-2031\nname: Pilkada Contoh 2031\nkind: pilkada\nregion: '33.20'\n"
        "voting_day: 2031-11-26\n"
        "day_count: calendar\ncontestants:\n"
        "  - {number: 1, kind: pair, name: Rahmat Hidayat - Sri Lestari, aliases: [Rahmat, Bang Rahmat]}\n"
        "  - {number: 2, kind: pair, name: Yohanes Pattiasina - Dewi Anggraini,"
        " aliases: [Yohanes, Bung Yo]}\n",
        encoding="utf-8",
    )
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "id,text,label\n1,Ayo coblos Bang Rahmat nomor 1 pasti menang!,support\n"
        "2,jangan pilih Bung Yo pembohong,attack\n3,hujan deras sore ini,none\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    base = ["screening", "classify", "--election", str(election), "--input", str(posts)]
    evaluate = [JAGANETRAL, "screening", "evaluate", "--election", str(election), "--input", str(posts)]
    proc = subprocess.run(
        [JAGANETRAL, *base, "--output", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["partisan"], x["direction"], x["target"]) for x in lines] == [
        (True, "support", 1),
        (True, "attack", 2),
        (False, None, None),
    ]
    proc = subprocess.run(
        [*evaluate, "--label-column", "label"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["recall"] == 1.0 and res["direction_accuracy"] == 1.0 and res["direction_n"] == 2
    # a stored election's code on a machine where nothing was migrated: one clear line, no traceback
    proc = subprocess.run(
        [JAGANETRAL, *base[:2], "--election", "pemilu-2024", "--input", str(posts), "--output", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "jaganetral migrate" in proc.stderr
