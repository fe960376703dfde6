from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jaganetral.accounts.actions import AccountError, create_user, issue_api_token
from jaganetral.accounts.models import Role
from jaganetral.reference.models import Agency


class Command(BaseCommand):
    help = "Kelola pengguna: `users create USERNAME --role ROLE [--region CODE] [--agency ID] [--token]`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="buat pengguna petugas")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--region", help="kode wilayah Kemendagri (kosong = nasional)")
        create.add_argument("--agency", help="id atau kode instansi (mis. bkn, pemkab-33-20)")
        create.add_argument("--email", default="")
        create.add_argument("--password", help="kata sandi awal (tanpa ini: hanya token / reset oleh admin)")
        create.add_argument("--token", action="store_true", help="cetak token API baru untuk pengguna ini")
        create.add_argument(
            "--token-scope", choices=["read", "write"], default="write", help="read: hanya membaca (GET)"
        )
        create.add_argument("--token-days", type=int, default=None, help="masa berlaku token (hari)")

    def handle(self, *args: Any, **opts: Any) -> None:
        agency_id = None
        if opts["agency"]:
            value = opts["agency"].strip()
            agency = (
                Agency.objects.filter(pk=int(value)).first()
                if value.isdigit()
                else (Agency.objects.filter(code=value).first())
            )
            if agency is None:
                raise CommandError(
                    _("instansi %(agency)s tidak ada (lihat daftar instansi di halaman admin)")
                    % {"agency": repr(value)}
                )
            agency_id = agency.pk
        try:
            user = create_user(
                actor=None,
                username=opts["username"],
                role=opts["role"],
                region=opts["region"],
                agency_id=agency_id,
                email=opts["email"],
                password=opts["password"],
            )
        except AccountError as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(
            _("Pengguna %(username)s dibuat (%(role)s, wilayah %(region)s).")
            % {
                "username": user.username,
                "role": user.get_role_display(),
                "region": user.scope or _("nasional"),
            }
        )
        if opts["token"]:
            try:
                raw = issue_api_token(
                    actor=None, user=user, name="cli", scope=opts["token_scope"], days=opts["token_days"]
                )
            except AccountError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(raw)
