"""Typed names to reference rows (pure; the region and agency pickers of the public form)."""

from __future__ import annotations

import pytest

from jaganetral.intake.pickers import Entry, normal, resolve

REGIONS = [
    Entry("17", "Bengkulu", ("Provinsi Bengkulu",)),
    Entry("17.71", "Kota Bengkulu"),
    Entry("32.04", "Kabupaten Bandung"),
    Entry("32.17", "Kabupaten Bandung Barat"),
    Entry("32.73", "Kota Bandung"),
    Entry("33", "Jawa Tengah", ("Provinsi Jawa Tengah",)),
    Entry("33.20", "Kabupaten Jepara"),
]
AGENCIES = [
    Entry(1, "Badan Kepegawaian Negara (BKN)"),
    Entry(2, "Pemerintah Kabupaten Jepara"),
    Entry(3, "Bawaslu Kabupaten Jepara"),
]


def test_normal_ignores_case_punctuation_accents_and_abbreviations() -> None:
    assert normal("  Kab.  JEPARA ") == "kabupaten jepara"
    assert normal("Prov. Jawa Tengah") == "provinsi jawa tengah"
    assert normal("Pemkab Jepara") == "pemerintah kabupaten jepara"
    assert normal("Bandúng") == "bandung"
    assert normal("") == ""


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Kabupaten Jepara", "33.20"),
        ("jepara", "33.20"),
        ("Kab. Bandung", "32.04"),
        ("Kota Bandung", "32.73"),
        ("bandung barat", "32.17"),
        ("Bengkulu", "17"),  # the full name wins over "Kota Bengkulu" without its "Kota"
        ("Provinsi Bengkulu", "17"),
        ("Kota Bengkulu", "17.71"),
        ("Provinsi Jawa Tengah", "33"),
    ],
)
def test_one_region_is_found(typed: str, key: str) -> None:
    match = resolve(typed, REGIONS)
    assert match.found and match.key == key


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Bandung", ["Kabupaten Bandung", "Kota Bandung"]),
        ("Jeprara", ["Kabupaten Jepara"]),
        ("Zzzz", []),
        ("", []),
        ("!!!", []),
    ],
)
def test_several_or_none_give_suggestions(typed: str, suggested: list[str]) -> None:
    match = resolve(typed, REGIONS)
    assert not match.found and match.suggestions == suggested


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("BKN", 1),
        ("badan kepegawaian negara", 1),
        ("Badan Kepegawaian Negara (BKN)", 1),
        ("Pemkab Jepara", 2),
        ("Kabupaten Jepara", 2),
        ("Jepara", None),  # words shared by two agencies: not guessed
        ("Dinas Pendidikan Kabupaten Jepara", None),
    ],
)
def test_agencies_match_only_whole_names(typed: str, key: int | None) -> None:
    assert resolve(typed, AGENCIES, by_words=False).key == key
