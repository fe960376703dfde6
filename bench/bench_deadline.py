"""Deadline arithmetic through the public API vs. a trivial endpoint on the same stack."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _django


def main() -> None:
    _django.setup()
    from django.test import Client

    client = Client()
    params = {"start": "2024-04-05", "days": 7, "working": "true"}

    def subject() -> None:
        res = client.get("/api/v1/calendar/add-days", params)
        assert res.status_code == 200 and res.json()["result"] == "2024-04-24"

    def baseline() -> None:
        assert client.get("/healthz").status_code == 200

    for _ in range(20):
        subject(), baseline()
    result = _django.compare(subject, baseline, rounds=300)
    print(json.dumps({k: round(v, 3) for k, v in result.items()}))
    print(f"ratio (p95 add-days / p95 healthz): {result['ratio_p95']:.2f}")


if __name__ == "__main__":
    main()
