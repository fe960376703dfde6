"""A whole JagaNetral installation in a temporary folder, driven through the `jaganetral` console
script the way an operator would: its own var folder and database (SQLite file, or a fresh
PostgreSQL database on the server the suite runs against), started, queried over HTTP, stopped."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
JAGANETRAL = shutil.which("jaganetral") or str(Path(sys.executable).with_name("jaganetral"))
SECRET = "rahasia-uji-instalasi-yang-cukup-panjang-0123456789"
DROPPED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "JAGANETRAL_SEAL_KEY", "JAGANETRAL_SEAL_KEY_FILE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres_server() -> str | None:
    """The PostgreSQL server the suite runs against (its DATABASE_URL), or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql", "pgsql") else None


@contextlib.contextmanager
def postgres_databases(count: int) -> Iterator[list[str]]:
    """``count`` new, empty databases on the suite's PostgreSQL server, dropped afterwards."""
    server = postgres_server()
    if server is None:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI's PostgreSQL stage)")
    import psycopg

    parts = urlsplit(server)
    admin = urlunsplit(parts._replace(path="/postgres"))
    names = [f"jn_ops_{uuid.uuid4().hex[:10]}_{i}" for i in range(count)]
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [urlunsplit(parts._replace(path=f"/{name}")) for name in names]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Installation:
    root: Path
    database_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    servers: list[subprocess.Popen[str]] = field(default_factory=list)

    @property
    def var(self) -> Path:
        return self.root / "var"

    def env(self, **over: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED}
        env.update(
            {
                "JAGANETRAL_VAR_DIR": str(self.var),
                "SECRET_KEY": SECRET,
                "WORKER_TICK_SECONDS": "1",
                "PYTHONPATH": str(ROOT),
                **({"DATABASE_URL": self.database_url} if self.database_url else {}),
                **self.extra,
                **over,
            }
        )
        return env

    def run(
        self, *args: str, check: bool = True, timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [JAGANETRAL, *args],
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=ROOT,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"jaganetral {' '.join(args)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def harness(self, *args: str) -> Any:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.ops.harness", *args],
            env=self.env(DJANGO_SETTINGS_MODULE="jaganetral.settings"),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=ROOT,
        )
        if proc.returncode != 0:
            raise AssertionError(f"harness {args} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def start(
        self, kind: str = "serve", *extra: str, port: int | None = None
    ) -> tuple[subprocess.Popen[str], str]:
        """``jaganetral serve`` (or ``web``) in the background; returns it and its base URL."""
        port = port or free_port()
        if kind == "serve":
            argv = ["serve", "--workers", "1", "--port", str(port), *extra]
        else:
            argv = [kind, "--workers", "1", "--bind", f"127.0.0.1:{port}", *extra]
        proc = subprocess.Popen(
            [JAGANETRAL, *argv],
            env=self.env(JAGANETRAL_ADMIN_PASSWORD="sandi-admin-uji-panjang-1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            cwd=ROOT,
        )
        self.servers.append(proc)
        base = f"http://127.0.0.1:{port}"
        wait_for(base, proc)
        return proc, base

    def start_worker(self, *extra: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [JAGANETRAL, "worker", *extra],
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            cwd=ROOT,
        )
        self.servers.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
        if proc.poll() is None:
            os.kill(proc.pid, sig)
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        if proc in self.servers:
            self.servers.remove(proc)
        return out

    def stop_all(self) -> None:
        for proc in list(self.servers):
            self.stop(proc)


def wait_for(base: str, proc: subprocess.Popen[str] | None = None, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"server exited with {proc.returncode}:\n{out}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} did not answer within {timeout} s")


def children_of(pid: int) -> dict[int, str]:
    """Direct children of ``pid``: pid -> command line (read from /proc)."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
