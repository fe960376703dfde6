from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.intake import sealing
from jaganetral.intake.actions import reseal_all
from jaganetral.lib.crypto import SealError, new_key_text
from jaganetral.lib.envconf import SettingError


class Command(BaseCommand):
    help = (
        "Kunci segel identitas pelapor: `intake new-key` mencetak kunci baru; "
        "`intake reseal` mengenkripsi ulang semua identitas dengan kunci pertama (setelah rotasi); "
        "`intake key-id` mencetak id kunci yang dipakai."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("new-key", help="cetak kunci acak baru (base64, 32 byte)")
        sub.add_parser("reseal", help="enkripsi ulang dengan kunci pertama")
        sub.add_parser("key-id", help="id kunci yang menyegel (bukan kuncinya)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "new-key":
            self.stdout.write(new_key_text())
            return
        try:
            box = sealing.sealer()
        except SettingError as exc:
            raise CommandError(str(exc)) from None
        if opts["action"] == "key-id":
            self.stdout.write(box.current_id)
            return
        try:
            count = reseal_all()
        except SealError as exc:
            raise CommandError(_("tidak dapat membuka nilai tersegel: %(error)s") % {"error": exc}) from None
        self.stdout.write(
            _("%(n)d laporan disegel ulang dengan kunci %(key)s.") % {"n": count, "key": box.current_id}
        )
