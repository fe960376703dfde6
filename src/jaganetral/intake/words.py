"""Words, not identifiers, for a report's history and an opened identity (both languages)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

EVENT_LABELS = {
    "submitted": gettext_noop("laporan dikirim"),
    "evidence_added": gettext_noop("pelapor menambah bukti"),
    "evidence_viewed": gettext_noop("bukti dilihat"),
    "evidence_original_downloaded": gettext_noop("berkas bukti asli diunduh"),
    "identity_added": gettext_noop("pelapor melengkapi identitas"),
    "question_asked": gettext_noop("pertanyaan dikirim ke pelapor"),
    "reporter_replied": gettext_noop("pelapor menjawab"),
    "identity_access_requested": gettext_noop("akses identitas pelapor diminta"),
    "identity_access_approved": gettext_noop("akses identitas pelapor disetujui"),
    "identity_access_refused": gettext_noop("akses identitas pelapor ditolak"),
    "identity_opened": gettext_noop("identitas pelapor dibuka"),
    "registered": gettext_noop("laporan diregistrasi"),
    "not_registered": gettext_noop("laporan tidak diregistrasi"),
    "initial_information": gettext_noop("laporan dijadikan informasi awal temuan"),
    "identity_erased": gettext_noop("identitas pelapor dihapus"),
    "content_erased": gettext_noop("isi laporan dihapus"),
    "identity_corrected": gettext_noop("identitas pelapor diperbaiki"),
}

IDENTITY_LABELS = {
    "name": gettext_noop("Nama lengkap"),
    "birth_place": gettext_noop("Tempat lahir"),
    "birth_date": gettext_noop("Tanggal lahir"),
    "sex": gettext_noop("Jenis kelamin"),
    "occupation": gettext_noop("Pekerjaan"),
    "citizenship": gettext_noop("Kewarganegaraan"),
    "address": gettext_noop("Alamat"),
    "phone": gettext_noop("Nomor telepon"),
    "email": gettext_noop("Surel"),
}
SEX = {"L": gettext_noop("Laki-laki"), "P": gettext_noop("Perempuan")}


def event_label(kind: str) -> str:
    return _(EVENT_LABELS[kind]) if kind in EVENT_LABELS else kind.replace("_", " ")


def identity_rows(identity: Any) -> list[tuple[str, str]]:
    """An opened identity as (label, value) rows, in the form's order; unknown keys last."""
    if not isinstance(identity, dict):
        return []
    rows = []
    for key in [*IDENTITY_LABELS, *sorted(k for k in identity if k not in IDENTITY_LABELS)]:
        value = identity.get(key)
        if not value:
            continue
        shown = _(SEX[value]) if key == "sex" and value in SEX else str(value)
        label = _(IDENTITY_LABELS[key]) if key in IDENTITY_LABELS else str(key).replace("_", " ")
        rows.append((label, shown))
    return rows
