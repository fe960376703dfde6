from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaganetral.rulebook import questionnaire
from jaganetral.rulebook.query import MAX_QUERY_CHARS, QueryError, clean_query


class CheckForm(forms.Form):
    q = forms.CharField(
        label=_("Apa yang Anda lakukan atau rencanakan?"),
        max_length=MAX_QUERY_CHARS,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "maxlength": MAX_QUERY_CHARS,
                "placeholder": _("Contoh: sy ngelike postingan capres 02 boleh gak?"),
                "autocomplete": "off",
            }
        ),
        error_messages={
            "required": _("Pertanyaan kosong. Tuliskan apa yang Anda lakukan atau rencanakan."),
            "max_length": _("Pertanyaan terlalu panjang; paling banyak %(limit_value)d karakter."),
        },
    )

    def clean_q(self) -> str:
        try:
            return clean_query(self.cleaned_data["q"])
        except QueryError as exc:
            raise forms.ValidationError(str(exc)) from None


def _radio(question: str, label: Any, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(value, _(label)) for value, label in questionnaire.choices(question)],
        widget=forms.RadioSelect,
        required=required,
        error_messages={
            "required": _("Pilih salah satu jawaban."),
            "invalid_choice": _("Jawaban tidak dikenal."),
        },
    )


class GuidedForm(forms.Form):
    act = _radio("act", _("Apa yang Anda lakukan?"))
    target = _radio("target", _("Terkait siapa?"))
    audience = _radio("audience", _("Ditujukan kepada siapa?"), required=False)
    medium = _radio("medium", _("Di mana?"), required=False)
    period = _radio("period", _("Kapan?"), required=False)
    post = _radio("post", _("Apakah Anda memegang jabatan?"), required=False)
    election = _radio("election", _("Pemilihan apa?"), required=False)
