"""The shared MIT slang lexicons: one copy, one merge (indoNLP wins on conflicts)."""

from __future__ import annotations

from jaganetral.lib.lexicons import LEXICON_DIR, SLANG_FILES, slang_map


def test_both_files_ship_with_their_licence() -> None:
    for name in (*SLANG_FILES, "LICENSE.indonlp.txt"):
        assert (LEXICON_DIR / name).is_file(), name


def test_indonlp_wins_where_the_two_lexicons_disagree() -> None:
    # indo-normalizer says "ikuti", indoNLP says "mengikuti"
    assert slang_map()["ikutin"] == "mengikuti"


def test_no_self_maps_number_keys_or_upper_case() -> None:
    m = slang_map()
    assert m and all(k != v and not k.isdigit() and k == k.lower() and v == v.lower() for k, v in m.items())


def test_excluded_words_are_left_out_and_the_rest_is_the_same() -> None:
    full = slang_map()
    word = next(iter(full))
    narrowed = slang_map(frozenset({word}))
    assert word not in narrowed
    assert narrowed == {k: v for k, v in full.items() if k != word}
    assert slang_map(frozenset({word})) is narrowed  # cached per exclusion set
