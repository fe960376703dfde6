"""``jaganetral serve``: migrate, load reference data, make sure an admin exists, then run the
site under gunicorn (static files by whitenoise) together with the background worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from jaganetral.accounts.actions import ensure_first_admin
from jaganetral.reference.actions import load_reference

# No client address and no query string in the access log: query strings may carry what a
# person typed into the self-check, and IP addresses are not kept (THREATS.md).
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


class Command(BaseCommand):
    help = "Siapkan basis data dan jalankan situs beserta worker (Ctrl-C untuk berhenti)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(_("Menyiapkan basis data..."))
        call_command("migrate", interactive=False, verbosity=0)
        result = load_reference()
        self.stdout.write(_("Data referensi: %(summary)s") % {"summary": result.summary()})
        created = ensure_first_admin(password=os.environ.get("JAGANETRAL_ADMIN_PASSWORD") or None)
        if created is not None:
            user, password = created
            shown = (
                _("(dari JAGANETRAL_ADMIN_PASSWORD)")
                if os.environ.get("JAGANETRAL_ADMIN_PASSWORD")
                else password
            )
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Administrator pertama dibuat: nama pengguna '%(username)s', "
                        "kata sandi %(password)s\n"
                        "Catat kata sandi ini sekarang; ia tidak akan ditampilkan lagi."
                    )
                    % {"username": user.username, "password": shown}
                )
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://{opts['host']}:{opts['port']}"
        self.stdout.write(
            self.style.SUCCESS(_("JagaNetral berjalan di %(url)s  (Ctrl-C untuk berhenti)") % {"url": url})
        )
        self.stdout.flush()
        self._run(opts)

    def _run(self, opts: dict[str, Any]) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jaganetral.settings",
            "JAGANETRAL_VAR_DIR": str(settings.VAR_DIR),
        }
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "jaganetral.wsgi:application",
            "--bind",
            f"{opts['host']}:{opts['port']}",
            "--workers",
            str(opts["workers"]),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--graceful-timeout",
            "5",
        ]
        children = [subprocess.Popen(gunicorn, env=env)]  # noqa: S603 - fixed argv, our own interpreter
        if not opts["no_worker"]:
            worker = [sys.executable, "-m", "jaganetral.cli", "worker"]
            children.append(subprocess.Popen(worker, env=env))  # noqa: S603

        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(c.poll() is None for c in children):
                time.sleep(0.3)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, -signal.SIGINT)]
        self.stdout.write(_("JagaNetral berhenti."))
        if failed and not stopping:
            raise SystemExit(1)
