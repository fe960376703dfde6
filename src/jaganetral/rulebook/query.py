"""Validation of a self-check question. Pure Python (no Django)."""

from __future__ import annotations

import unicodedata

from jaganetral.lib.i18n import gettext as _

MAX_QUERY_CHARS = 2000


class QueryError(ValueError):
    """The question cannot be checked; the message is Indonesian and safe to show."""


def clean_query(text: object) -> str:
    if not isinstance(text, str):
        raise QueryError(_("Pertanyaan harus berupa teks."))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            _("Pertanyaan terlalu panjang (%(n)d karakter); paling banyak %(max)d.")
            % {"n": len(text), "max": MAX_QUERY_CHARS}
        )
    if "\x00" in text or "\ufffd" in text:
        raise QueryError(_("Pertanyaan harus berupa teks biasa, bukan data biner."))
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls:
        raise QueryError(_("Pertanyaan mengandung karakter kendali; tulis sebagai teks biasa."))
    text = " ".join(text.split())
    if not text:
        raise QueryError(_("Pertanyaan kosong. Tuliskan apa yang Anda lakukan atau rencanakan."))
    if not any(ch.isalpha() for ch in text) and not any(ch in text for ch in "✌☝👆🤟🤘👍✊👊🫶🫰"):
        raise QueryError(_("Pertanyaan tidak berisi kata. Tuliskan apa yang Anda lakukan dengan kata-kata."))
    return text
