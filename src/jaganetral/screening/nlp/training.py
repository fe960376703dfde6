"""Build the shipped stance model: synthetic templated posts + everyday tweets (Apache-2.0) as "none".

Run ``python -m jaganetral.screening.nlp.training [--everyday DIR] [--out PATH]``. Everything here is
masked through ``Pipeline.masked`` of the fictitious training election, so no real contestant name
enters the model. ``extra`` lets ``jaganetral screening train`` add reviewers' labelled posts (each
masked with its own election's pipeline).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import corpora, synth
from .model import DEFAULT_MODEL_PATH, LinearModel, train
from .pipeline import Pipeline


def build(
    *,
    everyday_root: Path | None = None,
    everyday_limit: int = 3000,
    extra: Iterable[tuple[Sequence[str], str]] = (),
    n_per_template: int = 6,
) -> LinearModel:
    pipe = Pipeline(synth.FICTIONAL, model=False)
    data: list[tuple[Sequence[str], str]] = []
    for text, label in synth.samples(n_per_template):
        data.append((pipe.masked(text), label))
    n_everyday = 0
    if everyday_root is not None:
        for i, (text, _emotion) in enumerate(corpora.everyday(everyday_root, "train")):
            if i >= everyday_limit:
                break
            data.append((pipe.masked(text), "none"))
            n_everyday += 1
    n_extra = 0
    for toks, label in extra:
        data.append((toks, label))
        n_extra += 1
    meta = {
        "synthetic": len(data) - n_everyday - n_extra,
        "everyday_tweets": n_everyday,
        "reviewer_labels": n_extra,
        "licence": "Apache-2.0 (synthetic templates + IndoNLU EmoT tweets, Apache-2.0)",
    }
    return train(data, meta=meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=corpora.shared_data_dir(Path(__file__).resolve()))
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    args = ap.parse_args(argv)
    root = args.data if (args.data / "corpora" / "everyday_tweets").exists() else None
    model = build(everyday_root=root)
    model.save(args.out)
    sys.stdout.write(f"{args.out}: {len(model.weights)} features, {model.meta}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
