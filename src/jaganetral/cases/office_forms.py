"""The office-profile form (the page staff admins edit letterheads on). Shape only: the office
file's rules (:mod:`jaganetral.reference.office_file`) check the values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from jaganetral.reference.models import Office
from jaganetral.reference.office_file import MAX_LOGO_BYTES, OfficeSpec, nip_or_blank

SIGNATORY_ROWS = 3


class OfficeForm(forms.Form):
    name = forms.CharField(label=_("Nama kantor (kop surat)"), min_length=5, max_length=200)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    city = forms.CharField(
        label=_("Kota tempat surat"),
        min_length=2,
        max_length=80,
        help_text=_("ditulis sebelum tanggal surat"),
    )
    phone = forms.CharField(label=_("Telepon"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=120, required=False)
    website = forms.CharField(label=_("Situs web"), max_length=120, required=False)
    unit_code = forms.RegexField(
        label=_("Kode satuan kerja pada nomor surat"),
        regex=r"^[A-Za-z0-9.\-]*$",
        error_messages={"invalid": _("Hanya huruf, angka, titik dan tanda hubung.")},
        max_length=30,
        required=False,
        help_text=_("misalnya K.JT-20; kosong = kode wilayah"),
    )
    logo = forms.FileField(
        label=_("Logo (PNG atau JPEG, paling besar 300 KB)"), required=False, max_length=200
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, SIGNATORY_ROWS + 1):
            self.fields[f"sig{n}_name"] = forms.CharField(
                label=_("Penanda tangan %(n)d: nama") % {"n": n}, max_length=120, required=False
            )
            self.fields[f"sig{n}_title"] = forms.CharField(
                label=_("Penanda tangan %(n)d: jabatan") % {"n": n}, max_length=160, required=False
            )
            self.fields[f"sig{n}_nip"] = forms.CharField(
                label=_("Penanda tangan %(n)d: NIP (jika ada)") % {"n": n}, max_length=30, required=False
            )

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo is not None and logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("Logo paling besar 300 KB."))
        return logo

    def spec(self, code: str) -> OfficeSpec:
        """The checked profile; a problem becomes a form error (and ValueError)."""
        data = self.cleaned_data
        signatories = []
        for n in range(1, SIGNATORY_ROWS + 1):
            name, title = data.get(f"sig{n}_name", ""), data.get(f"sig{n}_title", "")
            nip = data.get(f"sig{n}_nip", "")
            if not (name or title or nip):
                continue
            if len(name) < 3 or len(title) < 3:
                problem = _("isi nama dan jabatan, masing-masing paling sedikit 3 huruf.")
                raise ValueError(str(_("Penanda tangan %(n)d: %(problem)s") % {"n": n, "problem": problem}))
            try:
                nip_or_blank(nip)
            except ValueError as exc:
                raise ValueError(
                    str(_("Penanda tangan %(n)d: %(problem)s") % {"n": n, "problem": exc})
                ) from None
            signatories.append({"name": name, "title": title, "nip": nip})
        raw = {
            k: data.get(k, "") for k in ("name", "address", "city", "phone", "email", "website", "unit_code")
        }
        try:
            return OfficeSpec.model_validate({"code": code or "nasional", **raw, "signatories": signatories})
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            label = self.fields[field].label if field in self.fields else field
            raise ValueError(str(_("%(field)s: isian tidak sah.") % {"field": label})) from None


def initial(office: Office) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: getattr(office, k) for k in ("name", "address", "city", "phone", "email", "website", "unit_code")
    }
    for n, s in enumerate(office.signatories[:SIGNATORY_ROWS], 1):
        data.update(
            {
                f"sig{n}_name": s.get("name", ""),
                f"sig{n}_title": s.get("title", ""),
                f"sig{n}_nip": s.get("nip", ""),
            }
        )
    return data
