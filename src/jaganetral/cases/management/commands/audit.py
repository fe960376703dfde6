from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from jaganetral.cases import anchoring
from jaganetral.cases.audit_chain import ChainReport, verify_all
from jaganetral.cases.models import Case
from jaganetral.lib import signing


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
        verify.add_argument(
            "--against",
            metavar="FILE",
            help="bandingkan juga dengan ekspor kepala audit (kepala-audit-YYYY-MM-DD.json)",
        )
        export = sub.add_parser(
            "export-heads", help="tanda tangani dan ekspor kepala rantai audit sekarang (berkas dan surel)"
        )
        export.add_argument("--dir", help="folder tujuan (bawaan: AUDIT_HEADS_DIR)")
        export.add_argument("--no-email", action="store_true", help="jangan kirim surel")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["sub"] == "export-heads":
            self._export(opts)
            return
        anchor_doc = None
        if opts.get("against"):
            try:
                anchor_doc = anchoring.load(Path(opts["against"]))
            except anchoring.AnchorFileError as exc:
                raise CommandError(str(exc)) from None
        result = verify_all(files=bool(opts.get("files")))
        if not result.ok:
            self._report(result)
        against_ok = anchor_doc is None or self._against(anchor_doc)
        if result.ok and against_ok:
            self.stdout.write(
                _("OK: %(cases)d kasus, %(events)d peristiwa, rantai hash utuh.")
                % {"cases": result.cases, "events": result.events}
            )
            return
        if not result.ok:
            raise CommandError(_summary(result))
        raise CommandError(_("Basis data telah diubah setelah ekspor kepala audit."))

    def _export(self, opts: dict[str, Any]) -> None:
        with transaction.atomic():
            doc = anchoring.build()
            path = anchoring.write(doc, Path(opts.get("dir") or settings.AUDIT_HEADS_DIR))
            recipients = [] if opts.get("no_email") else list(settings.AUDIT_HEADS_EMAIL)
            anchoring.mail(doc, recipients)
        self.stdout.write(
            _("Kepala audit diekspor ke %(path)s (kunci %(key)s)%(mail)s.")
            % {
                "path": path,
                "key": doc["signature"]["key_id"],
                "mail": (_(", surel ke %(to)s") % {"to": ", ".join(recipients)}) if recipients else "",
            }
        )

    def _against(self, doc: dict[str, Any]) -> bool:
        out = self.stdout.write
        report = anchoring.verify_against(doc)
        exported = localtime(datetime.fromisoformat(report.exported_at))
        when = f"{exported:%d-%m-%Y %H:%M}"
        out(
            _("Ekspor %(at)s, ditandatangani kunci %(key)s, %(n)d kasus.")
            % {"at": when, "key": report.key_id, "n": report.cases}
        )
        local = signing.find_key(settings.AUDIT_SIGNING_KEY_FILE)
        if local is not None and signing.public_id(local) != report.key_id:
            out(
                _("PERHATIAN: kunci penanda tangan instalasi ini (%(local)s) bukan kunci ekspor ini.")
                % {"local": signing.public_id(local)}
            )
        refs = dict(Case.objects.filter(pk__in=set(report.changed)).values_list("pk", "number"))
        for pk, seq in sorted(report.changed.items()):
            out(
                _(
                    "DIUBAH SETELAH EKSPOR: kasus %(case)s (id %(id)d), peristiwa ke-%(seq)d "
                    "tidak lagi sama dengan ekspor %(at)s"
                )
                % {"case": refs.get(pk) or f"KASUS-{pk:06d}", "id": pk, "seq": seq, "at": when}
            )
        for pk, seq in sorted(report.missing.items()):
            out(
                _(
                    "HILANG SETELAH EKSPOR: kasus id %(id)d, peristiwa ke-%(seq)d yang tercatat di "
                    "ekspor %(at)s tidak ada lagi"
                )
                % {"id": pk, "seq": seq, "at": when}
            )
        if report.anchors_changed:
            out(
                _("DIUBAH SETELAH EKSPOR: rantai jangkar kasus tidak lagi sama dengan ekspor %(at)s")
                % {"at": when}
            )
        if report.audit_changed:
            before, now = report.audit_counts
            out(
                _(
                    "DIUBAH SETELAH EKSPOR: catatan audit sampai ekspor %(at)s telah diubah "
                    "(%(before)d baris saat ekspor, %(now)d baris sekarang)"
                )
                % {"at": when, "before": before, "now": now}
            )
        return report.ok

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
