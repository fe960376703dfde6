"""Starting and watching the site's processes: the gunicorn command line (shared by ``serve`` and
``web``) and the small supervisor ``serve`` runs its children under.

The supervisor restarts a child that dies (with a growing pause when it keeps dying at once), gives
up only on a child that cannot start at all, and on SIGINT/SIGTERM stops every child and waits for
it. Children run in their own session, so a Ctrl-C in the terminal reaches ``serve`` alone, which
then stops them in order; on Linux they also get SIGTERM if ``serve`` itself is killed outright.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

# No client address and no query string in the access log: query strings may carry what a
# person typed into the self-check, and IP addresses are not kept (THREATS.md).
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
SOCKET_PATH_LIMIT = 100  # AF_UNIX paths are limited to 107 bytes on Linux
QUICK_EXIT_SECONDS = 10.0  # a child that dies sooner than this counts as failing to start
GIVE_UP_AFTER = 5  # quick exits in a row
MAX_PAUSE = 30.0
EXIT_REFUSED = 3  # preflight refused (e.g. the seal key is missing): restarting will not help


def control_socket(var_dir: Path) -> list[str]:
    """gunicorn's control socket for this installation (not the one shared ``~/.gunicorn``)."""
    path = var_dir / "run" / "gunicorn.ctl"
    if len(str(path)) > SOCKET_PATH_LIMIT:
        return ["--no-control-socket"]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return ["--control-socket", str(path), "--control-socket-mode", "0o600"]


def gunicorn_argv(*, bind: str, workers: int, var_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "jaganetral.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--graceful-timeout",
        "5",
        "--logger-class",
        "jaganetral.ops.gunicorn_logging.PrivateLogger",
        *control_socket(var_dir),
    ]


def _static_fingerprint() -> str:
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    entries = [repr(settings.STORAGES.get("staticfiles"))]
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            st = os.stat(storage.path(path))
            entries.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


def collect_static() -> bool:
    """``collectstatic``, skipped when no static source file changed since the last run (the
    compressed copies take half a minute to make; a restart should not wait for them again)."""
    from django.conf import settings
    from django.core.management import call_command

    marker = Path(settings.STATIC_ROOT) / ".jaganetral-collected"
    fingerprint = _static_fingerprint()
    if marker.is_file() and marker.read_text(encoding="ascii").strip() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint + "\n", encoding="ascii")
    return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    libc_name = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and libc_name:
        pr_set_pdeathsig = 1
        ctypes.CDLL(libc_name, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    quick_exits: int = 0
    due: float = 0.0  # when to start it again after it died
    restarts: int = 0

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None


@dataclass
class Supervisor:
    children: list[Child]
    env: Mapping[str, str]
    say: Callable[[str], None]
    messages: Mapping[str, str] = field(default_factory=dict)
    pause: float = 0.5  # the first pause before a restart; doubled for each quick exit in a row
    stopping: bool = False
    failed: str = ""

    def start(self, child: Child) -> None:
        child.proc = subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
            child.argv, env=dict(self.env), start_new_session=True, preexec_fn=_die_with_parent
        )
        child.started = time.monotonic()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            for child in self.children:  # gunicorn reloads its workers; the worker is restarted
                if child.proc is not None and child.proc.poll() is None:
                    child.proc.send_signal(signal.SIGHUP if child.name == "web" else signal.SIGTERM)
            return
        self.stopping = True

    def _reap(self, child: Child, now: float) -> None:
        assert child.proc is not None  # noqa: S101 - only called for started children
        code = child.proc.returncode
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.proc.pid, signal.SIGTERM)  # what it leaves behind (gunicorn's workers)
        child.proc = None
        if code == EXIT_REFUSED:
            self.failed = self.messages.get("refused", "{name}").format(name=child.name, code=code)
            return
        child.quick_exits = child.quick_exits + 1 if now - child.started < QUICK_EXIT_SECONDS else 0
        if child.quick_exits >= GIVE_UP_AFTER:
            self.failed = self.messages.get("gave_up", "{name}").format(name=child.name, code=code)
            return
        pause = min(MAX_PAUSE, self.pause * 2**child.quick_exits)
        child.due = now + pause
        child.restarts += 1
        template = self.messages.get("restart", "{name} {code} {pause}")
        self.say(template.format(name=child.name, code=code, pause=f"{pause:g}"))

    def run(self, poll: float = 0.2) -> int:
        """Start every child and watch them until a signal or a child that cannot start."""
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        try:
            for child in self.children:
                self.start(child)
            while not self.stopping and not self.failed:
                now = time.monotonic()
                for child in self.children:
                    if child.proc is not None and child.proc.poll() is not None:
                        self._reap(child, now)
                    elif child.proc is None and now >= child.due and not self.failed:
                        self.start(child)
                time.sleep(poll)
        finally:
            self.stop()
        return 1 if self.failed else 0

    def stop(self, timeout: float = 10.0) -> None:
        running = [c.proc for c in self.children if c.proc is not None and c.proc.poll() is None]
        for proc in running:
            proc.terminate()
        deadline = time.monotonic() + timeout
        for proc in running:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
