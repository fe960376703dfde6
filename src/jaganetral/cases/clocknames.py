"""The names of the legal clocks (reference/data/clocks.yaml) in the reader's language.

A clock keeps the Indonesian label it was started with; these marks put every label of the clock
book into the translation catalogue, so :func:`label` shows it in English too
(tests/cases/test_staff_words.py checks every label of the book is here)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

LABELS = (
    gettext_noop("Batas waktu pelaporan"),
    gettext_noop("Penetapan temuan"),
    gettext_noop("Kajian awal"),
    gettext_noop("Penanganan setelah registrasi"),
    gettext_noop("Penanganan sejak laporan diterima"),
    gettext_noop("Rekomendasi BKN"),
    gettext_noop("Tindak lanjut PPK"),
)


def label(text: str) -> str:
    """A clock's label in the active language (unknown labels as stored)."""
    return gettext(text) if text else ""
