"""Contestant gazetteer: find mentions of an election's contestants in normalised tokens.

Configured from plain data (``ElectionSpec``), so it works for any election, including ones no
model was trained on. A mention is a name, alias, party, campaign hashtag, slogan, official
account, ballot number in context ("01", "nomor 2", "no urut 3", "paslon 2", "coblos 2") or a
finger-number phrase ("dua jari", "salam 3 jari", ✌).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from .normalize import Normalizer, Token, known_words
from .terms import (
    _COMMON_GIVEN,
    _COMMON_NUMBER_CUES,
    _GENERIC,
    _LIST_WORDS,
    _NOT_LETTER,
    FINGER_CUES,
    NUMBER_CUES,
    NUMBER_WORDS,
    _counted,
    _cued,
    _in_date,
    _name_parts,
    spelling_variants,
)

_WORD_OF_NUMBER = {n: w for w, n in NUMBER_WORDS.items()}
_TAG_NUM = re.compile(r"(?<!\d)0([1-9])(?!\d)")
# a ballot number after a vote word inside a hashtag ("#Coblos1", "#CoblosNo2", "#PilihNomor3"); not
# after "nomor" alone: "#nomor2untukjatim" is another election's
_TAG_CUES = r"(?:coblos|nyoblos|pilih|dukung|paslon)(?:no|nomor|nomer|nmr)?"
_TAG_CUED = re.compile(_TAG_CUES + r"0?([1-9]\d?)(?!\d)")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Cheap pre-filter: the "skeleton" of a text is lower-case, leet digits 0134578 mapped to letters,
# apostrophes dropped (elongation keeps the word as a substring). A post whose skeleton
# contains no contestant word, number cue or finger sign cannot produce a mention, so the full
# tokeniser is skipped for it (most ordinary posts).
_SKEL_LEET = str.maketrans(
    {"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "8": "b", "'": "", "’": ""}
)
_PREFILTER_WORDS: tuple[str, ...] = (
    "nomor", "nomer", "urut", "paslon", "capres", "cawapres", "coblos", "nyoblos", "jari",
    "cagub", "cabup", "cawalkot",
)  # fmt: skip
_LEET_DIGIT = re.compile(r"[0134578]")
_LEETISH = re.compile(r"[a-z][0134578]|[0134578][a-z]")


def skeleton(text: str) -> str:
    return text.lower().translate(_SKEL_LEET)


@dataclass(frozen=True)
class ContestantSpec:
    number: int
    kind: str = "pair"  # pair | party | candidate
    name: str = ""
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ElectionSpec:
    code: str
    contestants: tuple[ContestantSpec, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ElectionSpec:
        """Build from the election YAML shape (``code``, ``contestants: [{number, kind, ...}]``)."""
        cs = []
        for c in data.get("contestants") or []:
            cs.append(
                ContestantSpec(
                    number=int(c["number"]),
                    kind=str(c.get("kind") or "pair"),
                    name=str(c.get("name") or ""),
                    aliases=tuple(str(x) for x in c.get("aliases") or ()),
                    parties=tuple(str(x) for x in c.get("parties") or ()),
                    hashtags=tuple(str(x) for x in c.get("hashtags") or ()),
                    slogans=tuple(str(x) for x in c.get("slogans") or ()),
                    accounts=tuple(str(x) for x in c.get("accounts") or ()),
                )
            )
        return cls(code=str(data.get("code") or ""), contestants=tuple(cs))

    @property
    def primary_kind(self) -> str:
        kinds = {c.kind for c in self.contestants}
        for k in ("pair", "candidate", "party"):
            if k in kinds:
                return k
        return "pair"


@dataclass(slots=True)
class Mention:
    contestant: int  # ballot number of the contestant (of the election's primary kind when a number)
    kind: str  # name | alias | party | hashtag | tagname | tagnum | slogan | account | number | finger
    start: int  # token index range [start, end)
    end: int
    strong: bool
    char_start: int
    char_end: int
    contestant_kind: str = "pair"


@dataclass
class _Phrase:
    tokens: tuple[str, ...]
    contestant: int
    contestant_kind: str
    kind: str
    strong: bool
    caps: bool = False  # an alias the election file writes in capitals ("AMAN"): strong only so written


@dataclass
class Gazetteer:
    election: ElectionSpec
    normalizer: Normalizer = field(init=False)
    phrases: dict[str, list[_Phrase]] = field(init=False, default_factory=dict)
    hashtags: dict[str, tuple[int, str]] = field(init=False, default_factory=dict)
    accounts: dict[str, tuple[int, str]] = field(init=False, default_factory=dict)
    automaton: Any = field(init=False, default=None)
    numbers: frozenset[int] = field(init=False, default=frozenset())
    words: frozenset[str] = field(init=False, default=frozenset())
    # word tokens at which ``find`` can match: a phrase's first word or a number word
    _starters: frozenset[str] = field(init=False, default=frozenset())
    # tolerant matching (edit distance 1) of distinctive single-word names and aliases of 5 letters
    # or more: word -> phrase; one-letter deletions of them -> the words they come from
    _fuzzy_words: dict[str, _Phrase] = field(init=False, default_factory=dict)
    _fuzzy_deletes: dict[str, set[str]] = field(init=False, default_factory=dict)
    _fuzzy_variants: dict[str, str] = field(init=False, default_factory=dict)  # "bobi" -> "bobby"
    _fuzzy_prefixes: frozenset[str] = field(init=False, default=frozenset())
    _handle_cache: dict[str, tuple[int, str] | None] = field(init=False, default_factory=dict)
    _fuzzy_common: frozenset[str] = field(init=False, default=frozenset())
    _fuzzy_shapes: frozenset[tuple[str, int]] = field(init=False, default=frozenset())
    _tag_number: re.Pattern[str] | None = field(init=False, default=None)
    _cue_number: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        raw_terms: list[tuple[str, ContestantSpec, str]] = []
        people: list[tuple[ContestantSpec, str]] = []
        for c in self.election.contestants:
            raw_terms.append((c.name, c, "name"))
            # "Anies Baswedan - Muhaimin Iskandar" -> each person of a pair is a name too
            for part in re.split(r"\s+[-–&/]\s+|\s+dan\s+", c.name):
                if part.strip() and part.strip() != c.name:
                    raw_terms.append((part.strip(), c, "name"))
                if part.strip() and c.kind != "party":
                    people.append((c, part.strip()))
            raw_terms += [(a, c, "alias") for a in c.aliases]
            if c.kind != "party":
                raw_terms += [(p, c, "party") for p in c.parties]
            raw_terms += [(s, c, "slogan") for s in c.slogans]
        raw_terms += _name_parts(people)
        protect: set[str] = set()
        for term, _c, _k in raw_terms:
            protect.update(w for w in re.findall(r"\w+", term.lower()))
        self.words = frozenset(protect)
        self.normalizer = Normalizer(protect=protect)
        common = known_words()
        # a slogan holding a contestant's own distinctive name ("Jokowi Lagi") is a strong mention
        own_words: dict[int, set[str]] = {}
        for term, c, kind in raw_terms:
            if kind in ("name", "alias"):
                own_words.setdefault(c.number, set()).update(
                    w for w in re.findall(r"\w+", term.lower()) if len(w) >= 4 and w not in common
                )
        self.automaton = ahocorasick.Automaton()
        for term, c, kind in raw_terms:
            toks = tuple(t.text for t in self.normalizer.tokens(term) if t.kind in ("word", "num"))
            if not toks:
                continue
            single = len(toks) == 1
            named_slogan = kind == "slogan" and not own_words.get(c.number, set()).isdisjoint(toks)
            weak = (kind == "party" or (kind == "slogan" and not named_slogan)) or (
                single and (toks[0] in common or len(toks[0]) <= 3 or toks[0] in NUMBER_WORDS)
            )
            if kind == "party" and c.kind == "party":
                weak = single and (toks[0] in common or len(toks[0]) <= 3)
            # a person's alias written as an acronym ("AMAN", "DJOSS") is often an everyday word too
            caps = kind == "alias" and c.kind != "party" and single and len(term) >= 4 and term.isupper()
            self.phrases.setdefault(toks[0], []).append(_Phrase(toks, c.number, c.kind, kind, not weak, caps))
            body = "".join(toks)
            if len(body) >= 5 and not weak:
                self.automaton.add_word(body, (c.number, c.kind))
        for phr in self.phrases.values():
            # longest first; for equal length a party's own entry beats a pair's coalition party
            phr.sort(key=lambda p: (-len(p.tokens), p.kind == "party"))
        self._build_fuzzy(common)
        if len(self.automaton):
            self.automaton.make_automaton()
        else:
            self.automaton = None
        for c in self.election.contestants:
            for h in c.hashtags:
                self.hashtags["#" + h.lstrip("#").lower()] = (c.number, c.kind)
            for a in c.accounts:
                self.accounts["@" + a.lstrip("@").lower()] = (c.number, c.kind)
        self._starters = frozenset(self.phrases) | frozenset(NUMBER_WORDS)
        self._build_prefilter(raw_terms)
        prim = self.election.primary_kind
        self.numbers = frozenset(c.number for c in self.election.contestants if c.kind == prim)
        self.primary_kind = prim

    def _build_fuzzy(self, common: frozenset[str]) -> None:
        """Edit distance 1 for the distinctive words of names and aliases ("Ganjr", "Anis",
        "Prihardi"), never for a word the lexicons know ("kami" is not "Kamil")."""
        owners: dict[str, set[int]] = {}
        for first, phrases in self.phrases.items():
            for ph in phrases:
                # people only: a misspelt party name is rare, and party words are often common ones
                single = (
                    len(ph.tokens) == 1
                    and ph.strong
                    and ph.kind in ("name", "alias")
                    and ph.contestant_kind != "party"
                )
                if single and len(first) >= 5 and first.isalpha() and first not in common:
                    owners.setdefault(first, set()).add(ph.contestant)
                    self._fuzzy_words.setdefault(first, ph)
        for word in list(self._fuzzy_words):
            if len(owners[word]) > 1:
                del self._fuzzy_words[word]
        for word in self._fuzzy_words:
            for i in range(len(word)):
                d = word[:i] + word[i + 1 :]
                if d not in common and d not in self.phrases:
                    self._fuzzy_deletes.setdefault(d, set()).add(word)
        variants: dict[str, set[str]] = {}
        for word in self._fuzzy_words:
            for v in spelling_variants(word):
                if len(v) >= 4 and v not in common and v not in self.phrases:
                    variants.setdefault(v, set()).add(word)
        for v, words in variants.items():
            if len({self._fuzzy_words[w].contestant for w in words}) == 1:
                self._fuzzy_variants[v] = min(words)
        # (first two letters, length) of the words that can be one edit from a name, or another
        # spelling of it ("Jarot", "Hofifah"): a cheap test
        shapes = {(w[:2], n) for w in self._fuzzy_words for n in (len(w) - 1, len(w), len(w) + 1)}
        shapes.update((v[:2], len(v)) for v in self._fuzzy_variants)
        self._fuzzy_shapes = frozenset(shapes)
        self._fuzzy_prefixes = frozenset(p for p, _n in shapes)
        self._fuzzy_common = common

    def fuzzy(self, word: str) -> _Phrase | None:
        """The name or alias one edit away from ``word`` (which is not itself a name), if exactly one."""
        if (word[:2], len(word)) not in self._fuzzy_shapes or len(word) < 4 or word in self._fuzzy_common:
            return None
        targets = self._fuzzy_words
        other = self._fuzzy_variants.get(word)
        if other is not None:  # another spelling ("Bobi", "Jarot")
            return targets[other]
        deletes = self._fuzzy_deletes
        found: set[str] = set(deletes.get(word, ()))  # a letter left out ("ganjr")
        if len(word) >= 5:
            for i in range(len(word)):
                d = word[:i] + word[i + 1 :]
                if d in targets:  # a letter too many ("andikaa")
                    found.add(d)
                elif d in deletes and i > 0:  # a letter changed or swapped ("luthfy")
                    found.update(deletes[d])
        if not found:
            return None
        hits = {targets[w].contestant for w in found}
        if len(hits) != 1:
            return None
        return targets[min(found)]

    def handle(self, handle: str) -> tuple[int, str] | None:
        """The contestant whose name or alias an @handle or its words contain ("@ganjarpranowo",
        "@gibran_tweet", "@Hendrar_Prihadi78"): case-folded, digits and underscores dropped."""
        key = handle.lstrip("@").lower()
        hit = self.accounts.get("@" + key)
        if hit is not None:
            return hit
        if key in self._handle_cache:
            return self._handle_cache[key]
        body = _NOT_LETTER.sub("", key)
        found = None
        if self.automaton is not None and len(body) >= 4:
            for _end, val in self.automaton.iter(body):
                found = val
                break
        if len(self._handle_cache) < 100_000:
            self._handle_cache[key] = found
        return found

    def _build_prefilter(self, raw_terms: list[tuple[str, ContestantSpec, str]]) -> None:
        """Aho-Corasick over the lower-cased text. Values: "s" (a strong mention is possible),
        "v" (a vote word) and "w" (a weak term: it only counts next to a vote word)."""
        from .cues import VOTE_WORDS

        entries: dict[str, str] = {}

        def add(word: str, kind: str) -> None:
            if entries.get(word) != "s":
                entries[word] = kind

        common = known_words()
        short: set[str] = set()
        with_alias = {c.number for c in self.election.contestants if c.kind == "party" and c.aliases}
        for term, c, kind in raw_terms:
            parts = re.findall(r"[\w'’]+", term)
            if not parts:
                continue
            if kind == "name" and c.kind == "party" and c.number in with_alias:
                continue  # a party's full formal name: its aliases are what people write
            # a term matches only with all its words, so one distinctive word is enough to look for
            word = max(parts, key=lambda w: (w.lower() not in common and w.lower() not in _GENERIC, len(w)))
            sk = skeleton(word)
            weak = kind in ("slogan", "party") or sk in common or sk in _GENERIC or sk in NUMBER_WORDS
            if len(sk) >= 4:
                add(sk, "w" if weak else "s")
                low = word.lower()
                if low != sk:  # "ma'ruf" as written, so only leetspeak needs the skeleton pass
                    for form in {low, low.replace("'", "’"), low.replace("’", "'")}:
                        add(form, "w" if weak else "s")
            elif sk:
                if len(parts) == 1:
                    short.add(re.escape(word))
                if word.isupper() and word.isalpha():
                    add(word.lower(), "x")  # an acronym in capitals, as a whole word ("PDI Perjuangan")
        for c in self.election.contestants:
            for h in c.hashtags:
                add("#" + skeleton(h.lstrip("#")), "s")
            for a in c.accounts:
                add("@" + skeleton(a.lstrip("@")), "s")
        for w in (*_PREFILTER_WORDS, *(NUMBER_CUES - _COMMON_NUMBER_CUES)):
            add(w, "s")
        for w in VOTE_WORDS:
            add(w, "v")
        # misspelt names: a left-out letter, or the first four letters as written
        fuzzy_keys = {
            d for d in (*self._fuzzy_deletes, *self._fuzzy_variants) if len(d) >= 4 and d not in common
        }
        common_prefixes = {k[:4] for k in (*common, *_COMMON_GIVEN) if len(k) >= 4}
        # "muha" would let every "Muhammad" through
        fuzzy_keys.update(w[:4] for w in self._fuzzy_words if w[:4] not in common_prefixes)
        for key in fuzzy_keys:
            entries.setdefault(key, "f")

        prim = self.election.primary_kind
        for k in sorted(c.number for c in self.election.contestants if c.kind == prim)[:30]:
            if k < 10:
                add(f"0{k}", "s")
            word = _WORD_OF_NUMBER.get(k)
            for pre in ("no", "no ", "no.", "no. ", "nmr", "nmr ", "nomor", "nomer"):
                add(f"{pre}{k}", "s")
                if word:  # "no dua", "nomor  tiga": what find() reads as a ballot number
                    for gap in (" ", "  ", "   "):
                        add(f"{pre.rstrip()}{gap}{word}", "s")
        for e in "☝👆✌🤞🤟":
            add(e, "s")
        numbers = sorted({c.number for c in self.election.contestants if c.kind == prim and c.number < 100})
        self._tag_number = (
            re.compile(
                r"#(?:0?(?:{0})(?![\w])|\w*?{1}0?(?:{0})(?!\d))".format(
                    "|".join(str(k) for k in numbers), _TAG_CUES
                ),
                re.IGNORECASE,
            )
            if numbers
            else None
        )
        # a ballot number after its cue with any punctuation between ("no / 2", "no/2"),
        # which the fixed strings above do not all spell out
        alts = [str(k) for k in numbers] + [_WORD_OF_NUMBER[k] for k in numbers if k in _WORD_OF_NUMBER]
        self._cue_number = (
            re.compile(r"(?<![a-z])(?:no|nmr|nomor|nomer)[^\w]{0,6}0?(?:" + "|".join(alts) + r")(?![a-z0-9])")
            if alts
            else None
        )
        auto = ahocorasick.Automaton()
        for w, kind in entries.items():
            auto.add_word(w, (kind, len(w)))
        auto.make_automaton()
        self._pre_auto = auto
        self._pre_short = (
            re.compile(
                r"(?<![A-Za-z])(?:" + "|".join(sorted(short, key=len, reverse=True)) + r")(?![A-Za-z])"
            )
            if short
            else None
        )

    def _scan(self, text: str, seen: set[str], original: str | None = None) -> bool:
        for end, (kind, length) in self._pre_auto.iter(text):
            start = end - length + 1
            if kind == "x":
                if (
                    original is not None
                    and (start == 0 or not text[start - 1].isalpha())
                    and (end + 1 == len(text) or not text[end + 1].isalpha())
                    and original[start : end + 1].isupper()
                ):
                    return True
                continue
            if start > 0 and text[start].isalpha() and text[start - 1].isalpha():
                # inside a word: counts only inside a hashtag ("#2019TetapJokowi") or, for a whole
                # name of five letters or more, a handle ("@ganjarpranowo"); a misspelling never
                if kind == "f":
                    continue
                tag_at = text.rfind("#", 0, start)
                if length >= 5 and kind == "s":
                    tag_at = max(tag_at, text.rfind("@", 0, start))
                if tag_at < 0 or any(ch.isspace() for ch in text[tag_at:start]):
                    continue
            if kind in "sf":
                return True
            seen.add(kind)
        return "v" in seen and "w" in seen

    def maybe(self, text: str) -> bool:
        """False only when ``text`` certainly holds no mention (see ``skeleton``)."""
        low = text.lower()
        seen: set[str] = set()
        aligned = len(low) == len(text)
        if self._scan(low, seen, text if aligned else None):
            return True
        digit = _LEET_DIGIT.search(low)
        if (
            digit
            and _LEETISH.search(low, max(digit.start() - 1, 0))
            and self._scan(low.translate(_SKEL_LEET), seen)
        ):
            return True
        # a ballot number as a hashtag ("#3", "#01")
        if "#" in text and self._tag_number is not None and self._tag_number.search(text):
            return True
        if self._cue_number is not None and self._cue_number.search(low):
            return True
        # acronyms were checked in the scan unless lower-casing changed the text's length
        return not aligned and self._pre_short is not None and self._pre_short.search(text) is not None

    def hashtag_parts(self, tok: Token, original: str) -> tuple[list[str], list[tuple[int, str]]]:
        """Split a hashtag into words (camelCase of the original) and find contestants inside it."""
        raw = original[tok.start + 1 : tok.end]
        words = [w.lower() for w in _CAMEL.findall(raw)]
        hits: list[tuple[int, str]] = []
        if self.automaton is not None:
            seen = set()
            for _end, val in self.automaton.iter(tok.text[1:]):
                if val not in seen:
                    seen.add(val)
                    hits.append(val)
        return words, hits

    def find(self, toks: Sequence[Token], original: str) -> list[Mention]:
        out: list[Mention] = []
        n = len(toks)
        nums = self.numbers
        prim = self.primary_kind
        phrases = self.phrases
        starters = self._starters
        shapes = self._fuzzy_shapes
        first2 = self._fuzzy_prefixes
        skip = 0  # tokens before this index are inside a mention already found
        for i, t in enumerate(toks):
            if i < skip:
                continue
            kind = t.kind
            if kind == "word":
                text = t.text
                if text not in starters:  # most words: no phrase starts here, not a number word
                    if text[:2] not in first2:
                        continue
                    ph_f = self.fuzzy(text) if (text[:2], len(text)) in shapes else None
                    if ph_f is not None:
                        out.append(
                            Mention(
                                ph_f.contestant, "fuzzy", i, i + 1, True, t.start, t.end, ph_f.contestant_kind
                            )
                        )
                    continue
                cands = phrases.get(text)
                matched = False
                if cands:
                    for ph in cands:
                        L = len(ph.tokens)
                        if i + L <= n and (
                            L == 1 or all(toks[i + k].text == ph.tokens[k] for k in range(1, L))
                        ):
                            strong = ph.strong and not (ph.caps and not original[t.start : t.end].isupper())
                            if not strong and L == 1 and len(ph.tokens[0]) <= 3:
                                # short acronyms (PAN, PA, PBB) count only when written in capitals
                                if not original[t.start : t.end].isupper():
                                    continue
                                strong = ph.kind != "slogan"
                            out.append(
                                Mention(
                                    ph.contestant,
                                    ph.kind,
                                    i,
                                    i + L,
                                    strong,
                                    t.start,
                                    toks[i + L - 1].end,
                                    ph.contestant_kind,
                                )
                            )
                            skip = i + L
                            matched = True
                            break
                if matched:
                    continue
                num = NUMBER_WORDS.get(text)
                if num is None or num not in nums:
                    continue
                # finger phrases: "salam 3 jari"; "dua jari" alone is weak
                if i + 1 < n and toks[i + 1].text == "jari":
                    salute = i > 0 and toks[i - 1].text in FINGER_CUES
                    out.append(Mention(num, "finger", i, i + 2, salute, t.start, toks[i + 1].end, prim))
                    skip = i + 2
                    continue
                if _cued(toks, i) and not _counted(toks, i):
                    out.append(Mention(num, "number", i, i + 1, True, t.start, t.end, prim))
            elif kind == "num":
                if len(t.text) <= 2 and t.text.isdecimal():  # "²" is a digit but no number
                    num = int(t.text)
                    if num in nums:
                        if i + 1 < n and toks[i + 1].text == "jari":
                            salute = i > 0 and toks[i - 1].text in FINGER_CUES
                            out.append(
                                Mention(num, "finger", i, i + 2, salute, t.start, toks[i + 1].end, prim)
                            )
                            skip = i + 2
                            continue
                        if not _in_date(original, t.start, t.end):
                            padded = len(t.text) == 2 and t.text[0] == "0"
                            # "paslon 1 atau 2": a number listed after a ballot number is one too
                            cued = _cued(toks, i) or (
                                bool(out)
                                and out[-1].kind == "number"
                                and out[-1].end == i - 1
                                and toks[i - 1].text in _LIST_WORDS
                            )
                            if (padded or cued) and not _counted(toks, i):
                                out.append(Mention(num, "number", i, i + 1, True, t.start, t.end, prim))
            elif kind == "hashtag":
                hit = self.hashtags.get(t.text)
                if hit is not None:
                    out.append(Mention(hit[0], "hashtag", i, i + 1, True, t.start, t.end, hit[1]))
                else:
                    body = t.text[1:]
                    m = _TAG_NUM.search(body)
                    if body.isdecimal() and len(body) <= 2 and int(body) in nums:  # "#3", "#01"
                        out.append(Mention(int(body), "tagnum", i, i + 1, True, t.start, t.end, prim))
                    elif m and int(m.group(1)) in nums:
                        out.append(Mention(int(m.group(1)), "tagnum", i, i + 1, True, t.start, t.end, prim))
                    elif (c := _TAG_CUED.search(body)) and int(c.group(1)) in nums:
                        out.append(Mention(int(c.group(1)), "tagnum", i, i + 1, True, t.start, t.end, prim))
                    elif self.automaton is not None:
                        for _e, (cn, ck) in self.automaton.iter(body):
                            out.append(Mention(cn, "tagname", i, i + 1, True, t.start, t.end, ck))
                            break
            elif kind == "handle":
                hit = self.handle(t.text)
                if hit is not None:
                    out.append(Mention(hit[0], "account", i, i + 1, True, t.start, t.end, hit[1]))
            elif kind == "emoji" and t.text.startswith("<jari"):
                num = int(t.text[5:-1])
                if num in nums:
                    out.append(Mention(num, "finger", i, i + 1, False, t.start, t.end, prim))
        return out

    def account(self, handle: str | None) -> tuple[int, str] | None:
        """The contestant an account belongs to: listed in the election file, or named in the handle."""
        if not handle:
            return None
        return self.handle(handle)


def iter_terms(spec: ElectionSpec) -> Iterable[str]:
    for c in spec.contestants:
        yield c.name
        yield from c.aliases
