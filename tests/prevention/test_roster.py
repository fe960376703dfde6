"""The roster reader (pure): row-by-row problems in Indonesian, and bounded sizes."""

from __future__ import annotations

import io
import zipfile

import pytest

from jaganetral.prevention import roster
from tests.prevention.conftest import HEADER, csv_bytes, nip, xlsx_bytes


def _check(data: bytes, name: str = "daftar.csv") -> roster.Checked:
    return roster.check(roster.rows_of(name, data))


def test_a_good_roster_from_csv_and_xlsx_reads_the_same() -> None:
    rows = [
        (nip(1), "Budi Santoso", "Dinas Pendidikan", "pns", "Budi@Example.go.id"),
        (nip(2, 2), "Siti", "", "PPPK", ""),
    ]
    for data, name in ((csv_bytes(rows), "a.csv"), (xlsx_bytes(rows), "a.xlsx")):
        checked = _check(data, name)
        assert checked.ok
        assert [(e.nip, e.employment, e.email) for e in checked.entries] == [
            (nip(1), "pns", "budi@example.go.id"),
            (nip(2, 2), "pppk", ""),
        ]


def test_every_bad_row_is_named_with_its_number_and_reason() -> None:
    rows = [
        (nip(1), "Budi", "", "PNS", ""),
        ("12345", "Ani", "", "PNS", ""),  # row 3: short NIP
        (nip(4), "", "", "PNS", ""),  # row 4: no name
        (nip(5), "Eko", "", "honorer", ""),  # row 5: not PNS/PPPK
        (nip(6), "Dewi", "", "PNS", "bukan-surel"),  # row 6
        (nip(1), "Budi lagi", "", "PNS", ""),  # row 7: duplicate of row 2
    ]
    checked = _check(csv_bytes(rows))
    assert not checked.ok
    errors = dict(checked.errors)
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "NIP harus 18 angka" in errors[3]
    assert "nama kosong" in errors[4]
    assert "PNS atau PPPK" in errors[5]
    assert "surel" in errors[6]
    assert "baris 2" in errors[7]


def test_a_header_without_the_needed_columns_is_refused() -> None:
    with pytest.raises(roster.RosterError, match="Baris judul"):
        _check(csv_bytes([(nip(1), "Budi")], header=("NIP", "Nama")))


def test_oversized_files_rows_and_cells_are_refused() -> None:
    with pytest.raises(roster.RosterError, match="2 MB"):
        roster.rows_of("a.csv", b"x" * (roster.MAX_BYTES + 1))
    many = [(nip(1 + i % 900), "N", "", "PNS", "") for i in range(roster.MAX_ROWS + 1)]
    with pytest.raises(roster.RosterError, match="Terlalu banyak baris"):
        _check(csv_bytes(many))
    long = _check(csv_bytes([(nip(1), "A" * 5000, "", "PNS", "")]))
    assert "terlalu panjang" in long.errors[0][1]
    long_name = _check(csv_bytes([(nip(1), "A" * 201, "", "PNS", "")]))
    assert "nama lebih dari 200 huruf" in long_name.errors[0][1]


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_parsing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (roster.MAX_UNPACKED + 1))
    assert len(buf.getvalue()) < roster.MAX_BYTES
    with pytest.raises(roster.RosterError, match="terlalu besar"):
        _check(buf.getvalue(), "bom.xlsx")


def test_other_formats_and_broken_files_are_refused() -> None:
    with pytest.raises(roster.RosterError, match="CSV atau XLSX"):
        roster.rows_of("daftar.pdf", b"%PDF")
    with pytest.raises(roster.RosterError, match="XLSX tidak dapat dibaca"):
        _check(b"not a zip", "a.xlsx")
    with pytest.raises(roster.RosterError, match="UTF-8"):
        _check(",".join(HEADER).encode() + b"\n\xff\xfe", "a.csv")


def test_the_error_list_is_bounded() -> None:
    rows = [("1", "X", "", "PNS", "")] * (roster.MAX_ERRORS + 10)
    checked = _check(csv_bytes(rows))
    assert len(checked.errors) == roster.MAX_ERRORS
    assert checked.more_errors == 10
