from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Data contoh: jaganetral demo load (bentuk Pilkada 2020 Jawa Tengah: 57 kasus)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("load", help="muat 57 kasus contoh (sekali saja)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from jaganetral.cases.demo import FORWARDED, STOPPED, load_demo

        result = load_demo()
        if result.skipped:
            self.stdout.write(_("Data contoh sudah ada; tidak ada yang dimuat ulang."))
            return
        self.stdout.write(
            _(
                "%(created)d kasus contoh dimuat: %(forwarded)d diteruskan, %(stopped)d dihentikan; "
                "%(people)d ASN terlapor, %(sanctioned)d dijatuhi sanksi PPK, %(awaiting)d menunggu "
                "tindak lanjut PPK. Hari ini %(running)d batas waktu masih berjalan, %(overdue)d di "
                "antaranya sudah lewat."
            )
            % {
                "created": result.created,
                "forwarded": FORWARDED,
                "stopped": STOPPED,
                "people": result.people,
                "sanctioned": result.sanctioned,
                "awaiting": result.awaiting_ppk,
                "running": result.running,
                "overdue": result.overdue,
            }
        )
