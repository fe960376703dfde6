"""The self-check: from "sy ngelike postingan capres 02 boleh gak?" to ranked rules and a verdict.

Pure Python (no Django). Two steps:

1. :class:`Analyzer` turns everyday Indonesian into *concepts* (``like``, ``candidate``, ``gesture``
   ...). Each word is reduced to a base form: domain slang first, then the MIT slang lexicons
   (indoNLP, indo-normalizer; see NOTICE), elongation ("likeee"), reduplication ("bagi2"), Indonesian
   affixes ("ngelike", "dibagikan", "nyoblos"), and typo correction with rapidfuzz. Phrases from
   ``concepts.py`` are then matched longest first. Negations ("tidak ikut kampanye", "tanpa pose
   jari") switch off the concepts that follow them within the clause; "boleh gak?" is a question,
   not a negation.
2. :class:`Matcher` scores every rule's ``match`` lines (groups of concepts that must all be
   present) and decides ``violation`` / ``allowed`` / ``unclear``.

Nothing here stores or logs the text it is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.i18n import gettext_noop
from jaganetral.lib.lexicons import slang_map
from jaganetral.rulebook.concepts import (
    CLAUSE_BREAKS,
    CONCEPTS,
    DOMAIN_SLANG,
    NEGATORS,
    QUESTION_AFTER,
    QUESTION_BEFORE,
    REFRAINABLE,
)
from jaganetral.rulebook.rule_file import Signature

MAX_CHARS = 2000
NEGATION_REACH = 4
FULL_MATCH_WEIGHT = 0.8
MIN_SCORE = 0.3
FUZZY_BUDGET = 40
_REFUSALS = frozenset({"tolak", "menolak", "nolak", "ogah", "enggan"})
_REFUSAL_REACH = 12

_EMOJI = {
    "✌": " dua jari ",
    "☝": " satu jari ",
    "👆": " satu jari ",
    "🤟": " tiga jari ",
    "🤘": " metal ",
    "👍": " jempol ",
    "✊": " kepal tangan ",
    "👊": " kepal tangan ",
    "🫶": " hati dua tangan ",
    "🫰": " finger heart ",
    "❤": " love ",
    "♥": " love ",
    "😍": " love ",
    "🥰": " love ",
}
_HYPHEN_PREFIX = re.compile(r"\b(nge|ng|di|me|ter|ber|ku|mu)-(?=[a-z])")
_TOKEN = re.compile(r"[a-z0-9]+|[,.;!?]")
_ELONG = re.compile(r"([a-z])\1{2,}")
_REDUP = re.compile(r"^([a-z]{2,})2$")
_WORD_NUM = re.compile(r"^([a-z]{2,})(0?[1-9])$")
_NUM_WORDS = {"1": "satu", "2": "dua", "3": "tiga", "4": "empat", "5": "lima"}
_NUMBER_PREFIXES = (
    "nomor",
    "no",
    "nmr",
    "nomer",
    "urut",
    "no urut",
    "nomor urut",
    "paslon",
    "capres",
    "caleg",
    "calon",
)

_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meng", ("", "k")),
    ("meny", ("s", "c")),
    ("mem", ("", "p")),
    ("men", ("", "t")),
    ("me", ("",)),
    ("peng", ("", "k")),
    ("pem", ("", "p")),
    ("pen", ("", "t")),
    ("nge", ("",)),
    ("ng", ("", "k")),
    ("ny", ("s", "c")),
    ("di", ("",)),
    ("ber", ("",)),
    ("be", ("",)),
    ("ter", ("",)),
    ("per", ("",)),
    ("pe", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
    ("m", ("p",)),
    ("n", ("t",)),
)
_SUFFIXES = ("kannya", "nya", "kan", "in", "an", "i", "lah", "kah", "ku", "mu", "nye")

# Function words that carry no meaning for the rule-keyword overlap.
_STOP = frozenset(
    [
        "saya",
        "aku",
        "kamu",
        "dia",
        "kami",
        "kita",
        "mereka",
        "yang",
        "di",
        "ke",
        "dari",
        "dan",
        "atau",
        "untuk",
        "dengan",
        "pada",
        "ini",
        "itu",
        "ada",
        "apa",
        "apakah",
        "boleh",
        "bisa",
        "tidak",
        "gak",
        "enggak",
        "ya",
        "sih",
        "dong",
        "kah",
        "nya",
        "se",
        "juga",
        "sudah",
        "akan",
        "mau",
        "lagi",
        "saja",
        "kalau",
        "jika",
        "oleh",
        "para",
        "sebagai",
        "dalam",
        "sama",
        "bareng",
        "buat",
        "pak",
        "bu",
        "bapak",
        "ibu",
    ]
)

CONCEPT_LABELS: dict[str, str] = {
    "like": gettext_noop("menyukai (like/love)"),
    "share": gettext_noop("membagikan (share/repost)"),
    "comment": gettext_noop("berkomentar"),
    "follow": gettext_noop("mengikuti/bergabung ke akun atau grup"),
    "post": gettext_noop("mengunggah/memposting"),
    "content": gettext_noop("unggahan/konten"),
    "socmed": gettext_noop("media sosial"),
    "photo": gettext_noop("foto"),
    "gesture": gettext_noop("pose simbol jari/nomor"),
    "gesture_ok": gettext_noop("pose netral (tangan mengepal)"),
    "attend": gettext_noop("hadir/datang"),
    "join": gettext_noop("ikut serta"),
    "campaign": gettext_noop("kampanye"),
    "declaration": gettext_noop("deklarasi"),
    "active": gettext_noop("dukungan aktif (yel-yel, orasi)"),
    "support": gettext_noop("dukungan"),
    "call": gettext_noop("ajakan/imbauan"),
    "promote": gettext_noop("promosi"),
    "banner": gettext_noop("alat peraga (spanduk/baliho)"),
    "install": gettext_noop("memasang/menyebarkan"),
    "candidate": gettext_noop("calon/peserta pemilihan"),
    "party": gettext_noop("partai politik"),
    "number": gettext_noop("nomor urut"),
    "team": gettext_noop("tim sukses/tim kampanye"),
    "organizer": gettext_noop("panitia/pelaksana"),
    "involve": gettext_noop("melibatkan"),
    "member": gettext_noop("keanggotaan partai"),
    "register": gettext_noop("pencalonan diri"),
    "approach": gettext_noop("mendekati/mendaftar"),
    "cltn": gettext_noop("cuti di luar tanggungan negara"),
    "independent": gettext_noop("calon perseorangan"),
    "ktp": gettext_noop("KTP"),
    "support_letter": gettext_noop("surat dukungan"),
    "collect": gettext_noop("mengumpulkan"),
    "decision": gettext_noop("keputusan/kebijakan/program"),
    "benefit": gettext_noop("menguntungkan/merugikan pihak tertentu"),
    "official": gettext_noop("pejabat/atasan"),
    "village_head": gettext_noop("kepala desa/perangkat desa"),
    "state_official": gettext_noop("pejabat negara/kepala daerah"),
    "host": gettext_noop("mengadakan acara"),
    "venue": gettext_noop("lokasi acara"),
    "gathering": gettext_noop("pertemuan/acara"),
    "gift": gettext_noop("pemberian barang/uang"),
    "greeting": gettext_noop("ucapan selamat"),
    "state_ceremony": gettext_noop("upacara/acara kenegaraan"),
    "invite": gettext_noop("mengundang/mengajak"),
    "mobilize": gettext_noop("mengerahkan orang"),
    "subordinates": gettext_noop("rekan/bawahan ASN"),
    "family": gettext_noop("keluarga"),
    "public": gettext_noop("masyarakat"),
    "uniform": gettext_noop("seragam/atribut ASN"),
    "party_attr": gettext_noop("atribut partai/calon"),
    "facility": gettext_noop("fasilitas negara/kantor"),
    "spouse": gettext_noop("suami/istri"),
    "accompany": gettext_noop("mendampingi"),
    "before": gettext_noop("sebelum penetapan calon"),
    "after": gettext_noop("setelah penetapan/masa kampanye"),
    "pilkada": gettext_noop("Pilkada"),
    "pemilu": gettext_noop("Pemilu"),
    "vote": gettext_noop("memberikan suara"),
    "ink": gettext_noop("jari bertinta"),
    "briefing": gettext_noop("sosialisasi/acara resmi"),
    "election_body": gettext_noop("KPU/Bawaslu"),
    "watch": gettext_noop("membaca/menonton"),
    "news": gettext_noop("berita/informasi"),
    "debate": gettext_noop("debat"),
    "media": gettext_noop("media (TV, radio, HP)"),
    "vision": gettext_noop("visi-misi"),
    "private": gettext_noop("secara pribadi"),
    "duty": gettext_noop("tugas kedinasan"),
    "private_choice": gettext_noop("pilihan pribadi"),
    "neutral_info": gettext_noop("informasi pemilu netral"),
    "adhoc": gettext_noop("petugas penyelenggara/pengawas ad hoc"),
    "report": gettext_noop("melapor"),
    "violation": gettext_noop("pelanggaran"),
    "social_event": gettext_noop("acara sosial/keagamaan"),
    "refrain": gettext_noop("menahan diri / menolak ikut"),
    "gesture_weak": gettext_noop("simbol tangan"),
}


def _affix_variants(word: str) -> list[str]:
    """Candidate base forms of an Indonesian word, fewest changes first."""
    stems = [word] + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3]
    out: list[str] = []
    for stem in stems:
        if stem != word:
            out.append(stem)
    for stem in stems:
        for prefix, replacements in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
                rest = stem[len(prefix) :]
                out.extend(r + rest for r in replacements)
    return out


@dataclass(frozen=True)
class Analysis:
    tokens: tuple[str, ...]
    concepts: frozenset[str]
    negated: frozenset[str]


class Analyzer:
    """Text -> concepts. Build once (it loads the lexicons) and reuse; it is thread-safe to read."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None) -> None:
        phrases: dict[tuple[str, ...], set[str]] = {}

        def add(concept: str, phrase: str) -> None:
            toks = tuple(_TOKEN.findall(self._prenormalize(phrase)))
            if toks:
                phrases.setdefault(toks, set()).add(concept)

        for concept, items in CONCEPTS.items():
            for phrase in items:
                add(concept, phrase)
                for digit, word in _NUM_WORDS.items():
                    if f"{word} jari" in phrase:
                        add(concept, phrase.replace(f"{word} jari", f"{digit} jari"))
        for concept, extra_items in (extra or {}).items():
            for phrase in extra_items:
                add(concept, phrase)
        # "nomor 2", "paslon 02", "capres 3": a ballot number, plus whatever the prefix means.
        for prefix in _NUMBER_PREFIXES:
            base = phrases.get(tuple(prefix.split()), set())
            for n in range(1, 25):
                for num in {str(n), f"{n:02d}"}:
                    phrases.setdefault((*prefix.split(), num), set()).update(base | {"number"})
        self.phrases: dict[tuple[str, ...], frozenset[str]] = {k: frozenset(v) for k, v in phrases.items()}
        self.max_len = max(len(k) for k in self.phrases)
        self.vocab: frozenset[str] = frozenset(w for k in self.phrases for w in k)
        # Typo correction compares a word with vocabulary words of the same first letter only.
        self._fuzzy_vocab: dict[str, list[str]] = {}
        for w in sorted(self.vocab):
            if len(w) >= 5 and w.isalpha():
                self._fuzzy_vocab.setdefault(w[0], []).append(w)
        slang = slang_map()
        self.slang = slang
        self.known = frozenset(slang) | frozenset(w for v in slang.values() for w in v.split())
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    @staticmethod
    def _prenormalize(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).lower()
        for emoji, words in _EMOJI.items():
            if emoji in text:
                text = text.replace(emoji, words)
        text = re.sub(r"https?://\S+|www\.\S+", " ", text)
        text = _HYPHEN_PREFIX.sub(r"\1", text)
        return text.replace("-", " ").replace("_", " ")

    def _slots(self, tok: str, budget: list[int]) -> tuple[tuple[str, ...], ...]:
        """A raw token -> one slot per word it stands for ("mobdin" -> mobil, dinas); each slot holds
        candidate base forms, the first being the primary form. Cached per token. Typo correction
        is the slow step, so one text gets at most ``FUZZY_BUDGET`` fresh corrections."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        fuzzy = budget[0] > 0
        slots, used_fuzzy = self._compute_slots(tok, fuzzy)
        budget[0] -= used_fuzzy
        if fuzzy and len(self._cache) < 50_000:
            self._cache[tok] = slots
        return slots

    def _with_variants(self, word: str) -> tuple[str, ...]:
        return (word, *[v for v in _affix_variants(word) if v in self.vocab])

    def _compute_slots(self, tok: str, fuzzy: bool = True) -> tuple[tuple[tuple[str, ...], ...], int]:
        vocab = self.vocab
        if tok in DOMAIN_SLANG:
            return tuple(self._with_variants(w) for w in DOMAIN_SLANG[tok].split()), 0
        if tok in vocab:
            return (self._with_variants(tok),), 0
        m = _WORD_NUM.match(tok)
        if m and m.group(1) in vocab:
            return ((m.group(1),), (m.group(2),)), 0
        m = _REDUP.match(tok)
        if m:
            return (self._with_variants(m.group(1)), self._with_variants(m.group(1))), 0
        if _ELONG.search(tok):
            for cand in (_ELONG.sub(r"\1", tok), _ELONG.sub(r"\1\1", tok)):
                if cand in vocab or cand in DOMAIN_SLANG or cand in self.slang:
                    return self._compute_slots(cand, fuzzy)
        variants = tuple(v for v in _affix_variants(tok) if v in vocab)
        if variants:
            return (variants,), 0
        if tok in self.slang:
            return tuple(self._with_variants(w) for w in self.slang[tok].split()), 0
        if fuzzy and 5 <= len(tok) <= 24 and tok.isalpha() and tok not in self.known:
            candidates = self._fuzzy_vocab.get(tok[0], [])
            best = (
                process.extractOne(tok, candidates, scorer=fuzz.ratio, score_cutoff=86)
                if candidates
                else None
            )
            if best is not None:
                return ((str(best[0]),),), 1
            return ((tok,),), 1
        return ((tok,),), 0

    def tokens(self, text: str) -> list[tuple[str, ...]]:
        raw = _TOKEN.findall(self._prenormalize(text[: MAX_CHARS * 2]))
        out: list[tuple[str, ...]] = []
        budget = [FUZZY_BUDGET]
        for tok in raw:
            out.extend(self._slots(tok, budget))
        return out

    def analyze(self, text: str) -> Analysis:
        toks = self.tokens(text)
        primary = [t[0] for t in toks]
        n = len(primary)
        found: list[tuple[int, frozenset[str]]] = []
        consumed = [False] * n
        i = 0
        while i < n:
            hit: frozenset[str] | None = None
            length = 0
            for size in range(min(self.max_len, n - i), 1, -1):
                got = self.phrases.get(tuple(primary[i : i + size]))
                if got is not None:
                    hit, length = got, size
                    break
            if hit is None:
                for form in toks[i]:
                    got = self.phrases.get((form,))
                    if got is not None:
                        hit, length = got, 1
                        break
            if hit is not None:
                found.append((i, hit))
                for j in range(i, i + length):
                    consumed[j] = True
                i += length
            else:
                i += 1
        negated_at = self._negation_windows(primary, consumed)
        present: set[str] = set()
        negated: set[str] = set()
        for pos, concepts in found:
            (negated if negated_at[pos] else present).update(concepts)
        if negated & REFRAINABLE:
            present.add("refrain")
        if "gesture_weak" in present and "gesture_ok" not in present:
            present.add("gesture")
        if "gesture_ok" in present and "gesture" in present and not self._strong_gesture(found, negated_at):
            present.discard("gesture")
        return Analysis(
            tokens=tuple(primary), concepts=frozenset(present), negated=frozenset(negated - present)
        )

    @staticmethod
    def _strong_gesture(found: Sequence[tuple[int, frozenset[str]]], negated_at: Sequence[bool]) -> bool:
        return any("gesture" in c and "gesture_weak" not in c and not negated_at[p] for p, c in found)

    @staticmethod
    def _negation_windows(primary: Sequence[str], consumed: Sequence[bool]) -> list[bool]:
        n = len(primary)
        out = [False] * n
        for i, tok in enumerate(primary):
            if tok not in NEGATORS or consumed[i]:
                continue
            before = primary[i - 1] if i > 0 else ""
            after = primary[i + 1] if i + 1 < n else ""
            if tok in _REFUSALS and (not after or after in CLAUSE_BREAKS):
                # "diajak jadi timses tapi saya tolak": the refusal looks back over what it refuses.
                for j in range(i - 1, max(-1, i - 1 - _REFUSAL_REACH), -1):
                    if primary[j] in {".", ";", "!", "?"}:
                        break
                    out[j] = True
                continue
            if before in QUESTION_BEFORE or after in QUESTION_AFTER or after in CLAUSE_BREAKS or not after:
                continue
            for j in range(i + 1, min(n, i + 1 + NEGATION_REACH)):
                if primary[j] in CLAUSE_BREAKS:
                    break
                out[j] = True
        return out


@dataclass(frozen=True)
class RuleEntry:
    code: str
    track: str
    title: str
    elections: tuple[str, ...]
    signatures: tuple[Signature, ...]
    keywords: frozenset[str] = frozenset()
    prevails: bool = False


@dataclass(frozen=True)
class Match:
    code: str
    track: str
    title: str
    score: float
    full: bool


@dataclass(frozen=True)
class CheckResult:
    verdict: str  # violation | allowed | unclear
    matches: tuple[Match, ...]
    concepts: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    tokens: tuple[str, ...] = field(default=(), repr=False)

    def concept_labels(self) -> list[str]:
        return sorted(_(CONCEPT_LABELS[c]) if c in CONCEPT_LABELS else c for c in self.concepts)

    def negated_labels(self) -> list[str]:
        return sorted(_(CONCEPT_LABELS[c]) if c in CONCEPT_LABELS else c for c in self.negated)


class Matcher:
    """Ranks rules for a text or a set of concepts. Build once per rulebook version."""

    def __init__(self, rules: Sequence[RuleEntry], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.rules = list(rules)

    @staticmethod
    def keywords_for(analyzer: Analyzer, texts: Iterable[str]) -> frozenset[str]:
        words: set[str] = set()
        for text in texts:
            for forms in analyzer.tokens(text):
                if forms[0] not in _STOP and len(forms[0]) > 2 and forms[0].isalpha():
                    words.add(forms[0])
        return frozenset(words)

    def check(self, text: str) -> CheckResult:
        analysis = self.analyzer.analyze(text)
        return self.check_concepts(analysis.concepts, analysis.negated, analysis.tokens)

    def check_concepts(
        self,
        concepts: Iterable[str],
        negated: Iterable[str] = (),
        tokens: Sequence[str] = (),
    ) -> CheckResult:
        present = frozenset(concepts)
        query_words = frozenset(t for t in tokens if t not in _STOP and len(t) > 2)
        only_pilkada = "pilkada" in present and "pemilu" not in present
        only_pemilu = "pemilu" in present and "pilkada" not in present
        scored: list[Match] = []
        for rule in self.rules:
            best, full = 0.0, False
            for sig in rule.signatures:
                if sig.exclude & present:
                    continue
                satisfied = sum(1 for group in sig.groups if group & present)
                if satisfied == len(sig.groups):
                    # More specific lines (more groups) rank above generic ones of the same weight.
                    best = max(best, sig.weight * (0.85 + 0.05 * min(len(sig.groups), 3)))
                    full = full or sig.weight >= FULL_MATCH_WEIGHT
                elif satisfied and len(sig.groups) > 1:
                    best = max(best, sig.weight * 0.5 * satisfied / len(sig.groups))
            if best == 0.0:
                continue
            lex = 0.0
            if query_words and rule.keywords:
                lex = min(1.0, len(query_words & rule.keywords) / max(3, len(query_words)) * 2)
            score = 0.85 * best + 0.15 * lex
            if (only_pilkada and "pilkada" not in rule.elections) or (
                only_pemilu and "pemilu" not in rule.elections
            ):
                score *= 0.85
            scored.append(Match(rule.code, rule.track, rule.title, round(min(score, 1.0), 3), full))
        prevailing = {r.code for r in self.rules if r.prevails}
        violation = any(m.full and m.track != "boleh" for m in scored)
        allowed = any(m.full and m.track == "boleh" for m in scored)
        if any(m.full and m.code in prevailing for m in scored):
            violation = False
        verdict = "violation" if violation else "allowed" if allowed else "unclear"

        def rank(m: Match) -> float:
            off_side = (verdict == "violation" and m.track == "boleh") or (
                verdict == "allowed" and m.track != "boleh"
            )
            return m.score * (0.5 if off_side else 1.0)

        ranked = sorted(scored, key=lambda m: (-rank(m), not m.full))
        matches = tuple(
            Match(m.code, m.track, m.title, round(rank(m), 3), m.full) for m in ranked if rank(m) >= MIN_SCORE
        )
        return CheckResult(
            verdict=verdict,
            matches=matches[:10],
            concepts=present,
            negated=frozenset(negated) - present,
            tokens=tuple(tokens),
        )


def build_matcher(rules: Iterable[object], analyzer: Analyzer) -> Matcher:
    """A matcher straight from parsed :class:`RuleSpec` objects (no database), for tests and tools."""
    from jaganetral.rulebook.rule_file import RuleSpec

    entries = []
    for rule in rules:
        assert isinstance(rule, RuleSpec)  # noqa: S101 - programming error, not input
        entries.append(
            RuleEntry(
                code=rule.code,
                track=rule.track,
                title=rule.title.id,
                elections=tuple(rule.elections),
                signatures=tuple(rule.signatures()),
                keywords=Matcher.keywords_for(analyzer, [rule.title.id, *rule.examples]),
                prevails=rule.prevails,
            )
        )
    return Matcher(entries, analyzer)
