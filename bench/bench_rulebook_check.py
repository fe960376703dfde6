"""Self-check latency: `GET /api/v1/rules/check` over the scenario questions (and 2,000-character
ones, including random non-words) vs `GET /healthz` through the same middleware stack.
Target: p95 under 50 ms on 2 cores."""

from __future__ import annotations

import itertools
import json
import random
import statistics
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml

import _django

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    _django.setup()
    from django.test import Client

    from jaganetral.rulebook import selectors

    scenarios = yaml.safe_load((ROOT / "tests" / "rulebook" / "scenarios.yaml").read_text(encoding="utf-8"))
    questions = [str(s["text"]) for s in scenarios]
    long_q = ("saya ngelike postingan capres 02 lalu share ke grup wa kantor, boleh gak? " * 40)[:2000]
    questions += [long_q] * max(1, len(questions) // 20)  # the longest allowed question
    # and 2,000 characters of unknown words (every one a typo-correction candidate)
    rng = random.Random(7)
    for _ in range(max(1, len(questions) // 20)):
        words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 12))) for _ in range(250)]
        questions.append(" ".join(words)[:2000])
    rng.shuffle(questions)
    cycle = itertools.cycle(questions)
    client = Client()

    def subject() -> None:
        res = client.get("/api/v1/rules/check", {"q": next(cycle)})
        assert res.status_code == 200, res.content

    def baseline() -> None:
        assert client.get("/healthz").status_code == 200

    # The first question builds the analyzer (lexicons, phrase index): report it separately.
    t0 = time.perf_counter()
    subject()
    cold_ms = (time.perf_counter() - t0) * 1000
    for _ in range(30):
        subject(), baseline()
    result = _django.compare(subject, baseline, rounds=len(questions) * 3)

    # The matcher alone (no HTTP, no database), over the same questions.
    version = selectors.current_version()
    assert version is not None
    matcher = selectors.matcher(version)
    times = []
    for q in questions * 3:
        t = time.perf_counter()
        matcher.check(q)
        times.append((time.perf_counter() - t) * 1000)
    result["matcher_only_p50_ms"] = statistics.median(times)
    result["matcher_only_p95_ms"] = statistics.quantiles(times, n=100)[94]
    result["cold_first_check_ms"] = cold_ms
    print(json.dumps({k: round(v, 3) for k, v in result.items()}))
    print(f"ratio (p95 check / p95 healthz): {result['ratio_p95']:.2f}")
    verdict = "OK" if result["subject_p95_ms"] < 50 else "OVER TARGET"
    print(f"check p95: {result['subject_p95_ms']:.1f} ms (target < 50 ms): {verdict}")


if __name__ == "__main__":
    main()
