"""The sanction catalogue of the shipped rulebook (PP 94/2021 Ps 8, PP 42/2004 Ps 15, PPPK, PTDH)
and how sanctions compare, pure: against the rulebook and against BKN's recommendation."""

from __future__ import annotations

import pytest

from jaganetral.rulebook import sanctions
from jaganetral.rulebook.rule_file import SHIPPED_FILE, parse_rulebook

SPEC = parse_rulebook(SHIPPED_FILE.read_text(encoding="utf-8"))
TABLE = sanctions.catalogue(SPEC.version, [k.model_dump(mode="json") for k in SPEC.sanctions])
K = TABLE.by_code


def test_the_kinds_of_the_law() -> None:
    by_level: dict[tuple[str, str], list[str]] = {}
    for kind in TABLE.choosable("pns"):
        by_level.setdefault((kind.track, kind.level), []).append(kind.code)
    assert by_level == {
        ("moral", "tertutup"): ["moral_tertutup"],  # PP 42/2004 Ps 15 ayat (3)
        ("moral", "terbuka"): ["moral_terbuka"],
        ("disiplin", "ringan"): ["teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas"],  # Ps 8(2)
        ("disiplin", "sedang"): ["tukin_25_6", "tukin_25_9", "tukin_25_12"],  # Ps 8(3)
        ("disiplin", "berat"): ["turun_jabatan_12", "bebas_jabatan_12", "phdtaps"],  # Ps 8(4)
        ("disiplin", "ptdh"): ["ptdh"],  # UU 20/2023 Ps 52 ayat (3) huruf j jo. ayat (4)
    }
    assert all(k.basis for k in TABLE.kinds)
    assert "Pasal 8 ayat (4) huruf c" in K["phdtaps"].basis


def test_a_contract_civil_servant_has_no_grade_to_lower_and_ends_a_contract() -> None:
    pppk = [k.code for k in TABLE.choosable("pppk")]
    assert "turun_jabatan_12" not in pppk and "ptdh" not in pppk
    assert "phk_dh_taps" in pppk and "phk_tdh" in pppk and "teguran_lisan" in pppk
    assert "phk_tdh" not in [k.code for k in TABLE.choosable("pns")]
    with pytest.raises(sanctions.UnknownSanction, match="PPPK"):
        TABLE.check(["turun_jabatan_12"], "pppk")
    with pytest.raises(sanctions.UnknownSanction, match="tidak ada di katalog"):
        TABLE.check(["hukuman_mati"], "pns")
    with pytest.raises(sanctions.UnknownSanction):
        TABLE.check(["disiplin_sedang"], "pns")  # a level alone was only recorded before 2026.1


def test_a_version_without_a_list_knows_the_levels_it_recorded() -> None:
    old = sanctions.catalogue("2024.1", [])
    assert [k.code for k in old.choosable()] == [
        "moral_tertutup",
        "moral_terbuka",
        "disiplin_ringan",
        "disiplin_sedang",
        "disiplin_berat",
        "ptdh",
    ]
    assert "disiplin_sedang" in TABLE.by_code  # still readable under the new version


def test_rule_sanctions_name_levels() -> None:
    assert sanctions.levels_for("moral", "tertutup_terbuka") == {("moral", "tertutup"), ("moral", "terbuka")}
    assert sanctions.levels_for("disiplin", "berat") == {("disiplin", "berat")}
    assert len(sanctions.levels_for("disiplin", "belum_pasti")) == 4
    assert sanctions.levels_for("pidana", "penjara") == frozenset()
    assert sanctions.levels_for("disiplin", "sangat_berat") == frozenset()


RULES = {
    "E1": ("moral", "tertutup_terbuka"),
    "D1": ("disiplin", "berat"),
    "N2": ("disiplin", "sedang"),
    "N1": ("disiplin", "belum_pasti"),
    "D5": ("disiplin", "ptdh"),
    "P1": ("pidana", "kurungan"),
}


@pytest.mark.parametrize(
    ("found", "chosen", "fit"),
    [
        (["D1"], ["phdtaps"], "sesuai"),
        (["D1"], ["turun_jabatan_12"], "sesuai"),
        (["D1"], ["tukin_25_12"], "lebih_ringan"),  # a moderate penalty where a heavy one is due
        (["D1"], ["moral_terbuka"], "lebih_ringan"),
        (["D1"], ["ptdh"], "lebih_berat"),
        (["N2"], ["tukin_25_6"], "sesuai"),
        (["N2"], ["teguran_lisan"], "lebih_ringan"),  # lighter is milder, never harsher
        (["N2"], ["bebas_jabatan_12"], "lebih_berat"),
        (["E1"], ["moral_tertutup"], "sesuai"),
        (["E1"], ["teguran_tertulis"], "lebih_berat"),
        (["E1", "N2"], ["moral_terbuka", "tukin_25_6"], "sesuai"),  # moral and discipline combined
        (["E1", "N2"], ["moral_terbuka"], "lebih_ringan"),  # the heavier track is due
        (["N1"], ["teguran_lisan"], "sesuai"),  # a level not confirmed: every disciplinary level
        (["N1"], ["moral_terbuka"], "lebih_ringan"),
        (["D5"], ["ptdh"], "sesuai"),
        (["P1"], ["phdtaps"], ""),  # a criminal provision has no administrative sanction
        (["D1"], [], ""),
    ],
)
def test_kinds_against_the_rulebook(found: list[str], chosen: list[str], fit: str) -> None:
    owed = sanctions.due({code: RULES[code] for code in found})
    assert sanctions.against_rulebook([K[c] for c in chosen], owed) == fit


@pytest.mark.parametrize(
    ("decided", "recommended", "fit"),
    [
        (["tukin_25_6"], ["tukin_25_6"], "sesuai"),  # the same kind is never "lebih ringan"
        (["moral_terbuka", "tukin_25_9"], ["tukin_25_9", "moral_terbuka"], "sesuai"),
        (["tukin_25_6"], ["tukin_25_12"], "lebih_ringan"),
        (["teguran_tertulis"], ["tukin_25_6"], "lebih_ringan"),
        (["phdtaps"], ["turun_jabatan_12"], "lebih_berat"),
        (["moral_terbuka"], ["moral_tertutup"], "lebih_berat"),
        (["disiplin_sedang"], ["tukin_25_12"], "sesuai"),  # a level-only record: compared by level
        (["tukin_25_6"], [], ""),
    ],
)
def test_the_ppk_against_bkn(decided: list[str], recommended: list[str], fit: str) -> None:
    by = {**K}
    assert sanctions.against_recommendation([by[c] for c in decided], [by[c] for c in recommended]) == fit
