"""Post files (CSV, JSONL, tweet-harvest CSV): the one reader, used by the post import
(``screening/actions``) and by ``jaganetral screening classify``/``evaluate``; and the classify and
evaluate runners.

Everything streams: memory stays flat in the file size. Pure Python; the dask engine is optional.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from jaganetral.lib.i18n import gettext as _

from .contestants import ElectionSpec
from .model import LinearModel
from .pipeline import Pipeline

FORMATS = ("tweet-harvest", "csv", "jsonl")  # as screening.models.ImportFormat
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
# our fields -> a tweet-harvest CSV's columns
TWEET_HARVEST_MAP = {
    "id": "id_str",
    "text": "full_text",
    "handle": "username",
    "url": "tweet_url",
    "created_at": "created_at",
    "reply_to": "in_reply_to_screen_name",
}
GENERIC_MAP = {"id": "id", "text": "text", "handle": "username", "url": "url"}
POST_FIELDS = tuple(TWEET_HARVEST_MAP)
MAX_TEXT = 20_000
# characters in one CSV field; the csv module's limit is the process's, so each reader sets it
MAX_FIELD = 1_000_000


class InputError(ValueError):
    """A file that cannot be read as asked; the message is for people (Indonesian, translated)."""


class CsvError(InputError):
    """The csv module stopped on the file; ``line`` is its line count then (1: in the header)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(_("baris %(line)d: CSV rusak (%(detail)s)") % {"line": line, "detail": detail})
        self.line = line
        self.detail = detail


class MissingColumns(InputError):
    """A CSV header without some of the columns asked for."""

    def __init__(self, missing: list[str], present: list[str]) -> None:
        super().__init__(_("kolom wajib tidak ada di berkas: %(columns)s") % {"columns": ", ".join(missing)})
        self.missing = missing
        self.present = present


def post_mapping(file_format: str, mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Our fields -> the file's columns: tweet-harvest's names; other formats default to
    id, text, username, url unless ``mapping`` says otherwise."""
    cols = dict(TWEET_HARVEST_MAP)
    if file_format != "tweet-harvest" and not mapping:
        cols.update(GENERIC_MAP)
    cols.update(mapping or {})
    return cols


def required_columns(file_format: str, mapping: dict[str, str]) -> tuple[str, ...]:
    """Columns a CSV must have for an import to mean anything (JSONL has no header to check)."""
    if file_format == "jsonl":
        return ()
    return (mapping["id"], mapping["text"], mapping["handle"])


def text_stream(raw: IO[bytes]) -> io.TextIOWrapper:
    """A post file opened in binary, as text: UTF-8 (a BOM dropped, bad bytes replaced), line ends
    left to the csv module. ``raw.tell()`` then says how far the reading has come."""
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def open_text(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise InputError(
            _("berkas tidak dapat dibuka: %(path)s (%(reason)s)") % {"path": path, "reason": exc.strerror}
        ) from exc


class PostReader:
    """The rows of a post file (CSV, tweet-harvest CSV or JSONL) as dicts, streamed.

    ``line`` is the file line where the row last read ends, for error messages; ``row`` is that
    row's number counting a CSV header as row 1 (in JSONL, its line). A CSV without the
    ``required`` columns raises :class:`MissingColumns`, one the csv module cannot parse
    :class:`CsvError`, a JSONL line that is not a JSON object :class:`InputError` naming the line."""

    def __init__(self, fh: IO[str], file_format: str, *, required: Iterable[str] = ()) -> None:
        if file_format not in FORMATS:
            raise InputError(_("format berkas tidak dikenal (tweet-harvest, csv atau jsonl)"))
        self.fh = fh
        self.line = self.row = 0
        self._csv: csv.DictReader[str] | None = None
        if file_format != "jsonl":
            csv.field_size_limit(MAX_FIELD)
            self._csv = csv.DictReader(fh)
            try:
                fields = self._csv.fieldnames or []
            except csv.Error as exc:
                raise CsvError(1, str(exc)) from None
            missing = [c for c in required if c not in fields]
            if missing:
                raise MissingColumns(missing, list(fields))
            self.line = self.row = 1

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._csv is not None:
            reader = self._csv
            try:
                for row in reader:
                    self.line = reader.line_num
                    self.row += 1
                    yield row
            except csv.Error as exc:
                raise CsvError(reader.line_num, str(exc)) from None
            return
        for n, raw in enumerate(self.fh, start=1):
            self.line = self.row = n
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(
                    _("baris %(line)d: bukan JSON yang sah (%(detail)s)") % {"line": n, "detail": exc.msg}
                ) from None
            if not isinstance(obj, dict):
                raise InputError(_("baris %(line)d: harus berupa objek JSON") % {"line": n})
            yield obj


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
    """Records to classify or evaluate, from an open text file. ``fmt``: csv | jsonl | tweet-harvest
    (whose id and text columns are always its own). A record without an id takes its row number.
    Errors keep the command's wording: the missing columns with the ones there are, the row after
    the last one read."""
    if fmt == "tweet-harvest":
        id_column, text_column = TWEET_HARVEST_MAP["id"], TWEET_HARVEST_MAP["text"]
    # the id column is optional (row numbers are used without it); text and label are not
    try:
        reader = PostReader(fh, fmt, required=[c for c in (text_column, label_column) if c])
    except MissingColumns as exc:
        have = ", ".join(exc.present)
        raise InputError(
            _("kolom tidak ada di berkas: %(columns)s (ada: %(present)s)")
            % {"columns": ", ".join(exc.missing), "present": have}
        ) from exc
    except CsvError as exc:
        raise InputError(_("CSV rusak: %(detail)s") % {"detail": exc.detail}) from exc
    try:
        for row in reader:
            yield _record(row, reader.row, id_column, text_column, label_column)
    except CsvError as exc:
        raise InputError(
            _("baris %(line)d: CSV rusak (%(detail)s)") % {"line": reader.row + 1, "detail": exc.detail}
        ) from exc


def _record(row: dict[str, Any], n: int, id_col: str, text_col: str, label_col: str | None) -> Record:
    if text_col not in row:
        raise InputError(
            _("baris %(line)d: kolom %(column)s tidak ada") % {"line": n, "column": repr(text_col)}
        )
    text = str(row.get(text_col) or "")[:MAX_TEXT]
    rid = str(row.get(id_col) or "").strip() or str(n)
    reply = row.get(TWEET_HARVEST_MAP["reply_to"]) or None
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
        raise InputError(_("mesin dask tidak terpasang: pasang dengan `uv sync --extra dask`")) from exc
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
