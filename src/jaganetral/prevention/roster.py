"""Reading an agency's ASN roster (CSV or XLSX) for a pledge campaign. Pure Python (no Django).

Every row is checked (NIP by :mod:`jaganetral.lib.nip`, name, unit, kind of ASN, e-mail) and every
problem is reported with its row number in Indonesian; the caller imports only a roster without a
single problem, so nothing is ever half-imported. Sizes are bounded before anything is parsed: the
upload, the unpacked size of an XLSX (a zip), the number of rows and the length of every cell.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS = 200
NAME_MAX = 200
UNIT_MAX = 200
EMAIL_MAX = 254
CELL_MAX = 1000

COLUMNS = {
    "nip": ("nip", "ni pppk", "nip/ni pppk", "nomor induk pegawai"),
    "name": ("nama", "nama lengkap"),
    "unit": ("unit kerja", "unit", "satuan kerja", "opd", "perangkat daerah"),
    "employment": ("jenis", "jenis asn", "status", "status kepegawaian"),
    "email": ("email", "e-mail", "surel", "alamat surel"),
}
REQUIRED = ("nip", "name", "employment")
EMPLOYMENTS = {"pns": "pns", "pppk": "pppk", "cpns": "pns"}
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


class RosterError(ValueError):
    """The file as a whole cannot be read (size, format, header); the message says why."""


@dataclass(frozen=True)
class Entry:
    row: int
    nip: str
    name: str
    unit: str
    employment: str
    email: str


@dataclass
class Checked:
    entries: list[Entry] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    more_errors: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((row, message))
        else:
            self.more_errors += 1


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise RosterError(_("Berkas XLSX tidak dapat dibaca.")) from None
    if unpacked > MAX_UNPACKED:
        raise RosterError(_("Isi berkas XLSX terlalu besar setelah dibuka."))
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        raise RosterError(_("Berkas XLSX tidak dapat dibaca.")) from None
    ws = wb.active
    if ws is None:
        raise RosterError(_("Berkas XLSX tidak punya lembar kerja."))
    for row in ws.iter_rows(values_only=True):
        yield [_text(v) for v in row]


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(_("Berkas CSV harus berpengodean UTF-8.")) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            yield [_text(v) for v in row]
    except csv.Error:
        raise RosterError(_("Berkas CSV rusak.")) from None


def rows_of(filename: str, data: bytes) -> Iterator[list[str]]:
    """The cells of an uploaded roster, row by row (the header first)."""
    if len(data) > MAX_BYTES:
        raise RosterError(_("Berkas terlalu besar: paling besar 2 MB."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _csv_rows(data)
    raise RosterError(_("Unggah berkas CSV atau XLSX."))


def _header(cells: list[str]) -> dict[str, int]:
    wanted = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = wanted.get(cell.strip().lower())
        if key and key not in found:
            found[key] = i
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in found]
    if missing:
        raise RosterError(
            _("Baris judul harus memuat kolom %(columns)s (kolom yang kurang: %(missing)s).")
            % {"columns": "NIP, Nama, Jenis (PNS/PPPK)", "missing": ", ".join(missing)}
        )
    return found


def check(rows: Iterator[list[str]]) -> Checked:
    """Check every row of a roster (the first row is the header)."""
    header = next(rows, None)
    if header is None:
        raise RosterError(_("Berkas kosong."))
    cols = _header(header)
    out = Checked()
    seen: dict[str, int] = {}
    count = 0
    for number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise RosterError(
                _("Terlalu banyak baris: paling banyak %(n)d ASN per unggahan.") % {"n": MAX_ROWS}
            )

        def cell(key: str, cells: list[str] = cells) -> str:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        problems = []
        if any(len(c) > CELL_MAX for c in cells):
            problems.append(_("ada isian yang terlalu panjang"))
        nip = ""
        try:
            nip = parse_nip(cell("nip")).digits
        except NipError as exc:
            problems.append(str(exc))
        name = cell("name")
        if not name:
            problems.append(_("nama kosong"))
        elif len(name) > NAME_MAX:
            problems.append(_("nama lebih dari %(n)d huruf") % {"n": NAME_MAX})
        unit = cell("unit")
        if len(unit) > UNIT_MAX:
            problems.append(_("unit kerja lebih dari %(n)d huruf") % {"n": UNIT_MAX})
        employment = EMPLOYMENTS.get(cell("employment").lower(), "")
        if not employment:
            problems.append(_("jenis ASN harus PNS atau PPPK"))
        email = cell("email")
        if email and (len(email) > EMAIL_MAX or not _EMAIL.match(email)):
            problems.append(_("alamat surel tidak sah"))
        if nip and nip in seen:
            problems.append(_("NIP sudah ada di baris %(row)d") % {"row": seen[nip]})
        if problems:
            out.add_error(number, "; ".join(problems))
            continue
        seen[nip] = number
        out.entries.append(Entry(number, nip, name, unit, employment, email.lower()))
    if count == 0:
        raise RosterError(_("Berkas tidak memuat satu pun ASN."))
    return out
