"""NIP (Nomor Induk Pegawai) of a civil servant, 18 digits (Perka BKN 22/2007). Pure Python.

``19860926 201505 1 001``: birth date YYYYMMDD, start of CPNS appointment YYYYMM, sex (1 = male,
2 = female), sequence number. People type NIPs with spaces or dots; :func:`parse` accepts those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jaganetral.lib.i18n import gettext as _

_SEPARATORS = re.compile(r"[\s.\-]")


class NipError(ValueError):
    """The NIP is not valid; the message (Indonesian) says why."""


@dataclass(frozen=True)
class Nip:
    digits: str
    birth_date: date
    appointment_year: int
    appointment_month: int
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    sequence: int

    def formatted(self) -> str:
        d = self.digits
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


def parse(raw: str, *, today: date | None = None) -> Nip:
    """Return the parsed NIP or raise :class:`NipError` with a reason a person understands."""
    digits = _SEPARATORS.sub("", raw or "")
    if not digits.isdigit() or not digits.isascii():
        raise NipError(_("NIP hanya boleh berisi angka."))
    if len(digits) != 18:
        raise NipError(_("NIP harus 18 angka (yang diisi %(n)d angka).") % {"n": len(digits)})
    today = today or date.today()
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(_("Delapan angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH).")) from None
    if birth.year < 1900 or birth > today:
        raise NipError(_("Tanggal lahir pada NIP tidak masuk akal."))
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < 1900:
        raise NipError(_("Angka ke-9 sampai ke-14 NIP harus bulan pengangkatan yang sah (TTTTBB)."))
    if (year, month) <= (birth.year, birth.month):
        raise NipError(_("Bulan pengangkatan pada NIP harus sesudah tanggal lahir."))
    if (year, month) > (today.year, today.month):
        raise NipError(_("Bulan pengangkatan pada NIP belum terjadi."))
    sex_digit = digits[14]
    if sex_digit not in "12":
        raise NipError(_("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."))
    return Nip(
        digits=digits,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        sex="L" if sex_digit == "1" else "P",
        sequence=int(digits[15:]),
    )
