"""``jaganetral web``: only the web server (gunicorn), for a service manager that supervises it
(``deploy/systemd/jaganetral-web.service``). No migrations: run ``jaganetral migrate`` once per
deployment, from one machine. gunicorn settings beyond these: ``GUNICORN_CMD_ARGS``."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from jaganetral.ops import preflight
from jaganetral.ops.processes import gunicorn_argv


class Command(BaseCommand):
    help = "Jalankan server web saja (gunicorn), untuk systemd; tanpa migrasi dan tanpa worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("BIND")
            or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}",
            help="HOST:PORT or unix:/path (default: BIND, or HOST:PORT from the environment, 127.0.0.1:8000)",
        )
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args: Any, **opts: Any) -> None:
        preflight.require()
        argv = gunicorn_argv(bind=opts["bind"], workers=opts["workers"], var_dir=settings.VAR_DIR)
        sys.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaganetral.settings")
        os.environ["JAGANETRAL_VAR_DIR"] = str(settings.VAR_DIR)
        os.execv(argv[0], argv)  # noqa: S606 - our own interpreter; systemd supervises gunicorn directly
