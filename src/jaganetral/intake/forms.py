"""Forms shared by the public pages and the API: every rule on input lives here once."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.intake.actions import ReportedInput, ReportInput
from jaganetral.intake.models import Anonymity
from jaganetral.intake.selectors import election_for
from jaganetral.lib import nip as nip_lib
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Election, Region

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)
MAX_LINKS = 10


def no_markup(value: str) -> None:
    if _MARKUP.search(value or ""):
        raise ValidationError(
            _(
                "Teks tidak boleh berisi kode HTML atau skrip (misalnya tanda <...>). "
                "Tulis sebagai teks biasa."
            )
        )


def _text(
    label: StrOrPromise, max_length: int, *, required: bool = True, area: bool = False
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 5}) if area else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[no_markup], widget=widget
    )


def parse_links(raw: str) -> list[str]:
    links = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError(_("Paling banyak %(n)d tautan.") % {"n": MAX_LINKS})
    for link in links:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.hostname or len(link) > 1000:
            raise ValidationError(
                _("Tautan harus alamat web lengkap yang diawali https:// atau http:// (satu per baris).")
            )
        if any(ch in link for ch in "<>\"' "):
            raise ValidationError(_("Tautan berisi karakter yang tidak diizinkan."))
    return links


class _DateInput(forms.DateInput):
    input_type = "date"


class IdentityFields(forms.Form):
    name = _text(_("Nama lengkap"), 200, required=False)
    birth_place = _text(_("Tempat lahir"), 100, required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=_DateInput)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"),
        required=False,
        choices=[("", "—"), ("L", _("Laki-laki")), ("P", _("Perempuan"))],
    )
    occupation = _text(_("Pekerjaan"), 100, required=False)
    citizenship = _text(_("Kewarganegaraan"), 60, required=False)
    address = _text(_("Alamat"), 300, required=False)
    phone = _text(_("Nomor telepon"), 30, required=False)
    email = forms.EmailField(label=_("Surel"), required=False, max_length=200)

    @sensitive_variables("out")
    def identity(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ("name", "birth_place", "sex", "occupation", "citizenship", "address", "phone", "email"):
            value = self.cleaned_data.get(key) or ""
            if value:
                out[key] = str(value)
        if self.cleaned_data.get("birth_date"):
            out["birth_date"] = self.cleaned_data["birth_date"].isoformat()
        return out


class IdentityForm(IdentityFields):
    """Adding an identity later, from the status page."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name"):
            self.add_error("name", _("Nama lengkap wajib diisi."))
        return data


