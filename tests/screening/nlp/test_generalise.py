"""Issue 17: what the detector must derive from an election file alone. New phrasings, written
before the fixes (not the issue's own examples, and not the held-out bench posts)."""

from pathlib import Path

import pytest
import yaml

from jaganetral.screening.nlp import ElectionSpec, Pipeline

ELECTIONS = Path(__file__).resolve().parents[3] / "src" / "jaganetral" / "reference" / "data" / "elections"

# a regional election written as a new user would: names and aliases only, no accounts or hashtags
JATENG = ElectionSpec.from_dict(
    {
        "code": "pilgub-jateng-2024",
        "contestants": [
            {"number": 1, "name": "Andika Perkasa - Hendrar Prihadi", "aliases": ["Andika", "Hendi"]},
            {"number": 2, "name": "Ahmad Luthfi - Taj Yasin", "aliases": ["Luthfi", "Gus Yasin"]},
        ],
    }
)


@pytest.fixture(scope="module")
def jateng() -> Pipeline:
    return Pipeline(JATENG)


@pytest.fixture(scope="module")
def p24() -> Pipeline:
    return Pipeline(
        ElectionSpec.from_dict(yaml.safe_load((ELECTIONS / "pemilu-2024.yaml").read_text("utf-8")))
    )


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Maju terus @andikaperkasa, Jawa Tengah menunggu", 1),
        ("Doa kami menyertai @ahmadluthfi_official, pasti menang", 2),
        ("Bangga sama @Hendrar_Prihadi78, wali kota terbaik", 1),
    ],
)
def test_handle_containing_a_name_is_a_mention(jateng: Pipeline, text: str, target: int) -> None:
    r = jateng.classify(text)
    assert r["partisan"] and r["target"] == target and r["direction"] == "support", r


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Andikaa Perkasa the best, pilih beliau", 1),
        ("Pak Luthfy orangnya amanah, saya dukung", 2),
        ("Hendrar Prihardi mantap, lanjutkan", 1),
    ],
)
def test_misspelt_names(jateng: Pipeline, text: str, target: int) -> None:
    r = jateng.classify(text)
    assert r["partisan"] and r["target"] == target, r


@pytest.mark.parametrize(
    "text",
    [
        "Andaikan besok libur, saya mau tidur seharian",  # "andaikan" is not "Andika"
        "Lutfi teman saya baru pulang dari Malang",  # a different person, no stance
        "Hendak ke pasar beli sayur, ada titipan?",
    ],
)
def test_tolerant_matching_does_not_flood_ordinary_words(jateng: Pipeline, text: str) -> None:
    assert not jateng.classify(text)["partisan"]


def test_retweet_of_a_contestant_account_without_accounts_listed(jateng: Pipeline) -> None:
    r = jateng.classify("RT @andikaperkasa: Hari ini kami menyapa nelayan di Rembang")
    assert r["partisan"] and r["target"] == 1 and r["direction"] == "support", r
    assert any(e["kind"] == "account_retweet" for e in r["evidence"])


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Coblos yang bener ya gaes #2", 2),
        ("Tetap solid #02 sampai TPS", 2),
        ("Selamat berjuang Paslon No. 1, semoga amanah", 1),
        ("Sukses untuk pasangan nomor 2", 2),
    ],
)
def test_ballot_number_in_hashtag_or_after_pasangan(jateng: Pipeline, text: str, target: int) -> None:
    r = jateng.classify(text)
    assert r["partisan"] and r["target"] == target and r["direction"] == "support", r


@pytest.mark.parametrize(
    "text",
    [
        "Kami tidak mendukung 01 maupun 02, kami netral",
        "Aku bukan tim 01, bukan juga tim 02",
        "Bukan simpatisan paslon 1 atau 2, cuma warga biasa",
    ],
)
def test_group_negation(jateng: Pipeline, text: str) -> None:
    assert not jateng.classify(text)["partisan"], jateng.classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "Menhan Prabowo Subianto menghadiri peluncuran satelit pertahanan",
        "Wali Kota Solo Gibran meresmikan pasar baru di Jebres",
        "Menkopolhukam Mahfud MD memimpin apel kesiapan pengamanan",
        "Gubernur Jateng Ganjar Pranowo menyerahkan sertifikat tanah kepada warga",
    ],
)
def test_official_capacity_news_is_not_flagged(p24: Pipeline, text: str) -> None:
    r = p24.classify(text)
    assert not r["partisan"], r


def test_official_title_does_not_hide_campaigning(p24: Pipeline) -> None:
    r = p24.classify("Menhan Prabowo pasti menang, coblos 02!")
    assert r["partisan"] and r["target"] == 2 and r["direction"] == "support"


@pytest.mark.parametrize(
    "text",
    [
        "Pemanasan dulu: rentangkan dua jari lalu putar pergelangan",
        "Isi gelas sampai tiga jari dari bibir gelas",
        "Jari saya yang luka cuma satu jari, tidak apa-apa",
    ],
)
def test_gesture_words_in_everyday_context(p24: Pipeline, text: str) -> None:
    assert not p24.classify(text)["partisan"]


def test_finger_salute_still_counts(p24: Pipeline) -> None:
    r = p24.classify("Salam tiga jari, Indonesia unggul!")
    assert r["partisan"] and r["target"] == 3 and "E5/D7" in r["rules"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Luar biasa ya Andika, janji segunung, bukti nol 🙄", 1),
        ("Luthfi bisa apa sih selama ini?", 2),
        ("Hebat bener Hendi, proyek mangkrak dimana-mana", 1),
    ],
)
def test_sarcasm_and_rhetorical_questions_attack(jateng: Pipeline, text: str, target: int) -> None:
    r = jateng.classify(text)
    assert r["partisan"] and r["target"] == target and r["direction"] == "attack", r
