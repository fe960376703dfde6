"""The database as rows, exactly: every table of every installed app, one gzipped JSON line per row,
read inside one consistent snapshot and written back unchanged.

``dumpdata``/``loaddata`` cannot be used for this: Django's JSON encoder cuts timestamps to
milliseconds, and every hash-chained timeline covers its events' timestamps to the microsecond, so
``audit verify`` would report every chain broken. Here each value is written as its full ISO text
and read back by its own field, rows are inserted raw (``auto_now`` does not overwrite them,
append-only ``save()`` guards are not involved) with their primary keys, and the sequences are
reset afterwards. The format does not depend on the database: SQLite to PostgreSQL works too.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import gzip
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_string

BATCH = 500


def dumped_models() -> list[type[models.Model]]:
    """Every table Django manages, once: concrete, managed models and auto-created m2m tables."""
    seen: set[str] = set()
    out: list[type[models.Model]] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        out.append(model)
    return sorted(out, key=lambda m: m._meta.label_lower)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.local_concrete_fields)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()  # full precision, offset included
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of the whole database while the site keeps writing.

    PostgreSQL: a read-only REPEATABLE READ transaction. SQLite (WAL): a deferred read transaction,
    begun by hand because the site's own transactions take the write lock at once (IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise RuntimeError("snapshot() must not run inside another transaction")
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        cursor.execute("SELECT count(*) FROM django_migrations")  # the read snapshot starts here
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def dump_model(model: type[models.Model], path: Path) -> int:
    """Write the model's rows to ``path`` (gzipped JSON lines); return how many."""
    names = [f.attname for f in _fields(model)]
    count = 0
    rows = model._base_manager.order_by("pk").values_list(*names)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as fh:
        for row in rows.iterator(chunk_size=2000):
            fh.write(json.dumps(row, default=_encode, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            count += 1
    return count


def table_of(label: str) -> type[models.Model]:
    """The model dumped under ``label`` (``app_label.model_name``)."""
    for model in dumped_models():
        if model._meta.label_lower == label:
            return model
    raise LookupError(label)


def load_model(model: type[models.Model], path: Path) -> int:
    """Insert the rows of ``path`` as they are (call inside the restore's transaction)."""
    fields = _fields(model)
    manager = model._base_manager
    batch: list[models.Model] = []
    count = 0

    def flush() -> None:
        if batch:
            manager._insert(batch, fields=fields, raw=True)  # type: ignore[attr-defined]
            batch.clear()

    size = max(1, min(BATCH, (connection.features.max_query_params or 30000) // max(1, len(fields)) - 1))
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            values = json.loads(line)
            obj = model(**{f.attname: f.to_python(v) for f, v in zip(fields, values, strict=True)})
            batch.append(obj)
            count += 1
            if len(batch) >= size:
                flush()
    flush()
    return count


def reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def existing_tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def empty_all_tables() -> None:
    """Delete every row of every table (the rows migrations themselves inserted), keeping the schema."""
    tables = [t for t in existing_tables() if t != "django_migrations"]
    if not tables:
        return
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def drop_all_tables() -> None:
    """``restore --replace``: remove every table (and its rows) of the target database."""
    tables = existing_tables()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")
