from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaganetral.lib.nip import NipError, parse

TODAY = date(2026, 1, 1)


def test_a_valid_nip_is_parsed() -> None:
    nip = parse("19860926 201505 1 001", today=TODAY)
    assert nip.digits == "198609262015051001"
    assert nip.birth_date == date(1986, 9, 26)
    assert (nip.appointment_year, nip.appointment_month) == (2015, 5)
    assert nip.sex == "L" and nip.sequence == 1
    assert nip.formatted() == "19860926 201505 1 001"
    assert parse("19900101.201902.2.003", today=TODAY).sex == "P"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "hanya boleh berisi angka"),
        ("1986092620150510", "18 angka"),
        ("1986092620150510011", "18 angka"),
        ("19860926201505100X", "hanya boleh"),
        ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "hanya boleh"),  # Arabic-Indic digits are not ASCII
        ("198602302015051001", "tanggal lahir"),  # 30 February
        ("189901012015051001", "tidak masuk akal"),
        ("198609262015001001", "bulan pengangkatan"),
        ("198609262015131001", "bulan pengangkatan"),
        ("198609261986091001", "sesudah tanggal lahir"),
        ("198609262030011001", "belum terjadi"),
        ("198609262015050001", "jenis kelamin"),
        ("198609262015053001", "jenis kelamin"),
    ],
)
def test_invalid_nips_say_why(raw: str, message: str) -> None:
    with pytest.raises(NipError, match=message):
        parse(raw, today=TODAY)


@given(st.text(max_size=40))
def test_parse_never_crashes(raw: str) -> None:
    with contextlib.suppress(NipError):
        parse(raw, today=TODAY)
