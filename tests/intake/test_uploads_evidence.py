"""Uploads and evidence (issue 15): a pixel budget per request, no decoding in the request, cleaning
in a bounded child process run by the worker, clean copies for PDF and MP4 too, originals encrypted
at rest and opened only by an audited action."""

from __future__ import annotations

import io
import struct
from typing import Any

import pikepdf
import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from jaganetral.core.models import AuditEvent
from jaganetral.intake.evidence import path_of
from jaganetral.intake.jobs import clean_evidence
from jaganetral.intake.models import CleanState, Evidence, Report
from jaganetral.lib import sanitize
from tests.conftest import Personas
from tests.intake.conftest import png_bytes, report_post, submit, upload

pytestmark = pytest.mark.django_db
SECRET = "Siti Pelapor 0812-9988-7766"


def _png(size: tuple[int, int], mode: str = "1") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size).save(buf, "PNG")
    return buf.getvalue()


def pdf_with_secrets() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [SECRET]
    pdf.docinfo["/Author"] = SECRET
    pdf.docinfo["/Title"] = SECRET
    pdf.Root.OpenAction = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    )
    pdf.attachments["catatan.txt"] = pikepdf.AttachedFileSpec(pdf, SECRET.encode())
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_with_secrets() -> bytes:
    mvhd = _box(b"mvhd", bytes([0, 0, 0, 0]) + struct.pack(">II", 3_700_000_000, 3_700_000_001) + bytes(88))
    udta = _box(b"udta", _box(b"\xa9nam", SECRET.encode()) + _box(b"\xa9xyz", b"+06.10+110.40/"))
    return (
        _box(b"ftyp", b"isom\x00\x00\x02\x00isommp41")
        + _box(b"moov", mvhd + udta)
        + _box(b"mdat", b"VIDEO" * 20)
    )


def test_a_pixel_budget_per_request_as_well_as_per_image(refdata: None, settings: Any) -> None:
    settings.INTAKE_MAX_REQUEST_PIXELS = 3_000_000
    files = [upload("a.png", _png((1500, 1500))), upload("b.png", _png((1500, 1500)))]
    resp = submit(Client(), {**report_post(), "files": files})
    assert resp.status_code == 400 and "megapiksel" in resp.json()["detail"]
    assert not Report.objects.exists()
    one = submit(Client(), {**report_post(), "files": [upload("a.png", _png((1500, 1500)))]})
    assert one.status_code == 201
    huge = submit(Client(), {**report_post(), "files": [upload("c.png", _png((8000, 8000)))]})
    assert huge.status_code == 400 and "piksel" in huge.json()["detail"]  # over 60 MP alone


def test_the_request_decodes_nothing_the_worker_cleans_in_a_bounded_child(
    refdata: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _png((7000, 7000), "RGBA")  # 49 MP: within the cap, ~200 MB once decoded
    assert len(bomb) < 1_000_000
    resp = submit(
        Client(), {**report_post(), "files": [upload("bom.png", bomb), upload("k.png", png_bytes())]}
    )
    assert resp.status_code == 201
    assert set(Evidence.objects.values_list("clean_state", flat=True)) == {CleanState.PENDING}
    monkeypatch.setattr(sanitize, "MEMORY_LIMIT", 96 * 1024 * 1024)  # the child's address-space cap
    assert clean_evidence(timezone.now()) == 1  # the small one; the bomb kills only its child
    assert sorted(Evidence.objects.values_list("clean_state", flat=True)) == ["done", "failed"]
    assert AuditEvent.objects.filter(action="intake.evidence_clean_failed").count() == 1


def test_a_pdf_gets_a_clean_copy_without_metadata_or_scripts() -> None:
    clean = sanitize.clean("pdf", pdf_with_secrets())
    assert SECRET.encode() not in clean
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root and "/Metadata" not in pdf.Root
        assert "/Author" not in pdf.docinfo and "/Title" not in pdf.docinfo
        assert not pdf.attachments
        assert all("/JS" not in o for o in pdf.objects if isinstance(o, pikepdf.Dictionary))


def test_an_mp4_loses_its_metadata_without_transcoding() -> None:
    original = mp4_with_secrets()
    clean = sanitize.clean("mp4", original)
    assert len(clean) == len(original)  # no offset moved
    assert SECRET.encode() not in clean and b"+06.10" not in clean
    assert clean.endswith(_box(b"mdat", b"VIDEO" * 20))  # the media itself untouched
    assert b"udta" not in clean and b"free" in clean
    assert struct.pack(">I", 3_700_000_000) not in clean  # creation time zeroed
    with pytest.raises(sanitize.CleanFailed):
        sanitize.clean("mp4", _box(b"ftyp", b"isom") + struct.pack(">I4s", 4000, b"moov"))


def test_evidence_end_to_end_clean_by_default_original_encrypted_and_audited(personas: Personas) -> None:
    pdf, mp4 = pdf_with_secrets(), mp4_with_secrets()
    files = [upload("laporan.pdf", pdf), upload("video.mp4", mp4)]
    assert submit(Client(), {**report_post(), "files": files}).status_code == 201
    report = Report.objects.get()
    for ev in report.evidence.all():  # at rest: encrypted, the secret is nowhere on disk
        assert SECRET.encode() not in path_of(ev.original_path).read_bytes()
        assert ev.original_key_sealed.startswith("s1.")
    assert clean_evidence(timezone.now()) == 2
    staff = personas.client(personas.jepara)
    for ev in report.evidence.all():
        url = f"/petugas/laporan/{report.pk}/bukti/{ev.uid}/"
        shown = b"".join(staff.get(url).streaming_content)
        assert SECRET.encode() not in shown
        original = staff.get(url + "?asli=1")
        assert original["Content-Disposition"].startswith("attachment")
        assert original.content in (pdf, mp4)
    opened = AuditEvent.objects.filter(action="intake.evidence_original_downloaded")
    assert opened.count() == 2 and set(opened.values_list("actor", flat=True)) == {personas.jepara.pk}
    # the wrong person gets nothing, original or clean
    for who in (personas.jatim, personas.analyst, personas.authority):
        ev = report.evidence.first()
        assert personas.client(who).get(
            f"/petugas/laporan/{report.pk}/bukti/{ev.uid}/?asli=1"
        ).status_code in (
            403,
            404,
        )
    assert opened.count() == 2
