from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.rulebook import selectors
from jaganetral.rulebook.actions import load_rulebook
from jaganetral.rulebook.query import QueryError, clean_query
from jaganetral.rulebook.rule_file import SHIPPED_FILE, RuleFileError


class Command(BaseCommand):
    help = (
        "Katalog aturan: `rulebook load [FILE.yaml]` memuat versi baru; "
        '`rulebook check "teks"` menjalankan Cek Netralitas; `rulebook versions` mendaftar versi.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="muat versi katalog dari berkas YAML (bawaan: katalog yang dikirim)"
        )
        load.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE)
        check = sub.add_parser("check", help="cek sebuah kalimat terhadap katalog yang berlaku")
        check.add_argument("text")
        sub.add_parser("versions", help="daftar versi yang sudah dimuat")

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        if action == "load":
            try:
                outcome = load_rulebook(opts["file"], actor=None)
            except RuleFileError as exc:
                raise CommandError(str(exc)) from None
            v = outcome.version
            state = _("dimuat") if outcome.created else _("sudah ada, tidak berubah")
            self.stdout.write(
                self.style.SUCCESS(
                    _("Katalog versi %(version)s: %(n)d aturan (%(state)s)")
                    % {"version": v.version, "n": v.rules.count(), "state": state}
                )
            )
        elif action == "versions":
            for v in selectors.RuleVersion.objects.order_by("loaded_at"):
                mark = "*" if v.is_current else " "
                self.stdout.write(
                    f"{mark} {v.version}  {v.loaded_at:%Y-%m-%d %H:%M}  {v.sha256[:12]}  {v.title}"
                )
        else:
            try:
                text = clean_query(opts["text"])
            except QueryError as exc:
                raise CommandError(str(exc)) from None
            version = selectors.current_version()
            if version is None:
                raise CommandError(_("Katalog belum dimuat: jalankan `jaganetral rulebook load`."))
            result = selectors.check(version, text)
            out = {
                "verdict": result.verdict,
                "matches": [{"code": m.code, "score": m.score, "title": m.title} for m in result.matches[:5]],
                "concepts": sorted(result.concepts),
                "negated": sorted(result.negated),
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
