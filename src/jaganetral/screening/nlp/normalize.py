"""Normalise Indonesian social-media text into tokens that keep their place in the original.

Pure Python, no Django. The steps, per token: lower-case, drop URLs, keep @handles and #hashtags,
collapse elongation ("mantaaap" -> "mantap"), undo leetspeak ("c4p3k" -> "capek"), strip the
reduplication digit ("orang2" -> "orang"), split glued ballot numbers ("no2" -> "nomor 2",
"02prabowo" -> "02 prabowo"), map slang to the formal word with the MIT lexicons in
``jaganetral/lib/lexicons/`` (see NOTICE), and turn emoji into tokens (finger counts,
positive/negative feelings).
Negations (tidak, bukan, jangan, enggak, belum) are kept: removing them flips stance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from jaganetral.lib import lexicons

# URLs, handles, hashtags, words (letters/digits, with inner apostrophes/dots like "ma'ruf"),
# then any other non-space symbol (emoji, punctuation) one character at a time.
_TOKEN_RE = re.compile(
    r"((?:https?://|www\.|pic\.twitter\.com/)\S+)"
    r"|(@\w+)"
    r"|(#\w+)"
    r"|(\d+(?:[.,]\d+)+|\w+(?:['’]\w+)*)"
    r"|([^\s\w])",
    re.UNICODE,
)
_ELONG3 = re.compile(r"(\D)\1{2,}")
_LEET = str.maketrans({"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "8": "b", "9": "g"})
_NUM_WORD = re.compile(r"^(no|nmr|nomor|nomer|nomer|nmor|nomr)(\d{1,2})$")
_LEADING_NUM = re.compile(r"^(\d{1,2})([a-z]{3,})$")
_REDUP = re.compile(r"^([a-z]{2,})2$")

NEGATIONS = frozenset({"tidak", "bukan", "jangan", "enggak", "belum", "tak", "tiada", "ogah", "anti"})

# Emoji (and a few symbols) -> tokens. Finger counts matter: ☝ is one finger, ✌ two.
EMOJI: dict[str, str] = {
    "☝": "<jari1>",
    "👆": "<jari1>",
    "✌": "<jari2>",
    "🤞": "<jari2>",
    "🤟": "<jari3>",
    "1⃣": "1",
    "2⃣": "2",
    "3⃣": "3",
    "👍": "<emo_pos>",
    "❤": "<emo_pos>",
    "😍": "<emo_pos>",
    "🥰": "<emo_pos>",
    "💪": "<emo_pos>",
    "🔥": "<emo_pos>",
    "👏": "<emo_pos>",
    "🙏": "<emo_pos>",
    "😘": "<emo_pos>",
    "💯": "<emo_pos>",
    "👎": "<emo_neg>",
    "😡": "<emo_neg>",
    "🤬": "<emo_neg>",
    "🤮": "<emo_neg>",
    "💩": "<emo_neg>",
    "😠": "<emo_neg>",
    "🤡": "<emo_neg>",
    "😂": "<emo_laugh>",
    "🤣": "<emo_laugh>",
}

# Slang entries that would destroy a political signal or a negation; never applied.
_SLANG_BLOCK = frozenset(
    {
        "pan",  # party PAN, not "kapan"
        "no",
        "nomor",
        "pilih",
        "coblos",
        "dukung",
        "jokowi",
        "prabowo",
        "tidak",
        "bukan",
        "jangan",
        "gerindra",
        "pks",
        "pkb",
        "ppp",
        "psi",
    }
)


@dataclass(slots=True)
class Token:
    """A normalised token and the span of the original text it came from."""

    text: str
    start: int
    end: int
    kind: str = "word"  # word | num | handle | hashtag | emoji | punct


# Token construction in the hot loop: object.__new__ plus four slot stores is cheaper than calling
# the dataclass __init__ (a Python frame per token), and gives the same object.
_new_token = object.__new__


def slang_map() -> dict[str, str]:
    """Slang -> formal from the shared MIT lexicons (indoNLP wins on conflicts), without the words
    in ``_SLANG_BLOCK``. Cached; do not change the returned dict."""
    return lexicons.slang_map(_SLANG_BLOCK)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    words: set[str] = set()
    for key, val in slang_map().items():
        words.add(key)
        words.update(val.split())
    return frozenset(words)


def _collapse(word: str, vocab: frozenset[str]) -> str:
    """Collapse runs of 3+ identical letters; prefer the double-letter form when it is a word."""
    if not _ELONG3.search(word):
        return word
    two = _ELONG3.sub(r"\1\1", word)
    if two in vocab:
        return two
    one = _ELONG3.sub(r"\1", word)
    return one


class Normalizer:
    """Turns raw text into ``Token`` objects. ``protect`` words bypass the slang map."""

    def __init__(self, protect: Iterable[str] = ()) -> None:
        self.slang = dict(slang_map())
        for word in protect:
            self.slang.pop(word, None)
        self.vocab = known_words() | frozenset(protect)
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}  # lower-cased word -> pieces
        self._chunks: dict[str, tuple[tuple[str, int, int, str], ...]] = {}  # chunk -> pieces

    def _word(self, raw: str) -> tuple[tuple[str, str], ...]:
        """Normalise one lower-cased word token into (text, kind) pieces, cached."""
        hit = self._cache.get(raw)
        if hit is not None:
            return hit
        out: tuple[tuple[str, str], ...]
        w = raw.replace("’", "'")
        if w.isalpha():  # letters only (most words): nothing for the digit patterns below to find
            out = self._formal(w)
        elif w.isdigit():
            out = ((w, "num"),)
        elif m := _NUM_WORD.match(w):
            out = (("nomor", "word"), (m.group(2), "num"))
        elif m := _LEADING_NUM.match(w):
            out = ((m.group(1), "num"), *self._word(m.group(2)))
        else:
            if m := _REDUP.match(w):
                w = m.group(1)
            elif any(c.isdigit() for c in w) and any(c.isalpha() for c in w):
                w = w.translate(_LEET)
            out = self._formal(w)
        if len(self._cache) < 200_000:
            self._cache[raw] = out
        return out

    def _formal(self, w: str) -> tuple[tuple[str, str], ...]:
        """A word with its elongation collapsed, through the slang map."""
        w = _collapse(w, self.vocab)
        formal = self.slang.get(w)
        return ((w, "word"),) if formal is None else tuple((part, "word") for part in formal.split())

    def tokens(self, text: str) -> list[Token]:
        """Tokens of ``text``. No token crosses whitespace and a chunk's tokens depend only on the
        chunk itself, so each distinct chunk is tokenised once (``_pieces``, cached with spans
        relative to the chunk) and its pieces are shifted to where the chunk sits."""
        toks: list[Token] = []
        append = toks.append
        get = self._chunks.get
        if text.isprintable():
            # no whitespace but the plain space (every other kind is unprintable): a chunk starts
            # one after the last one ends, and runs of spaces leave empty chunks to step over
            spaced = True
            chunks = text.split(" ")
        else:
            spaced = False
            chunks = text.split()
        find = text.find
        pos = 0
        for chunk in chunks:
            if spaced:
                s = pos
                pos += len(chunk) + 1
                if not chunk:
                    continue
            else:
                s = find(chunk, pos)
                pos = s + len(chunk)
            pieces = get(chunk)
            if pieces is None:
                pieces = self._pieces(chunk)
            for piece, a, b, kind in pieces:
                t = _new_token(Token)
                t.text = piece
                t.start = s + a
                t.end = s + b
                t.kind = kind
                append(t)
        return toks

    def _pieces(self, chunk: str) -> tuple[tuple[str, int, int, str], ...]:
        """Tokens of one whitespace-free chunk as (text, start, end, kind), spans within the chunk,
        cached. Plain words (most chunks) take a fast path; the others go through the token
        pattern (``_chunk``), which gives the same tokens for them."""
        toks: list[Token] = []
        append = toks.append
        e = len(chunk)
        core = chunk if chunk.isalnum() else chunk.rstrip("!?.,;:")
        if core and core.isalnum():  # a word, perhaps with punctuation after it ("ekonomi,")
            ce = len(core)
            for piece, kind in self._word(core.lower()):
                append(Token(piece, 0, ce, kind))
            for i in range(ce, e):
                append(Token(chunk[i], i, i + 1, "punct"))
        elif chunk[0] in "#@" and chunk[1:].isalnum():
            if chunk[0] == "#":
                append(Token("#" + _collapse(chunk[1:].lower(), self.vocab), 0, e, "hashtag"))
            else:
                append(Token(chunk.lower(), 0, e, "handle"))
        else:
            self._chunk(chunk, 0, e, append)
        out = tuple((t.text, t.start, t.end, t.kind) for t in toks)
        if len(self._chunks) < 200_000:
            self._chunks[chunk] = out
        return out

    def _chunk(self, text: str, start: int, end: int, append: Callable[[Token], None]) -> None:
        cache = self._cache
        word = self._word
        for m in _TOKEN_RE.finditer(text, start, end):
            group = m.lastindex
            if group == 1:  # URL: dropped
                continue
            raw = m.group()
            s, e = m.span()
            if group == 4:  # word or number (the common case)
                low = raw.lower()
                pieces = cache.get(low)
                if pieces is None:
                    pieces = word(low)
                if len(pieces) == 1:
                    append(Token(pieces[0][0], s, e, pieces[0][1]))
                else:
                    for piece, kind in pieces:
                        append(Token(piece, s, e, kind))
            elif group == 2:
                append(Token(raw.lower(), s, e, "handle"))
            elif group == 3:
                append(Token("#" + _collapse(raw[1:].lower(), self.vocab), s, e, "hashtag"))
            else:
                emo = EMOJI.get(raw)
                if emo is not None:
                    append(Token(emo, s, e, "num" if emo.isdigit() else "emoji"))
                elif raw in "!?.,;:":
                    append(Token(raw, s, e, "punct"))

    def text(self, text: str) -> str:
        """The normalised text as one space-joined string (for models and debugging)."""
        return " ".join(t.text for t in self.tokens(text))


_DEFAULT: Normalizer | None = None


def normalize(text: str) -> str:
    """Normalise with the default lexicons (convenience for callers without contestants)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Normalizer()
    return _DEFAULT.text(text)


_MOJIBAKE = re.compile("[ÃÂâð][\u0080-\u00ff\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u2122\u0160\u0161]")


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 (``ðŸ‘‡`` -> 👇), when that is what it is."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        pass
    # Partially broken: fix piecewise, leaving the undecodable parts as they were.
    out = []
    for part in re.split(r"(\s+)", text):
        try:
            out.append(part.encode("cp1252").decode("utf-8"))
        except UnicodeError:
            out.append(part)
    return "".join(out)
