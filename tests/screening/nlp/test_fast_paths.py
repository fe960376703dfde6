"""The tokeniser's fast path and the prefilter's acronym path agree with the slow, general ones."""

from pathlib import Path

import pytest
import yaml

from jaganetral.screening.nlp import ElectionSpec, Pipeline
from jaganetral.screening.nlp.model import LinearModel, load_default
from jaganetral.screening.nlp.normalize import Normalizer, Token

ELECTIONS = Path(__file__).resolve().parents[3] / "src" / "jaganetral" / "reference" / "data" / "elections"

TRICKY = [
    "Jokowi, hebat!!! #JokowiLagi @jokowi https://t.co/x ma'ruf amin 2.5 no2 02prabowo",
    "ekonomi... (meroket) [naik] harga-harga 10, 2019. rp1.000,00 wkwkwk 😂😂 ✌️ ☝",
    "tab\tsebelum\u00a0nbsp\u200bzero-width  spasi   ganda #tag_garis @user_name",
    "  spasi  di   depan, di tengah #TagA @userB dan   di belakang!!  ",  # spaces only
    "ÀÉÎ ünïcödé İstanbul ß ﬁ 3⃣ 1⃣ dua jari!",
    "",
    "   ",
    "!!!",
]


def _slow(nz: Normalizer, text: str) -> list[Token]:
    out: list[Token] = []
    nz._chunk(text, 0, len(text), out.append)
    return out


@pytest.mark.parametrize("text", TRICKY)
def test_fast_tokeniser_matches_the_token_pattern(text: str) -> None:
    nz = Normalizer()
    assert nz.tokens(text) == _slow(nz, text)


def test_acronym_prefilter_needs_capitals_and_a_whole_word() -> None:
    spec = ElectionSpec.from_dict(yaml.safe_load((ELECTIONS / "pemilu-2024.yaml").read_text("utf-8")))
    gaz = Pipeline(spec, model=False).gaz
    assert gaz.maybe("Saya tetap PDI Perjuangan sampai mati")
    assert gaz.maybe("dukung PKB!")
    assert not gaz.maybe("pantai di pkbmu indah sekali")  # lower case, inside a word


def test_model_three_classes_unrolled_gives_the_general_sums() -> None:
    model = load_default()
    assert model is not None and len(model.bias) == 3
    for toks in (["<cand>", "hebat", "pilih", "<num>"], ["tidak", "ada", "apa"], []):
        z = list(model.bias)
        model._add_rows(z, toks)
        general = LinearModel(model.classes, z, {}, {}).predict_proba([])
        assert model.predict_proba(toks) == general
