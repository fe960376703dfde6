"""The tokeniser's per-chunk cache: a chunk seen before, anywhere, gives the tokens it would fresh."""

from jaganetral.screening.nlp.normalize import Normalizer, Token

from .test_fast_paths import TRICKY


def _slow(nz: Normalizer, text: str) -> list[Token]:
    out: list[Token] = []
    nz._chunk(text, 0, len(text), out.append)
    return out


def test_cached_chunks_are_shifted_to_where_they_sit() -> None:
    warm = Normalizer()
    for text in TRICKY:  # fill the cache with every chunk first
        warm.tokens(text)
    for text in TRICKY:
        shifted = "  x\t" + text + " " + text  # the same chunks again, at other offsets
        assert warm.tokens(shifted) == _slow(Normalizer(), shifted)
        assert warm.tokens(text) == Normalizer().tokens(text)


def test_tokens_are_fresh_objects() -> None:
    nz = Normalizer()
    a = nz.tokens("Jokowi hebat")
    b = nz.tokens("Jokowi hebat")
    assert a == b and all(x is not y for x, y in zip(a, b, strict=True))
    a[0].text = "diubah"  # a caller changing a token does not change the cache
    assert nz.tokens("Jokowi hebat")[0] == Token("jokowi", 0, 6, "word")
