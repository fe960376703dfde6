"""A minimal XLSX (Office Open XML spreadsheet) writer: sheets of plain values, nothing else.

Why not a library: for the export of 10,000 rows openpyxl (write-only) took about 1.1 s, XlsxWriter
(constant memory) 0.6 s and pyexcelerate 0.55 s on this machine, against a 500 ms budget for the
whole request; this writer takes about 60 ms for the same rows, because it writes each row as one
string of inline-string cells and compresses at the fastest level. The files are read back by
openpyxl in the tests. Pure: no Django.

Values: ``int``/``float`` become number cells, ``None`` and ``""`` empty cells, anything else its
``str`` as an inline string. Characters XML 1.0 cannot hold (control characters other than tab,
newline and carriage return) are dropped. The caller neutralises formula-like text first (a cell
written here is never a formula: inline strings are not evaluated).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CT_BOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique in the book."""
    base = _SHEET_NAME_BAD.sub("-", _NOT_XML.sub("", name)).strip("'").strip() or "Sheet"
    base = base[:MAX_SHEET_NAME]
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def _cell(value: Any) -> str:
    if type(value) is not str:
        if value is None:
            return "<c/>"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"<c><v>{value!r}</v></c>" if isinstance(value, float) else f"<c><v>{value}</v></c>"
        value = str(value)
    if not value:
        return "<c/>"
    # characters XML cannot hold are dropped from the whole sheet at once (see _sheet)
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _sheet(rows: Iterable[Sequence[Any]]) -> str:
    parts = [_HEAD, f'<worksheet xmlns="{_MAIN}"><sheetData>']
    append = parts.append
    cell = _cell
    for n, row in enumerate(rows, start=1):
        append(f'<row r="{n}">{"".join([cell(v) for v in row])}</row>')
    append("</sheetData></worksheet>")
    # the markup itself holds no such characters, so one pass over the sheet cleans every cell
    return _NOT_XML.sub("", "".join(parts))


def write(sheets: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    """The bytes of a workbook with one sheet per ``(name, rows)``, in order."""
    used: set[str] = set()
    named = [(sheet_name(name, used), rows) for name, rows in sheets] or [("Sheet", [])]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT_SHEET}"/>'
            for i in range(1, len(named) + 1)
        )
        book.writestr(
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{_CT_RELS}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT_BOOK}"/>{overrides}</Types>',
        )
        book.writestr(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _rows) in enumerate(named, start=1)
        )
        book.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>',
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(named) + 1)
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels", f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'
        )
        for i, (_name, rows) in enumerate(named, start=1):
            book.writestr(f"xl/worksheets/sheet{i}.xml", _sheet(rows))
    return out.getvalue()
