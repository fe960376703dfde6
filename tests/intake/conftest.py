from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from jaganetral.intake import sealing

IDENTITY_NAME = "Siti Rahmawati Pelapor"
IDENTITY_PHONE = "0812-9988-7766"


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()
    yield
    cache.clear()
    sealing.sealer.cache_clear()


def jpeg_with_gps(size: tuple[int, int] = (64, 32)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the clean copy must come out upright (32x64)
    exif[0x010F] = "KameraRahasia"
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 5.0), 3: "E", 4: (110.0, 40.0, 1.0)}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 255)).save(buf, "PNG")
    return buf.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def report_post(**over: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "anonymity": "anonymous",
        "reported_name": "Budi Santoso",
        "reported_nip": "198609262015051001",
        "reported_position": "Camat",
        "reported_agency_name": "Pemerintah Kabupaten Jepara",
        "region": "33.20",
        "place": "Balai desa Tahunan",
        "event_date": (today - timedelta(days=2)).isoformat(),
        "known_date": (today - timedelta(days=1)).isoformat(),
        "what": "Camat mengajak warga memilih pasangan calon nomor 2 dalam acara resmi.",
        "chronology": "Pukul 09.00 acara dimulai; pukul 09.30 camat berpidato.",
        "links": "https://www.instagram.com/p/abc123/",
    }
    data.update(over)
    return data


def confidential_post(**over: Any) -> dict[str, Any]:
    return report_post(
        anonymity="confidential",
        name=IDENTITY_NAME,
        phone=IDENTITY_PHONE,
        address="Jl. Cempaka Wangi Rahasia 12",
        witnesses="Ahmad Saksi, 0813-1111-2222",
        **over,
    )


def submit(client: Client, data: dict[str, Any], **extra: Any) -> Any:
    return client.post("/api/v1/reports", data, **extra)


def long_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
