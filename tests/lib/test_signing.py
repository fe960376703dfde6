from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jaganetral.lib import signing
from jaganetral.lib.envconf import SettingError


def test_a_signed_document_verifies_and_any_change_breaks_it(tmp_path: Path) -> None:
    key = signing.load_key(tmp_path / "k")
    doc = signing.sign({"cases": {"1": [3, "ab"]}, "n": 1}, key)
    assert signing.verify(doc) == signing.public_id(key)
    changed = {**doc, "cases": {"1": [3, "ac"]}}
    with pytest.raises(signing.SignatureError):
        signing.verify(changed)
    other = signing.sign(changed, signing.load_key(tmp_path / "other"))  # a forger's own key
    assert signing.verify(other) != signing.public_id(key)
    with pytest.raises(signing.SignatureError):
        signing.verify({"n": 1})
    forged = {**doc, "signature": {**doc["signature"], "key_id": "0" * 16}}
    with pytest.raises(signing.SignatureError):
        signing.verify(forged)


def test_the_key_is_generated_once_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "var" / "audit_signing_key"
    assert signing.find_key(path, env={}) is None
    first = signing.load_key(path, env={})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert signing.public_id(signing.load_key(path, env={})) == signing.public_id(first)
    assert not signing.write_key(path, first)  # never over an existing key


def test_a_configured_key_file_must_exist_and_be_valid(tmp_path: Path) -> None:
    env = {signing.SETTING: str(tmp_path / "missing")}
    with pytest.raises(SettingError, match=signing.SETTING):
        signing.find_key(tmp_path / "fallback", env=env)
    bad = tmp_path / "bad"
    bad.write_text("not base64 !!")
    with pytest.raises(SettingError, match=signing.SETTING):
        signing.find_key(tmp_path / "fallback", env={signing.SETTING: str(bad)})
