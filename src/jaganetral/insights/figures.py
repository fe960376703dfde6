"""Reading Bawaslu's published figures from CSV: per region the number of civil servants (ASN) and
the Indeks Kerawanan Pemilu (IKP) score. Pure: no Django.

Columns (header row, names in any order; only ``kode`` is required)::

    kode,nama,asn,ikp,tahun,sumber
    33,Jawa Tengah,,61.2,2024,Bawaslu IKP Pemilu 2024

``kode`` a Kemendagri code (33, 33.20 or 3320); ``asn`` a whole number; ``ikp`` a score from 0 to
100 (a comma as the decimal mark is accepted); ``tahun`` the IKP's year.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.regioncode import RegionCodeError, normalize

MAX_ROWS = 1_000
MAX_BYTES = 1_000_000


class FigureError(ValueError):
    """A refused file; the message names the line."""


@dataclass(frozen=True)
class Row:
    code: str
    asn: int | None
    ikp: float | None
    year: int | None
    source: str


def _number(text: str, line: int, column: str) -> float | None:
    text = text.strip().replace(" ", "")
    if not text:
        return None
    try:
        return float(text.replace(",", ".")) if column == "ikp" else float(int(text.replace(".", "")))
    except ValueError:
        raise FigureError(
            _("Baris %(line)d: %(column)s bukan angka: %(value)s")
            % {"line": line, "column": column, "value": text[:30]}
        ) from None


def parse(data: bytes) -> list[Row]:
    if len(data) > MAX_BYTES:
        raise FigureError(_("Berkas terlalu besar (paling banyak 1 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FigureError(_("Berkas harus CSV dengan penyandian UTF-8.")) from None
    reader = csv.DictReader(io.StringIO(text))
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if "kode" not in fields:
        raise FigureError(_("Baris judul harus memuat kolom kode (dan asn, ikp, tahun, sumber)."))
    rows: list[Row] = []
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise FigureError(_("Paling banyak %(n)d baris.") % {"n": MAX_ROWS})
        rec = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        try:
            code = normalize(rec.get("kode", ""))
        except RegionCodeError:
            raise FigureError(_("Baris %(line)d: kode wilayah tidak sah.") % {"line": line}) from None
        asn = _number(rec.get("asn", ""), line, "asn")
        ikp = _number(rec.get("ikp", ""), line, "ikp")
        year = _number(rec.get("tahun", ""), line, "tahun")
        if ikp is not None and not 0 <= ikp <= 100:
            raise FigureError(_("Baris %(line)d: skor IKP harus 0–100.") % {"line": line})
        if asn is not None and asn < 0:
            raise FigureError(_("Baris %(line)d: jumlah ASN tidak boleh negatif.") % {"line": line})
        if year is not None and not 2000 <= year <= 2100:
            raise FigureError(_("Baris %(line)d: tahun di luar 2000–2100.") % {"line": line})
        rows.append(
            Row(
                code,
                int(asn) if asn is not None else None,
                ikp,
                int(year) if year is not None else None,
                rec.get("sumber", "")[:300],
            )
        )
    return rows
