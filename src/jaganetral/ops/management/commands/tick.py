from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from jaganetral.core.tick import run_tick
from jaganetral.ops import preflight


class Command(BaseCommand):
    help = "Jalankan sekali semua pekerjaan berkala (tenggat, pembersihan). Aman dijalankan bersamaan."

    def handle(self, *args: Any, **opts: Any) -> None:
        preflight.require()
        for name, count in run_tick(timezone.now()).items():
            self.stdout.write(f"{name}: {count}")
