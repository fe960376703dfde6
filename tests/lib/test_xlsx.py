"""The minimal XLSX writer: files openpyxl reads back cell by cell, with safe sheet names."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from jaganetral.lib import xlsx


def test_values_read_back_as_written() -> None:
    rows = [
        ["Nomor", "Jumlah", "Catatan"],
        ["1/REG/LP/PL/33.20/2024", 2, "a < b & \"c\" > 'd'"],
        ["", None, 1.5],
        ["'=SUM(A1:A2)", -3, "baris\nbaru"],
    ]
    book = load_workbook(io.BytesIO(xlsx.write([("Daftar kasus", rows)])))
    sheet = book.worksheets[0]
    assert sheet.title == "Daftar kasus"
    got = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert got == [
        ["Nomor", "Jumlah", "Catatan"],
        ["1/REG/LP/PL/33.20/2024", 2, "a < b & \"c\" > 'd'"],
        [None, None, 1.5],
        ["'=SUM(A1:A2)", -3, "baris\nbaru"],
    ]
    assert sheet["A4"].data_type != "f"  # text is never a formula


def test_characters_xml_cannot_hold_are_dropped() -> None:
    book = load_workbook(io.BytesIO(xlsx.write([("x", [["a\x00b\x1bc\x07"]])])))
    assert book.worksheets[0]["A1"].value == "abc"


def test_sheet_names_are_made_valid_and_unique() -> None:
    data = xlsx.write(
        [("1 Tindak lanjut PPK per instansi/wilayah [baru]", [[1]]), ("Sama", [[2]]), ("sama", [[3]])]
    )
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == 3
    assert [s["A1"].value for s in book.worksheets] == [1, 2, 3]


def test_an_empty_book_still_has_one_sheet() -> None:
    data = xlsx.write([])
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert len(load_workbook(io.BytesIO(data)).worksheets) == 1


def test_ten_thousand_rows() -> None:
    rows = [[f"{i}/REG", i, "Kabupaten Jepara (33.20)"] for i in range(10_000)]
    sheet = load_workbook(io.BytesIO(xlsx.write([("x", rows)])), read_only=True).worksheets[0]
    last = list(sheet.iter_rows(min_row=10_000, values_only=True))
    assert last == [("9999/REG", 9999, "Kabupaten Jepara (33.20)")]
