"""Clean copies of evidence, made away from the web request, in a bounded child process. Pure Python.

Every accepted kind gets a copy without metadata or active content:

- images (JPEG, PNG, WebP): re-encoded from the pixels alone (:func:`jaganetral.lib.files.clean_image`);
- PDF (pikepdf): the document information (/Author, /Title, /Producer ...), XMP metadata, JavaScript,
  open and page actions, form actions, embedded and attached files, and every annotation that runs
  something are removed; pages, text and pictures stay;
- MP4: without transcoding, every metadata box (``udta``, ``meta``, ``uuid``, ``XMP_``) is turned
  into a ``free`` box of the same size and zeroed, so no offset moves and the video plays as before;
  creation times in ``mvhd``/``tkhd``/``mdhd`` are zeroed.

:func:`clean_bounded` runs :func:`clean` in a child process (``python -m jaganetral.lib.sanitize``)
with a memory limit (``RLIMIT_AS``), a CPU-time limit and a wall-clock timeout, at a lower
priority: a hostile file (a decompression bomb, a PDF that makes the parser loop) kills only that
child.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys

from jaganetral.lib import files as files_lib
from jaganetral.lib.i18n import gettext as _

MEMORY_LIMIT = 768 * 1024 * 1024  # bytes of address space for one cleaning child
CPU_SECONDS = 60
WALL_SECONDS = 90
KINDS = {k.name: k for k in files_lib.KINDS}


class CleanFailed(ValueError):
    """No clean copy could be made; the message (Indonesian) says why."""


# --- PDF ------------------------------------------------------------------------------------------

_ACTIVE_CATALOG_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/Names", "/Metadata", "/URI", "/JavaScript")
_ACTIVE_ANNOTS = {"/Link", "/Widget", "/Screen", "/Movie", "/Sound", "/RichMedia", "/FileAttachment", "/3D"}


def clean_pdf(data: bytes) -> bytes:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError) as exc:
        raise CleanFailed(_("Berkas PDF rusak atau tidak dapat dibaca.")) from exc
    with pdf:
        root = pdf.Root
        for key in _ACTIVE_CATALOG_KEYS:
            if key in root:
                del root[key]
        for page in pdf.pages:
            obj = page.obj
            for key in ("/AA", "/Metadata", "/PieceInfo"):
                if key in obj:
                    del obj[key]
            if "/Annots" in obj:
                kept = [a for a in obj.Annots if str(a.get("/Subtype", "")) not in _ACTIVE_ANNOTS]
                kept = [a for a in kept if "/A" not in a and "/AA" not in a]
                obj.Annots = pikepdf.Array(kept)
        for obj in pdf.objects:  # anything left that runs or carries a file
            if isinstance(obj, pikepdf.Dictionary):
                for key in ("/JS", "/JavaScript", "/EmbeddedFile", "/EF", "/Metadata"):
                    if key in obj:
                        del obj[key]
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    return out.getvalue()


# --- MP4 ------------------------------------------------------------------------------------------

_METADATA_BOXES = {b"udta", b"meta", b"uuid", b"XMP_", b"ilst"}
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"moof", b"traf"}
_TIMED = {b"mvhd", b"tkhd", b"mdhd"}


def _boxes(buf: bytearray, start: int, end: int) -> list[tuple[int, int, bytes, int]]:
    """(offset, size, type, header length) of the boxes between ``start`` and ``end``."""
    found = []
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", buf[pos : pos + 8])
        header = 8
        if size == 1:
            if pos + 16 > end:
                break
            size = struct.unpack(">Q", buf[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise CleanFailed(_("Berkas MP4 rusak."))
        found.append((pos, size, kind, header))
        pos += size
    return found


def _scrub(buf: bytearray, start: int, end: int, depth: int = 0) -> None:
    if depth > 12:
        raise CleanFailed(_("Berkas MP4 rusak."))
    for pos, size, kind, header in _boxes(buf, start, end):
        if kind in _METADATA_BOXES:
            buf[pos + 4 : pos + 8] = b"free"
            buf[pos + header : pos + size] = bytes(size - header)
        elif kind in _TIMED and size >= header + 12:
            version = buf[pos + header]
            width = 8 if version == 1 else 4
            # creation_time and modification_time follow the version and flags
            buf[pos + header + 4 : pos + header + 4 + 2 * width] = bytes(2 * width)
        elif kind in _CONTAINERS:
            _scrub(buf, pos + header, pos + size, depth + 1)


def clean_mp4(data: bytes) -> bytes:
    buf = bytearray(data)
    _scrub(buf, 0, len(buf))
    return bytes(buf)


# --- all kinds ------------------------------------------------------------------------------------


def clean(kind_name: str, data: bytes) -> bytes:
    kind = KINDS.get(kind_name)
    if kind is None:
        raise CleanFailed(_("Jenis berkas tidak dikenal."))
    if kind.image_format:
        try:
            return files_lib.clean_image(data, kind)
        except files_lib.FileRejected as exc:
            raise CleanFailed(str(exc)) from None
    if kind.name == "pdf":
        return clean_pdf(data)
    if kind.name == "mp4":
        return clean_mp4(data)
    raise CleanFailed(_("Jenis berkas tidak dikenal."))


def _limit_child() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    os.nice(10)


def clean_bounded(kind_name: str, data: bytes, *, timeout: float = WALL_SECONDS) -> bytes:
    """:func:`clean` in a child process bounded in memory, CPU time and wall-clock time."""
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "jaganetral.lib.sanitize", kind_name],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_child,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CleanFailed(_("Berkas terlalu berat untuk dibersihkan (waktu habis).")) from None
    if done.returncode == 0:
        return done.stdout
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if done.returncode == 2 else []
    raise CleanFailed(
        message[0]
        if message
        else _("Berkas terlalu berat atau rusak untuk dibersihkan (batas memori/waktu).")
    )


def main() -> int:  # pragma: no cover - exercised through clean_bounded
    kind_name = sys.argv[1]
    data = sys.stdin.buffer.read()
    try:
        out = clean(kind_name, data)
    except CleanFailed as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
