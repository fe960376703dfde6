"""Issue 17, second quality round: ordinary posts about someone who shares a contestant's name, a
part of a full name used as an ordinary word, warnings to the reader, and the side of long posts
(a stance word speaks of the one its sentence names). New phrasings, not the development posts in
bench/data/dev."""

import pytest

from jaganetral.screening.nlp import ElectionSpec, Pipeline

JATENG = ElectionSpec.from_dict(
    {
        "code": "pilgub-jateng-2024",
        "contestants": [
            {"number": 1, "name": "Andika Perkasa - Hendrar Prihadi", "aliases": ["Andika", "Hendi"]},
            {"number": 2, "name": "Ahmad Luthfi - Taj Yasin", "aliases": ["Luthfi", "Gus Yasin"]},
        ],
    }
)
JATIM = ElectionSpec.from_dict(
    {
        "code": "pilgub-jatim-2024",
        "contestants": [
            {"number": 1, "name": "Luluk Nur Hamidah - Lukmanul Khakim", "aliases": ["Luluk"]},
            {"number": 2, "name": "Khofifah Indar Parawansa - Emil Dardak", "aliases": ["Khofifah"]},
            {"number": 3, "name": "Tri Rismaharini - Zahrul Azhar Asumta", "aliases": ["Risma"]},
        ],
    }
)


@pytest.fixture(scope="module")
def jateng() -> Pipeline:
    return Pipeline(JATENG)


@pytest.fixture(scope="module")
def jatim() -> Pipeline:
    return Pipeline(JATIM)


_MODEL = (
    "still a false alarm: a stance model retrained with ordinary posts naming someone fixed these, but"
    " it lost recall on campaign posts (campaign2024 flag rate 0.82 -> 0.73 on one topic), so the"
    " shipped model stays"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, marks=pytest.mark.xfail(reason=_MODEL, strict=True))
        for t in (
            "Hendi baru pulang dari pondok, oleh-olehnya banyak sekali",
            "Kemarin Luthfi ngajak makan soto di alun-alun",
            "Hamidah ikut senam ibu-ibu tiap Minggu pagi",
        )
    ],
)
def test_someone_who_shares_a_name_in_an_everyday_post(jateng: Pipeline, jatim: Pipeline, text: str) -> None:
    assert not jateng.classify(text)["partisan"]
    assert not jatim.classify(text)["partisan"]


@pytest.mark.parametrize(
    "text",
    [
        "Kudanya gagah dan perkasa, larinya kencang",
        "Setelah rajin olahraga badannya jadi perkasa",
    ],
)
def test_a_part_of_a_full_name_written_as_an_ordinary_word(jateng: Pipeline, text: str) -> None:
    assert not jateng.classify(text)["partisan"]


def test_the_full_name_and_a_vote_call_still_count(jateng: Pipeline) -> None:
    r = jateng.classify("Saya dukung Andika Perkasa jadi gubernur, pemimpin yang tegas")
    assert r["partisan"] and r["target"] == 1 and r["direction"] == "support"
    r = jateng.classify("Ayo coblos perkasa tanggal 27")
    assert r["partisan"] and r["target"] == 1


def test_a_warning_to_the_reader_is_blame(jatim: Pipeline) -> None:
    r = jatim.classify("Warga Jatim, jangan terkecoh janji manis Khofifah")
    assert r["partisan"] and r["target"] == 2 and r["direction"] == "attack"


def test_a_stance_sentence_speaks_of_the_one_named_last(jatim: Pipeline) -> None:
    text = (
        "Khofifah dan Risma sama-sama pernah menjadi menteri di Jakarta. "
        "Keduanya punya pengalaman panjang di pemerintahan. "
        "Tetapi di kampung kami hanya Risma yang datang sendiri membersihkan got setelah banjir. "
        "Sungguh pemimpin yang tegas, jujur dan merakyat, tidak ada duanya."
    )
    r = jatim.classify(text)
    assert r["partisan"] and r["target"] == 3 and r["direction"] == "support"


def test_blame_reported_as_an_accusation_is_not_the_writers(jatim: Pipeline) -> None:
    text = (
        "Menjelang hari pencoblosan serangan terhadap Risma makin gencar. "
        "Ia dituduh pemarah, dituding gagal, dan dicap pembohong di grup-grup percakapan. "
        "Warga Surabaya tahu kerja kerasnya selama sepuluh tahun. "
        "Saya tetap bersama Risma sampai menang."
    )
    r = jatim.classify(text)
    assert r["partisan"] and r["target"] == 3 and r["direction"] == "support"


def test_one_named_as_wronged_is_defended(jatim: Pipeline) -> None:
    r = jatim.classify("Bu Khofifah dizalimi terus sama lawan politiknya, kasihan")
    assert r["partisan"] and r["target"] == 2 and r["direction"] == "support"


@pytest.mark.parametrize(
    "text",
    [
        "Terima kasih Bu Risma, kampung kami macet lagi tiap pagi",
        "Makasih Khofifah, programnya tidak kelihatan sama sekali",
    ],
)
def test_thanks_beside_blame_is_mockery(jatim: Pipeline, text: str) -> None:
    r = jatim.classify(text)
    assert r["partisan"] and r["direction"] == "attack"


def test_thanks_alone_is_still_thanks(jatim: Pipeline) -> None:
    r = jatim.classify("Terima kasih Bu Risma sudah perbaiki jalan desa kami, lanjutkan")
    assert r["partisan"] and r["direction"] == "support"
