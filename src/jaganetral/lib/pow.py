"""A self-hosted proof-of-work challenge (the ALTCHA scheme, as GlobaLeaks uses). Pure Python.

The server picks a random ``salt`` (with its expiry) and a secret ``number`` up to ``maxnumber``,
and sends ``challenge = SHA-256(salt + number)`` with an HMAC ``signature`` of it. The client tries
numbers from 0 until the hash matches (on average ``maxnumber / 2`` hashes: about half a second in
a phone's browser at the default) and sends back the payload with the number. Checking costs the
server two hashes; nothing is stored until a solution is used (one use each, see
:mod:`jaganetral.core.challenge`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from typing import Any

ALGORITHM = "SHA-256"
MAX_PAYLOAD = 2000  # characters of a base64 payload


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sign(key: bytes, challenge: str) -> str:
    return hmac.new(key, challenge.encode(), hashlib.sha256).hexdigest()


def make(key: bytes, *, maxnumber: int, expires: int, number: int | None = None) -> dict[str, Any]:
    """A new challenge valid until the Unix time ``expires``."""
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    secret = secrets.randbelow(maxnumber + 1) if number is None else number
    challenge = _sha(f"{salt}{secret}")
    return {
        "algorithm": ALGORITHM,
        "challenge": challenge,
        "maxnumber": maxnumber,
        "salt": salt,
        "signature": _sign(key, challenge),
    }


def solve(challenge: dict[str, Any]) -> str | None:
    """The payload a client sends back (what the browser widget does), or None if unsolvable."""
    salt, target = str(challenge["salt"]), str(challenge["challenge"])
    for n in range(int(challenge["maxnumber"]) + 1):
        if _sha(f"{salt}{n}") == target:
            body = {
                "algorithm": ALGORITHM,
                "challenge": target,
                "number": n,
                "salt": salt,
                "signature": challenge["signature"],
            }
            return base64.b64encode(json.dumps(body).encode()).decode()
    return None


def verify(payload: str, key: bytes, *, now: int) -> str | None:
    """The solved challenge's hash when ``payload`` is a correct, unexpired solution, else None."""
    if not payload or len(payload) > MAX_PAYLOAD:
        return None
    try:
        body = json.loads(base64.b64decode(payload, validate=True))
        salt, challenge = str(body["salt"]), str(body["challenge"])
        number, signature = int(body["number"]), str(body["signature"])
        algorithm = body["algorithm"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    if algorithm != ALGORITHM or number < 0:
        return None
    expires = salt.rpartition("?expires=")[2]
    if not expires.isdigit() or int(expires) < now:
        return None
    if not hmac.compare_digest(_sign(key, challenge), signature):
        return None
    if not hmac.compare_digest(_sha(f"{salt}{number}"), challenge):
        return None
    return challenge
