"""Alleged rule codes and registration numbers.

Rule codes are checked against the rulebook's current version when the rulebook app is installed
and loaded; otherwise only their shape is checked and the version is left blank.
"""

from __future__ import annotations

import re
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from jaganetral.cases.errors import CaseError

CODE_RE = re.compile(r"^(?:[EDNA][0-9]{1,2}|P-[A-Z0-9]{1,10}-[0-9]{1,4})$")
MAX_RULES = 30
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
DEFAULT_FORMAT = "{seq:03d}/REG/{source}/{election}/{office}/{month}/{year}"


class RuleCodeError(CaseError):
    pass


def current_rulebook() -> tuple[str, set[str] | None]:
    """(version, codes) of the rulebook in force; (``""``, None) when none is loaded."""
    if not apps.is_installed("jaganetral.rulebook"):
        return "", None
    from jaganetral.rulebook import selectors as rulebook
    from jaganetral.rulebook.models import RuleVersion

    if RuleVersion._meta.db_table not in connection.introspection.table_names():
        return "", None  # the rulebook app is installed but not migrated yet
    current = rulebook.current_version()
    if current is None:
        return "", None
    return current.version, set(rulebook.rules(current).values_list("code", flat=True))


def clean_codes(raw: list[str]) -> tuple[list[str], str]:
    """Normalise and check rule codes; return (codes, rulebook version)."""
    if len(raw) > MAX_RULES:
        raise RuleCodeError(_("Paling banyak %(n)d kode aturan.") % {"n": MAX_RULES})
    codes: list[str] = []
    for item in raw:
        code = str(item).strip().upper()
        if not code:
            continue
        if len(code) > 20 or not CODE_RE.match(code):
            raise RuleCodeError(_("Kode aturan tidak dikenal: %(code)s.") % {"code": repr(code[:20])})
        if code not in codes:
            codes.append(code)
    version, known = current_rulebook()
    if known is not None:
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise RuleCodeError(
                _("Kode aturan tidak ada di katalog versi %(version)s: %(codes)s.")
                % {"version": version, "codes": ", ".join(unknown)}
            )
    return codes, version


def registration_number(*, seq: int, source: str, election_kind: str, office: str, on: date) -> str:
    fmt = getattr(settings, "CASES_REGISTRATION_FORMAT", DEFAULT_FORMAT)
    return fmt.format(
        seq=seq,
        source={"laporan": "LP", "temuan": "TM", "screening": "TM"}.get(source, "LP"),
        election="PL" if election_kind == "pemilu" else "PB",
        office=office,
        month=ROMAN[on.month - 1],
        year=on.year,
    )


DEFAULT_LETTER_FORMAT = "{seq:03d}/{kind}/{unit}/{month}/{year}"
LETTER_KIND_CODES = {"undangan": "UND", "penerusan": "TL", "pemberitahuan": "PBT"}


def letter_number(*, seq: int, kind: str, unit: str, office: str, on: date) -> str:
    """An outgoing letter's number in the office's register (``CASES_LETTER_FORMAT``)."""
    fmt = getattr(settings, "CASES_LETTER_FORMAT", DEFAULT_LETTER_FORMAT)
    return str(
        fmt.format(
            seq=seq,
            kind=LETTER_KIND_CODES.get(kind, kind.upper()[:5]),
            unit=unit,
            office=office or "RI",
            month=ROMAN[on.month - 1],
            year=on.year,
        )
    )
