"""The stance cue lexicon is data (rulebook/data/cues.yaml), checked when it is loaded."""

from __future__ import annotations

import pytest

from jaganetral.lib.yamlfile import load_validated
from jaganetral.screening.nlp import cues

GOOD = """\
vote:
  pilih: 2.0
  harga mati: 2
praise: {hebat: 1.2}
attack: {bohong: 1.6}
reporting: {"?": 0.4}
negations: [tidak]
negation_bridge: [mau]
contrast: [tapi]
conditional: [jika]
adjacent_only: [lagi]
neutral_phrases: [fakir miskin]
"""


def _load(text: str) -> cues.CueLexicon:
    return load_validated(
        text,
        "cues.yaml",
        cues.CueLexicon,
        error=cues.CueFileError,
        max_bytes=cues.MAX_FILE_BYTES,
        expected="the cue sections",
        unique_keys=True,
    )


def test_the_shipped_file_loads_once_and_feeds_the_tables() -> None:
    lexicon = cues.load()
    assert cues.load() is lexicon
    assert cues.VOTE is lexicon.vote and cues.VOTE["coblos"] == 2.4
    assert ("harga", "mati") in cues.SUPPORT_N and ("fakir", "miskin") in cues.NEUTRAL_N
    assert "tidak" in cues.NEGATIONS and "coblos" in cues.VOTE_WORDS


def test_a_well_formed_file_keeps_its_order_and_weights() -> None:
    lexicon = _load(GOOD)
    assert list(lexicon.vote.items()) == [("pilih", 2.0), ("harga mati", 2.0)]
    assert lexicon.reporting == {"?": 0.4}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("praise:", "prais:", "line 4, prais: Extra inputs are not permitted"),
        ("pilih: 2.0", "pilih: dua", "line 2, vote.pilih: Input should be a valid number"),
        ("pilih: 2.0", "pilih: -1", "vote.pilih: Input should be greater than or equal to 0"),
        ("pilih: 2.0", "Pilih: 2.0", "lower case"),
        ("harga mati: 2", "harga mati banget: 2", "'harga mati banget' must be one word or two"),
        ("harga mati: 2", "pilih: 1.0", "line 3: not valid YAML: the key 'pilih' appears twice"),
        ("[tidak]", "[tidak, tidak]", "line 7, negations: Value error, listed twice: tidak"),
        ("[tidak]", "[no]", "negations[0]: Input should be a valid string"),
        ("[fakir miskin]", "[fakir]", "'fakir' must be two words"),
        ("adjacent_only: [lagi]\n", "", "adjacent_only: Field required"),
    ],
)
def test_a_typo_fails_with_the_line_and_section(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(cues.CueFileError) as err:
        _load(GOOD.replace(old, new, 1))
    assert message in str(err.value)
    assert str(err.value).startswith("cues.yaml")
