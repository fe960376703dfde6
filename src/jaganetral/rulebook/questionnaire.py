"""The guided self-check: a few multiple-choice answers become the concepts the matcher understands.

Pure Python (no Django). Each choice has an Indonesian label (marked with ``gettext_noop``, translated
where the form shows it) and the concepts it stands for.
"""

from __future__ import annotations

from collections.abc import Mapping

from jaganetral.lib.i18n import gettext_noop

# (value, label, concepts)
ACTS: list[tuple[str, str, frozenset[str]]] = [
    (
        "like",
        gettext_noop("Menyukai (like/love), mengomentari atau membagikan unggahan"),
        frozenset({"like", "comment", "share"}),
    ),
    ("follow", gettext_noop("Mengikuti akun atau bergabung ke grup"), frozenset({"follow"})),
    ("post", gettext_noop("Membuat unggahan, status atau konten sendiri"), frozenset({"post", "support"})),
    (
        "photo_sign",
        gettext_noop("Berfoto dengan pose jari/simbol nomor urut"),
        frozenset({"photo", "gesture"}),
    ),
    (
        "photo_with",
        gettext_noop("Berfoto bersama calon, tim kampanye atau atribut partai"),
        frozenset({"photo"}),
    ),
    ("photo_fist", gettext_noop("Berfoto dengan pose tangan mengepal"), frozenset({"photo", "gesture_ok"})),
    ("attend", gettext_noop("Menghadiri kampanye atau deklarasi"), frozenset({"attend", "campaign"})),
    (
        "attend_cheer",
        gettext_noop("Menghadiri kampanye dan ikut bersorak/memakai atribut"),
        frozenset({"attend", "campaign", "active"}),
    ),
    (
        "banner",
        gettext_noop("Memasang spanduk, baliho, stiker atau alat peraga"),
        frozenset({"banner", "install"}),
    ),
    ("team", gettext_noop("Menjadi tim sukses, relawan atau konsultan"), frozenset({"team"})),
    ("member", gettext_noop("Menjadi anggota atau pengurus partai"), frozenset({"member"})),
    (
        "register",
        gettext_noop("Mendaftar atau mendekati partai untuk menjadi calon"),
        frozenset({"register", "approach"}),
    ),
    (
        "gather",
        gettext_noop("Mengajak, mengumpulkan orang atau memberi barang"),
        frozenset({"call", "gift", "host"}),
    ),
    ("decision", gettext_noop("Membuat keputusan, kebijakan atau program"), frozenset({"decision"})),
    (
        "ktp",
        gettext_noop("Memberi atau mengumpulkan KTP/surat dukungan"),
        frozenset({"ktp", "support_letter"}),
    ),
    ("facility", gettext_noop("Memakai kendaraan, gedung atau barang milik negara"), frozenset({"facility"})),
    ("vote", gettext_noop("Memberikan suara di TPS"), frozenset({"vote"})),
    ("briefing", gettext_noop("Menghadiri sosialisasi resmi KPU/Bawaslu/instansi"), frozenset({"briefing"})),
    ("read", gettext_noop("Membaca atau menonton berita/debat"), frozenset({"watch", "news"})),
    ("kpps", gettext_noop("Menjadi petugas KPPS/PPS/pengawas TPS"), frozenset({"adhoc"})),
]
TARGETS: list[tuple[str, str, frozenset[str]]] = [
    ("candidate", gettext_noop("Calon, pasangan calon atau tim kampanyenya"), frozenset({"candidate"})),
    ("party", gettext_noop("Partai politik"), frozenset({"party"})),
    ("spouse", gettext_noop("Suami/istri saya yang menjadi calon"), frozenset({"candidate", "spouse"})),
    ("independent", gettext_noop("Calon perseorangan (independen)"), frozenset({"candidate", "independent"})),
    (
        "election_body",
        gettext_noop("KPU, Bawaslu atau informasi pemilu yang netral"),
        frozenset({"election_body", "neutral_info"}),
    ),
    ("none", gettext_noop("Tidak terkait calon atau partai"), frozenset()),
]
AUDIENCES: list[tuple[str, str, frozenset[str]]] = [
    ("none", gettext_noop("Tidak ada / untuk diri sendiri"), frozenset({"private"})),
    ("subordinates", gettext_noop("Rekan kerja atau bawahan ASN"), frozenset({"subordinates"})),
    ("family", gettext_noop("Keluarga"), frozenset({"family"})),
    ("public", gettext_noop("Masyarakat umum"), frozenset({"public"})),
]
MEDIA: list[tuple[str, str, frozenset[str]]] = [
    ("socmed", gettext_noop("Media sosial atau grup percakapan"), frozenset({"socmed"})),
    ("offline", gettext_noop("Langsung / tatap muka"), frozenset()),
    ("media", gettext_noop("Televisi, radio atau media berita"), frozenset({"media"})),
]
PERIODS: list[tuple[str, str, frozenset[str]]] = [
    ("before", gettext_noop("Sebelum calon ditetapkan"), frozenset({"before"})),
    ("campaign", gettext_noop("Masa kampanye"), frozenset({"after"})),
    ("quiet", gettext_noop("Masa tenang atau hari pemungutan suara"), frozenset({"after"})),
    ("after", gettext_noop("Setelah pemungutan suara"), frozenset()),
    ("unknown", gettext_noop("Tidak tahu"), frozenset()),
]
POSTS: list[tuple[str, str, frozenset[str]]] = [
    ("none", gettext_noop("Tidak memegang jabatan"), frozenset()),
    (
        "official",
        gettext_noop("Pejabat struktural/fungsional (camat, kepala dinas, kepala sekolah, ...)"),
        frozenset({"official"}),
    ),
    (
        "village",
        gettext_noop("Kepala desa, lurah atau perangkat desa"),
        frozenset({"village_head", "official"}),
    ),
    (
        "state",
        gettext_noop("Pejabat negara (kepala daerah, menteri)"),
        frozenset({"state_official", "official"}),
    ),
]
ELECTIONS: list[tuple[str, str, frozenset[str]]] = [
    ("pemilu", gettext_noop("Pemilu (presiden, DPR, DPD, DPRD)"), frozenset({"pemilu"})),
    ("pilkada", gettext_noop("Pilkada (gubernur, bupati, wali kota)"), frozenset({"pilkada"})),
    ("unknown", gettext_noop("Tidak tahu"), frozenset()),
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
