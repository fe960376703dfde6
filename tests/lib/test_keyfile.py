from __future__ import annotations

import secrets

import pytest

from jaganetral.lib import keyfile


def test_keys_round_trip_under_a_passphrase() -> None:
    keys = keyfile.Keys(seal=[secrets.token_bytes(32), secrets.token_bytes(32)], signing=b"s" * 32)
    keys.seal_ids, keys.signing_id = ["aaaa1111", "bbbb2222"], "cccc"
    text = keyfile.dumps(keys, "frasa sandi yang panjang")
    assert text.startswith(keyfile.HEADER + "\n")
    for secret in keys.seal:
        assert secret.hex() not in text
    back = keyfile.loads(text, "frasa sandi yang panjang\n")
    assert back.seal == keys.seal and back.signing == keys.signing
    assert back.seal_ids == ["aaaa1111", "bbbb2222"]


def test_wrong_passphrase_short_passphrase_and_damage_are_refused() -> None:
    text = keyfile.dumps(keyfile.Keys(seal=[secrets.token_bytes(32)]), "frasa sandi yang panjang")
    with pytest.raises(keyfile.KeyFileError, match="Frasa sandi salah"):
        keyfile.loads(text, "frasa sandi yang lain!!")
    with pytest.raises(keyfile.KeyFileError, match="minimal"):
        keyfile.dumps(keyfile.Keys(seal=[b"k" * 32]), "pendek")
    for damaged in ("", "bukan berkas kunci", keyfile.HEADER + "\n!!!", "x" * (keyfile.MAX_FILE_BYTES + 1)):
        with pytest.raises(keyfile.KeyFileError, match="rusak"):
            keyfile.loads(damaged, "frasa sandi yang panjang")
    head, body = text.split("\n", 1)
    flipped = body[:40] + ("A" if body[40] != "A" else "B") + body[41:]
    with pytest.raises(keyfile.KeyFileError):
        keyfile.loads(f"{head}\n{flipped}", "frasa sandi yang panjang")
