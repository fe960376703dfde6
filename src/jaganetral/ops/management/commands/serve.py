"""``jaganetral serve``: migrate, load reference data, make sure an admin exists, then run the
site under gunicorn (static files by whitenoise) together with the background worker, both watched
by a small supervisor (:mod:`jaganetral.ops.processes`): a child that dies is started again, and
SIGINT/SIGTERM stop both cleanly. For production under systemd see ``deploy/systemd``."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from jaganetral.accounts.actions import ensure_first_admin
from jaganetral.ops import preflight
from jaganetral.ops.processes import Child, Supervisor, collect_static, gunicorn_argv
from jaganetral.reference.actions import load_reference


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
        preflight.require()  # before anything could generate a seal key
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
        collect_static()
        url = f"http://{opts['host']}:{opts['port']}"
        self.stdout.write(
            self.style.SUCCESS(_("JagaNetral berjalan di %(url)s  (Ctrl-C untuk berhenti)") % {"url": url})
        )
        self.stdout.flush()
        code = self._run(opts)
        self.stdout.write(_("JagaNetral berhenti."))
        if code:
            raise SystemExit(code)

    def _run(self, opts: dict[str, Any]) -> int:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jaganetral.settings",
            "JAGANETRAL_VAR_DIR": str(settings.VAR_DIR),
        }
        bind = f"{opts['host']}:{opts['port']}"
        children = [Child("web", gunicorn_argv(bind=bind, workers=opts["workers"], var_dir=settings.VAR_DIR))]
        if not opts["no_worker"]:
            children.append(Child("worker", [sys.executable, "-m", "jaganetral.cli", "worker"]))

        def say(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        supervisor = Supervisor(
            children,
            env,
            say,
            messages={
                "restart": _("Proses {name} berhenti (kode {code}); dimulai lagi dalam {pause} detik."),
                "gave_up": _(
                    "Proses {name} terus berhenti saat dimulai (kode {code}); JagaNetral dihentikan."
                ),
                "refused": _("Proses {name} menolak berjalan (lihat pesan di atas); JagaNetral dihentikan."),
            },
        )
        code = supervisor.run()
        if supervisor.failed:
            self.stderr.write(supervisor.failed)
        return code
