from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jaganetral.reference.actions import load_reference


class Command(BaseCommand):
    help = "Muat data referensi (wilayah, instansi, pemilihan bawaan). Aman dijalankan berulang."

    def handle(self, *args: Any, **opts: Any) -> None:
        result = load_reference()
        self.stdout.write(
            self.style.SUCCESS(_("Data referensi dimuat: %(summary)s") % {"summary": result.summary()})
        )
