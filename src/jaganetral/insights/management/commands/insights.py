"""``jaganetral insights import-figures FILE.csv``: ASN counts and Bawaslu's IKP scores per region
(see :mod:`jaganetral.insights.figures` for the columns)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaganetral.insights import actions, figures


class Command(BaseCommand):
    help = "Statistik: impor angka wilayah (jumlah ASN, skor IKP Bawaslu) dari CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import-figures", help="impor CSV: kode,nama,asn,ikp,tahun,sumber")
        load.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            rows = figures.parse(path.read_bytes())
            n = actions.import_figures(actor=None, rows=rows, file_name=path.name)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except figures.FigureError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{n} wilayah diperbarui.")
