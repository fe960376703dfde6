from __future__ import annotations

import pytest

from jaganetral.lib.regioncode import RegionCodeError, covers, level_of, normalize, parent_of, timezone_of


@pytest.mark.parametrize(
    ("raw", "dotted"),
    [
        ("33", "33"),
        ("3320", "33.20"),
        ("33.20", "33.20"),
        ("332001", "33.20.01"),
        ("3320012001", "33.20.01.2001"),
    ],
)
def test_normalize_accepts_plain_and_dotted(raw: str, dotted: str) -> None:
    assert normalize(raw) == dotted


@pytest.mark.parametrize("bad", ["", "3", "33.2", "abc", "33-20", "333", "33.20.01.20011"])
def test_normalize_refuses_garbage(bad: str) -> None:
    with pytest.raises(RegionCodeError):
        normalize(bad)


def test_levels_and_parents() -> None:
    assert level_of("33") == "province"
    assert level_of("33.20") == "regency"
    assert parent_of("33.20.01") == "33.20"
    assert parent_of("33") is None


def test_scope_matches_on_segment_boundaries() -> None:
    assert covers("33", "33.20")
    assert covers("33.20", "33.20.01")
    assert covers("", "35.78")
    assert not covers("33.2", "33.20")
    assert not covers("33.20", "33.21")
    assert not covers("35", "33.20")


@pytest.mark.parametrize(
    ("code", "tz"),
    [
        ("31", "WIB"),
        ("61.71", "WIB"),
        ("51", "WITA"),
        ("65", "WITA"),
        ("73.71", "WITA"),
        ("91.71", "WIT"),
        ("96", "WIT"),
    ],
)
def test_time_zones_by_province(code: str, tz: str) -> None:
    assert timezone_of(code) == tz
