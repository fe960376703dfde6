"""Evidence files: allow-list by extension *and* content, hashing, and metadata-free image copies.

Pure Python (Pillow + filetype). :func:`inspect` decides whether a file is acceptable and returns
its kind; :func:`clean_image` re-encodes an image after applying its EXIF orientation, dropping
EXIF, GPS, XMP, ICC comments and every other text chunk.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

from jaganetral.lib.i18n import gettext as _

MAX_PIXELS = 60_000_000  # a 60-megapixel photo; anything larger is refused as a decompression bomb


@dataclass(frozen=True)
class Kind:
    name: str
    mime: str
    extensions: tuple[str, ...]
    image_format: str | None = None  # Pillow format name for images


KINDS = (
    Kind("jpeg", "image/jpeg", ("jpg", "jpeg"), "JPEG"),
    Kind("png", "image/png", ("png",), "PNG"),
    Kind("webp", "image/webp", ("webp",), "WEBP"),
    Kind("pdf", "application/pdf", ("pdf",)),
    Kind("mp4", "video/mp4", ("mp4",)),
)
_BY_MIME = {k.mime: k for k in KINDS}
ALLOWED_EXTENSIONS = tuple(ext for k in KINDS for ext in k.extensions)


class FileRejected(ValueError):
    """The file is not accepted; the message (Indonesian) says why."""


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def inspect(name: str, head: bytes, tail: bytes = b"", *, kinds: Iterable[str] | None = None) -> Kind:
    """The file's kind when its extension and its content agree on an allowed type.

    ``head`` is the first few kilobytes, ``tail`` the last kilobyte (for the PDF end marker).
    ``kinds`` narrows the allowed kinds by name (e.g. ``("pdf", "jpeg")``); default: all of
    :data:`KINDS`.
    """
    names = set(kinds) if kinds is not None else {k.name for k in KINDS}
    allowed_exts = tuple(ext for k in KINDS if k.name in names for ext in k.extensions)
    ext = extension_of(name)
    if ext not in allowed_exts:
        allowed = ", ".join(e.upper() for e in allowed_exts if e != "jpeg")
        raise FileRejected(
            _("Jenis berkas .%(ext)s tidak diterima. Yang diterima: %(allowed)s.")
            % {"ext": ext or "?", "allowed": allowed}
        )
    guess = filetype.guess(head)
    kind = _BY_MIME.get(guess.mime) if guess is not None else None
    if kind is not None and kind.name not in names:
        kind = None
    if kind is None:
        raise FileRejected(
            _("Isi berkas %(kind)s tidak dikenali sebagai %(kind)s yang sah.") % {"kind": ext.upper()}
        )
    if ext not in kind.extensions:
        raise FileRejected(
            _("Isi berkas tidak cocok dengan namanya: bernama .%(ext)s, tetapi isinya %(kind)s.")
            % {"ext": ext, "kind": kind.name.upper()}
        )
    if kind.name == "pdf" and b"%%EOF" not in tail:
        raise FileRejected(_("Berkas PDF tidak lengkap atau rusak."))
    if kind.name == "mp4" and head[4:8] != b"ftyp":
        raise FileRejected(_("Berkas MP4 tidak sah."))
    return kind


def sha256_of(chunks: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk)
    return h.hexdigest()


def image_pixels(data: bytes, kind: Kind) -> int:
    """Width × height from the image's header alone (nothing is decoded), refusing one over
    :data:`MAX_PIXELS` or one whose header cannot be read."""
    if kind.image_format is None:
        return 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind.image_format]) as probe:
                pixels = int(probe.width) * int(probe.height)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise FileRejected(_("Gambar rusak atau tidak dapat dibaca.")) from None
    if pixels > MAX_PIXELS:
        raise FileRejected(_("Gambar terlalu besar (jumlah piksel melebihi batas)."))
    return pixels


def clean_image(data: bytes, kind: Kind) -> bytes:
    """Re-encode an image without metadata, upright. Raises :class:`FileRejected` if it cannot be read."""
    if kind.image_format is None:
        raise ValueError(f"{kind.name} is not an image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind.image_format]) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise FileRejected(_("Gambar terlalu besar (jumlah piksel melebihi batas)."))
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[kind.image_format]) as img:
                img.load()
                upright = ImageOps.exif_transpose(img)
    except FileRejected:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise FileRejected(_("Gambar rusak atau tidak dapat dibaca.")) from None
    # A fresh image holds only pixels: no EXIF, GPS, XMP, ICC profile, comments or text chunks.
    clean = upright.copy()
    clean.info = {}
    if kind.name == "jpeg" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    options: dict[str, object] = {}
    if kind.name == "jpeg" or kind.name == "webp":
        options = {"quality": 90}
    clean.save(out, format=kind.image_format, **options)
    return out.getvalue()
