"""``jaganetral backup FILE [--export-keys KEYFILE]``: see :mod:`jaganetral.ops.backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.ops import keys as keys_ops
from jaganetral.ops.backup import BackupError, create
from jaganetral.ops.preflight import read_passphrase


class Command(BaseCommand):
    help = (
        "Cadangkan basis data dan berkas ke satu arsip selagi situs berjalan; kunci hanya diekspor "
        "terpisah bila diminta (--export-keys), dengan frasa sandi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="arsip cadangan baru, mis. cadangan-2026-03-01.tar")
        parser.add_argument(
            "--export-keys",
            metavar="KEYFILE",
            help="ekspor juga kunci segel dan kunci penanda tangan audit ke berkas terpisah (berfrasa sandi)",
        )
        parser.add_argument(
            "--passphrase-file",
            metavar="PATH",
            help="baca frasa sandi dari berkas (bawaan: JAGANETRAL_KEY_PASSPHRASE atau ketik di terminal)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["file"] and not opts["export_keys"]:
            raise CommandError(_("Sebutkan berkas cadangan, --export-keys KEYFILE, atau keduanya."))
        try:
            if opts["file"]:
                result = create(Path(opts["file"]), progress=self.stdout.write)
                self.stdout.write(
                    _(
                        "Cadangan ditulis ke %(path)s: %(tables)d tabel, %(rows)d baris, %(files)d berkas "
                        "dalam %(sec).1f detik. Kunci TIDAK termasuk di dalamnya."
                    )
                    % {
                        "path": result.path,
                        "tables": result.tables,
                        "rows": result.rows,
                        "files": result.files,
                        "sec": result.seconds,
                    }
                )
            if opts["export_keys"]:
                phrase = read_passphrase(opts.get("passphrase_file"), confirm=True)
                exported = keys_ops.export(Path(opts["export_keys"]), phrase)
                self.stdout.write(
                    _(
                        "Kunci diekspor ke %(path)s (kunci segel %(seal)s%(sign)s). Simpan berkas ini dan "
                        "frasa sandinya terpisah dari cadangan."
                    )
                    % {
                        "path": opts["export_keys"],
                        "seal": ", ".join(exported.seal_ids),
                        "sign": (_("; penanda tangan audit %(id)s") % {"id": exported.signing_id})
                        if exported.signing_id
                        else "",
                    }
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
