from __future__ import annotations

from pathlib import Path

import pytest

from jaganetral.rulebook.rule_file import SHIPPED_FILE, RuleFileError, parse_rulebook, parse_signature

SHIPPED = SHIPPED_FILE.read_text(encoding="utf-8")

MINIMAL = """\
version: "t1"
title: Katalog uji
rules:
  - code: E4
    track: etik
    title: {id: Menyukai unggahan calon, en: Liking a candidate's post}
    explanation: {id: Penjelasan, en: Explanation}
    instead: {id: Jangan, en: Do not}
    sanction: {kind: moral, level: tertutup_terbuka}
    basis: [{instrument: SKB 2022, article: Lampiran II}]
    elections: [pemilu]
    match: ["like + candidate"]
"""


def test_the_shipped_catalogue_has_every_required_code() -> None:
    spec = parse_rulebook(SHIPPED, "rulebook.yaml")
    codes = {r.code for r in spec.rules}
    required = (
        {f"E{i}" for i in range(1, 8)}
        | {f"D{i}" for i in range(1, 13)}
        | {f"N{i}" for i in range(1, 8)}
        | {"P-UU7-280", "P-UU7-282", "P-UU7-283", "P-UU7-494", "P-UU7-547", "P-UU10-70", "P-UU10-71"}
    )
    assert required <= codes
    allowed = [r for r in spec.rules if r.track == "boleh"]
    assert len(allowed) >= 5 and all(r.code.startswith("A") for r in allowed)


def test_every_entry_is_complete_and_tracks_fit_sanctions() -> None:
    spec = parse_rulebook(SHIPPED)
    by_code = {r.code: r for r in spec.rules}
    for rule in spec.rules:
        assert rule.title.id and rule.title.en and rule.explanation.id and rule.explanation.en
        assert rule.basis and rule.elections and rule.match, rule.code
        if rule.track != "boleh":
            assert rule.examples and rule.evidence and rule.sources, rule.code
    assert by_code["D5"].sanction.level == "ptdh"
    assert by_code["D3"].sanction.level == "sedang"
    assert by_code["N2"].sanction.level == "sedang"
    assert by_code["E4"].sanction.kind == "moral"
    # Disagreements between sources are kept, not hidden.
    for code in ("D8", "D9", "D10"):
        assert by_code[code].disputed is not None, code
    # Criminal entries name their penalty articles.
    penalties = {c: by_code[c].sanction.penalty for c in ("P-UU7-280", "P-UU7-282", "P-UU10-70", "P-UU10-71")}
    assert all(p is not None for p in penalties.values())
    text = " ".join(p.id for p in penalties.values() if p)
    for article in ("188", "189", "490", "493"):
        assert f"Pasal {article}" in text
    assert by_code["P-UU10-70"].elections == ["pilkada"]


def test_a_minimal_file_parses() -> None:
    spec = parse_rulebook(MINIMAL)
    assert spec.version == "t1"
    assert spec.rules[0].signatures()[0].groups == [frozenset({"like"}), frozenset({"candidate"})]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("track: etik", "track: sosial"), "line 5, rules[0].track"),
        (("kind: moral, level: tertutup_terbuka", "kind: disiplin, level: berat"), "needs sanction kind"),
        (("level: tertutup_terbuka", "level: sangat"), "does not fit kind"),
        (('["like + candidate"]', '["like + alien"]'), "unknown concept(s) alien"),
        (('["like + candidate"]', '["like + candidate @7"]'), "weight must be between"),
        (("code: E4", "code: X99"), "code must look like"),
        (("elections: [pemilu]", "elections: []"), "rules[0].elections"),
        (('version: "t1"', 'version: "t 1/../x"'), "version must be"),
        (("title: Katalog uji", "title: [oops"), "not valid YAML"),
    ],
)
def test_a_bad_file_is_refused_with_line_and_field(change: tuple[str, str], message: str) -> None:
    with pytest.raises(RuleFileError) as err:
        parse_rulebook(MINIMAL.replace(*change), "uji.yaml")
    assert message in str(err.value)
    assert str(err.value).startswith("uji.yaml")


def test_duplicate_codes_and_dangling_related_codes_are_refused() -> None:
    doubled = MINIMAL + MINIMAL.split("rules:\n", 1)[1]
    with pytest.raises(RuleFileError, match="duplicate rule codes: E4"):
        parse_rulebook(doubled)
    with pytest.raises(RuleFileError, match="related code"):
        parse_rulebook(MINIMAL.replace("elections: [pemilu]", "elections: [pemilu]\n    related: [D99]"))


def test_not_a_mapping_and_oversized_files_are_refused() -> None:
    with pytest.raises(RuleFileError, match="must be a mapping"):
        parse_rulebook("- a\n- b\n")
    with pytest.raises(RuleFileError, match="larger than"):
        parse_rulebook("#" * 2_000_001)


def test_signature_exclusions() -> None:
    sig = parse_signature("socmed + campaign + !watch @0.85")
    assert sig.exclude == frozenset({"watch"}) and sig.weight == 0.85 and len(sig.groups) == 2
    with pytest.raises(ValueError, match="no required group"):
        parse_signature("!watch")


def test_the_data_file_is_in_the_package() -> None:
    assert Path(SHIPPED_FILE).name == "rulebook.yaml"
