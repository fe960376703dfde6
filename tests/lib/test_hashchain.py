from __future__ import annotations

from typing import Any

from jaganetral.lib.hashchain import GENESIS, link, verify


def _chain(payloads: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    rows, prev = [], GENESIS
    for payload in payloads:
        h = link(prev, payload)
        rows.append((prev, h, payload))
        prev = h
    return rows


def test_an_untouched_chain_verifies() -> None:
    assert verify(_chain([{"n": i, "to": "registered"} for i in range(5)])) == []


def test_editing_a_payload_is_detected() -> None:
    rows = _chain([{"n": i} for i in range(5)])
    prev, h, _ = rows[2]
    rows[2] = (prev, h, {"n": 99})
    assert verify(rows) == [2]


def test_removing_an_event_is_detected() -> None:
    rows = _chain([{"n": i} for i in range(5)])
    del rows[1]
    assert verify(rows) == [1]


def test_key_order_does_not_matter() -> None:
    assert link(GENESIS, {"a": 1, "b": 2}) == link(GENESIS, {"b": 2, "a": 1})
