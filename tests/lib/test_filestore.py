"""The one file store under intake's evidence and the cases' attachments, without Django."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from jaganetral.lib import filestore
from jaganetral.lib.filestore import FileStore, discard

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Refused(ValueError):
    pass


class FakeUpload:
    """The little of Django's UploadedFile the store uses; ``size`` is what the client announced."""

    def __init__(self, name: str, data: bytes, size: int | None = None) -> None:
        self.name = name
        self.size = len(data) if size is None else size
        self._buf = io.BytesIO(data)

    def seek(self, offset: int, /) -> int:
        return self._buf.seek(offset)

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield self._buf.read()


def _png() -> bytes:
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 5.0)}
    Image.new("RGB", (8, 4), (1, 2, 3)).save(buf, "PNG", exif=exif.tobytes())
    return buf.getvalue()


def _store(root: Path, **over: object) -> FileStore:
    config: dict[str, object] = {
        "root": root,
        "error": Refused,
        "max_file_bytes": 1000,
        "max_total_bytes": 1500,
        "total_scope": "untuk satu laporan",
    }
    config.update(over)
    return FileStore(**config)  # type: ignore[arg-type]  # the test varies fields by name


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_originals_and_clean_copies_are_written_with_random_names(tmp_path: Path) -> None:
    store = _store(tmp_path)
    png = _png()
    pdf, image = store.stage([FakeUpload("surat saya.pdf", PDF), FakeUpload("foto.png", png)], folder="42")
    assert pdf.path == f"42/{pdf.uid}.pdf" and not pdf.clean_path and pdf.size == len(PDF)
    assert image.clean_path == f"42/{image.uid}.clean.png" and image.clean_sha256 != image.sha256
    assert store.path_of(pdf.path).read_bytes() == PDF
    assert store.path_of(image.path).read_bytes() == png
    assert "exif" not in Image.open(store.path_of(image.clean_path)).info
    assert pdf.name == "" and not any("saya" in p.name for p in _files(tmp_path))
    assert {p.stat().st_mode & 0o777 for p in _files(tmp_path)} == {0o600}
    discard([pdf, image])
    assert _files(tmp_path) == []


def test_a_name_is_kept_only_through_name_of(tmp_path: Path) -> None:
    store = _store(tmp_path, name_of=lambda name, ext: f"{name.rsplit('.', 1)[0]}.{ext}", kinds=("pdf",))
    [staged] = store.stage([FakeUpload("surat.PDF", PDF)], folder="7")
    assert staged.name == "surat.pdf"
    with pytest.raises(Refused, match=r"Jenis berkas \.png tidak diterima"):
        store.stage([FakeUpload("foto.png", _png())], folder="7")


@pytest.mark.parametrize(
    ("sizes", "already", "message"),
    [
        ([10, 0], 0, "Berkas kosong tidak dapat diterima."),
        ([1001], 0, "Berkas terlalu besar: paling besar 0 MB per berkas."),
        ([800, 800], 0, "Jumlah ukuran berkas terlalu besar: paling besar 0 MB untuk satu laporan."),
        ([800], 800, "Jumlah ukuran berkas terlalu besar"),
    ],
)
def test_announced_sizes_are_checked_before_reading(
    tmp_path: Path, sizes: list[int], already: int, message: str
) -> None:
    uploads = [FakeUpload("a.pdf", b"", size=n) for n in sizes]
    with pytest.raises(Refused) as err:
        _store(tmp_path).check_sizes(uploads, already_bytes=already)
    assert str(err.value).startswith(message)


def test_a_refused_file_leaves_nothing_on_disk(tmp_path: Path) -> None:
    store = _store(tmp_path, max_file_bytes=10_000)
    cases = [
        (FakeUpload("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "rusak"),
        (FakeUpload("palsu.pdf", _png()), "tidak cocok"),
        (FakeUpload("besar.pdf", PDF + b"\0" * 20_000, size=10), "terlalu besar"),  # the size lied
    ]
    for bad, message in cases:
        with pytest.raises(Refused, match=message):
            store.stage([FakeUpload("a.pdf", PDF), bad], folder="1")
    assert _files(tmp_path) == []


def test_types_are_checked_for_every_file_before_any_image_is_re_encoded(tmp_path: Path) -> None:
    broken_image = FakeUpload("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(Refused, match="tidak diterima"):
        _store(tmp_path).stage([broken_image, FakeUpload("virus.exe", b"MZ" + b"\0" * 64)], folder="1")


def test_a_failed_write_removes_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open, calls = os.open, []

    def open_once(path: str, flags: int, mode: int = 0o777) -> int:
        calls.append(path)
        if len(calls) > 1:
            raise OSError("disk full")
        return real_open(path, flags, mode)

    monkeypatch.setattr(filestore.os, "open", open_once)
    with pytest.raises(Refused, match="tidak dapat disimpan"):
        _store(tmp_path).stage([FakeUpload("a.pdf", PDF), FakeUpload("b.pdf", PDF)], folder="1")
    assert len(calls) == 2 and _files(tmp_path) == []


def test_path_of_refuses_a_way_out_of_the_root(tmp_path: Path) -> None:
    store = _store(tmp_path / "root")
    assert store.path_of("1/a.pdf") == (tmp_path / "root" / "1" / "a.pdf").resolve()
    for bad in ("../x", "/etc/passwd", "1/../../x", ""):
        with pytest.raises(Refused, match="jalur berkas tidak sah"):
            store.path_of(bad)
