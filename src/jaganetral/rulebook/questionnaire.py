"""The guided self-check: a few multiple-choice answers become the concepts the matcher understands.

Pure Python (no Django). Each choice has an Indonesian label and the concepts it stands for.
"""

from __future__ import annotations

from collections.abc import Mapping

# (value, label, concepts)
ACTS: list[tuple[str, str, frozenset[str]]] = [
    (
        "like",
        "Menyukai (like/love), mengomentari atau membagikan unggahan",
        frozenset({"like", "comment", "share"}),
    ),
    ("follow", "Mengikuti akun atau bergabung ke grup", frozenset({"follow"})),
    ("post", "Membuat unggahan, status atau konten sendiri", frozenset({"post", "support"})),
    ("photo_sign", "Berfoto dengan pose jari/simbol nomor urut", frozenset({"photo", "gesture"})),
    ("photo_with", "Berfoto bersama calon, tim kampanye atau atribut partai", frozenset({"photo"})),
    ("photo_fist", "Berfoto dengan pose tangan mengepal", frozenset({"photo", "gesture_ok"})),
    ("attend", "Menghadiri kampanye atau deklarasi", frozenset({"attend", "campaign"})),
    (
        "attend_cheer",
        "Menghadiri kampanye dan ikut bersorak/memakai atribut",
        frozenset({"attend", "campaign", "active"}),
    ),
    ("banner", "Memasang spanduk, baliho, stiker atau alat peraga", frozenset({"banner", "install"})),
    ("team", "Menjadi tim sukses, relawan atau konsultan", frozenset({"team"})),
    ("member", "Menjadi anggota atau pengurus partai", frozenset({"member"})),
    ("register", "Mendaftar atau mendekati partai untuk menjadi calon", frozenset({"register", "approach"})),
    ("gather", "Mengajak, mengumpulkan orang atau memberi barang", frozenset({"call", "gift", "host"})),
    ("decision", "Membuat keputusan, kebijakan atau program", frozenset({"decision"})),
    ("ktp", "Memberi atau mengumpulkan KTP/surat dukungan", frozenset({"ktp", "support_letter"})),
    ("facility", "Memakai kendaraan, gedung atau barang milik negara", frozenset({"facility"})),
    ("vote", "Memberikan suara di TPS", frozenset({"vote"})),
    ("briefing", "Menghadiri sosialisasi resmi KPU/Bawaslu/instansi", frozenset({"briefing"})),
    ("read", "Membaca atau menonton berita/debat", frozenset({"watch", "news"})),
    ("kpps", "Menjadi petugas KPPS/PPS/pengawas TPS", frozenset({"adhoc"})),
]
TARGETS: list[tuple[str, str, frozenset[str]]] = [
    ("candidate", "Calon, pasangan calon atau tim kampanyenya", frozenset({"candidate"})),
    ("party", "Partai politik", frozenset({"party"})),
    ("spouse", "Suami/istri saya yang menjadi calon", frozenset({"candidate", "spouse"})),
    ("independent", "Calon perseorangan (independen)", frozenset({"candidate", "independent"})),
    (
        "election_body",
        "KPU, Bawaslu atau informasi pemilu yang netral",
        frozenset({"election_body", "neutral_info"}),
    ),
    ("none", "Tidak terkait calon atau partai", frozenset()),
]
AUDIENCES: list[tuple[str, str, frozenset[str]]] = [
    ("none", "Tidak ada / untuk diri sendiri", frozenset({"private"})),
    ("subordinates", "Rekan kerja atau bawahan ASN", frozenset({"subordinates"})),
    ("family", "Keluarga", frozenset({"family"})),
    ("public", "Masyarakat umum", frozenset({"public"})),
]
MEDIA: list[tuple[str, str, frozenset[str]]] = [
    ("socmed", "Media sosial atau grup percakapan", frozenset({"socmed"})),
    ("offline", "Langsung / tatap muka", frozenset()),
    ("media", "Televisi, radio atau media berita", frozenset({"media"})),
]
PERIODS: list[tuple[str, str, frozenset[str]]] = [
    ("before", "Sebelum calon ditetapkan", frozenset({"before"})),
    ("campaign", "Masa kampanye", frozenset({"after"})),
    ("quiet", "Masa tenang atau hari pemungutan suara", frozenset({"after"})),
    ("after", "Setelah pemungutan suara", frozenset()),
    ("unknown", "Tidak tahu", frozenset()),
]
POSTS: list[tuple[str, str, frozenset[str]]] = [
    ("none", "Tidak memegang jabatan", frozenset()),
    (
        "official",
        "Pejabat struktural/fungsional (camat, kepala dinas, kepala sekolah, ...)",
        frozenset({"official"}),
    ),
    ("village", "Kepala desa, lurah atau perangkat desa", frozenset({"village_head", "official"})),
    ("state", "Pejabat negara (kepala daerah, menteri)", frozenset({"state_official", "official"})),
]
ELECTIONS: list[tuple[str, str, frozenset[str]]] = [
    ("pemilu", "Pemilu (presiden, DPR, DPD, DPRD)", frozenset({"pemilu"})),
    ("pilkada", "Pilkada (gubernur, bupati, wali kota)", frozenset({"pilkada"})),
    ("unknown", "Tidak tahu", frozenset()),
]
QUESTIONS: dict[str, list[tuple[str, str, frozenset[str]]]] = {
    "act": ACTS,
    "target": TARGETS,
    "audience": AUDIENCES,
    "medium": MEDIA,
    "period": PERIODS,
    "post": POSTS,
    "election": ELECTIONS,
}


def choices(question: str) -> list[tuple[str, str]]:
    return [(value, label) for value, label, _ in QUESTIONS[question]]


def concepts_for(answers: Mapping[str, str]) -> set[str]:
    """Concepts for validated answers (unknown keys or values are ignored)."""
    out: set[str] = set()
    for question, options in QUESTIONS.items():
        value = answers.get(question)
        for option_value, _label, concepts in options:
            if option_value == value:
                out |= concepts
    act = answers.get("act")
    target = answers.get("target")
    if act == "attend" and target == "spouse":
        out.add("attend")
    if act in {"photo_with"} and target in {"candidate", "party", "spouse", "independent"}:
        out.add("post")
    if act == "decision" and target in {"candidate", "party", "spouse", "independent"}:
        out.add("benefit")
    if act == "gather" and answers.get("audience") in {None, "", "none"}:
        out.discard("host")
    return out
