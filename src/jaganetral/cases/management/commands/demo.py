from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Data contoh: jaganetral demo load (bentuk Pilkada 2020 Jawa Tengah: 57 kasus)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("load", help="muat 57 kasus contoh (sekali saja)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from jaganetral.cases.demo import FORWARDED, PPK_SILENT, STOPPED, load_demo

        result = load_demo()
        if result.skipped:
            self.stdout.write("Data contoh sudah ada; tidak ada yang dimuat ulang.")
            return
        self.stdout.write(
            f"{result.created} kasus contoh dimuat: {FORWARDED} diteruskan, {STOPPED} dihentikan, "
            f"{PPK_SILENT} rekomendasi tanpa tindak lanjut PPK. Hari ini {result.running} batas waktu "
            f"masih berjalan, {result.overdue} di antaranya sudah lewat."
        )
