"""Set up Django on a fresh in-memory SQLite database for a benchmark run."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def setup() -> None:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("JAGANETRAL_VAR_DIR", tempfile.mkdtemp(prefix="jn-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "jaganetral.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from jaganetral.reference.actions import load_reference

    load_reference()


def compare(subject: Callable[[], object], baseline: Callable[[], object], rounds: int) -> dict[str, float]:
    """Interleave both callables; return percentiles in ms and the ratio of medians and p95s."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subject()
        t1 = time.perf_counter()
        baseline()
        t2 = time.perf_counter()
        a.append((t1 - t0) * 1000)
        b.append((t2 - t1) * 1000)

    def p(xs: list[float], q: int) -> float:
        return statistics.quantiles(xs, n=100)[q - 1]

    return {
        "subject_p50_ms": statistics.median(a),
        "subject_p95_ms": p(a, 95),
        "baseline_p50_ms": statistics.median(b),
        "baseline_p95_ms": p(b, 95),
        "ratio_p50": statistics.median(a) / statistics.median(b),
        "ratio_p95": p(a, 95) / p(b, 95),
    }
