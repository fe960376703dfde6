from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.timezone import localtime

from jaganetral.cases.audit_chain import ChainReport, verify_all
from jaganetral.cases.models import Case


class Command(BaseCommand):
    help = "Periksa rantai hash linimasa kasus dan jangkar kasus: jaganetral audit verify"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        verify = sub.add_parser(
            "verify", help="hitung ulang rantai hash setiap kasus, jangkar kasus, dan lampiran"
        )
        verify.add_argument(
            "--files",
            action="store_true",
            help="hitung ulang juga SHA-256 setiap berkas lampiran yang tersimpan (lebih lambat)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        result = verify_all(files=bool(opts.get("files")))
        if result.ok:
            self.stdout.write(f"OK: {result.cases} kasus, {result.events} peristiwa, rantai hash utuh.")
            return
        self._report(result)
        raise CommandError(_summary(result))

    def _report(self, result: ChainReport) -> None:
        pks = set(result.broken) | set(result.cut_short) | set(result.first_changed) | set(result.unanchored)
        refs = dict(Case.objects.filter(pk__in=pks).values_list("pk", "number"))

        def ref(pk: int) -> str:
            return refs.get(pk) or f"KASUS-{pk:06d}"

        out = self.stdout.write
        for pk, seqs in sorted(result.broken.items()):
            out(f"RUSAK: kasus {ref(pk)} (id {pk}), peristiwa ke-{', '.join(map(str, seqs))}")
        for pk, head in sorted(result.cut_short.items()):
            out(
                f"RUSAK: kasus {ref(pk)} (id {pk}), linimasa seharusnya berakhir di peristiwa ke-{head} "
                "(peristiwa terakhir hilang atau ujungnya diubah)"
            )
        for pk, anchor in sorted(result.missing.items()):
            anchored = f"{localtime(anchor.at):%d-%m-%Y %H:%M}"
            out(
                f"HILANG: kasus id {pk} (jangkar ke-{anchor.seq}, dicatat {anchored}) "
                "tercatat di jangkar tetapi tidak ada lagi di basis data: kasus hilang."
            )
        for pk in result.first_changed:
            out(f"RUSAK: kasus {ref(pk)} (id {pk}), peristiwa pertama tidak cocok dengan jangkarnya")
        for pk in result.unanchored:
            out(f"TANPA JANGKAR: kasus {ref(pk)} (id {pk}) tidak tercatat di jangkar kasus")
        if result.anchor_broken:
            out(f"RUSAK: rantai jangkar kasus, baris ke-{', '.join(map(str, result.anchor_broken))}")
        if result.head_mismatch:
            out("RUSAK: ujung rantai jangkar tidak cocok (baris jangkar terakhir hilang atau diubah)")
        for att in result.attachments_bad:
            out(
                f"RUSAK: lampiran {att.uid} (kasus id {att.case_id}) tidak cocok dengan peristiwa pencatatnya"
            )
        for att in result.files_bad:
            out(f"RUSAK: berkas lampiran {att.uid} (kasus id {att.case_id}) hilang atau SHA-256-nya berubah")


def _summary(result: ChainReport) -> str:
    parts = []
    if result.broken:
        parts.append(
            f"{len(result.broken)} dari {result.cases} kasus rantainya rusak "
            f"({result.events} peristiwa diperiksa)"
        )
    if result.cut_short:
        parts.append(f"{len(result.cut_short)} kasus linimasanya terpotong di ujung")
    if result.missing:
        ids = ", ".join(str(pk) for pk in sorted(result.missing))
        parts.append(f"{len(result.missing)} kasus hilang (id {ids})")
    if result.first_changed:
        parts.append(f"{len(result.first_changed)} kasus tidak cocok dengan jangkarnya")
    if result.unanchored:
        parts.append(f"{len(result.unanchored)} kasus tanpa jangkar")
    if result.anchor_broken or result.head_mismatch:
        parts.append("rantai jangkar kasus rusak")
    if result.attachments_bad or result.files_bad:
        parts.append(f"{len(result.attachments_bad) + len(result.files_bad)} lampiran tidak cocok")
    return "; ".join(parts) + "."
