from __future__ import annotations

import pytest

from jaganetral.lib import receipt


def test_codes_carry_80_secret_bits_and_are_shown_in_groups() -> None:
    assert receipt.SECRET_BITS >= 80
    code = receipt.generate()
    assert len(code) == 20 and all(c in receipt.ALPHABET for c in code)
    shown = receipt.display(code)
    assert shown.count("-") == 4 and len(shown) == 24
    assert receipt.normalize(shown) == code
    assert receipt.prefix(code) == code[:4]
    assert len({receipt.generate() for _ in range(2000)}) == 2000


def test_typing_is_forgiving() -> None:
    assert receipt.normalize(" abcd-efgh ijkl-mnop-qrst ") == "ABCDEFGH1JK1MN0PQRST"


@pytest.mark.parametrize("raw", ["", "ABC", "A" * 21, "ABCD-EFGH-1JK1-MN0P-QRS!", "x" * 100])
def test_bad_codes_are_refused(raw: str) -> None:
    with pytest.raises(receipt.ReceiptError):
        receipt.normalize(raw)
