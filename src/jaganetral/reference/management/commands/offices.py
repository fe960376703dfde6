from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.reference.actions import set_offices_from_file
from jaganetral.reference.office_file import OfficeFileError
from jaganetral.reference.selectors import offices


class Command(BaseCommand):
    help = "Profil kantor Bawaslu untuk kop surat: jaganetral offices set FILE | list"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("set", help="muat atau ganti profil kantor dari berkas YAML/JSON")
        load.add_argument("file")
        sub.add_parser("list", help="daftar kantor yang profilnya ada")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "list":
            for office in offices():
                signer = office.signer["name"] or "—"
                self.stdout.write(f"{office.code or 'nasional':<8} {office.name} ({office.city}); {signer}")
            return
        try:
            saved = set_offices_from_file(Path(opts["file"]))
        except OfficeFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("%(n)d profil kantor disimpan.") % {"n": len(saved)})
