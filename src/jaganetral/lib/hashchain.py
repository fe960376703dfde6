"""Hash-chained, append-only event logs. Pure Python.

Each event's hash covers the previous event's hash and the event's own canonical JSON, so
changing, removing or reordering any stored event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def link(prev_hash: str, payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(payload)).hexdigest()


def verify(events: Iterable[tuple[str, str, Mapping[str, Any]]]) -> list[int]:
    """Check (stored_prev_hash, stored_hash, payload) rows in order; return the broken positions."""
    broken: list[int] = []
    expected_prev = GENESIS
    for position, (prev_hash, stored_hash, payload) in enumerate(events):
        if prev_hash != expected_prev or link(prev_hash, payload) != stored_hash:
            broken.append(position)
        expected_prev = stored_hash
    return broken
