"""Backup of a running demo installation, restored into a new one: SQLite to SQLite and PostgreSQL
to PostgreSQL. Afterwards `audit verify` passes (timestamps kept to the microsecond), every receipt
still resolves over HTTP, sealed identities open with the restored key, and evidence files are
byte for byte the same. Without the key, start-up refuses with one line."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
import requests
from PIL import Image

from tests.ops.installation import Installation, postgres_databases

PASSPHRASE = "frasa sandi cadangan uji yang panjang"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def _report(base: str, **extra: str) -> str:
    data = {
        "anonymity": "anonymous",
        "reported_name": "Budi Santoso",
        "region": "33.20",
        "place": "Balai desa Tahunan",
        "event_date": "2026-01-05",
        "known_date": "2026-01-06",
        "what": "Camat mengajak warga memilih pasangan calon nomor 2 dalam acara resmi.",
        **extra,
    }
    files = [("files", ("bukti.png", _png(), "image/png"))]
    resp = requests.post(f"{base}/api/v1/reports", data=data, files=files, timeout=60)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["receipt"])


def _one_line_refusal(inst: Installation, needle: str) -> None:
    proc = inst.run("tick", check=False)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("jaganetral: ") and needle in lines[0], proc.stderr


def round_trip(tmp_path: Path, source_db: str = "", target_db: str = "", *, replace: bool = False) -> None:
    a = Installation(tmp_path / "a", source_db)
    b = Installation(tmp_path / "b", target_db)
    archive, keys, phrase = tmp_path / "cadangan.tar", tmp_path / "kunci.jnk", tmp_path / "frasa.txt"
    phrase.write_text(PASSPHRASE + "\n")
    try:
        a.run("migrate", "-v0")
        a.run("demo", "load")
        _web, base = a.start("web")
        a.start_worker()
        receipts = [
            _report(base, anonymity="confidential", name="Siti Pelapor Rahasia", phone="0812-1111-2222"),
            _report(base),
        ]
        # while the site and its worker keep running
        out = a.run(
            "backup", str(archive), "--export-keys", str(keys), "--passphrase-file", str(phrase)
        ).stdout
        assert "Kunci TIDAK termasuk" in out
        a.stop_all()
        assert b"Siti Pelapor Rahasia" not in archive.read_bytes()

        restored = b.run("restore", str(archive)).stdout
        assert "Rantai audit utuh: 57 kasus" in restored, restored
        assert "kunci segel tidak ada" in restored  # said at once
        _one_line_refusal(b, "kunci segel tidak ada")
        b.run("restore", "--keys", str(keys), "--passphrase-file", str(phrase))
        assert b.run("audit", "verify", "--files").stdout.startswith("OK: 57 kasus")

        seen = b.harness("check", json.dumps(receipts))
        # every case head as it was; the audit log as it was up to the snapshot (the worker wrote on)
        assert a.harness("heads", str(seen["heads"]["audit"][0])) == seen["heads"]
        confidential, anonymous = (seen["reports"][code] for code in receipts)
        assert confidential["identity"]["name"] == "Siti Pelapor Rahasia"
        assert anonymous["identity"] is None
        for report in (confidential, anonymous):
            [(stored, on_disk)] = report["files"].values()
            assert stored == on_disk == hashlib.sha256(_png()).hexdigest()

        _web, base_b = b.start("web")
        for code in receipts:
            resp = requests.get(f"{base_b}/api/v1/reports/status", headers={"X-Receipt": code}, timeout=30)
            assert resp.status_code == 200, resp.text
            assert resp.json()["reference"] == seen["reports"][code]["reference"]
            assert resp.json()["evidence_files"] == 1
        if replace:  # restoring over a used installation only with --replace, which starts afresh
            b.stop_all()
            assert "Rantai audit utuh: 57 kasus" in b.run("restore", str(archive), "--replace").stdout
    finally:
        a.stop_all()
        b.stop_all()


@pytest.mark.cli
def test_sqlite_backup_of_a_running_demo_restores_into_a_new_installation(tmp_path: Path) -> None:
    round_trip(tmp_path, replace=True)


def test_postgresql_backup_of_a_running_demo_restores_into_a_new_installation(tmp_path: Path) -> None:
    with postgres_databases(2) as (source, target):
        round_trip(tmp_path, source, target)
