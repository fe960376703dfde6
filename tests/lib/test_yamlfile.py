from __future__ import annotations

import pytest
from pydantic import BaseModel

from jaganetral.lib.yamlfile import load_validated


class Weights(BaseModel):
    words: dict[str, float]


TWICE = "words:\n  pilih: 1.0\n  pilih: 2.0\n"


def _load(text: str, **kw: bool) -> Weights:
    return load_validated(text, "w.yaml", Weights, error=ValueError, max_bytes=1000, expected="words", **kw)


def test_a_key_named_twice_keeps_the_last_value_by_default() -> None:
    assert _load(TWICE).words == {"pilih": 2.0}


def test_unique_keys_refuses_a_key_named_twice_with_its_line() -> None:
    with pytest.raises(ValueError, match=r"^w\.yaml, line 3: not valid YAML: the key 'pilih' appears twice"):
        _load(TWICE, unique_keys=True)


def test_a_field_error_names_the_line() -> None:
    with pytest.raises(ValueError, match=r"^w\.yaml, line 3, words\.b: Input should be a valid number"):
        _load("words:\n  a: 1\n  b: x\n")
