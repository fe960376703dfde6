"""Synthetic training posts written for this project (Apache-2.0), about a fictitious election.

Templates use ``{C}`` (a contestant name or alias), ``{N}`` (ballot number), ``{P}`` (a party) and
``{H}`` (a campaign hashtag). They are rendered with made-up contestants and then go through the
same normalise-and-mask path as real posts, so the model learns stance around *a* contestant.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .contestants import ContestantSpec, ElectionSpec

FICTIONAL = ElectionSpec(
    code="latihan",
    contestants=(
        ContestantSpec(
            1,
            "pair",
            "Budi Hartono - Sri Wulandari",
            aliases=("Budi", "Pak Budi", "Bu Sri", "Budi-Sri"),
            parties=("Partai Cahaya",),
            hashtags=("#BudiSriMenang", "#01BudiSri"),
            accounts=("@budihartono",),
        ),
        ContestantSpec(
            2,
            "pair",
            "Rahmat Saputra - Dewi Lestari",
            aliases=("Rahmat", "Bang Rahmat", "Dewi", "Rahmat-Dewi"),
            parties=("Partai Samudra",),
            hashtags=("#RahmatDewi2029", "#02RahmatDewi"),
            accounts=("@rahmatsaputra",),
        ),
        ContestantSpec(
            3,
            "pair",
            "Hendra Wijaya - Ayu Kartika",
            aliases=("Hendra", "Pak Hendra", "Ayu", "HeKa"),
            parties=("Partai Bintang",),
            hashtags=("#HendraAyu", "#03HeKa"),
        ),
    ),
)

SUPPORT = [
    "Ayo pilih {C}, pemimpin yang merakyat!",
    "coblos nomor {N} ya gaes, {C} pasti menang",
    "{C} harga mati!!! {H}",
    "Saya dukung {C} sampai menang",
    "pokoknya {C} lagi, lanjutkan!",
    "{C} presidenku, tidak ada yang lain",
    "Tanggal 14 jangan lupa coblos {N} ya, demi Indonesia maju",
    "salam {N} jari 🤟 kita menangkan {C}",
    "bangga punya pemimpin seperti {C}, kerja nyata bukan janji",
    "{C} memang hebat, tegas dan jujur",
    "mantap pak {C}, lanjut dua periode",
    "yuk menangkan {C} satu putaran {H}",
    "kami relawan siap all in untuk {C}",
    "{H} {H}",
    "pilihanku sudah bulat: {C}",
    "semoga {C} terpilih, amin ya Allah",
    "{C} sudah terbukti, pilih lagi",
    "mari dukung {P} dan {C}",
    "jangan ragu, {C} pilihan terbaik",
    "cuma {C} yang peduli sama rakyat kecil",
    "{C} keren bgt sih debat td malam 👍👍",
    "Siapa lagi kalau bukan {C}? #{N}Menang",
    "doakan {C} menang ya teman2",
    "{C} pemimpin visioner, layak jadi presiden",
    "nomor urut {N} pilihan kita semua",
    "percaya sama {C}, Indonesia pasti sejahtera",
    "terima kasih {C} atas kerja kerasnya, lanjutkan",
    "{C} paling pantas memimpin negeri ini",
    "coblos {P}! coblos {C}!",
    "setia bersama {C} 💪💪",
]
ATTACK = [
    "jangan pilih {C}, pembohong!",
    "{C} gagal total, ganti!",
    "{C} cuma pencitraan doang",
    "{C} antek asing, tolak!",
    "rezim {C} menyengsarakan rakyat",
    "awas janji palsu {C}",
    "{C} itu boneka partai",
    "ogah milih {C}, mending golput",
    "{C} curang, rakyat sudah tahu",
    "{C} plonga plongo ga ngerti apa2",
    "harga naik terus gara2 {C}",
    "utang numpuk di era {C}, memalukan",
    "{C} tidak layak jadi pemimpin",
    "lengserkan {C}!!!",
    "kalau {C} menang Indonesia hancur",
    "{C} ngibul lagi 🤣🤣",
    "jangan coblos nomor {N}, bahaya",
    "{P} partai korup, jangan dipilih",
    "{C} pecundang, pasti kalah",
    "muak lihat {C} di tv",
    "{C} bohong terus soal ekonomi",
    "kecewa berat sama {C}",
    "dasar {C} sombong, lupa sama rakyat",
    "{C} dinasti politik, tolak!",
    "jangan mau dibodohi {C}",
    "pendukung {C} buta semua",
    "{C} kacung oligarki",
    "stop dukung {C}",
    "nomor {N} bikin rusak negara",
    "{C} tidak jujur, ingkar janji",
]
NEUTRAL = [
    "{C} meresmikan jembatan di Kabupaten Sleman hari ini",
    "Menurut survei, elektabilitas {C} naik 2 persen",
    "Debat capres malam ini: {C} bicara soal ekonomi",
    "{C} mengunjungi korban banjir di Bekasi",
    "jadwal kampanye {C} besok di Surabaya",
    "apakah {C} akan datang ke acara ini?",
    "Kata {C}, pembangunan jalan tol akan dilanjutkan",
    "Berita: {C} bertemu tokoh agama di Jakarta",
    "KPU menetapkan {C} sebagai pasangan nomor urut {N}",
    "tadi lewat posko {P}, rame banget",
    "{C} diwawancara wartawan soal pajak",
    "ada yang nonton pidato {C} tadi?",
    "hasil quick count: {C} unggul di Jawa Barat",
    "{C} hadir di pernikahan anak sahabatnya",
    "video {C} naik motor viral di medsos",
    "foto {C} sedang makan di warung",
    "Pidato {C} di depan mahasiswa UGM",
    "{C} mengatakan akan memperbaiki sistem pendidikan",
    "Bawaslu mengingatkan ASN untuk netral dalam pemilu",
    "{C} dan istri mencoblos di TPS 05 pagi ini",
    "jalan macet karena rombongan {C} lewat",
    "{C} tanggapi kritik soal impor beras",
    "rekapitulasi suara {C} di Kecamatan Tembalang",
    "mahasiswa menggelar diskusi tentang visi misi {C}",
    "{C} menyatakan siap mengikuti debat kedua",
    "Tim {C} menyerahkan laporan dana kampanye ke KPU",
    "saya belum menentukan pilihan, masih lihat visi misi",
    "ASN harus netral, jangan ikut kampanye {C} atau siapapun",
    "cuaca hari ini cerah, semoga pemilu lancar",
    "kantor libur tanggal 14 karena pemungutan suara",
]


def render(template: str, rng: random.Random) -> str:
    c = rng.choice(FICTIONAL.contestants)
    names = [c.name.split(" - ")[0], *c.aliases]
    out = template
    while "{C}" in out:
        out = out.replace("{C}", rng.choice(names), 1)
    out = out.replace("{N}", rng.choice([str(c.number), f"0{c.number}"]))
    out = out.replace("{P}", c.parties[0] if c.parties else "Partai Cahaya")
    while "{H}" in out:
        out = out.replace("{H}", rng.choice(c.hashtags) if c.hashtags else "#Menang", 1)
    return out


def samples(n_per_template: int = 6, seed: int = 13) -> Iterator[tuple[str, str]]:
    """(text, label) with label in none | support | attack."""
    rng = random.Random(seed)  # noqa: S311 - not security relevant
    for label, templates in (("support", SUPPORT), ("attack", ATTACK), ("none", NEUTRAL)):
        for t in templates:
            for _ in range(n_per_template):
                yield render(t, rng), label
