"""Throughput of the screening pipeline vs the data README's baseline, on the same posts, one core.

Baseline: TF-IDF (word 1-2 + char 2-5) + logistic regression trained on pilpres2019 (in this
process only; nothing is saved). Subject: ``screening.nlp.Pipeline`` for pemilu-2024 (normalise,
find contestants, stance cues, masked model). Posts: the shared corpora cycled to ``--n`` posts.

    uv run python bench/screening.py [--n 100000] [--workers 2 --million]

The two run interleaved, 5,000 posts at a time, so that the shared machine's changing load falls on
both alike. Prints both throughputs (posts/s) and the ratio subject/baseline (higher is better). With
``--million`` it also streams 1,000,000 posts through ``--workers`` processes and prints the time;
these posts are not repeats of one another (halves of two corpus posts and a made-up word of their
own, built inside the worker processes).
Reads ../shared/data; exits cleanly when it is missing.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jaganetral.screening.nlp import ElectionSpec, Pipeline, corpora  # noqa: E402

DATA = (ROOT / ".." / "shared" / "data").resolve()
ELECTION = ROOT / "src" / "jaganetral" / "reference" / "data" / "elections" / "pemilu-2024.yaml"


def posts(n: int) -> list[str]:
    pool = [t for t, _ in corpora.campaign2024(DATA)]
    pool += [t for t, _ in corpora.everyday(DATA, "all")]
    pool += [t for t, _ in corpora.hatespeech(DATA)]
    pool += [t for t, _ in corpora.pilpres2019(DATA)]
    return list(itertools.islice(itertools.cycle(pool), n))


def baseline_model() -> object:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    rows = list(corpora.pilpres2019(DATA))
    texts = [t for t, _ in rows]
    labels = [0 if lab == "netral" else 1 for _, lab in rows]
    model = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(max_iter=1000),
    )
    model.fit(texts, labels)
    return model


def _pipeline() -> Pipeline:
    return Pipeline(ElectionSpec.from_dict(yaml.safe_load(ELECTION.read_text(encoding="utf-8"))))


_WORKER_PIPE: Pipeline | None = None
_WORKER_POOL: list[str] = []
_LETTERS = "bcdfghjklmnpqrstvwxz"


def _tag(j: int) -> str:
    """A made-up word unique to post ``j`` (letters only, so never a ballot number)."""
    out = "zq"
    while True:
        j, r = divmod(j, len(_LETTERS))
        out += _LETTERS[r]
        if not j:
            return out


def unique_post(pool: list[str], j: int) -> str:
    """Post ``j`` of the million: the first half of one corpus post, the second half of another and
    a made-up word of its own, so that no two posts repeat (the tokeniser's cache helps only as much
    as real posts sharing words would)."""
    n = len(pool)
    a = pool[j % n].split()
    b = pool[(j * 7919 + j // n) % n].split()
    words = a[: (len(a) + 1) // 2] + b[len(b) // 2 :]
    words.insert(j % (len(words) + 1), _tag(j))
    return " ".join(words)


def _init(pool: list[str]) -> None:
    global _WORKER_PIPE, _WORKER_POOL
    _WORKER_POOL = pool
    _WORKER_PIPE = _pipeline()
    _WORKER_PIPE.classify("pemanasan")


def _work(span: tuple[int, int]) -> int:
    assert _WORKER_PIPE is not None
    classify = _WORKER_PIPE.classify
    pool = _WORKER_POOL
    return sum(1 for j in range(*span) if classify(unique_post(pool, j))["partisan"])


def _warm(_: int) -> int:
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--million", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not (DATA / "corpora").exists():
        print(f"skip: {DATA} not found")
        return 0
    data = posts(args.n)
    pipe = _pipeline()
    base = baseline_model()
    pipe.classify("pemanasan")  # load lexicons outside the timing

    # interleaved in chunks of 5,000, so that a change in the machine's load hits both alike
    chunk = 5000
    flagged = base_flagged = 0
    t_subject = t_base = 0.0
    for i in range(0, len(data), chunk):
        part = data[i : i + chunk]
        t0 = time.perf_counter()
        flagged += sum(1 for t in part if pipe.classify(t)["partisan"])
        t1 = time.perf_counter()
        base_flagged += int(base.predict(part).sum())  # type: ignore[attr-defined]
        t2 = time.perf_counter()
        t_subject += t1 - t0
        t_base += t2 - t1
    subject = len(data) / t_subject
    baseline = len(data) / t_base
    print(f"posts: {len(data)}")
    print(f"pipeline: {subject:,.0f} posts/s (flagged {flagged / len(data):.1%})")
    print(f"baseline TF-IDF+LR: {baseline:,.0f} posts/s (flagged {base_flagged / len(data):.1%})")
    print(f"ratio pipeline/baseline: {subject / baseline:.1f}x")

    if args.million:
        total = 1_000_000
        pool = data[: min(len(data), 50_000)]
        spans = [(i, i + 10_000) for i in range(0, total, 10_000)]
        with get_context("spawn").Pool(args.workers, initializer=_init, initargs=(pool,)) as workers:
            workers.map(_warm, range(args.workers * 4))  # processes started, pipelines built
            t3 = time.perf_counter()
            n_flag = sum(workers.imap_unordered(_work, spans))
            t4 = time.perf_counter()
        print(
            f"1,000,000 posts, no two alike, on {args.workers} processes: {t4 - t3:.1f} s ({n_flag} flagged)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
