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
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.lib import receipt as receipt_lib
from jaganetral.lib.crypto import (
    Sealer,
    decrypt_blob,
    encrypt_blob,
    find_keys,
    key_id,
    load_sealer,
    seal_key_path,
)


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


def evidence_aad(uid: object) -> str:
    return f"intake.evidence:{uid}"


def encrypt_original(uid: object, data: bytes) -> tuple[bytes, str]:
    """An evidence original encrypted at rest: the file under its own data key, the data key sealed
    with the seal key (never stored in clear, never in the file)."""
    blob, data_key = encrypt_blob(data, aad=evidence_aad(uid).encode())
    return blob, sealer().seal(data_key, aad=(evidence_aad(uid) + ":key").encode())


def decrypt_original(uid: object, blob: bytes, sealed_key: str) -> bytes:
    data_key = sealer().open(sealed_key, aad=(evidence_aad(uid) + ":key").encode())
    return decrypt_blob(blob, data_key, aad=evidence_aad(uid).encode())


def identity_aad(uid: object) -> str:
    return f"intake.identity:{uid}"


def witnesses_aad(uid: object) -> str:
    return f"intake.witnesses:{uid}"


def notify_email_aad(uid: object) -> str:
    return f"intake.notify_email:{uid}"


def pseudonym(uid: object) -> str:
    """A stable, meaningless name for staff: ``Pelapor-K7QM``."""
    digest = hmac.new(sealer().derive("pseudonym"), str(uid).encode(), hashlib.sha256).digest()
    n = int.from_bytes(digest[:5], "big")
    chars = "".join(receipt_lib.ALPHABET[(n >> (5 * i)) & 31] for i in range(5))
    return f"Pelapor-{chars}"


def sealed_key_ids() -> dict[str, int]:
    """Which keys the stored sealed values were sealed with: key id -> how many values."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from jaganetral.intake.models import Report

    used: dict[str, int] = {}
    for column in ("identity_sealed", "witnesses_sealed", "notify_email_sealed"):
        rows = (
            Report.objects.exclude(**{column: ""})
            .annotate(kid=Substr(column, 4, 8))
            .values("kid")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            used[row["kid"]] = used.get(row["kid"], 0) + row["n"]
    return used


def key_problem() -> str | None:
    """Why sealed identities could not be opened with the key configured now, or None.

    Checked before anything would generate a new key: a restored database without its key must
    not silently get a fresh key that seals new reports while the old ones stay unreadable.
    """
    used = sealed_key_ids()
    if not used:
        return None
    count = sum(used.values())
    ids = ", ".join(sorted(used))
    keys = find_keys(settings.INTAKE_SEAL_KEY_FILE)
    if keys is None:
        where = seal_key_path(settings.INTAKE_SEAL_KEY_FILE) or "JAGANETRAL_SEAL_KEY"
        return _(
            "kunci segel tidak ada: %(n)d nilai tersegel memakai kunci %(ids)s, tetapi %(where)s "
            "tidak ada; pulihkan kuncinya (jaganetral restore --keys BERKAS) sebelum memulai."
        ) % {"n": count, "ids": ids, "where": where}
    have = {key_id(k) for k in keys}
    missing = sorted(set(used) - have)
    if missing:
        return _(
            "kunci segel berbeda: nilai tersegel memakai kunci %(ids)s, yang terpasang %(have)s; "
            "pasang kunci yang benar (jaganetral restore --keys BERKAS) sebelum memulai."
        ) % {"ids": ", ".join(missing), "have": ", ".join(sorted(have))}
    return None
