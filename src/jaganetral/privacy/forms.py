from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaganetral.intake.forms import IdentityFields
from jaganetral.privacy.actions import MAX_ANSWER, MAX_DETAILS
from jaganetral.privacy.models import RequestKind


class ReporterRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis permintaan"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Uraian (boleh kosong)"),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_DETAILS}),
        help_text=_("Jangan tulis identitas Anda di sini; untuk perbaikan isi kolom identitas di bawah."),
    )


class CorrectionForm(IdentityFields):
    """The corrected identity (sealed at once; only used for a correction request)."""


class RegistryRequestForm(forms.Form):
    nip = forms.CharField(label=_("NIP ASN yang meminta"), max_length=30)
    kind = forms.ChoiceField(label=_("Jenis permintaan"), choices=RequestKind.choices)
    channel = forms.CharField(
        label=_("Diterima melalui"),
        max_length=200,
        help_text=_("Mis. surat tanggal 3 Maret 2026 nomor ..., surel, datang langsung."),
    )
    details = forms.CharField(
        label=_("Uraian permintaan"),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_DETAILS}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Penuhi")), ("refuse", _("Tolak"))])
    answer = forms.CharField(
        label=_("Jawaban kepada subjek data"),
        max_length=MAX_ANSWER,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_ANSWER}),
    )

    def approve(self) -> bool:
        data: dict[str, Any] = self.cleaned_data
        return data["decision"] == "approve"
