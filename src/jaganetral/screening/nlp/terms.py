"""Word lists and small helpers of the contestant gazetteer (``contestants.py``): ballot-number
cues, finger-salute words, generic party words, common given names, and how a person's full name
yields the words that stand for them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from .normalize import Token, known_words


class _Numbered(Protocol):
    @property
    def number(self) -> int: ...


C = TypeVar("C", bound=_Numbered)  # a contestant (``contestants.ContestantSpec``)

NUMBER_WORDS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
}
# Words that make a following number a ballot number.
NUMBER_CUES = frozenset(
    {
        "nomor",
        "urut",
        "paslon",
        "capres",
        "cawapres",
        "cagub",
        "cabup",
        "cawalkot",
        "coblos",
        "nyoblos",
        "mencoblos",
        "pilih",
        "memilih",
        "dukung",
        "mendukung",
        "kubu",
        "pendukung",
        "timses",
        "menangkan",
        "memenangkan",
        "pasangan",
        "no",
        "nmr",
        "nomer",
        "tim",
        "simpatisan",
    }
)
# Words before a finger phrase that make it a salute or a pose ("salam tiga jari"); without one a
# finger phrase is everyday speech ("tiga jari ditekuk", "air dua jari di atas beras") and counts
# only next to a vote word, like any weak mention.
FINGER_CUES = frozenset(
    {"salam", "pose", "berpose", "gaya", "simbol", "acungan", "acungkan", "mengacungkan", "acung"}
)
# number cues that are everyday words ("pasangan", "tim"): not enough to run the full tokeniser
_COMMON_NUMBER_CUES = frozenset({"pasangan", "no", "nmr", "tim", "simpatisan"})
_LIST_WORDS = frozenset({",", "/", "&", "atau", "ataupun", "maupun", "dan"})
_NOT_LETTER = re.compile(r"[^a-z]+")
_GENERIC = frozenset(
    [
        "partai",
        "nasional",
        "indonesia",
        "aceh",
        "rakyat",
        "bangsa",
        "raya",
        "persatuan",
        "demokrasi",
        "keadilan",
        "sejahtera",
        "pembangunan",
        "amanat",
        "gerakan",
        "bulan",
        "bintang",
        "solidaritas",
        "nusantara",
        "perjuangan",
        "kebangkitan",
        "hati",
        "nurani",
        "garda",
        "republik",
        "gelombang",
        "golongan",
        "karya",
        "buruh",
        "umat",
        "ummat",
        "amin",
    ]
)
# Given names and titles too common to stand for one contestant on their own (words of three
# letters or fewer never do).
_COMMON_GIVEN = frozenset((
    "muhammad", "muhamad", "mohammad", "mohamad", "ahmad", "achmad", "abdul", "abdullah", "siti",
    "dewi", "nurul", "joko", "budi", "agus", "andi", "dedi", "deddy", "putra", "putri", "haji",
    "hajjah", "kyai", "kiai", "prof", "binti", "raden", "bapak", "abang", "bang", "teuku", "daeng",
    "anak", "agung", "gusti", "ketut", "made", "nyoman", "wayan", "kadek", "komang", "rahmat",
    "hidayat", "aulia", "salman", "rizky", "rizki", "fitri", "indah", "wahyu", "yusuf", "ismail",
    "ibrahim", "hasan", "umar", "fauzi", "bambang", "slamet", "hendra", "fajar", "dian", "rina",
))  # fmt: skip


def _name_parts(people: Sequence[tuple[C, str]]) -> list[tuple[str, C, str]]:
    """Each distinctive word of a person's full name stands for them ("Prabowo Subianto" ->
    "Prabowo", "Subianto"), as people write it, so an election file with only full names still
    finds the contestants. Left out: words of 3 letters or fewer, common words and given names,
    and a word that two contestants share."""
    common = known_words()
    owners: dict[str, set[int]] = {}
    for c, person in people:
        for w in re.findall(r"[\w'’]+", person):
            owners.setdefault(w.lower(), set()).add(c.number)
    out: list[tuple[str, C, str]] = []
    for c, person in people:
        words = re.findall(r"[\w'’]+", person)
        if len(words) < 2:
            continue
        for w in words:
            low = w.lower()
            if (
                len(low) >= 4
                and low not in common
                and low not in _GENERIC
                and low not in _COMMON_GIVEN
                and not low.isdigit()
                and len(owners[low]) == 1
            ):
                out.append((w, c, "name"))
    return out


def _cued(toks: Sequence[Token], i: int) -> bool:
    """A ballot-number word right before token ``i`` ("nomor 2", "paslon no. 1", "pasangan 03")."""
    j = i - 1
    if j >= 0 and toks[j].text == ".":
        j -= 1
    return j >= 0 and toks[j].text in NUMBER_CUES


# Words around a number that make it a date, an address, a time or a count, not a ballot number:
# after it, a month or what is counted ("01 Februari", "pilih 2 warna"); before it, what is
# numbered ("tanggal 03", "RW 05", "jam 07").
_COUNTED = frozenset((
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt",
    "sep", "okt", "nov", "des", "orang", "kali", "hari", "jam", "menit", "detik", "minggu", "bulan",
    "tahun", "buah", "biji", "porsi", "warna", "menu", "paket", "item", "pcs", "kg", "gram",
    "liter", "lembar", "botol", "gelas", "piring", "kamar", "unit", "ekor", "set", "ukuran",
    "varian", "jenis", "macam", "rasa", "soal", "kata", "halaman", "persen", "ribu", "juta", "rb",
    "jt", "lantai", "km", "meter", "cm",
))  # fmt: skip
_NUMBERED = frozenset((
    "tanggal", "tgl", "rt", "rw", "jam", "pukul", "lantai", "kamar", "blok", "kelas", "ruang",
    "loket", "gate", "pintu", "halaman", "hal", "pasal", "ayat", "bab", "episode", "eps", "juz",
    "level", "antrian", "antri", "undian", "kursi", "meja",
))  # fmt: skip


def _counted(toks: Sequence[Token], i: int) -> bool:
    """A number that counts or numbers something else ("pilih 2 warna", "tanggal 01 Februari",
    "antrian nomor 2")."""
    if i + 1 < len(toks) and toks[i + 1].text in _COUNTED:
        return True
    return any(toks[j].text in _NUMBERED for j in range(max(0, i - 2), i))


def _in_date(text: str, start: int, end: int) -> bool:
    """True when a number sits inside a date, time or decimal ("01/02/2019", "10:02", "2.01")."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before in "/:-." and start > 1 and text[start - 2].isdigit():
        return True
    return after in "/:-." and end + 1 < len(text) and text[end + 1].isdigit()


