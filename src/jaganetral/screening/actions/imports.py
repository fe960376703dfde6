"""Post import jobs: keep an upload, run it in the worker with progress, fail the ones whose worker died."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.screening import permissions
from jaganetral.screening.actions.posts import clean_mapping, import_posts
from jaganetral.screening.actions.runs import screen_new_posts
from jaganetral.screening.errors import ImportReport, ScreeningError
from jaganetral.screening.models import ImportFormat, ImportJob, ImportStatus, Platform
from jaganetral.screening.nlp.postio import (
    InputError,
    PostReader,
    post_mapping,
    required_columns,
    text_stream,
)

log = logging.getLogger(__name__)

INLINE_IMPORT_BYTES = 256 * 1024  # smaller uploads are imported during the request
MAX_POST_FILE_BYTES = 200 * 1024 * 1024
MAX_JOB_ERRORS = 200  # row errors kept on the job row (all are counted)
PROGRESS_EVERY = 1000  # rows between progress writes
STALE_IMPORT = dt.timedelta(minutes=30)  # a running job with no progress for this long has died


def imports_dir() -> Path:
    """Uploaded post files wait here for the worker; each is deleted when its job ends."""
    return Path(settings.VAR_DIR) / "screening" / "imports"


def _check_start(path: Path, file_format: str, mapping: dict[str, str]) -> None:
    """Refuse at once a file whose header (CSV) or first line (JSONL) is wrong."""
    with path.open("rb") as raw, text_stream(raw) as fh:
        try:
            rows = iter(PostReader(fh, file_format, required=required_columns(file_format, mapping)))
            empty = next(rows, None) is None
        except InputError as exc:
            raise ScreeningError(str(exc)) from None
        if empty:
            raise ScreeningError(_("berkas tidak berisi unggahan"))


@transaction.atomic
def start_post_import(
    chunks: Iterable[bytes],
    *,
    actor: User,
    name: str,
    file_format: str = ImportFormat.TWEET_HARVEST,
    platform: str = Platform.X,
    background: bool = True,
    mapping: dict[str, str] | None = None,
) -> ImportJob:
    """Keep an uploaded posts file and open an import job for it. With ``background`` the worker
    runs it (enqueued when this transaction commits); otherwise the caller runs
    :func:`run_post_import` itself. ``mapping`` (csv and jsonl only) names the file's columns for
    our fields. A wrong format, mapping or header is refused before any job exists."""
    policy.require(actor, permissions.SCREEN, refuse=ScreeningError)
    if file_format not in ImportFormat.values:
        raise ScreeningError(_("format berkas tidak dikenal (tweet-harvest, csv atau jsonl)"))
    mapping = clean_mapping(mapping)
    if file_format == ImportFormat.TWEET_HARVEST:
        platform = Platform.X
        mapping = {}
    if platform not in Platform.values:
        raise ScreeningError(_("platform tidak dikenal"))
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.{'jsonl' if file_format == ImportFormat.JSONL else 'csv'}"
    path = folder / stored
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_POST_FILE_BYTES:
                    raise ScreeningError(
                        _("berkas terlalu besar (maks %(mb)d MB)") % {"mb": MAX_POST_FILE_BYTES // 2**20}
                    )
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise ScreeningError(_("berkas kosong"))
        _check_start(path, file_format, post_mapping(file_format, mapping))
        job = ImportJob.objects.create(
            created_by=actor,
            region=actor.region_scope,
            original_name=Path(name.replace("\\", "/")).name[:255] or "unggahan",
            stored_name=stored,
            file_format=file_format,
            platform=platform,
            mapping=mapping,
            sha256=digest.hexdigest(),
            total_bytes=size,
        )
        record(
            "screening.start_import",
            actor=actor,
            obj=job,
            sha256=job.sha256,
            bytes=size,
            background=background,
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if background:
        transaction.on_commit(lambda: import_posts_task.enqueue(job.pk))
    return job


def _drop_upload(stored_name: str) -> None:
    if stored_name and "/" not in stored_name and not stored_name.startswith("."):
        (imports_dir() / stored_name).unlink(missing_ok=True)


def _job_update(job_id: int, **values: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(updated_at=timezone.now(), **values)


def _finish_job(job: ImportJob, status: str, **values: Any) -> None:
    with transaction.atomic():
        _job_update(job.pk, status=status, finished_at=timezone.now(), stored_name="", **values)
        if status == ImportStatus.FAILED:
            record(
                "screening.import_failed",
                actor=job.created_by,
                obj=job,
                message=values.get("message", ""),
            )
    _drop_upload(job.stored_name)


@translation.override(None)
def run_post_import(job_id: int) -> str:
    """Run one import job: read the whole file once to check it (a file that cannot be parsed
    imports nothing), then import it with :func:`import_posts`, writing progress to the job row,
    and screen the new posts (:func:`screen_new_posts`).

    The job is claimed with a compare-and-swap on its status, so a job runs once however many
    workers pick it up. Returns the final status (or "skipped"). Its messages and row errors are
    stored on the job as written (Indonesian), even when a page runs it in English: stored text
    is never translated when it is written."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, started_at=now, updated_at=now
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    mapping = post_mapping(job.file_format, job.mapping or None)
    required = required_columns(job.file_format, mapping)
    path = imports_dir() / job.stored_name
    phase = ImportStatus.CHECKING
    try:
        with path.open("rb") as raw, text_stream(raw) as fh:
            total = 0
            for total, _row in enumerate(PostReader(fh, job.file_format, required=required), start=1):
                if total % PROGRESS_EVERY == 0:
                    _job_update(job_id, rows_read=total, bytes_read=raw.tell())
        phase = ImportStatus.IMPORTING
        _job_update(job_id, status=phase, total_rows=total, rows_read=0, bytes_read=0)
        with path.open("rb") as raw, text_stream(raw) as fh:

            def progress(n: int, report: ImportReport) -> None:
                _job_update(
                    job_id,
                    rows_read=n,
                    bytes_read=raw.tell(),
                    imported=report.created,
                    duplicates=report.skipped,
                    unregistered=report.unregistered,
                    error_rows=report.error_rows,
                )

            report = import_posts(
                PostReader(fh, job.file_format, required=required),
                actor=job.created_by,
                mapping=mapping,
                platform=job.platform,
                batch=PROGRESS_EVERY,
                progress=progress,
            )
    except (ScreeningError, InputError, OSError) as exc:
        message = "berkas unggahan tidak dapat dibaca lagi" if isinstance(exc, OSError) else str(exc)
        if phase == ImportStatus.CHECKING:
            message += "; tidak ada unggahan yang diimpor"
        else:
            message += "; unggahan yang sudah masuk tetap tersimpan (impor ulang tidak menggandakan)"
        _finish_job(job, ImportStatus.FAILED, message=message)
        return ImportStatus.FAILED
    except Exception:
        log.exception("import job %s failed", job_id)
        _finish_job(
            job,
            ImportStatus.FAILED,
            message="galat tak terduga saat mengimpor; unggahan yang sudah masuk tetap tersimpan "
            "(impor ulang tidak menggandakan)",
        )
        raise
    # the new posts are screened at once, so the analyst finds the flagged ones in the review queue
    try:
        found: int | None = screen_new_posts(actor=job.created_by)
    except Exception:  # the import itself succeeded; `screening scan` can be run again later
        log.exception("screening after import job %s failed", job_id)
        found = None
    _finish_job(
        job,
        ImportStatus.DONE,
        findings=found,
        bytes_read=job.total_bytes,
        rows_read=total,
        imported=report.created,
        duplicates=report.skipped,
        unregistered=report.unregistered,
        error_rows=report.error_rows,
        errors=report.errors[:MAX_JOB_ERRORS],
    )
    return ImportStatus.DONE


