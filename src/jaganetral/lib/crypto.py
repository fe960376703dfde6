"""Sealing small secrets (a reporter's identity, witness contacts) with AES-256-GCM. Pure Python.

Keys never live in the database. They come from ``JAGANETRAL_SEAL_KEY`` (one or more base64 keys
separated by commas), from the file named by ``JAGANETRAL_SEAL_KEY_FILE`` (one key per line), or are
generated into ``var/seal_key`` (mode 0600) on first use. The **first** key seals; every listed key
opens. To rotate: put a new key first, keep the old ones below it, run
``jaganetral intake reseal``, then drop the old keys.

A sealed value is ``s1.<key id>.<base64(nonce | ciphertext+tag)>``; the key id is the first 8 hex
digits of SHA-256 of the key, so it says which key to use without revealing it. Associated data
binds a sealed value to its row, so it cannot be copied onto another report.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from jaganetral.lib.envconf import SettingError

VERSION = "s1"
KEY_BYTES = 32
NONCE_BYTES = 12


class SealError(ValueError):
    """A sealed value cannot be opened (wrong key, tampered, or not a sealed value)."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _decode_key(text: str, name: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SettingError(name, "each key must be base64 (generate one: openssl rand -base64 32)") from None
    if len(key) != KEY_BYTES:
        raise SettingError(name, f"each key must be {KEY_BYTES} bytes (base64 of 32 random bytes)")
    return key


@dataclass(frozen=True)
class Sealer:
    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("at least one key is needed")

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def _by_id(self) -> dict[str, bytes]:
        return {key_id(k): k for k in self.keys}

    def seal(self, plaintext: bytes, *, aad: bytes) -> str:
        nonce = secrets.token_bytes(NONCE_BYTES)
        ct = AESGCM(self.keys[0]).encrypt(nonce, plaintext, aad)
        return f"{VERSION}.{self.current_id}.{base64.b64encode(nonce + ct).decode('ascii')}"

    def open(self, sealed: str, *, aad: bytes) -> bytes:
        parts = sealed.split(".")
        if len(parts) != 3 or parts[0] != VERSION:
            raise SealError("not a sealed value")
        key = self._by_id().get(parts[1])
        if key is None:
            raise SealError(f"no key with id {parts[1]} is configured")
        try:
            blob = base64.b64decode(parts[2], validate=True)
            return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
        except (binascii.Error, ValueError, InvalidTag):
            raise SealError("the sealed value is damaged or was sealed for another record") from None

    def needs_reseal(self, sealed: str) -> bool:
        return sealed.split(".")[1:2] != [self.current_id]

    def derive(self, purpose: str) -> bytes:
        """A sub-key for another purpose (e.g. pseudonyms), from the current key."""
        return hashlib.sha256(b"jaganetral:" + purpose.encode() + b":" + self.keys[0]).digest()


def encrypt_blob(data: bytes, *, aad: bytes) -> tuple[bytes, bytes]:
    """A file's contents under a fresh data key: ``(nonce | ciphertext+tag, data key)``. The caller
    seals the data key with :meth:`Sealer.seal` (the key hierarchy: seal key → data key → file)."""
    key = secrets.token_bytes(KEY_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, data, aad), key


def decrypt_blob(blob: bytes, key: bytes, *, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except (ValueError, InvalidTag):
        raise SealError("the file is damaged or belongs to another record") from None


def new_key_text() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def _key_source(fallback_file: Path, env: Mapping[str, str]) -> tuple[str, Path | None, str | None]:
    """Where the keys come from: (setting name, key file or None for the variable, raw variable)."""
    name = "JAGANETRAL_SEAL_KEY"
    raw = env.get(name)
    if raw is not None:
        return name, None, raw
    file_name = env.get(f"{name}_FILE")
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise SettingError(f"{name}_FILE", f"no such file: {file_name}")
        return f"{name}_FILE", path, None
    return str(fallback_file), fallback_file, None


def seal_key_path(fallback_file: Path, env: Mapping[str, str] = os.environ) -> Path | None:
    """The key file in use (None when the keys come from ``JAGANETRAL_SEAL_KEY`` itself)."""
    if env.get("JAGANETRAL_SEAL_KEY") is not None:
        return None
    file_name = env.get("JAGANETRAL_SEAL_KEY_FILE")
    return Path(file_name) if file_name else fallback_file


def find_keys(fallback_file: Path, env: Mapping[str, str] = os.environ) -> tuple[bytes, ...] | None:
    """The configured keys, or None when none is configured yet (nothing is created here)."""
    label, path, raw = _key_source(fallback_file, env)
    if raw is not None:
        items = [p for p in raw.replace("\n", ",").split(",") if p.strip()]
        if not items:
            raise SettingError(label, "must hold at least one base64 key")
        return tuple(_decode_key(p, label) for p in items)
    if path is None or not path.exists():
        return None
    lines = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise SettingError(label, "the key file is empty")
    return tuple(_decode_key(line, label) for line in lines)


def write_key_file(path: Path, keys: tuple[bytes, ...]) -> bool:
    """Create ``path`` (mode 0600) holding ``keys``, one per line; False when it already exists
    (atomic: a process that lost the race keeps the winner's file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("".join(base64.b64encode(k).decode("ascii") + "\n" for k in keys))
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    return True


def load_sealer(fallback_file: Path, env: Mapping[str, str] = os.environ) -> Sealer:
    """Keys from ``JAGANETRAL_SEAL_KEY``, ``JAGANETRAL_SEAL_KEY_FILE``, or generated into a file."""
    keys = find_keys(fallback_file, env)
    if keys is None:
        write_key_file(fallback_file, (secrets.token_bytes(KEY_BYTES),))
        keys = find_keys(fallback_file, env)
    if keys is None:  # pragma: no cover - the file was just written
        raise SettingError(str(fallback_file), "the key file could not be created")
    return Sealer(keys)
