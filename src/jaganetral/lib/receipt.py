"""Receipt codes for reporters. Pure Python.

A receipt is 20 characters of Crockford base32 (100 random bits), shown in five groups of four:
``7KQ2-M9XD-4HPA-0RWT-ZB3E``. The first group is a non-secret *lookup prefix* stored in clear so a
look-up checks only a handful of Argon2 hashes; the other 16 characters (80 bits) are secret and
stored only inside the Argon2 hash of the whole code. Input is forgiving: case, spaces, dashes,
and the look-alikes I/L (→ 1) and O (→ 0) are accepted.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 20
PREFIX_LENGTH = 4
GROUP = 4
SECRET_BITS = (LENGTH - PREFIX_LENGTH) * 5
_LOOKALIKE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


class ReceiptError(ValueError):
    pass


def generate() -> str:
    """A new receipt code in canonical form (20 characters, no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def public_reference(year: int) -> str:
    """A report's staff-facing reference, e.g. ``LPR-2026-7KQ2-M9XD``: 40 random bits, so it tells
    nothing about how many reports came before (a sequential number would). Not a secret."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"LPR-{year}-{body[:4]}-{body[4:]}"


def normalize(raw: str) -> str:
    """Canonical form of a typed receipt, or :class:`ReceiptError` when it cannot be one."""
    if raw is None or len(raw) > 60:
        raise ReceiptError("Kode tanda terima tidak sah.")
    value = "".join(ch for ch in raw.upper() if ch not in " -\t\n\r").translate(_LOOKALIKE)
    if len(value) != LENGTH or any(ch not in ALPHABET for ch in value):
        raise ReceiptError("Kode tanda terima terdiri dari 20 huruf dan angka (5 kelompok berisi 4).")
    return value


def prefix(code: str) -> str:
    return code[:PREFIX_LENGTH]


def display(code: str) -> str:
    """Grouped for people: ``XXXX-XXXX-XXXX-XXXX-XXXX``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
