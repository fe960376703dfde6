"""The pure modules' refusals in English. Without Django they stay as written (Bahasa Indonesia);
once the site runs, ``core`` installs Django's gettext into :mod:`jaganetral.lib.i18n` and they
follow the active language, as on a page where the person chose English."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext_noop

from jaganetral.lib import files, nip, regioncode
from jaganetral.lib.filestore import FileStore
from tests.lib.test_filestore import PDF, FakeUpload


class Refused(ValueError):
    pass


def _store(root: Path) -> FileStore:
    scope = gettext_noop("untuk satu laporan")
    return FileStore(root=root, error=Refused, max_file_bytes=1000, max_total_bytes=1500, total_scope=scope)


def test_nip_and_region_code_refusals_in_english() -> None:
    with translation.override("en"):
        with pytest.raises(nip.NipError, match=r"^The NIP must have 18 digits \(3 were entered\)\.$"):
            nip.parse("123")
        with pytest.raises(regioncode.RegionCodeError, match=r"^not a valid Kemendagri region code: 'x1'$"):
            regioncode.normalize("x1")
    with pytest.raises(nip.NipError, match=r"^NIP harus 18 angka \(yang diisi 3 angka\)\.$"):
        nip.parse("123")


def test_file_refusals_in_english(tmp_path: Path) -> None:
    with translation.override("en"):
        with pytest.raises(files.FileRejected, match=r"^Files of type \.exe are not accepted\. Accepted: "):
            files.inspect("a.exe", b"MZ")
        with pytest.raises(files.FileRejected, match=r"named \.pdf, but the content is PNG\.$"):
            files.inspect("a.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
        store = _store(tmp_path)
        with pytest.raises(Refused, match=r"^The files are too large in total: at most 0 MB per report\.$"):
            store.check_sizes([FakeUpload("a.pdf", PDF, size=900), FakeUpload("b.pdf", PDF, size=900)])
        with pytest.raises(Refused, match=r"^Empty files cannot be accepted\.$"):
            store.check_sizes([FakeUpload("a.pdf", b"")])
    with pytest.raises(Refused, match="paling besar 0 MB untuk satu laporan"):
        _store(tmp_path).check_sizes([FakeUpload("a.pdf", PDF, size=900), FakeUpload("b.pdf", PDF, size=900)])
