from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.reference.actions import load_election_file
from jaganetral.reference.election_file import ElectionFileError


class Command(BaseCommand):
    help = "Kelola pemilihan: `elections load FILE.yaml [FILE.yaml ...]`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="muat atau perbarui pemilihan dari berkas YAML")
        load.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        for path in opts["files"]:
            try:
                election = load_election_file(path)
            except ElectionFileError as exc:
                raise CommandError(str(exc)) from None
            count = election.contestants.count()
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(code)s: %(name)s (%(n)d peserta)")
                    % {"code": election.code, "name": election.name, "n": count}
                )
            )
