"""Post import through the page: background job with progress, summary, scope and bad input."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.management.commands import db_worker

from jaganetral.core.models import AuditEvent
from jaganetral.core.tick import run_tick
from jaganetral.screening import actions, jobs, views
from jaganetral.screening.actions import imports
from jaganetral.screening.models import ImportJob, ImportStatus, Post
from jaganetral.screening.nlp import postio

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"
NIP2 = "199001012019032002"
HEADER = (
    "conversation_id_str,created_at,favorite_count,full_text,id_str,image_url,in_reply_to_screen_name,lang,"
    "location,quote_count,reply_count,retweet_count,tweet_url,user_id_str,username\n"
)


def _row(pid: str, text: str, user: str) -> str:
    return (
        f'{pid},Wed Apr 10 08:00:00 +0000 2019,0,"{text}",{pid},,,in,,0,0,0,'
        f"https://x.com/{user}/status/{pid},1,{user}\n"
    )


# line 1 header; line 5 has no id; line 4 is from an account nobody registered
TH = (
    HEADER
    + _row("1", "Ayo coblos 02 Prabowo-Sandi pasti menang!", "budi")
    + _row("2", "jangan pilih jokowi pembohong", "siti")
    + _row("3", "coblos 01", "orang_lain")
    + _row("", "tanpa id", "budi")
    + _row("6", "makan siang dulu", "budi")
)


@pytest.fixture
def registry(personas, settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    rows = (
        f"nip,nama,instansi,jabatan,wilayah,akun\n{NIP},Budi,,Guru,33.20,x:@budi\n"
        f"{NIP2},Siti,,Camat,35,x:@siti\n"
    )
    actions.import_asn(actions.read_table("a.csv", rows.encode()), actor=personas.analyst)


def _uploads() -> list[Path]:
    folder = actions.imports_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def _upload(client: Client, data: bytes, name: str = "p.csv", **extra: str) -> Any:
    return client.post(reverse("screening:posts_import"), {"file": SimpleUploadedFile(name, data), **extra})


def test_large_upload_runs_in_the_worker_with_progress(
    personas, registry, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 0)  # every upload counts as large
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    c = personas.client(personas.jepara)
    with django_capture_on_commit_callbacks(execute=True):
        r = _upload(c, TH.encode())
    job = ImportJob.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("screening:import_job", args=[job.pk])
    assert (
        job.status == ImportStatus.QUEUED and job.region_id == "33.20" and job.created_by == personas.jepara
    )
    assert job.total_bytes == len(TH.encode()) and len(_uploads()) == 1
    assert not Post.objects.exists()  # nothing imported during the request

    fragment = reverse("screening:import_job_progress", args=[job.pk])
    page = c.get(reverse("screening:import_job", args=[job.pk])).content.decode()
    assert f'hx-get="{fragment}"' in page and 'hx-trigger="every 1s"' in page
    waiting = c.get(fragment).content.decode()
    assert "Menunggu worker" in waiting and "<progress" in waiting and "<html" not in waiting

    seen: list[dict[str, Any]] = []
    real_update = actions._job_update

    def spy(job_id: int, **values: Any) -> None:
        seen.append(values)
        real_update(job_id, **values)

    monkeypatch.setattr(imports, "_job_update", spy)
    # the worker (django-tasks database queue) picks the job up; in a real worker it drops stale
    # connections between tasks, which inside this test's transaction would close it (PostgreSQL)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.message
    assert (job.total_rows, job.rows_read, job.bytes_read) == (5, 5, job.total_bytes)
    assert (job.imported, job.duplicates, job.unregistered, job.error_rows) == (3, 0, 1, 1)
    assert job.errors == ["baris 5: id kosong atau terlalu panjang"]
    assert job.finished_at is not None and job.stored_name == "" and _uploads() == []
    assert set(Post.objects.values_list("external_id", flat=True)) == {"1", "2", "6"}
    # progress was written while it ran: first the check (bytes), then the import (rows, counts)
    assert any("bytes_read" in v and v.get("rows_read") == 2 and "status" not in v for v in seen)
    assert any(v.get("status") == ImportStatus.IMPORTING and v.get("total_rows") == 5 for v in seen)
    assert any(v.get("rows_read") == 4 and "imported" in v for v in seen)

    done = c.get(fragment).content.decode()
    assert "hx-trigger" not in done  # polling stops
    assert "selesai" in done.lower() and "baris 5: id kosong" in done
    assert '<progress value="1" max="1"' in done

    # the same file again: everything is a duplicate, nothing new
    with django_capture_on_commit_callbacks(execute=True):
        _upload(c, TH.encode())
    jobs.import_posts_task.call(ImportJob.objects.order_by("-pk").first().pk)  # type: ignore[union-attr]
    again = ImportJob.objects.order_by("-pk").first()
    assert again is not None and (again.imported, again.duplicates) == (0, 3)
    assert Post.objects.count() == 3
    assert AuditEvent.objects.filter(action="screening.start_import").count() == 2


def test_progress_fragment_while_running(personas, registry) -> None:
    job = ImportJob.objects.create(
        created_by=personas.analyst,
        original_name="besar.csv",
        sha256="0" * 64,
        total_bytes=1000,
        bytes_read=250,
        status=ImportStatus.CHECKING,
        rows_read=40,
    )
    c = personas.client(personas.analyst)
    url = reverse("screening:import_job_progress", args=[job.pk])
    html = c.get(url).content.decode()
    assert '<progress value="250" max="1000"' in html and "25%" in html and 'hx-trigger="every 1s"' in html
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING, total_rows=200, rows_read=50)
    html = c.get(url).content.decode()
    assert '<progress value="50" max="200"' in html and "50 dari 200 baris" in html


def test_small_upload_is_imported_during_the_request(personas, registry) -> None:
    c = personas.client(personas.analyst)
    r = _upload(c, TH.encode())
    job = ImportJob.objects.get()
    assert r.status_code == 302 and job.status == ImportStatus.DONE and job.imported == 3
    page = c.get(r["Location"]).content.decode()
    assert "hx-trigger" not in page and "baris 5" in page
    listing = c.get(reverse("screening:posts_import")).content.decode()
    assert "p.csv" in listing and reverse("screening:import_job", args=[job.pk]) in listing


def test_generic_jsonl_with_row_numbers(personas, registry) -> None:
    lines = [
        {"id": "a1", "text": "coblos 02", "username": "@Budi", "url": "javascript:alert(1)"},
        {},
        {"id": "a2", "text": "halo", "username": "siti"},
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    r = _upload(personas.client(personas.analyst), data, "p.jsonl", format="jsonl")
    job = ImportJob.objects.get()
    assert r.status_code == 302 and job.status == ImportStatus.DONE
    assert (job.imported, job.error_rows, job.errors) == (2, 1, ["baris 2: id kosong atau terlalu panjang"])
    assert Post.objects.get(external_id="a1").url == ""  # only http(s) links are kept


def test_a_broken_file_imports_nothing(personas, registry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 0)
    good = json.dumps({"id": "1", "text": "coblos 02", "username": "budi"})
    data = f"{good}\n{good.replace('1', '2')}\n{{rusak\n".encode()
    c = personas.client(personas.analyst)
    assert _upload(c, data, "p.jsonl", format="jsonl").status_code == 302
    job = ImportJob.objects.get()
    assert actions.run_post_import(job.pk) == ImportStatus.FAILED
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert (
        job.message.startswith("baris 3: bukan JSON yang sah")
        and "tidak ada unggahan yang diimpor" in job.message
    )
    assert not Post.objects.exists() and _uploads() == []
    html = c.get(reverse("screening:import_job_progress", args=[job.pk])).content.decode()
    assert 'role="alert"' in html and "baris 3" in html and "hx-trigger" not in html
    assert AuditEvent.objects.filter(action="screening.import_failed", object_id=str(job.pk)).exists()
    # a job runs once, however many workers pick it up
    assert actions.run_post_import(job.pk) == "skipped"


def test_bad_uploads_are_refused_and_leave_nothing(
    personas, registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = personas.client(personas.analyst)
    url = reverse("screening:posts_import")
    assert c.post(url, {}).status_code == 400
    r = _upload(c, b"a,b\n1,2\n")
    assert r.status_code == 400 and "kolom wajib tidak ada" in r.content.decode()
    assert _upload(c, HEADER.encode()).status_code == 400  # header only: no posts
    assert _upload(c, b"").status_code == 400
    assert _upload(c, b"MZ", "p.exe").status_code == 400
    assert _upload(c, TH.encode(), format="xml").status_code == 400
    r = _upload(c, b"bukan json\n", "p.jsonl", format="jsonl")
    assert r.status_code == 400 and "baris 1" in r.content.decode()
    assert _upload(c, TH.encode(), platform="myspace", format="csv").status_code == 400
    monkeypatch.setattr(views, "MAX_POSTS_UPLOAD", 10)
    r = _upload(c, TH.encode())
    assert r.status_code == 413 and "terlalu besar" in r.content.decode()
    assert not ImportJob.objects.exists() and _uploads() == []


def test_oversized_stream_is_refused_by_the_action(
    personas, registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_POST_FILE_BYTES", 100)
    with pytest.raises(actions.ScreeningError, match="terlalu besar"):
        actions.start_post_import([TH.encode()], actor=personas.analyst, name="p.csv")
    assert not ImportJob.objects.exists() and _uploads() == []


def test_import_jobs_are_scoped(personas, registry) -> None:
    jepara_job = ImportJob.objects.create(
        created_by=personas.jepara, region_id="33.20", original_name="j.csv", sha256="0" * 64
    )
    national_job = ImportJob.objects.create(
        created_by=personas.analyst, original_name="n.csv", sha256="0" * 64
    )
    for name in ("screening:import_job", "screening:import_job_progress"):
        mine = reverse(name, args=[jepara_job.pk])
        assert personas.client(personas.jepara).get(mine).status_code == 200
        assert personas.client(personas.jateng).get(mine).status_code == 200  # the province covers it
        assert personas.client(personas.analyst).get(mine).status_code == 200  # national
        assert personas.client(personas.jatim).get(mine).status_code == 404  # other region
        assert personas.client(personas.custodian).get(mine).status_code == 404  # wrong role
        assert personas.client(personas.agency).get(mine).status_code == 404
        assert Client().get(mine).status_code == 302  # to the login page
        assert personas.client(personas.jepara).get(reverse(name, args=[national_job.pk])).status_code == 404
        assert personas.client(personas.jepara).get(reverse(name, args=[99999])).status_code == 404
        assert personas.client(personas.jepara).post(mine).status_code == 405
    listing = personas.client(personas.jatim).get(reverse("screening:posts_import")).content.decode()
    assert "j.csv" not in listing and "n.csv" not in listing
    assert personas.client(personas.custodian).post(reverse("screening:posts_import")).status_code == 404


def test_a_dead_worker_job_is_failed_by_the_tick(personas, registry) -> None:
    folder = actions.imports_dir()
    folder.mkdir(parents=True)
    (folder / "mati.csv").write_text(TH)
    (folder / "yatim.csv").write_text(TH)  # left by an upload whose transaction rolled back
    job = ImportJob.objects.create(
        created_by=personas.analyst,
        original_name="p.csv",
        stored_name="mati.csv",
        sha256="0" * 64,
        status=ImportStatus.IMPORTING,
    )
    later = timezone.now() + dt.timedelta(hours=2)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    assert run_tick(later)["screening.stale_imports"] == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "terhenti" in job.message
    assert _uploads() == []
    assert run_tick(later)["screening.stale_imports"] == 0


def test_a_job_queued_under_the_tasks_old_path_still_runs(personas, registry) -> None:
    # the task moved from screening.jobs to the actions that enqueue it; queued rows keep the old path
    assert import_string("jaganetral.screening.jobs.import_posts_task") is imports.import_posts_task
    assert imports.import_posts_task.module_path == "jaganetral.screening.actions.imports.import_posts_task"


def test_the_actions_do_not_import_the_jobs_module() -> None:
    # one way only: jobs (tick and worker registrations) imports the actions, never the reverse
    folder = Path(actions.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert "jaganetral.screening.jobs" not in names, path.name


@pytest.fixture
def field_limit(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Fields over 1,000 characters are refused by the csv module: a CSV it cannot parse."""
    monkeypatch.setattr(postio, "MAX_FIELD", 1000)
    old = csv.field_size_limit()
    yield
    csv.field_size_limit(old)


def test_a_csv_broken_after_its_first_rows_imports_nothing(
    personas, registry, field_limit: None, tmp_path: Path
) -> None:
    data = (HEADER + _row("1", "coblos 02", "budi") + _row("2", "x" * 2000, "budi")).encode()
    job = actions.start_post_import([data], actor=personas.analyst, name="p.csv", background=False)
    assert actions.run_post_import(job.pk) == ImportStatus.FAILED
    job.refresh_from_db()
    assert job.message == (
        "baris 2: CSV rusak (field larger than field limit (1000)); tidak ada unggahan yang diimpor"
    )
    assert not Post.objects.exists() and _uploads() == []
    # the command line reads the same file with the same reader and says the same
    f = tmp_path / "p.csv"
    f.write_bytes(data)
    with pytest.raises(CommandError, match=r"^baris 2: CSV rusak \(field larger than field limit"):
        call_command("screening", "import-posts", str(f))
    with pytest.raises(actions.ScreeningError, match=r"^baris 1: CSV rusak"):
        actions.start_post_import(
            [b"x" * 2000 + b"\n1\n"], actor=personas.analyst, name="p.csv", file_format="csv"
        )
