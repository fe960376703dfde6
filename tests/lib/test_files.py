from __future__ import annotations

import io

import pytest
from PIL import Image

from jaganetral.lib.files import KINDS, FileRejected, clean_image, inspect, sha256_of


def _img(fmt: str, **save: object) -> bytes:
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 8
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 5.0)}
    Image.new("RGB", (30, 10), (1, 2, 3)).save(buf, fmt, exif=exif.tobytes(), **save)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "a.jpg"), ("JPEG", "A.JPEG"), ("PNG", "a.png"), ("WEBP", "a.webp")]
)
def test_images_are_recognised_and_cleaned_upright(fmt: str, name: str) -> None:
    data = _img(fmt)
    kind = inspect(name, data[:8192])
    clean = clean_image(data, kind)
    out = Image.open(io.BytesIO(clean))
    assert out.format == fmt and out.size == (10, 30)
    assert not out.getexif() and "exif" not in out.info and "xmp" not in out.info


def test_pdf_and_mp4() -> None:
    pdf = b"%PDF-1.7\n...\n%%EOF\n"
    assert inspect("x.pdf", pdf, pdf[-1024:]).name == "pdf"
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    assert inspect("x.mp4", mp4).name == "mp4"
    with pytest.raises(FileRejected, match="tidak cocok"):
        inspect("x.jpg", pdf, pdf)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.gif", b"GIF89a" + b"\x00" * 20, "tidak diterima"),
        ("a", b"\xff\xd8\xff", "tidak diterima"),
        ("a.html", b"<html>", "tidak diterima"),
        ("a.jpg.exe", b"MZ", "tidak diterima"),
        ("a.png", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "tidak cocok"),
        ("a.jpg", b"<svg onload=alert(1)>", "tidak dikenali"),
        ("a.pdf", b"%PDF-1.4 no end", "tidak lengkap"),
    ],
)
def test_refused(name: str, data: bytes, message: str) -> None:
    with pytest.raises(FileRejected, match=message):
        inspect(name, data, data[-1024:])


def test_broken_and_bomb_images() -> None:
    kind = next(k for k in KINDS if k.name == "png")
    with pytest.raises(FileRejected):
        clean_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, kind)
    buf = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buf, "PNG")  # 81 megapixels, a few kB compressed
    with pytest.raises(FileRejected, match="terlalu besar"):
        clean_image(buf.getvalue(), kind)


def test_sha256() -> None:
    assert sha256_of([b"a", b"bc"]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
