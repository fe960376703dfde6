from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

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
            self.stdout.write(
                _("OK: %(cases)d kasus, %(events)d peristiwa, rantai hash utuh.")
                % {"cases": result.cases, "events": result.events}
            )
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
            out(
                _("RUSAK: kasus %(case)s (id %(id)d), peristiwa ke-%(seqs)s")
                % {"case": ref(pk), "id": pk, "seqs": ", ".join(map(str, seqs))}
            )
        for pk, head in sorted(result.cut_short.items()):
            out(
                _(
                    "RUSAK: kasus %(case)s (id %(id)d), linimasa seharusnya berakhir "
                    "di peristiwa ke-%(head)d (peristiwa terakhir hilang atau ujungnya diubah)"
                )
                % {"case": ref(pk), "id": pk, "head": head}
            )
        for pk, anchor in sorted(result.missing.items()):
            anchored = f"{localtime(anchor.at):%d-%m-%Y %H:%M}"
            out(
                _(
                    "HILANG: kasus id %(id)d (jangkar ke-%(seq)d, dicatat %(at)s) "
                    "tercatat di jangkar tetapi tidak ada lagi di basis data: kasus hilang."
                )
                % {"id": pk, "seq": anchor.seq, "at": anchored}
            )
        for pk in result.first_changed:
            out(
                _("RUSAK: kasus %(case)s (id %(id)d), peristiwa pertama tidak cocok dengan jangkarnya")
                % {"case": ref(pk), "id": pk}
            )
        for pk in result.unanchored:
            out(
                _("TANPA JANGKAR: kasus %(case)s (id %(id)d) tidak tercatat di jangkar kasus")
                % {"case": ref(pk), "id": pk}
            )
        if result.anchor_broken:
            out(
                _("RUSAK: rantai jangkar kasus, baris ke-%(seqs)s")
                % {"seqs": ", ".join(map(str, result.anchor_broken))}
            )
        if result.head_mismatch:
            out(_("RUSAK: ujung rantai jangkar tidak cocok (baris jangkar terakhir hilang atau diubah)"))
        for att in result.attachments_bad:
            out(
                _("RUSAK: lampiran %(uid)s (kasus id %(id)d) tidak cocok dengan peristiwa pencatatnya")
                % {"uid": att.uid, "id": att.case_id}
            )
        for att in result.files_bad:
            out(
                _("RUSAK: berkas lampiran %(uid)s (kasus id %(id)d) hilang atau SHA-256-nya berubah")
                % {"uid": att.uid, "id": att.case_id}
            )


def _summary(result: ChainReport) -> str:
    parts = []
    if result.broken:
        parts.append(
            _("%(n)d dari %(cases)d kasus rantainya rusak (%(events)d peristiwa diperiksa)")
            % {"n": len(result.broken), "cases": result.cases, "events": result.events}
        )
    if result.cut_short:
        parts.append(_("%(n)d kasus linimasanya terpotong di ujung") % {"n": len(result.cut_short)})
    if result.missing:
        ids = ", ".join(str(pk) for pk in sorted(result.missing))
        parts.append(_("%(n)d kasus hilang (id %(ids)s)") % {"n": len(result.missing), "ids": ids})
    if result.first_changed:
        parts.append(_("%(n)d kasus tidak cocok dengan jangkarnya") % {"n": len(result.first_changed)})
    if result.unanchored:
        parts.append(_("%(n)d kasus tanpa jangkar") % {"n": len(result.unanchored)})
    if result.anchor_broken or result.head_mismatch:
        parts.append(_("rantai jangkar kasus rusak"))
    if result.attachments_bad or result.files_bad:
        parts.append(
            _("%(n)d lampiran tidak cocok") % {"n": len(result.attachments_bad) + len(result.files_bad)}
        )
    return "; ".join(parts) + "."
