"""Post files: the column mappings, the streaming reader, and importing the posts of registered accounts."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.screening.errors import ImportReport, ScreeningError
from jaganetral.screening.models import ImportFormat, Platform, Post, SocialAccount

MAX_REPORTED_ERRORS = 1000  # row errors kept in an import report (all are counted)


def _parse_time(value: str) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        try:  # tweet-harvest / Twitter: "Wed Oct 10 20:19:24 +0000 2018"
            parsed = dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
        except ValueError:
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


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


MAX_COLUMN_NAME = 100


def clean_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """A column mapping as sent by a person: known fields only, non-empty column names (stripped,
    at most MAX_COLUMN_NAME characters); empty entries mean "the default column"."""
    out: dict[str, str] = {}
    for key, column in (mapping or {}).items():
        if key not in POST_FIELDS:
            raise ScreeningError(f"bidang pemetaan tidak dikenal: {str(key)[:30]!r}")
        column = str(column).strip()
        if not column:
            continue
        if len(column) > MAX_COLUMN_NAME:
            raise ScreeningError(f"nama kolom untuk {key} terlalu panjang (maks {MAX_COLUMN_NAME} huruf)")
        out[key] = column
    return out


def post_mapping(file_format: str, mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Our fields -> the file's columns: tweet-harvest's names; other formats default to
    id, text, username, url unless ``mapping`` says otherwise."""
    cols = dict(TWEET_HARVEST_MAP)
    if file_format != ImportFormat.TWEET_HARVEST and not mapping:
        cols.update(GENERIC_MAP)
    cols.update(mapping or {})
    return cols


class PostReader:
    """The rows of a posts file (CSV or JSONL) as dicts, streamed. ``line`` is the file line of the
    row last read, for error messages. A CSV without the ``required`` columns, or a row that cannot
    be parsed, raises ScreeningError naming the line."""

    def __init__(self, fh: IO[str], file_format: str, *, required: Iterable[str] = ()) -> None:
        if file_format not in ImportFormat.values:
            raise ScreeningError("format berkas tidak dikenal (tweet-harvest, csv atau jsonl)")
        self.fh = fh
        self.line = 0
        self._csv: csv.DictReader[str] | None = None
        if file_format != ImportFormat.JSONL:
            self._csv = csv.DictReader(fh)
            try:
                fields = self._csv.fieldnames or []
            except csv.Error as exc:
                raise ScreeningError(f"baris 1: CSV rusak ({exc})") from None
            missing = [c for c in required if c not in fields]
            if missing:
                raise ScreeningError(f"kolom wajib tidak ada di berkas: {', '.join(missing)}")
            self.line = 1

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._csv is not None:
            reader = self._csv
            try:
                for row in reader:
                    self.line = reader.line_num
                    yield row
            except csv.Error as exc:
                raise ScreeningError(f"baris {reader.line_num}: CSV rusak ({exc})") from None
            return
        for n, raw in enumerate(self.fh, start=1):
            self.line = n
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ScreeningError(f"baris {n}: bukan JSON yang sah ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise ScreeningError(f"baris {n}: harus berupa objek JSON")
            yield obj


def required_columns(file_format: str, mapping: dict[str, str]) -> tuple[str, ...]:
    """Columns a CSV must have for an import to mean anything (JSONL has no header to check)."""
    if file_format == ImportFormat.JSONL:
        return ()
    return (mapping["id"], mapping["text"], mapping["handle"])


def import_posts(
    rows: Iterable[dict[str, Any]],
    *,
    actor: User | None,
    mapping: dict[str, str] | None = None,
    platform: str = Platform.X,
    batch: int = 1000,
    progress: Callable[[int, ImportReport], None] | None = None,
) -> ImportReport:
    """Import posts in batches (streaming; each batch its own transaction). Re-import adds nothing.

    Posts by accounts that are not registered ASN accounts are counted and dropped, never stored.
    ``mapping`` maps our fields (id, text, handle, url, created_at, reply_to) to the file's columns;
    the default is tweet-harvest's. ``progress(rows_read, report)`` is called every ``batch`` rows
    and at the end. Row errors name the file line when ``rows`` is a :class:`PostReader`.
    """
    cols = {**TWEET_HARVEST_MAP, **(mapping or {})}
    report = ImportReport()
    accounts = {a.handle: a for a in SocialAccount.objects.filter(platform=platform)}
    buf: list[Post] = []
    n = 0

    def flush() -> None:
        with transaction.atomic():
            ids = [p.external_id for p in buf]
            existing = set(
                Post.objects.filter(platform=platform, external_id__in=ids).values_list(
                    "external_id", flat=True
                )
            )
            new = [p for p in buf if p.external_id not in existing]
            Post.objects.bulk_create(new, ignore_conflicts=True)
            report.created += len(new)
            report.skipped += len(buf) - len(new)
        buf.clear()

    for n, row in enumerate(rows, start=1):
        if progress and n > 1 and (n - 1) % batch == 0:
            progress(n - 1, report)
        ext = str(row.get(cols["id"]) or "").strip()
        if not ext or len(ext) > 64:
            report.error_rows += 1
            if len(report.errors) < MAX_REPORTED_ERRORS:
                line = rows.line if isinstance(rows, PostReader) else n
                report.errors.append(f"baris {line}: id kosong atau terlalu panjang")
            continue
        handle = str(row.get(cols["handle"]) or "").lstrip("@").lower()[:100]
        if handle not in accounts:
            # THREATS.md: only registered ASN accounts are screened; others are not even stored
            report.unregistered += 1
            continue
        url = str(row.get(cols["url"]) or "")[:500]
        if url and not url.startswith(("https://", "http://")):
            url = ""
        buf.append(
            Post(
                platform=platform,
                external_id=ext,
                handle=handle,
                account=accounts.get(handle),
                text=str(row.get(cols["text"]) or "")[:20_000],
                url=url,
                reply_to=str(row.get(cols["reply_to"]) or "").lstrip("@").lower()[:100],
                posted_at=_parse_time(str(row.get(cols["created_at"]) or "")),
            )
        )
        if len(buf) >= batch:
            flush()
    if buf:
        flush()
    if progress:
        progress(n, report)
    with transaction.atomic():
        record(
            "screening.import_posts",
            actor=actor,
            object_type="Post",
            created=report.created,
            unregistered=report.unregistered,
            skipped=report.skipped,
        )
    return report
