from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaganetral.prevention.actions.pledges import MAX_LINK_DAYS
from jaganetral.prevention.roster import MAX_BYTES
from jaganetral.reference.models import Agency, Election, Region


class CampaignForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Instansi"), queryset=Agency.objects.none())
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.none())
    title = forms.CharField(label=_("Judul kampanye"), max_length=200)
    link_days = forms.IntegerField(
        label=_("Masa berlaku tautan pribadi (hari)"), min_value=1, max_value=MAX_LINK_DAYS, initial=30
    )

    def __init__(self, *args: Any, agencies: Any, elections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["election"].queryset = elections  # type: ignore[attr-defined]


class RosterForm(forms.Form):
    file = forms.FileField(
        label=_("Daftar ASN (CSV atau XLSX)"),
        help_text=_(
            "Kolom: NIP, Nama, Unit kerja, Jenis (PNS/PPPK), Email. Baris pertama berisi judul kolom. "
            "Paling besar 2 MB."
        ),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if f.size > MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 2 MB."))
        return f


class SignForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK Anda"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Nama lengkap Anda"), max_length=200)
    agree = forms.BooleanField(
        label=_("Saya sudah membaca ringkasan aturan di atas dan menyatakan ikrar netralitas ini."),
        error_messages={"required": _("Centang pernyataan ikrar untuk menandatangani.")},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Kode verifikasi sertifikat"), max_length=30)


class BriefingForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ModelChoiceField(label=_("Wilayah"), queryset=Region.objects.none())
    agency = forms.ModelChoiceField(label=_("Instansi"), queryset=Agency.objects.none(), required=False)
    audience = forms.CharField(
        label=_("Peserta"), max_length=300, help_text=_("Mis. 120 ASN Dinas Pendidikan, kepala sekolah.")
    )
    materials = forms.CharField(
        label=_("Materi"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
    )

    def __init__(self, *args: Any, agencies: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class ReminderForm(forms.Form):
    recipient = forms.EmailField(
        label=_("Alamat surel rekan Anda"),
        max_length=254,
        help_text=_("Alamat ini tidak disimpan; nama dan alamat Anda tidak dicatat."),
    )
    rule = forms.ChoiceField(label=_("Aturan yang ingin Anda ingatkan"))

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("— pilih aturan —")), *rules]  # type: ignore[attr-defined]
