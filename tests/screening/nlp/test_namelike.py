"""Issue 17: ordinary posts whose words look like a contestant, and the side of news-style and
rhetorical posts. New phrasings, not the development posts in bench/data/dev."""

from pathlib import Path

import pytest
import yaml

from jaganetral.screening.nlp import ElectionSpec, Pipeline

ELECTIONS = Path(__file__).resolve().parents[3] / "src" / "jaganetral" / "reference" / "data" / "elections"

JATIM = ElectionSpec.from_dict(
    {
        "code": "pilgub-jatim-2024",
        "contestants": [
            {"number": 1, "name": "Luluk Nur Hamidah - Lukmanul Khakim", "aliases": ["Luluk"]},
            {"number": 2, "name": "Khofifah Indar Parawansa - Emil Dardak", "aliases": ["Khofifah", "Emil"]},
            {"number": 3, "name": "Tri Rismaharini - Zahrul Azhar Asumta", "aliases": ["Risma", "Gus Hans"]},
        ],
    }
)


@pytest.fixture(scope="module")
def jatim() -> Pipeline:
    return Pipeline(JATIM)


@pytest.fixture(scope="module")
def p24() -> Pipeline:
    return Pipeline(
        ElectionSpec.from_dict(yaml.safe_load((ELECTIONS / "pemilu-2024.yaml").read_text("utf-8")))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Risma sepupuku lulus sidang skripsi hari ini",
        "Tadi dijemput Emil tukang ojek langganan, orangnya baik",
        "Makan rawon di warung Khofifah dekat terminal, enak banget",
        "Alumni Al Azhar reuni di Surabaya minggu depan",
    ],
)
def test_one_word_name_of_someone_or_something_else(jatim: Pipeline, text: str) -> None:
    assert not jatim.classify(text)["partisan"]


@pytest.mark.parametrize(
    "text",
    [
        "Jadwal penerbangan Garuda ke Makassar diundur",
        "Tiket timnas Garuda habis dalam satu jam",
        "Jangan lupa bayar PBB sebelum jatuh tempo",
        "Rapat paripurna dihadiri fraksi Golkar dan fraksi Gerindra",
    ],
)
def test_party_word_in_everyday_sense(p24: Pipeline, text: str) -> None:
    assert not p24.classify(text)["partisan"]


@pytest.mark.parametrize(
    "text",
    [
        "Kantor tutup tanggal 02 Januari, buka lagi tanggal 03",
        "Silakan ambil antrian nomor 3 di loket depan",
        "Kamar no. 2 di lantai 01 sudah dibersihkan",
        "Pilih 3 rasa donat, harganya sama",
    ],
)
def test_numbers_that_date_count_or_number_something_else(p24: Pipeline, text: str) -> None:
    assert not p24.classify(text)["partisan"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Paslon nomor 3 paling jujur, coblos!", 3),
        ("Khofifah pemimpin yang amanah, coblos nomor 2", 2),
        ("Risma wali kota yang merakyat, pilih 3", 3),
    ],
)
def test_partisan_posts_still_found(jatim: Pipeline, text: str, target: int) -> None:
    r = jatim.classify(text)
    assert r["partisan"] and r["target"] == target and r["direction"] == "support"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Apa hebatnya Khofifah? Dua periode, kemiskinan desa masih tinggi", 2),
        ("Luluk sudah berbuat apa untuk petani tembakau?", 1),
        ("Risma dikecam warga karena marah-marah di depan kamera", 3),
        ("Emil Dardak tersandung skandal proyek jalan, kata warga", 2),
    ],
)
def test_rhetorical_questions_and_news_blame_attack(jatim: Pipeline, text: str, target: int) -> None:
    r = jatim.classify(text)
    assert r["partisan"] and r["target"] == target and r["direction"] == "attack"


def test_news_praise_supports(jatim: Pipeline) -> None:
    r = jatim.classify("Khofifah dipuji nelayan karena bantuan perahu cepat sampai")
    assert r["partisan"] and r["target"] == 2 and r["direction"] == "support"


def test_claimed_success_is_not_praise(jatim: Pipeline) -> None:
    r = jatim.classify("Risma mengklaim berhasil mengatasi banjir")
    assert not (r["partisan"] and r["direction"] == "support")
