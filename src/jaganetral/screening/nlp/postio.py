"""Streaming readers for posts (CSV, JSONL, tweet-harvest CSV) and the classify/evaluate runners.

Everything streams: memory stays flat in the file size. Pure Python; the dask engine is optional.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .contestants import ElectionSpec
from .model import LinearModel
from .pipeline import Pipeline

csv.field_size_limit(1_000_000)

TWEET_HARVEST_COLUMNS = (
    "conversation_id_str",
    "created_at",
    "favorite_count",
    "full_text",
    "id_str",
    "image_url",
    "in_reply_to_screen_name",
    "lang",
    "location",
    "quote_count",
    "reply_count",
    "retweet_count",
    "tweet_url",
    "user_id_str",
    "username",
)
MAX_TEXT = 20_000


class InputError(ValueError):
    """A file that cannot be read as asked; the message is for people (Indonesian)."""


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    reply_to: str | None = None
    label: str | None = None
    extra: dict[str, str] | None = None


def read_records(
    fh: IO[str],
    fmt: str,
    *,
    id_column: str = "id",
    text_column: str = "text",
    label_column: str | None = None,
) -> Iterator[Record]:
    """Yield records from an open text file. ``fmt``: csv | jsonl | tweet-harvest."""
    if fmt == "tweet-harvest":
        id_column, text_column = "id_str", "full_text"
        fmt = "csv"
    if fmt == "csv":
        reader = csv.DictReader(fh)
        try:
            fields = reader.fieldnames or []
        except csv.Error as exc:
            raise InputError(f"CSV rusak: {exc}") from exc
        # the id column is optional (row numbers are used without it); text and label are not
        missing = [c for c in (text_column, label_column) if c and c not in fields]
        if missing:
            raise InputError(f"kolom tidak ada di berkas: {', '.join(missing)} (ada: {', '.join(fields)})")
        n = 1
        try:
            for n, row in enumerate(reader, start=2):
                yield _record(row, n, id_column, text_column, label_column)
        except csv.Error as exc:
            raise InputError(f"baris {n + 1}: CSV rusak ({exc})") from exc
    elif fmt == "jsonl":
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"baris {n}: bukan JSON yang sah ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise InputError(f"baris {n}: harus berupa objek JSON")
            yield _record(obj, n, id_column, text_column, label_column)
    else:
        raise InputError(f"format tidak dikenal: {fmt} (pilih csv, jsonl atau tweet-harvest)")


def _record(row: dict[str, Any], n: int, id_col: str, text_col: str, label_col: str | None) -> Record:
    if text_col not in row:
        raise InputError(f"baris {n}: kolom {text_col!r} tidak ada")
    text = str(row.get(text_col) or "")[:MAX_TEXT]
    rid = str(row.get(id_col) or "").strip() or str(n)
    reply = row.get("in_reply_to_screen_name") or None
    label = None
    if label_col:
        value = row.get(label_col)
        label = None if value is None else str(value).strip()
    return Record(rid, text, str(reply) if reply else None, label)


def chunks(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


_PIPES: dict[tuple[ElectionSpec, str], Pipeline] = {}


def classify_chunk(
    spec: ElectionSpec, records: list[Record], model: LinearModel | None = None
) -> list[dict[str, Any]]:
    """Classify a list of records (the unit of work for both engines; pipelines cached per process).
    ``model``: a retrained model to use instead of the shipped one (sent to Dask workers as data)."""
    key = (spec, model.digest() if model is not None else "")
    pipe = _PIPES.get(key)
    if pipe is None:
        pipe = _PIPES[key] = Pipeline(spec, model=model if model is not None else True)
    out = []
    for r in records:
        res = pipe.classify(r.text, reply_to=r.reply_to)
        out.append({"id": r.id, **res})
    return out


def run_local(
    spec: ElectionSpec,
    records: Iterable[Record],
    chunk_size: int = 2000,
    model: LinearModel | None = None,
) -> Iterator[list[dict[str, Any]]]:
    for chunk in chunks(records, chunk_size):
        yield classify_chunk(spec, chunk, model)


def run_dask(
    spec: ElectionSpec,
    records: Iterable[Record],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    chunk_size: int = 5000,
    in_flight: int = 8,
    model: LinearModel | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Same as ``run_local`` on a Dask cluster: partitions are submitted with bounded look-ahead
    (memory stays flat) and results come back in input order, so the output is identical."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise InputError("mesin dask tidak terpasang: pasang dengan `uv sync --extra dask`") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        spec_future = client.scatter(spec, broadcast=True)
        model_future = client.scatter(model, broadcast=True) if model is not None else None
        pending: list[Any] = []
        for chunk in chunks(records, chunk_size):
            pending.append(client.submit(classify_chunk, spec_future, chunk, model_future, pure=False))
            if len(pending) >= in_flight:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_jsonl(
    results: Iterable[list[dict[str, Any]]], out: IO[str], progress: Callable[[int], None]
) -> int:
    n = 0
    for batch in results:
        for res in batch:
            out.write(json.dumps(res, ensure_ascii=False) + "\n")
        n += len(batch)
        progress(n)
    return n


# labels that carry a direction as well as "partisan" (sentiment and stance corpora use these)
SUPPORT_LABELS = frozenset({"support", "positif", "positive", "for", "pro", "dukung"})
ATTACK_LABELS = frozenset({"attack", "negatif", "negative", "against", "kontra", "serang"})
POSITIVE_LABELS = frozenset({"1", "true", "yes", "ya", "partisan", *SUPPORT_LABELS, *ATTACK_LABELS})


def is_positive(label: str | None) -> bool:
    return (label or "").strip().lower() in POSITIVE_LABELS


def label_direction(label: str | None) -> str | None:
    """``support`` / ``attack`` when the label says which, else None."""
    low = (label or "").strip().lower()
    return "support" if low in SUPPORT_LABELS else "attack" if low in ATTACK_LABELS else None


def evaluate(pipe: Pipeline, records: Iterable[Record]) -> dict[str, Any]:
    """Precision, recall, F1, flag rate and the confusion matrix against a label column."""
    tp = fp = fn = tn = 0
    dir_n = dir_ok = 0
    for r in records:
        gold = is_positive(r.label)
        res = pipe.classify(r.text, reply_to=r.reply_to)
        pred = bool(res["partisan"])
        if gold and pred:
            tp += 1
            want = label_direction(r.label)
            if want is not None:
                dir_n += 1
                dir_ok += res["direction"] == want
        elif pred:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
    n = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": n,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "flag_rate": round((tp + fp) / n, 4) if n else 0.0,
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
        # among flagged partisan posts whose label says support or attack: the share whose direction
        # is right (null when the labels carry no direction)
        "direction_accuracy": round(dir_ok / dir_n, 4) if dir_n else None,
        "direction_n": dir_n,
    }


def open_text(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise InputError(f"berkas tidak dapat dibuka: {path} ({exc.strerror})") from exc
