"""Signed JSON documents (Ed25519). Pure Python.

The export of the audit heads is signed with a key kept outside the database: from the file named by
``JAGANETRAL_AUDIT_SIGNING_KEY_FILE`` or generated into ``var/audit_signing_key`` (mode 0600) on
first use. A signed document carries its signature and public key under ``"signature"``; the key id
(first 16 hex digits of SHA-256 of the public key) says which key signed it, so a reader can compare
it with the id the office wrote down when the key was made.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from jaganetral.lib.envconf import SettingError

SETTING = "JAGANETRAL_AUDIT_SIGNING_KEY_FILE"
SEED_BYTES = 32


class SignatureError(ValueError):
    """A document is not signed, or its signature does not match its content."""


def canonical(doc: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def seed_of(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_id(key: Ed25519PrivateKey) -> str:
    return key_id(_raw_public(key.public_key()))


def key_from_text(text: str, label: str) -> Ed25519PrivateKey:
    try:
        seed = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SettingError(label, "the signing key must be base64") from None
    if len(seed) != SEED_BYTES:
        raise SettingError(label, f"the signing key must be {SEED_BYTES} bytes")
    return Ed25519PrivateKey.from_private_bytes(seed)


def key_path(fallback_file: Path, env: Mapping[str, str] = os.environ) -> Path:
    file_name = env.get(SETTING)
    return Path(file_name) if file_name else fallback_file


def find_key(fallback_file: Path, env: Mapping[str, str] = os.environ) -> Ed25519PrivateKey | None:
    """The configured signing key, or None when there is none yet (nothing is created here)."""
    path = key_path(fallback_file, env)
    if not path.exists():
        if env.get(SETTING):
            raise SettingError(SETTING, f"no such file: {path}")
        return None
    return key_from_text(path.read_text(encoding="utf-8"), (env.get(SETTING) and SETTING) or str(path))


def write_key(path: Path, key: Ed25519PrivateKey) -> bool:
    """Create ``path`` (mode 0600) holding ``key``; False when the file already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(base64.b64encode(seed_of(key)).decode("ascii") + "\n")
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    return True


def load_key(fallback_file: Path, env: Mapping[str, str] = os.environ) -> Ed25519PrivateKey:
    """The signing key, generated into ``fallback_file`` on first use."""
    key = find_key(fallback_file, env)
    if key is None:
        write_key(fallback_file, Ed25519PrivateKey.generate())
        key = find_key(fallback_file, env)
    if key is None:  # pragma: no cover - the file was just written
        raise SettingError(str(fallback_file), "the signing key file could not be created")
    return key


def sign(doc: Mapping[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """``doc`` with its signature (any earlier signature is replaced)."""
    public = _raw_public(key.public_key())
    signed = {k: v for k, v in doc.items() if k != "signature"}
    signed["signature"] = {
        "alg": "ed25519",
        "key_id": key_id(public),
        "public_key": base64.b64encode(public).decode("ascii"),
        "value": base64.b64encode(key.sign(canonical(signed))).decode("ascii"),
    }
    return signed


def verify(doc: Mapping[str, Any]) -> str:
    """Check the document's signature against its own public key; return the key id."""
    sig = doc.get("signature")
    if not isinstance(sig, dict) or sig.get("alg") != "ed25519":
        raise SignatureError("the document carries no Ed25519 signature")
    try:
        public = base64.b64decode(str(sig.get("public_key", "")), validate=True)
        value = base64.b64decode(str(sig.get("value", "")), validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(value, canonical(doc))
    except (binascii.Error, ValueError, InvalidSignature):
        raise SignatureError("the signature does not match the document") from None
    if sig.get("key_id") != key_id(public):
        raise SignatureError("the key id does not belong to the public key")
    return key_id(public)
