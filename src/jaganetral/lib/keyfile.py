"""A passphrase-protected file holding the installation's secret keys (seal keys, audit signing key),
written by ``jaganetral backup --export-keys`` and read by ``jaganetral restore --keys``. Pure Python.

The file is text: a header line, then base64 of a JSON envelope with the scrypt parameters, salt,
nonce and the AES-256-GCM ciphertext of the keys. Key ids (not the keys) are readable without the
passphrase, so an operator can tell which installation a key file belongs to.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from jaganetral.lib.i18n import gettext as _

HEADER = "jaganetral-keys/1"
MIN_PASSPHRASE = 12
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MAX_FILE_BYTES = 64 * 1024


class KeyFileError(ValueError):
    """The key file cannot be written or read; the message is safe to show."""


@dataclass
class Keys:
    seal: list[bytes] = field(default_factory=list)  # first one seals
    signing: bytes | None = None  # Ed25519 seed of the audit-heads signature
    seal_ids: list[str] = field(default_factory=list)
    signing_id: str = ""


def _kdf(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(
        passphrase.encode("utf-8")
    )


def check_passphrase(passphrase: str) -> str:
    phrase = passphrase.strip("\r\n")
    if len(phrase) < MIN_PASSPHRASE:
        raise KeyFileError(_("Frasa sandi minimal %(n)d karakter.") % {"n": MIN_PASSPHRASE})
    return phrase


def dumps(keys: Keys, passphrase: str) -> str:
    phrase = check_passphrase(passphrase)
    secret = json.dumps(
        {
            "seal": [base64.b64encode(k).decode("ascii") for k in keys.seal],
            "signing": base64.b64encode(keys.signing).decode("ascii") if keys.signing else None,
        }
    ).encode()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    ct = AESGCM(_kdf(phrase, salt, SCRYPT)).encrypt(nonce, secret, HEADER.encode())
    envelope = {
        "kdf": {"name": "scrypt", **SCRYPT},
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ciphertext": base64.b64encode(ct).decode("ascii"),
        "seal_key_ids": keys.seal_ids,
        "signing_key_id": keys.signing_id,
    }
    body = base64.encodebytes(json.dumps(envelope, sort_keys=True).encode()).decode("ascii")
    return f"{HEADER}\n{body}"


def loads(text: str, passphrase: str) -> Keys:
    damaged = KeyFileError(_("Berkas kunci rusak atau bukan berkas kunci JagaNetral."))
    if len(text) > MAX_FILE_BYTES:
        raise damaged
    head, _sep, body = text.partition("\n")
    if head.strip() != HEADER:
        raise damaged
    try:
        envelope = json.loads(base64.b64decode(body.encode("ascii")))
        kdf = envelope["kdf"]
        params = {"n": int(kdf["n"]), "r": int(kdf["r"]), "p": int(kdf["p"])}
        if kdf.get("name") != "scrypt" or params["n"] > 2**20 or params["r"] > 32 or params["p"] > 16:
            raise damaged
        salt = base64.b64decode(envelope["salt"], validate=True)
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        ct = base64.b64decode(envelope["ciphertext"], validate=True)
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeError):
        raise damaged from None
    try:
        secret = json.loads(
            AESGCM(_kdf(passphrase.strip("\r\n"), salt, params)).decrypt(nonce, ct, head.encode())
        )
    except (InvalidTag, ValueError):
        raise KeyFileError(_("Frasa sandi salah, atau berkas kunci telah diubah.")) from None
    return Keys(
        seal=[base64.b64decode(k) for k in secret.get("seal", [])],
        signing=base64.b64decode(secret["signing"]) if secret.get("signing") else None,
        seal_ids=list(envelope.get("seal_key_ids", [])),
        signing_id=str(envelope.get("signing_key_id", "")),
    )
