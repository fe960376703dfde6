from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.lib.workdays import MAX_DAYS
from jaganetral.reference.calendar import deadline, holidays_between
from jaganetral.reference.models import Election


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("tanggal tidak sah: %(value)s (pakai format YYYY-MM-DD)") % {"value": repr(value)}
        ) from None


class Command(BaseCommand):
    help = "Kalender libur dan hitungan tenggat."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add-days", help="tanggal N hari (kerja/kalender) setelah DATE")
        add.add_argument("date")
        add.add_argument("days", type=int)
        add.add_argument("--working", action="store_true", help="hitung hari kerja")
        add.add_argument("--election", help="pakai aturan hitung hari pemilihan ini")
        hol = sub.add_parser("holidays", help="daftar hari libur dan cuti bersama setahun")
        hol.add_argument("year", type=int)

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "holidays":
            year = opts["year"]
            if not 2000 <= year <= 2100:
                raise CommandError(_("tahun harus antara 2000 dan 2100"))
            for day in holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31)):
                self.stdout.write(f"{day['date']}  {day['kind']:<12}  {day['name']}")
            return
        start = _date(opts["date"])
        days = opts["days"]
        if not 0 <= days <= MAX_DAYS:
            raise CommandError(_("jumlah hari harus 0 sampai %(max)d") % {"max": MAX_DAYS})
        election = None
        if opts["election"]:
            election = Election.objects.filter(code=opts["election"]).first()
            if election is None:
                raise CommandError(
                    _("pemilihan %(code)s tidak ada (lihat `jaganetral elections load`)")
                    % {"code": repr(opts["election"])}
                )
        working = True if opts["working"] else None
        self.stdout.write(deadline(start, days, working=working, election=election).isoformat())
