"""``jaganetral worker``: the background worker. Every WORKER_TICK_SECONDS it runs the periodic
jobs (``tick``; not with ``--no-tick``, when a timer runs ``jaganetral tick``) and the queued
background tasks (django-tasks database queue). Several workers, on several machines, may run at
once: each task is claimed with a row lock (``SELECT ... FOR UPDATE SKIP LOCKED``) and each periodic
job claims its rows with a compare-and-swap, so no job is done twice."""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jaganetral.core.tick import run_tick
from jaganetral.ops import preflight

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Worker latar belakang: pekerjaan berkala dan antrean tugas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one round, then exit")
        parser.add_argument(
            "--no-tick", action="store_true", help="only queued tasks; periodic jobs run elsewhere (a timer)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        preflight.require()
        running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal running
            running = False

        interval = settings.WORKER_TICK_SECONDS
        while running:
            started = time.monotonic()
            if not opts["no_tick"]:
                results = run_tick(timezone.now())
                log.debug("tick %s", results)
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
            # db_worker installs its own handlers for the batch; take ours back.
            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
            if opts["once"]:
                break
            while running and time.monotonic() - started < interval:
                time.sleep(0.5)
