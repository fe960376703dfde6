"""The process-wide sealer and receipt hasher, configured from settings (key never in the DB)."""

from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jaganetral.lib import receipt as receipt_lib
from jaganetral.lib.crypto import Sealer, load_sealer


@lru_cache(maxsize=1)
def sealer() -> Sealer:
    return load_sealer(settings.INTAKE_SEAL_KEY_FILE)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    params: dict[str, int] = settings.INTAKE_RECEIPT_ARGON2
    return PasswordHasher(
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        type=Type.ID,
    )


def hash_receipt(code: str) -> str:
    return _hasher().hash(code)


def check_receipt(code: str, hashed: str) -> bool:
    try:
        return _hasher().verify(hashed, code)
    except (VerificationError, InvalidHashError):
        return False


@sensitive_variables("value")
def seal_json(value: Any, *, aad: str) -> str:
    return sealer().seal(json.dumps(value, ensure_ascii=False).encode("utf-8"), aad=aad.encode())


def open_json(sealed: str, *, aad: str) -> Any:
    return json.loads(sealer().open(sealed, aad=aad.encode()).decode("utf-8"))


def identity_aad(uid: object) -> str:
    return f"intake.identity:{uid}"


def witnesses_aad(uid: object) -> str:
    return f"intake.witnesses:{uid}"


def pseudonym(uid: object) -> str:
    """A stable, meaningless name for staff: ``Pelapor-K7QM``."""
    digest = hmac.new(sealer().derive("pseudonym"), str(uid).encode(), hashlib.sha256).digest()
    n = int.from_bytes(digest[:5], "big")
    chars = "".join(receipt_lib.ALPHABET[(n >> (5 * i)) & 31] for i in range(5))
    return f"Pelapor-{chars}"
