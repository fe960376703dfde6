from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaganetral.cases.audit_chain import verify_all
from jaganetral.cases.models import Case


class Command(BaseCommand):
    help = "Periksa rantai hash linimasa kasus: jaganetral audit verify"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("verify", help="hitung ulang rantai hash setiap kasus")

    def handle(self, *args: Any, **opts: Any) -> None:
        result = verify_all()
        if result.ok:
            self.stdout.write(f"OK: {result.cases} kasus, {result.events} peristiwa, rantai hash utuh.")
            return
        refs = dict(Case.objects.filter(pk__in=result.broken).values_list("pk", "number"))
        for pk, seqs in sorted(result.broken.items()):
            ref = refs.get(pk) or f"KASUS-{pk:06d}"
            self.stdout.write(f"RUSAK: kasus {ref} (id {pk}), peristiwa ke-{', '.join(map(str, seqs))}")
        raise CommandError(
            f"{len(result.broken)} dari {result.cases} kasus rantainya rusak "
            f"({result.events} peristiwa diperiksa)."
        )
