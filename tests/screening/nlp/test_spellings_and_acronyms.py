"""Issue 17, regional recall round: names in another spelling, aliases that are acronyms and
everyday words, someone of the same name in an everyday role, and praise asked for as missing. An
invented election and new phrasings, not the development posts in bench/data/dev."""

import pytest

from jaganetral.screening.nlp import ElectionSpec, Pipeline

SPEC = ElectionSpec.from_dict(
    {
        "code": "pilbup-contoh-2020",
        "contestants": [
            {
                "number": 1,
                "name": "Djuhartono Sasmita - Rina Marlina",
                "aliases": ["Djuhartono", "RAJIN"],
                "parties": ["Golkar"],
            },
            {
                "number": 2,
                "name": "Khairul Effendy - Teddy Soekarno",
                "aliases": ["Khairul", "Teddy"],
                "parties": ["Gerindra"],
            },
        ],
    }
)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(SPEC)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Juhartono orangnya jujur, saya pilih dia", 1),  # "dj" written "j"
        ("Hairul pemimpin hebat, dukung terus!", 2),  # "kh" written "h"
        ("Tedi bohong terus, jangan dipilih", 2),  # a doubled letter once, a final "y" as "i"
        ("Effendi sukses bangun jalan desa, lanjutkan", 2),
    ],
)
def test_a_name_in_another_spelling_is_found(pipe: Pipeline, text: str, target: int) -> None:
    r = pipe.classify(text)
    assert r["partisan"] and r["target"] == target, r


def test_another_spelling_passes_the_prefilter(pipe: Pipeline) -> None:
    for text in ("Juhartono", "Hairul", "Tedi", "Effendi"):
        if pipe.gaz.find(pipe.tokens(text), text):
            assert pipe.gaz.maybe(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Anak saya rajin sekali belajar, alhamdulillah nilainya bagus",
        "Karyawan yang rajin pasti dapat bonus akhir tahun",
    ],
)
def test_an_acronym_alias_in_lower_case_is_an_everyday_word(pipe: Pipeline, text: str) -> None:
    assert not pipe.classify(text)["partisan"]


def test_an_acronym_alias_in_capitals_is_the_contestant(pipe: Pipeline) -> None:
    r = pipe.classify("Warga desa kompak dukung RAJIN, bupati yang kita tunggu")
    assert r["partisan"] and r["target"] == 1, r


@pytest.mark.parametrize(
    "text",
    [
        "Khairul karyawan baru di gudang kami, kerjanya cepat dan rapi",
        "Teddy pemain bulu tangkis klub kita menang telak semalam",
    ],
)
def test_a_namesake_in_an_everyday_role_is_not_the_contestant(pipe: Pipeline, text: str) -> None:
    assert not pipe.classify(text)["partisan"]


def test_a_common_given_name_of_a_full_name_alone_is_not_the_contestant(pipe: Pipeline) -> None:
    # "Rina" comes only from the full name "Rina Marlina", and Rina is a common given name
    assert not pipe.classify("Kak Rina baik sekali mau bantu aku angkat galon")["partisan"]


def test_praise_asked_for_as_missing_is_blame(pipe: Pipeline) -> None:
    r = pipe.classify("Djuhartono lima tahun menjabat, prestasinya mana?")
    assert r["partisan"] and r["direction"] == "attack", r


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Teddy itu kutu loncat, tiap pemilu pindah partai", "attack"),
        ("Calon karbitan seperti Khairul jangan dipilih", "attack"),
        ("Djuhartono mau mendengarkan keluhan petani, pemimpin yang peduli", "support"),
    ],
)
def test_side_words_of_regional_campaigns(pipe: Pipeline, text: str, direction: str) -> None:
    r = pipe.classify(text)
    assert r["partisan"] and r["direction"] == direction, r


@pytest.mark.parametrize(
    ("text", "target"),
    [("#DukungNomor1 sampai menang", 1), ("ayo ke TPS #CoblosNo2", 2), ("#pilih1", 1)],
)
def test_a_ballot_number_after_a_vote_word_in_a_hashtag(pipe: Pipeline, text: str, target: int) -> None:
    assert pipe.gaz.maybe(text), text
    r = pipe.classify(text)
    assert r["partisan"] and r["target"] == target, r


def test_a_number_in_a_hashtag_after_nomor_alone_is_not_enough(pipe: Pipeline) -> None:
    # "#nomor2untukbali" is just as often another election's hashtag
    assert not pipe.classify("liburan seru #nomor2untukbali")["partisan"]


def test_a_pair_with_a_number_is_a_candidate_pair(pipe: Pipeline) -> None:
    r = pipe.classify("Sukses untuk pasangan no. 1, semoga amanah")
    assert r["partisan"] and r["target"] == 1, r
