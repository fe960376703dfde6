"""Importing the posts of registered accounts from a post file (read by
:class:`jaganetral.screening.nlp.postio.PostReader`), and checking a column mapping sent by a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.screening.errors import ImportReport, ScreeningError
from jaganetral.screening.models import Platform, Post, SocialAccount
from jaganetral.screening.nlp.postio import (
    MAX_TEXT,
    POST_FIELDS,
    TWEET_HARVEST_MAP,
    InputError,
    PostReader,
)

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


MAX_COLUMN_NAME = 100


def clean_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """A column mapping as sent by a person: known fields only, non-empty column names (stripped,
    at most MAX_COLUMN_NAME characters); empty entries mean "the default column"."""
    out: dict[str, str] = {}
    for key, column in (mapping or {}).items():
        if key not in POST_FIELDS:
            raise ScreeningError(
                _("bidang pemetaan tidak dikenal: %(field)s") % {"field": repr(str(key)[:30])}
            )
        column = str(column).strip()
        if not column:
            continue
        if len(column) > MAX_COLUMN_NAME:
            raise ScreeningError(
                _("nama kolom untuk %(field)s terlalu panjang (maks %(n)d huruf)")
                % {"field": key, "n": MAX_COLUMN_NAME}
            )
        out[key] = column
    return out


def _refusing(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``rows``, with a file that cannot be read refused as a ScreeningError (its message kept)."""
    try:
        yield from rows
    except InputError as exc:
        raise ScreeningError(str(exc)) from None


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
    # Posts of every registered account are kept, whoever uploads the file: findings are scoped
    # by the account holder's region, so a regional analyst sees only their own region's.
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

    for n, row in enumerate(_refusing(rows), start=1):
        if progress and n > 1 and (n - 1) % batch == 0:
            progress(n - 1, report)
        ext = str(row.get(cols["id"]) or "").strip()
        if not ext or len(ext) > 64:
            report.error_rows += 1
            if len(report.errors) < MAX_REPORTED_ERRORS:
                line = rows.line if isinstance(rows, PostReader) else n
                report.errors.append(_("baris %(line)d: id kosong atau terlalu panjang") % {"line": line})
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
                text=str(row.get(cols["text"]) or "")[:MAX_TEXT],
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
            obj=Post,
            created=report.created,
            unregistered=report.unregistered,
            skipped=report.skipped,
        )
    return report