@task()
def import_posts_task(job_id: int) -> str:
    """Enqueued by :func:`start_post_import` when its transaction commits; run by ``jaganetral worker``.
    (Also importable as ``jaganetral.screening.jobs.import_posts_task``, the path of jobs queued
    before it moved here.)"""
    return run_post_import(job_id)


def fail_stale_imports(now: dt.datetime) -> int:
    """Tick: a job whose worker died (no progress for STALE_IMPORT) is marked failed, and upload
    files no waiting or running job needs are removed."""
    running = (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.IMPORTING)
    failed = 0
    stale = ImportJob.objects.filter(
        status__in=(ImportStatus.CHECKING, ImportStatus.IMPORTING), updated_at__lt=now - STALE_IMPORT
    )
    message = "pekerjaan impor terhenti; unggah ulang berkas (unggahan yang sudah masuk tidak digandakan)"
    for job in stale.select_related("created_by"):
        with transaction.atomic():
            won = ImportJob.objects.filter(
                pk=job.pk, status=job.status, updated_at__lt=now - STALE_IMPORT
            ).update(
                status=ImportStatus.FAILED, finished_at=now, updated_at=now, stored_name="", message=message
            )
            if not won:
                continue
            record(
                "screening.import_failed",
                actor=job.created_by,
                obj=job,
                message=message,
            )
        _drop_upload(job.stored_name)
        failed += 1
    folder = imports_dir()
    if folder.exists():
        cutoff = now.timestamp() - 3600
        needed = set(ImportJob.objects.filter(status__in=running).values_list("stored_name", flat=True))
        for path in folder.iterdir():
            if path.is_file() and path.name not in needed and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return failed