# How Indonesian names are written in other spellings: old and new orthography ("Djarot"/"Jarot",
# "Soeharto"/"Suharto"), "kh" said as "h" or "k" ("Akhyar"/"Ahyar"), a doubled letter written once
# and a final "y" as "i" ("Bobby"/"Boby"/"Bobi"), and the other way round.
_SPELLINGS = (
    ("kh", "h"), ("kh", "k"), ("dj", "j"), ("tj", "c"), ("oe", "u"), ("sj", "sy"), ("sy", "s"),
    ("th", "t"), ("dh", "d"), ("ph", "f"), ("q", "k"), ("ch", "c"),
)  # fmt: skip
_DOUBLE = re.compile(r"([a-z])\1")


def spelling_variants(word: str) -> set[str]:
    """Other spellings of a name word (at most two changes), the word itself left out."""
    out = {word}
    for _ in range(2):
        more: set[str] = set()
        for w in out:
            for a, b in _SPELLINGS:
                if a in w:
                    more.add(w.replace(a, b))
            more.update(w[: m.start()] + w[m.start() + 1 :] for m in _DOUBLE.finditer(w))
            if w.endswith("y"):
                more.add(w[:-1] + "i")
            elif w.endswith("i"):
                more.add(w[:-1] + "y")
        out |= more
    out.discard(word)
    return out
