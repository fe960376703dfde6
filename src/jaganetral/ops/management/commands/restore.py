"""``jaganetral restore FILE [--keys KEYFILE] [--replace]``: see :mod:`jaganetral.ops.restore`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.ops import keys as keys_ops
from jaganetral.ops import preflight
from jaganetral.ops.backup import BackupError
from jaganetral.ops.restore import restore


class Command(BaseCommand):
    help = "Pulihkan cadangan ke instalasi kosong; --keys memasang kunci dari berkas kunci berfrasa sandi."
    requires_system_checks: list[str] = []  # the database may not have a single table yet

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="arsip dari jaganetral backup")
        parser.add_argument("--keys", metavar="KEYFILE", help="berkas kunci dari backup --export-keys")
        parser.add_argument("--passphrase-file", metavar="PATH", help="baca frasa sandi dari berkas")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="hapus dulu SELURUH isi basis data dan folder berkas tujuan (hati-hati)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["file"] and not opts["keys"]:
            raise CommandError(_("Sebutkan arsip cadangan, --keys KEYFILE, atau keduanya."))
        out = self.stdout.write
        try:
            if opts["keys"]:
                keys = keys_ops.read(
                    Path(opts["keys"]), preflight.read_passphrase(opts["passphrase_file"], confirm=False)
                )
                for line in keys_ops.install(keys):  # before the data: a conflict stops everything
                    out(line)
            if opts["file"]:
                result = restore(Path(opts["file"]), replace=opts["replace"], progress=out)
                out(
                    _("Dipulihkan dari %(path)s (cadangan %(at)s, %(db)s).")
                    % {
                        "path": opts["file"],
                        "at": result.manifest.get("snapshot_at", "?"),
                        "db": result.manifest.get("database", "?"),
                    }
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if opts["file"]:
            self._check()

    def _check(self) -> None:
        from jaganetral.cases.audit_chain import verify_all

        report = verify_all()
        if report.ok:
            self.stdout.write(
                _("Rantai audit utuh: %(cases)d kasus, %(events)d peristiwa.")
                % {"cases": report.cases, "events": report.events}
            )
        else:
            self.stdout.write(self.style.ERROR(_("PERINGATAN: jaganetral audit verify menemukan kerusakan.")))
        for problem in preflight.problems():
            self.stdout.write(self.style.WARNING(_("PERINGATAN: %(p)s") % {"p": problem}))