class ReportForm(IdentityFields):
    anonymity = forms.ChoiceField(
        label=_("Identitas pelapor"), choices=Anonymity.choices, widget=forms.RadioSelect
    )
    reported_name = _text(_("Nama ASN yang dilaporkan"), 200)
    reported_nip = forms.CharField(label=_("NIP (jika tahu)"), max_length=30, required=False)
    reported_agency = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    reported_agency_name = _text(_("Instansi (jika tidak ada di daftar)"), 200, required=False)
    reported_position = _text(_("Jabatan"), 200, required=False)
    region = forms.CharField(label=_("Wilayah kejadian (kabupaten/kota)"), max_length=13)
    place = _text(_("Tempat kejadian"), 300)
    event_date = forms.DateField(label=_("Tanggal kejadian"), widget=_DateInput)
    known_date = forms.DateField(label=_("Tanggal diketahui"), widget=_DateInput)
    election = forms.ModelChoiceField(
        label=_("Pemilihan"), queryset=Election.objects.all(), required=False, to_field_name="code"
    )
    what = _text(_("Apa yang terjadi"), 5000, area=True)
    chronology = _text(_("Kronologi"), 20000, required=False, area=True)
    witnesses = _text(_("Saksi (nama dan kontak, satu per baris)"), 3000, required=False, area=True)
    links = forms.CharField(
        label=_("Tautan unggahan (satu per baris)"),
        max_length=MAX_LINKS * 1001,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notify_email = forms.EmailField(
        label=_("Surel untuk kabar (boleh kosong)"),
        required=False,
        max_length=254,
        help_text=_(
            "Bila diisi, kami hanya mengirim surel “ada kabar, buka tanda terima Anda” tanpa isi "
            "laporan. Alamatnya disegel dan dapat Anda hapus kapan saja di halaman status."
        ),
    )
    # Honeypot: hidden from people by CSS; bots fill it in.
    website = forms.CharField(required=False, max_length=200, label=_("Jangan diisi"))

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Formulir tidak dapat diproses."))
        return ""

    def clean_reported_nip(self) -> str:
        raw = self.cleaned_data.get("reported_nip", "").strip()
        if not raw:
            return ""
        try:
            return nip_lib.parse(raw).digits
        except nip_lib.NipError as exc:
            raise ValidationError(str(exc)) from None

    def clean_region(self) -> Region:
        raw = self.cleaned_data.get("region", "")
        try:
            code = normalize(raw)
        except RegionCodeError:
            raise ValidationError(_("Pilih wilayah kejadian dari daftar.")) from None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("Wilayah %(code)s tidak ada di data referensi.") % {"code": code})
        return region

    def clean_links(self) -> list[str]:
        return parse_links(self.cleaned_data.get("links", ""))

    @sensitive_variables("data")
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        event: date | None = data.get("event_date")
        known: date | None = data.get("known_date")
        if event and event > today:
            self.add_error("event_date", _("Tanggal kejadian belum terjadi."))
        if known and known > today:
            self.add_error("known_date", _("Tanggal diketahui belum terjadi."))
        if event and known and known < event:
            self.add_error("known_date", _("Tanggal diketahui tidak boleh sebelum tanggal kejadian."))
        if event and event.year < 2000:
            self.add_error("event_date", _("Tanggal kejadian tidak masuk akal."))
        if data.get("anonymity") == Anonymity.CONFIDENTIAL and not data.get("name"):
            self.add_error("name", _("Laporan rahasia memerlukan nama pelapor (identitas akan disegel)."))
        return data

    @sensitive_variables("d")
    def to_input(self) -> ReportInput:
        d = self.cleaned_data
        region: Region = d["region"]
        election = d.get("election") or election_for(region, d["event_date"])
        return ReportInput(
            anonymity=d["anonymity"],
            region=region,
            election=election,
            place=d["place"],
            event_date=d["event_date"],
            known_date=d["known_date"],
            what=d["what"],
            chronology=d.get("chronology", ""),
            reported=[
                ReportedInput(
                    name=d["reported_name"],
                    nip=d.get("reported_nip", ""),
                    agency=d.get("reported_agency"),
                    agency_name=d.get("reported_agency_name", ""),
                    position=d.get("reported_position", ""),
                )
            ],
            identity=self.identity() if d["anonymity"] == Anonymity.CONFIDENTIAL else {},
            witnesses=[w for w in (d.get("witnesses") or "").splitlines() if w.strip()],
            links=d.get("links", []),
            notify_email=d.get("notify_email") or "",
        )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Kode tanda terima"), max_length=60)


class NotifyEmailForm(forms.Form):
    """The reporter leaves or replaces the address for "there is news" e-mails (status page)."""

    notify_email = forms.EmailField(label=_("Alamat surel"), max_length=254)


class ReplyForm(forms.Form):
    body = _text(_("Jawaban Anda"), 5000, area=True)


class AddEvidenceForm(forms.Form):
    links = forms.CharField(
        label=_("Tautan unggahan (satu per baris)"),
        max_length=MAX_LINKS * 1001,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_links(self) -> list[str]:
        return parse_links(self.cleaned_data.get("links", ""))


class QuestionForm(forms.Form):
    body = _text(_("Pertanyaan untuk pelapor"), 5000, area=True)


class AccessRequestForm(forms.Form):
    reason = _text(_("Alasan membuka identitas pelapor"), 2000, area=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Setujui")), ("refuse", _("Tolak"))])
    note = _text(_("Catatan"), 2000, required=False, area=True)


def first_error(form: forms.Form) -> str:
    """One readable sentence for the API: ``field: message``."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return str(_("Masukan tidak sah."))
