from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from jaganetral.lib.crypto import Sealer, SealError, load_sealer, new_key_text
from jaganetral.lib.envconf import SettingError


def test_seal_and_open_with_associated_data() -> None:
    box = Sealer((base64.b64decode(new_key_text()),))
    sealed = box.seal(b"Siti", aad=b"report-1")
    assert sealed.startswith("s1." + box.current_id + ".")
    assert b"Siti" not in sealed.encode()
    assert box.open(sealed, aad=b"report-1") == b"Siti"
    assert box.seal(b"Siti", aad=b"report-1") != sealed  # fresh nonce
    with pytest.raises(SealError):
        box.open(sealed, aad=b"report-2")
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(SealError):
        box.open(tampered, aad=b"report-1")
    with pytest.raises(SealError):
        box.open("plain text", aad=b"x")


def test_rotation_keeps_old_values_readable() -> None:
    old = base64.b64decode(new_key_text())
    new = base64.b64decode(new_key_text())
    sealed_old = Sealer((old,)).seal(b"data", aad=b"a")
    rotated = Sealer((new, old))
    assert rotated.open(sealed_old, aad=b"a") == b"data"
    assert rotated.needs_reseal(sealed_old)
    assert not rotated.needs_reseal(rotated.seal(b"data", aad=b"a"))
    with pytest.raises(SealError, match="no key"):
        Sealer((new,)).open(sealed_old, aad=b"a")


def test_keys_from_env_file_or_generated(tmp_path: Path) -> None:
    fallback = tmp_path / "var" / "seal_key"
    generated = load_sealer(fallback, env={})
    assert fallback.exists() and stat.S_IMODE(fallback.stat().st_mode) == 0o600
    assert load_sealer(fallback, env={}).current_id == generated.current_id  # stable across starts
    k1, k2 = new_key_text(), new_key_text()
    from_env = load_sealer(fallback, env={"JAGANETRAL_SEAL_KEY": f"{k1},{k2}"})
    assert len(from_env.keys) == 2 and from_env.keys[0] == base64.b64decode(k1)
    keyfile = tmp_path / "keys"
    keyfile.write_text(f"# current first\n{k2}\n{k1}\n")
    assert load_sealer(fallback, env={"JAGANETRAL_SEAL_KEY_FILE": str(keyfile)}).keys[0] == base64.b64decode(
        k2
    )


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"JAGANETRAL_SEAL_KEY": "kurang"}, "JAGANETRAL_SEAL_KEY"),
        ({"JAGANETRAL_SEAL_KEY": base64.b64encode(b"short").decode()}, "JAGANETRAL_SEAL_KEY"),
        ({"JAGANETRAL_SEAL_KEY": " , "}, "JAGANETRAL_SEAL_KEY"),
        ({"JAGANETRAL_SEAL_KEY_FILE": "/no/such/file"}, "JAGANETRAL_SEAL_KEY_FILE"),
    ],
)
def test_bad_key_settings_name_the_variable(tmp_path: Path, env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingError) as info:
        load_sealer(tmp_path / "seal_key", env=env)
    assert info.value.name == name


def test_find_keys_never_creates_a_key(tmp_path: Path) -> None:
    from jaganetral.lib.crypto import find_keys, seal_key_path

    path = tmp_path / "seal_key"
    assert find_keys(path, env={}) is None
    assert not path.exists()
    assert seal_key_path(path, env={}) == path
    assert seal_key_path(path, env={"JAGANETRAL_SEAL_KEY": new_key_text()}) is None
    box = load_sealer(path, env={})
    assert find_keys(path, env={}) == box.keys
