"""Readers for the shared evaluation corpora (``../shared/data/corpora``), which stay outside the repo.

Only everyday_tweets (Apache-2.0) may be used to train a model that is shipped; the others are read
for evaluation and benchmarks. Each reader yields ``(text, label)`` and skips unreadable rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .normalize import fix_mojibake

csv.field_size_limit(10_000_000)


def shared_data_dir(start: Path) -> Path:
    """``<repo>/../shared/data`` for a file somewhere inside the repository."""
    for parent in [start, *start.parents]:
        if (parent / "pyproject.toml").exists():
            return (parent / ".." / "shared" / "data").resolve()
    return (start / ".." / "shared" / "data").resolve()


def pilpres2019(root: Path) -> Iterator[tuple[str, str]]:
    """Pilpres 2019 tweets: (text, positif|netral|negatif). Handles the file's mixed quoting."""
    raw = (root / "corpora" / "pilpres2019" / "tweet.csv").read_bytes().decode("utf-8", errors="replace")
    lines = raw.splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        row = next(csv.reader([line]), [])
        if len(row) == 1:
            row = next(csv.reader([row[0]]), [])
        if len(row) < 3 or row[1] not in ("positif", "netral", "negatif"):
            continue
        yield fix_mojibake(",".join(row[2:])), row[1]


def everyday(root: Path, split: str = "train") -> Iterator[tuple[str, str]]:
    """IndoNLU EmoT tweets (Apache-2.0): (text, emotion). ``split``: train | valid | test | all."""
    names = ["train", "valid", "test"] if split == "all" else [split]
    for name in names:
        path = root / "corpora" / "everyday_tweets" / f"{name}_preprocess.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("tweet"):
                    yield row["tweet"], row.get("label") or ""


def hatespeech(root: Path) -> Iterator[tuple[str, str]]:
    """Abusive/hate-speech tweets (CC BY-NC-SA, evaluation only): (text, "HS=..,Abusive=..")."""
    path = root / "corpora" / "hatespeech_multilabel" / "re_dataset.csv"
    data = path.read_bytes().decode("utf-8", errors="replace")
    for row in csv.DictReader(io.StringIO(data)):
        text = row.get("Tweet") or ""
        if text:
            yield text, f"HS={row.get('HS')},Abusive={row.get('Abusive')}"


def campaign2024(root: Path) -> Iterator[tuple[str, str]]:
    """Pilpres 2024 campaign tweets (licence unknown, evaluation/benchmarks only): (text, topic)."""
    path = root / "corpora" / "campaign2024_tweets" / "dataset_penyisihan_bdc_2024.csv"
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as fh:
        for row in csv.DictReader(fh):
            if row.get("text"):
                yield row["text"], row.get("label") or ""
