"""The detection pipeline: normalise -> find contestant mentions -> stance cues + masked model.

``Pipeline(election).classify(text)`` returns the classify-command record:
``{"partisan", "score", "direction", "target", "target_kind", "rules", "evidence"}``.

The learned part never sees a contestant's name: mentions are replaced by placeholders
(``<cand>``, ``<num>``, ``<party>``, ``<tagcand>``, ``<slogan>``) before features are taken, so it learns
how people argue for or against *someone*, and carries over to an election it never saw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise
from typing import Any

from . import cues
from .contestants import NUMBER_CUES, ElectionSpec, Gazetteer, Mention
from .model import LinearModel, load_default
from .normalize import Token

THRESHOLD = 0.3
PRESENCE = 0.4
_PERSON_KINDS = frozenset({"name", "alias", "account", "tagname"})
# kinds that name a person in words: these can be named in an office ("Menteri Pertahanan Prabowo")
_NAMED_KINDS = frozenset({"name", "alias", "fuzzy"})
# between the mentions of a list under one negation ("bukan pendukung 01, 02 atau 03")
_LIST_GLUE = frozenset({",", "/", "&", "atau", "ataupun", "maupun", "dan", "serta", "juga", "pun", "ya"})
# mentions that can name someone or something else when one word long
_ONE_WORD_KINDS = frozenset({"name", "alias", "fuzzy", "party"})
# number cues that are everyday words ("antrian nomor 2"): election words before them decide
_EVERYDAY_NUMBER_CUES = frozenset({"nomor", "no", "nmr", "nomer", "urut", "pasangan", "tim"})
_ELECTION_NUMBER_CUES = NUMBER_CUES - _EVERYDAY_NUMBER_CUES
_IRONY_FIRST = frozenset(w.split()[0] for w in cues.IRONY_PRONE)
WINDOW = 6
_RT = re.compile(r"^\s*RT\s+@(\w+)", re.IGNORECASE)
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

RULES_SOCIAL = ("E2/D2", "E4/D6")
RULE_FINGER = "E5/D7"

_MASK = {
    "name": "<cand>",
    "alias": "<cand>",
    "fuzzy": "<cand>",
    "account": "<cand>",
    "number": "<num>",
    "finger": "<num> jari",
    "party": "<party>",
    "hashtag": "<tagcand>",
    "tagname": "<tagcand>",
    "tagnum": "<tagcand>",
    "slogan": "<slogan>",
}


@dataclass(slots=True)
class Cue:
    pos: int
    weight: float
    direction: str  # support | attack | report
    char_start: int
    char_end: int
    text: str


def _squash(x: float) -> float:
    return 1.0 - math.exp(-0.75 * x) if x > 0 else 0.0


class Pipeline:
    """Classify posts for one election. Build once per election; ``classify`` is thread-safe."""

    def __init__(
        self,
        election: ElectionSpec,
        model: LinearModel | bool | None = True,
        threshold: float = THRESHOLD,
        model_weight: float = 0.5,
    ) -> None:
        self.election = election
        self.gaz = Gazetteer(election)
        if model is True:
            self.model: LinearModel | None = load_default()
        elif model is False:
            self.model = None
        else:
            self.model = model if isinstance(model, LinearModel) else None
        self.threshold = threshold
        self.model_weight = model_weight if self.model is not None else 0.0
        self._words_longest_first = sorted(self.gaz.words, key=len, reverse=True)
        # a token starts with "#" only in a hashtag, unless a slang word's formal form has one
        self._hash_words = any("#" in v for v in self.gaz.normalizer.slang.values())

    # -- pieces -------------------------------------------------------------------------------
    def tokens(self, text: str) -> list[Token]:
        return self.gaz.normalizer.tokens(text)

    def masked(self, text: str) -> list[str]:
        """The token sequence the model sees: contestant mentions replaced by placeholders."""
        toks = self.tokens(text)
        return self._mask(toks, self.gaz.find(toks, text), text)

    def _mask(self, toks: Sequence[Token], mentions: Sequence[Mention], text: str) -> list[str]:
        by_start = {m.start: m for m in mentions}
        out: list[str] = []
        i = 0
        n = len(toks)
        while i < n:
            m = by_start.get(i)
            if m is not None:
                out.extend(_MASK[m.kind].split())
                if m.kind in ("hashtag", "tagname", "tagnum"):
                    out.extend(self._hashtag_rest(toks[i], text))
                i = max(m.end, i + 1)
                continue
            t = toks[i]
            if t.kind == "hashtag":
                words = _CAMEL.findall(text[t.start + 1 : t.end])
                out.append("<tag>")
                out.extend(w.lower() for w in words if not w.isdigit())
            elif t.kind == "handle":
                out.append("<user>")
            elif t.kind == "num":
                out.append("<n>")
            else:
                out.append(t.text)
            i += 1
        return out

    def _hashtag_rest(self, tok: Token, text: str) -> list[str]:
        """Words of a contestant hashtag other than the contestant ("#JokowiLagi" -> ["lagi"])."""
        raw = text[tok.start + 1 : tok.end]
        words = [w.lower() for w in _CAMEL.findall(raw)]
        if len(words) <= 1:
            body = tok.text[1:]
            rest: list[str] = []
            for word in self._words_longest_first:
                if len(word) >= 4 and word in body:
                    body = body.replace(word, " ")
            for piece in body.split():
                if piece in cues.SUPPORT_1 or piece in cues.ATTACK_1:
                    rest.append(piece)
            return rest
        return [w for w in words if w not in self.gaz.words and not w.isdigit()]

    def _cues(self, toks: Sequence[Token], text: str, texts: Sequence[str]) -> list[Cue]:
        found: list[Cue] = []
        n = len(toks)
        lex = _LEX
        skip = -1
        # only lexicon words and hashtags can be cues: find them without touching the other tokens
        if "#" in text or self._hash_words:
            at = [i for i, x in enumerate(texts) if x in lex or x[:1] == "#"]
        else:  # no hashtag in the post, so no token starts with "#": the lexicon's words, in C
            at = list(compress(count(), map(lex.__contains__, texts)))
        for i in at:
            if i == skip:
                continue
            t = toks[i]
            words: list[str]
            if t.kind == "hashtag":
                words = [w.lower() for w in _CAMEL.findall(text[t.start + 1 : t.end])]
                if len(words) <= 1:
                    words = self._hashtag_rest(t, text)
                for a, b in pairwise(words):
                    w2 = cues.ATTACK_N.get((a, b))
                    if w2:
                        found.append(Cue(i, w2, "attack", t.start, t.end, t.text))
                for j, w in enumerate(words):
                    # "#KapokPilihX", "#TolakX": a negation inside the hashtag turns its cue around
                    neg = j > 0 and words[j - 1] in cues.NEGATIONS
                    if w in cues.SUPPORT_1:
                        found.append(
                            Cue(i, cues.SUPPORT_1[w], "attack" if neg else "support", t.start, t.end, t.text)
                        )
                    elif w in cues.ATTACK_1:
                        weight = cues.ATTACK_1[w] * (0.3 if neg else 1.0)
                        found.append(Cue(i, weight, "support" if neg else "attack", t.start, t.end, t.text))
                continue
            entry = lex.get(t.text)
            if entry is None:
                continue
            w, sup, att, rep, first = entry
            if first and i + 1 < n and (w, texts[i + 1]) in cues.ANY_N:
                pair = (w, texts[i + 1])
                sup = cues.SUPPORT_N.get(pair)
                att = cues.ATTACK_N.get(pair)
                rep = cues.REPORT_N.get(pair)
                skip = i + 1
            if rep:
                found.append(Cue(i, rep, "report", t.start, t.end, w))
            if not sup and not att:
                continue
            negated = (i > 0 and texts[i - 1] in cues.NEGATIONS) or (
                i > 1 and texts[i - 2] in cues.NEGATIONS and texts[i - 1] in cues.NEGATION_BRIDGE
            )
            # "kerja nyata mana?", "prestasinya mana": praise asked for as missing is blame
            k = (i + 2) if skip == i + 1 else (i + 1)
            if sup and k < n and texts[k] == "mana" and (k + 1 == n or texts[k + 1] in ("?", "!")):
                negated = True
            if i > 0 and (texts[i - 1] in cues.CONDITIONAL or (i > 1 and texts[i - 2] in cues.CONDITIONAL)):
                sup = (sup or 0.0) * 0.3
                att = (att or 0.0) * 0.3
            if sup:
                if negated:
                    found.append(Cue(i, sup * 0.9, "attack", toks[i - 1].start, t.end, w))
                else:
                    found.append(Cue(i, sup, "support", t.start, t.end, w))
            if att:
                if negated:
                    found.append(Cue(i, att * 0.3, "support", toks[i - 1].start, t.end, w))
                else:
                    found.append(Cue(i, att, "attack", t.start, t.end, w))
        return found

    # -- decision -----------------------------------------------------------------------------
    def classify(
        self,
        text: str,
        *,
        reply_to: str | None = None,
        quote_of: str | None = None,
    ) -> dict[str, Any]:
        engaged: list[tuple[int, str, str]] = []  # (contestant, kind, how)
        # retweets of, replies to and quotes of a contestant's account: listed in the election file,
        # or a handle that holds a contestant's name or alias ("RT @ganjarpranowo: ...")
        rt = _RT.match(text) if text[:3].upper().lstrip()[:2] == "RT" else None
        if rt:
            hit = self.gaz.account(rt.group(1))
            if hit:
                engaged.append((hit[0], hit[1], "retweet"))
        if reply_to or quote_of:
            for handle, how in ((reply_to, "reply"), (quote_of, "quote")):
                hit = self.gaz.account(handle)
                if hit:
                    engaged.append((hit[0], hit[1], how))
        if not engaged and not self.gaz.maybe(text):
            return _negative()
        toks = self.tokens(text)
        mentions = self.gaz.find(toks, text)
        if not mentions and not engaged:
            return _negative()
        texts = [t.text for t in toks]
        if len(mentions) > 1:
            mentions = _drop_group_negation(mentions, texts)
            if not mentions and not engaged:
                return _negative()
        mentions = _drop_other_referents(mentions, texts)
        if not mentions and not engaged:
            return _negative()
        _lower_case_words(mentions, text)

        strong = [m for m in mentions if m.strong]
        cue_list = self._cues(toks, text, texts)
        # weak mentions (common-word party names, slogans, a bare ✌) count next to a vote call
        for m in mentions:
            if m.strong:
                continue
            for c in cue_list:
                # "pilih X" and "jangan pilih X" alike: a vote word next to it makes the mention count
                if c.text in cues.VOTE_WORDS and abs(c.pos - m.start) <= 2:
                    strong.append(m)
                    break
        if not strong and not engaged:
            return _negative()

        targets: dict[tuple[int, str], list[float]] = {}  # -> [support, attack]
        evidence: list[dict[str, Any]] = []
        finger = False
        for m in strong:
            key = (m.contestant, m.contestant_kind)
            acc = targets.setdefault(key, [0.0, 0.0])
            evidence.append(
                {
                    "start": m.char_start,
                    "end": m.char_end,
                    "text": text[m.char_start : m.char_end],
                    "kind": m.kind,
                    "contestant": m.contestant,
                }
            )
            if m.kind == "hashtag":  # one of the contestant's configured campaign hashtags
                acc[0] += 1.5
            elif m.kind == "tagname":  # a hashtag naming the contestant: its other words decide
                acc[0] += 0.3
            elif m.kind == "tagnum":  # a hashtag with a ballot number ("#02Melanjutkan")
                acc[0] += 1.0
            elif m.kind == "finger":
                acc[0] += 1.2
                finger = True
            elif m.kind == "number":
                acc[0] += 0.2 if _quiet(m, texts) else 0.5
            elif m.kind == "slogan":  # a campaign slogan that names the contestant ("Jokowi Lagi")
                acc[0] += 1.0
        for num, kind, how in engaged:
            acc = targets.setdefault((num, kind), [0.0, 0.0])
            if how == "retweet":
                acc[0] += 2.2
            evidence.append({"start": 0, "end": 0, "text": how, "kind": "account_" + how, "contestant": num})

        _mockery(cue_list, text)
        # in a post of several sentences a stance word speaks of the one its sentence names
        sentence = _sentences(toks, text) if cue_list and len(toks) > 2 * WINDOW else None
        _accusations(cue_list, texts, sentence)
        report = 0.0
        single = len(targets) == 1
        # "..., tapi ...": what follows a contrast word is what the writer means
        contrast_words = cues.CONTRAST.intersection(texts)
        contrast = min(texts.index(w) for w in contrast_words) if contrast_words else -1
        mention_pos = [(m.start, m.end, (m.contestant, m.contestant_kind)) for m in strong]
        mention_ends = {m.end for m in strong}
        repeats: dict[tuple[str, str], int] = {}
        for c in cue_list:
            if c.direction != "report" and c.text in cues.ADJACENT_ONLY and c.pos not in mention_ends:
                continue
            # the same word said again adds less each time ("😂😂😂😂" is one laugh, "???" one question)
            seen = repeats[(c.text, c.direction)] = repeats.get((c.text, c.direction), 0) + 1
            if seen > 1:
                c.weight *= 0.5 ** (seen - 1)
            if c.direction == "report":
                report += c.weight
                continue
            best = None
            best_d = 10**6
            near = (
                mention_pos
                if sentence is None
                else [x for x in mention_pos if sentence[x[0]] == sentence[c.pos]]
            )
            for s, e, key in near:
                d = 0 if s <= c.pos < e else (s - c.pos if c.pos < s else c.pos - e + 1)
                if d < best_d:
                    best_d, best = d, key
            if best is not None and (best_d <= WINDOW or sentence is not None):
                factor = 1.2 if best_d <= 2 else (1.0 if best_d <= WINDOW else 0.8)
            elif sentence is not None and mention_pos:
                # a sentence naming no one speaks of the one named last before it ("Ia ...", "Programnya
                # ..."), or, before any name, of the one named first after it
                before = [x for x in mention_pos if x[0] < c.pos]
                best = max(before)[2] if before else min(mention_pos)[2]
                factor = 0.5
            elif single:
                best = next(iter(targets))
                factor = 0.5
            else:
                continue
            if best is None:  # pragma: no cover - targets is never empty here
                continue
            if contrast >= 0:
                factor *= 1.3 if c.pos > contrast else 0.7
            targets[best][0 if c.direction == "support" else 1] += c.weight * factor
            evidence.append(
                {
                    "start": c.char_start,
                    "end": c.char_end,
                    "text": text[c.char_start : c.char_end],
                    "kind": c.direction,
                    "contestant": best[0],
                }
            )

        (target, target_kind), (sup, att) = max(targets.items(), key=lambda kv: max(kv[1]))
        rule_dir = "support" if sup >= att else "attack"
        # a contestant named in an office ("Menteri Pertahanan Prabowo meninjau ...") is news of an
        # incumbent at work: the name is no sign of campaigning, only stance words count
        official = _in_office(strong, texts)
        # talking about a candidate by name is itself worth a look in a civil servant's post;
        # alone it stays under the threshold, with any stance word it does not
        presence = (
            PRESENCE
            if any(m.kind in _PERSON_KINDS and id(m) not in official for m in strong) or engaged
            else 0.0
        )
        # names read through a typo or said in an office, ballot-like numbers after an everyday
        # "nomor" ("antrian nomor 2") and parties named alone count only with stance words of their own
        all_official = not engaged and all(
            id(m) in official or m.kind == "fuzzy" or _quiet(m, texts) for m in strong
        )
        # reporting words (a question, "menurut", "debat") damp the score, up to a point
        strength = max(sup, att) + presence - 0.3 * min(sup, att) - 0.5 * min(report, cues.REPORT_CAP)
        rule_score = _squash(strength)
        score = rule_score
        direction = rule_dir
        # the model is consulted only when the rules alone do not reach the threshold
        if self.model is not None and rule_score < self.threshold and not all_official:
            masked = self._mask(toks, mentions, text)
            p_none, p_sup, p_att = self.model.predict_proba(masked)
            mw = self.model_weight
            # the model can raise a rule score (stance without lexicon words) but never sink it
            score = rule_score + mw * (1.0 - p_none) * (1.0 - rule_score)
            if sup == att == 0.0 and abs(p_sup - p_att) > 0.2:
                direction = "support" if p_sup > p_att else "attack"
        score = round(min(max(score, 0.0), 1.0), 4)
        partisan = score >= self.threshold
        rules: list[str] = []
        if partisan:
            rules = list(RULES_SOCIAL)
            if finger:
                rules.append(RULE_FINGER)
        evidence.sort(key=lambda e: (e["start"], e["end"]))
        return {
            "partisan": partisan,
            "score": score,
            "direction": direction if partisan else None,
            "target": target if partisan else None,
            "target_kind": target_kind if partisan else None,
            "rules": rules,
            "evidence": evidence if partisan else evidence[:5],
        }


_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
# every lexicon word under a clitic ("diktatornya" -> "diktator", "hebatlah" -> "hebat"), built once
_CLITIC_FORMS: dict[str, str] = {
    base + suffix: base
    for base in sorted({*cues.ANY_1, *cues.FIRST_OF_N})
    if len(base) >= 4
    for suffix in _CLITICS
    if base + suffix not in cues.ANY_1 and base + suffix not in cues.FIRST_OF_N
}
# one look-up per token: word (or word under a clitic) -> (lexicon word, support, attack, report,
# whether a multi-word cue starts with it)
_LEX: dict[str, tuple[str, float | None, float | None, float | None, bool]] = {}
for _form, _base in (*((w, w) for w in {*cues.ANY_1, *cues.FIRST_OF_N}), *_CLITIC_FORMS.items()):
    _LEX[_form] = (_base, *cues.ANY_1.get(_base, (None, None, None)), _base in cues.FIRST_OF_N)


def _mockery(cue_list: list[Cue], text: str) -> None:
    """Praise said in mockery turns into attack: every praise word when the post carries a mark of
    sarcasm ("🙄"), irony-prone praise ("hebat", "luar biasa") when the post also blames."""
    if not cue_list:
        return
    sarcastic = any(mark in text for mark in cues.SARCASM_MARKS)
    blames = any(c.direction == "attack" and c.text not in _IRONY_FIRST for c in cue_list)
    if not sarcastic and not blames:
        return
    for c in cue_list:
        if c.direction != "support" or c.text in cues.VOTE_WORDS:
            continue
        if sarcastic or c.text in _IRONY_FIRST:
            c.direction = "attack"
            c.weight *= 0.8


def _accusations(cue_list: list[Cue], texts: Sequence[str], sentence: list[int] | None) -> None:
    """Blame reported as an accusation ("X dituduh korupsi", "tuduhan bohong itu"): a blame word after
    an accusation mark in the same sentence (within a window, in a post of one sentence) is what
    others say of the one named, often quoted to refute it; it counts for little."""
    if not any(c.direction == "attack" for c in cue_list):
        return
    marks = [i for i, w in enumerate(texts) if w in cues.ACCUSATION_MARKS]
    if not marks:
        return
    for c in cue_list:
        if c.direction != "attack":
            continue
        for i in marks:
            if i < c.pos and (c.pos - i <= WINDOW if sentence is None else sentence[i] == sentence[c.pos]):
                c.weight *= 0.2
                break


def _drop_group_negation(mentions: list[Mention], texts: Sequence[str]) -> list[Mention]:
    """ "Saya bukan pendukung 01, 02 atau 03": two or more contestants listed under one negation
    are named to be disowned alike; the list says nothing for any one of them."""
    ms = sorted(mentions, key=lambda m: m.start)
    negated: list[bool] = []
    for k, m in enumerate(ms):
        lo = max(0, m.start - 4, ms[k - 1].end if k else 0)
        neg = any(w in cues.NEGATIONS for w in texts[lo : m.start])
        if not neg and k and negated[k - 1]:
            between = texts[ms[k - 1].end : m.start]
            neg = all(w in _LIST_GLUE or w in NUMBER_CUES for w in between)
        negated.append(neg)
    if len({(m.contestant, m.contestant_kind) for m, n in zip(ms, negated, strict=True) if n}) < 2:
        return mentions
    return [m for m, n in zip(ms, negated, strict=True) if not n]


def _drop_other_referents(mentions: list[Mention], texts: Sequence[str]) -> list[Mention]:
    """Leave out one-word names that name someone or something else: a place, a thing or a surah
    named right before ("surat Yasin", "pohon beringin", "Jl. Sudirman"), an everyday role right
    after ("Andika teman kampus", "Lukman Hakim teman kantor", "Mas Hendi tukang las")."""
    out = mentions
    n = len(texts)
    for m in mentions:
        if m.end - m.start != 1 or m.kind not in _ONE_WORD_KINDS:
            continue
        j = m.start - 1
        if j > 0 and texts[j] == ".":
            j -= 1
        other = (j >= 0 and texts[j] in cues.OTHER_BEFORE) or not cues.OTHER_AFTER.isdisjoint(
            texts[m.end : min(n, m.end + 2)]
        )
        if other:
            out = [x for x in out if x is not m]
    return out


_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _sentences(toks: Sequence[Token], text: str) -> list[int] | None:
    """The sentence number of every token (a full stop, "!" or "?" before a capital or a line
    break ends a sentence), or ``None`` for a post of one sentence."""
    newline = "\n" in text
    breaks = [
        i
        for i in range(1, len(toks))
        if (
            toks[i - 1].text in _SENTENCE_ENDS
            and toks[i].text not in _SENTENCE_ENDS
            and text[toks[i].start : toks[i].start + 1].isupper()
        )
        or (newline and "\n" in text[toks[i - 1].end : toks[i].start])
    ]
    if not breaks:
        return None
    out: list[int] = []
    k = 0
    for j, b in enumerate((*breaks, len(toks))):
        out.extend([j] * (b - k))
        k = b
    return out


def _lower_case_words(mentions: list[Mention], text: str) -> None:
    """A part of a contestant's full name written in lower case inside a post that writes its names
    with capitals ("Otot perkasa hasil latihan", "Andika Perkasa") is an ordinary word there: the
    mention counts only next to a vote word. Aliases the election file lists are left alone."""
    if not text[:1].isupper():
        return
    for m in mentions:
        if m.strong and m.kind == "name" and m.end - m.start == 1 and m.char_start > 0:
            word = text[m.char_start : m.char_end]
            if word.islower():
                m.strong = False


def _quiet(m: Mention, texts: Sequence[str]) -> bool:
    """A mention that alone says nothing of the election: a party named without a word about it
    ("sidang umum PBB"), a number after an everyday "nomor" ("antrian nomor 2", "kamar no. 1")
    that no election word comes before."""
    if m.kind == "number":
        j = m.start - 1
        if j > 0 and texts[j] == ".":
            j -= 1
        if j < 0 or texts[j] not in _EVERYDAY_NUMBER_CUES:
            return False
        # "pasangan no. 2": a pair with a number is a candidate pair
        before = texts[max(0, j - 3) : j]
        return _ELECTION_NUMBER_CUES.isdisjoint(before) and not (before and before[-1] == "pasangan")
    return m.contestant_kind == "party" and m.kind in ("name", "alias")


def _in_office(strong: Sequence[Mention], texts: Sequence[str]) -> set[int]:
    """ids of the mentions that name a contestant in a public office: an office title in the four
    words before ("Wali Kota Solo Gibran"), or an office holder's act right after ("Gibran
    meninjau"); a mention right after one of these (the rest of the name) is in office too."""
    out: set[int] = set()
    prev: Mention | None = None
    n = len(texts)
    for m in sorted(strong, key=lambda m: m.start):
        if m.kind in _NAMED_KINDS:
            before = texts[max(0, m.start - 4) : m.start]
            after = texts[m.end : min(n, m.end + 2)]
            if (
                not cues.OFFICE_TITLES.isdisjoint(before)
                or not cues.OFFICE_VERBS.isdisjoint(after)
                or (
                    prev is not None
                    and id(prev) in out
                    and prev.end == m.start
                    and prev.contestant == m.contestant
                )
            ):
                out.add(id(m))
        prev = m
    return out


def _negative() -> dict[str, Any]:
    return {
        "partisan": False,
        "score": 0.0,
        "direction": None,
        "target": None,
        "target_kind": None,
        "rules": [],
        "evidence": [],
    }
