"""`jaganetral serve` supervises its processes: a worker or web server killed with SIGKILL comes back
while the site keeps answering, a signal stops everything cleanly, and the gunicorn control socket
belongs to the installation, not to the home directory. The shipped systemd units pass
`systemd-analyze verify`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from jaganetral.ops.processes import EXIT_REFUSED, Child, Supervisor
from tests.ops.installation import ROOT, Installation, alive, children_of

UNITS = ROOT / "deploy" / "systemd"


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A short folder: gunicorn's control socket path must stay under the AF_UNIX limit."""
    path = Path(tempfile.mkdtemp(prefix="jn-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _child(pid: int, word: str, *, not_pid: int = 0, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child, cmd in children_of(pid).items():
            if word in cmd and child != not_pid and alive(child):
                return child
        time.sleep(0.2)
    raise AssertionError(f"no {word!r} child of {pid}: {children_of(pid)}")


def _up(base: str, timeout: float = 60) -> float:
    """Seconds until /healthz answers again."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not come back within {timeout} s")


@pytest.mark.cli
def test_serve_restarts_a_killed_worker_and_web_server_and_stops_cleanly(short_tmp: Path) -> None:
    home = short_tmp / "home"
    home.mkdir()
    inst = Installation(short_tmp, extra={"HOME": str(home)})
    proc, base = inst.start("serve")
    try:
        with requests.get(f"{base}/", timeout=10) as res:
            assert "Jaga netralitas ASN" in res.text
        assert requests.get(f"{base}/static/vendor/pico/pico.min.css", timeout=10).status_code == 200
        assert requests.get(f"{base}/api/v1/regions?level=province", timeout=10).status_code == 200

        worker = _child(proc.pid, "jaganetral.cli worker")
        web = _child(proc.pid, "gunicorn")
        assert (inst.var / "run" / "gunicorn.ctl").exists()  # this installation's control socket
        assert not (home / ".gunicorn").exists()  # not the one shared by every instance of the user

        answered: list[int] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                try:
                    answered.append(requests.get(f"{base}/healthz", timeout=2).status_code)
                except requests.RequestException:
                    answered.append(0)
                time.sleep(0.1)

        poller = threading.Thread(target=poll)
        poller.start()
        os.kill(worker, signal.SIGKILL)
        new_worker = _child(proc.pid, "jaganetral.cli worker", not_pid=worker)
        time.sleep(1)
        stop.set()
        poller.join()
        assert not alive(worker) and alive(new_worker)
        assert answered and set(answered) == {200}, answered  # the site never went down

        os.kill(web, signal.SIGKILL)  # the gunicorn master itself
        new_web = _child(proc.pid, "gunicorn", not_pid=web)
        assert _up(base) < 30
        assert alive(new_web) and proc.poll() is None

        survivors = [new_worker, new_web, *children_of(new_web)]
        out = inst.stop(proc, signal.SIGTERM)
    finally:
        inst.stop_all()
    assert proc.returncode == 0, out
    assert "Proses worker berhenti (kode -9); dimulai lagi" in out
    assert "Proses web berhenti (kode -9); dimulai lagi" in out
    assert "Administrator pertama dibuat" in out and "sandi-admin-uji-panjang-1" not in out
    assert "JagaNetral berhenti." in out
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in survivors) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in survivors)


def _supervise(children: list[Child], seconds: float) -> tuple[Supervisor, int, list[str]]:
    said: list[str] = []
    sup = Supervisor(
        children, dict(os.environ), said.append, messages={"restart": "{name} {code}"}, pause=0.01
    )
    timer = threading.Timer(seconds, lambda: setattr(sup, "stopping", True))
    timer.start()
    try:
        code = sup.run(poll=0.02)
    finally:
        timer.cancel()
    return sup, code, said


def test_the_supervisor_restarts_gives_up_on_a_child_that_cannot_start_and_on_a_refusal() -> None:
    sleeper = Child("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"])
    crasher = Child("crasher", [sys.executable, "-c", "raise SystemExit(1)"])
    sup, code, said = _supervise([sleeper, crasher], 20)
    assert code == 1 and "crasher" in sup.failed  # five quick exits in a row
    assert said.count("crasher 1") == 4 and sleeper.restarts == 0
    assert sleeper.proc is None or sleeper.proc.poll() is not None  # stopped with the rest

    refusing = Child("web", [sys.executable, "-c", f"raise SystemExit({EXIT_REFUSED})"])
    sup, code, said = _supervise([refusing], 20)
    assert code == 1 and said == []

    dying = Child(
        "worker", [sys.executable, "-c", "import os, time; time.sleep(0.3); os.kill(os.getpid(), 9)"]
    )
    sup, code, said = _supervise([dying], 2)
    assert code == 0 and dying.restarts >= 2 and said[0] == "worker -9"


def test_the_systemd_units_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    units = sorted(UNITS.glob("jaganetral-*"))
    assert {u.name for u in units} >= {
        "jaganetral-web.service",
        "jaganetral-worker.service",
        "jaganetral-tick.service",
        "jaganetral-tick.timer",
    }
    jaganetral = Path(sys.executable).with_name("jaganetral")
    for unit in units:
        text = unit.read_text().replace("/opt/jaganetral/.venv/bin/jaganetral", str(jaganetral))
        (tmp_path / unit.name).write_text(text)
    proc = subprocess.run(
        [analyze, "verify", *(str(tmp_path / u.name) for u in units)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0 and "Failed to" in proc.stderr and "bus" in proc.stderr.lower():
        pytest.skip(f"systemd-analyze cannot run here: {proc.stderr.strip()[:200]}")
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr
    # a broken unit is noticed (the check itself works)
    web = (UNITS / "jaganetral-web.service").read_text().replace("Type=exec", "Type=sometimes")
    (tmp_path / "broken.service").write_text(
        web.replace("/opt/jaganetral/.venv/bin/jaganetral", str(jaganetral))
    )
    bad = subprocess.run(
        [analyze, "verify", str(tmp_path / "broken.service")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "sometimes" in bad.stderr
