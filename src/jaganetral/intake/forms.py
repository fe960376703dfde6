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

from jaganetral.intake import pickers
from jaganetral.intake.actions import ReportedInput, ReportInput
from jaganetral.intake.models import Anonymity
from jaganetral.intake.selectors import (
    agency_entries,
    election_for,
    election_period,
    outside_period,
    region_entries,
)
from jaganetral.lib import nip as nip_lib
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Election, Region
from jaganetral.reference.selectors import real_elections

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)
MAX_LINKS = 10


def period_warning(election: Election | None, event: date | None) -> str:
    """A warning (never a refusal) when the event date is far from the chosen election."""
    if election is None or event is None or not outside_period(election, event):
        return ""
    start, end = election_period(election)
    return str(
        _(
            "Tanggal kejadian %(event)s berada di luar masa %(election)s (%(start)s sampai %(end)s; "
            "hari pemungutan suara %(voting)s). Periksa kembali tanggal kejadian dan pemilihan yang "
            "dipilih. Laporan tetap dapat dikirim."
        )
        % {
            "event": event.strftime("%d-%m-%Y"),
            "election": election.name,
            "start": start.strftime("%d-%m-%Y"),
            "end": end.strftime("%d-%m-%Y"),
            "voting": election.voting_day.strftime("%d-%m-%Y"),
        }
    )


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
    # A name typed or picked from the suggestions (the API may send an agency's number instead);
    # a name not in the list is kept as written, in ``reported_agency_name``.
    reported_agency = _text(_("Instansi"), 200, required=False)
    reported_agency_name = _text(_("Instansi (jika tidak ada di daftar)"), 200, required=False)
    reported_position = _text(_("Jabatan"), 200, required=False)
    # A Kemendagri code, or (on the page) a name typed or picked from the suggestions.
    region = forms.CharField(label=_("Wilayah kejadian (kabupaten/kota)"), max_length=120)
    place = _text(_("Tempat kejadian"), 300)
    event_date = forms.DateField(label=_("Tanggal kejadian"), widget=_DateInput)
    known_date = forms.DateField(label=_("Tanggal diketahui"), widget=_DateInput)
    election = forms.ModelChoiceField(
        label=_("Pemilihan"), queryset=real_elections(), required=False, to_field_name="code"
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

    # The order of the fields on the page, for the list of errors at its top.
    PAGE_ORDER = (
        "anonymity",
        *IdentityFields.base_fields,
        "reported_name",
        "reported_nip",
        "reported_agency",
        "reported_agency_name",
        "reported_position",
        "what",
        "region",
        "place",
        "event_date",
        "known_date",
        "election",
        "chronology",
        "witnesses",
        "links",
    )

    def __init__(self, *args: Any, names: bool = True, **kwargs: Any) -> None:
        """``names``: region and agency may be given by name (the page); the API sends codes."""
        super().__init__(*args, **kwargs)
        self.names = names
        self.fields["reported_agency"].widget.attrs.update({"list": "daftar-instansi", "autocomplete": "off"})

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for each error, in page order; non-field errors have no id."""
        out = [("", "", str(e)) for e in self.non_field_errors()]
        for name in self.PAGE_ORDER:
            for e in self.errors.get(name, []):
                bound = self[name]
                # radio buttons have no one id: the first one stands for the group
                anchor = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
                out.append((anchor, str(self.fields[name].label), str(e)))
        for name, errors in self.errors.items():
            if name not in self.PAGE_ORDER and name != forms.forms.NON_FIELD_ERRORS:
                out.extend(("", "", str(e)) for e in errors)  # the honeypot: no field to point at
        return out

    def clean_reported_agency(self) -> Agency | None:
        raw = (self.cleaned_data.get("reported_agency") or "").strip()
        if not raw:
            return None
        if raw.isdigit():
            agency = Agency.objects.filter(pk=int(raw), is_active=True).first()
            if agency is None:
                raise ValidationError(_("Instansi nomor %(n)s tidak ada di daftar.") % {"n": raw[:12]})
            return agency
        if not self.names:
            raise ValidationError(_("Kirim nomor instansi, atau tulis namanya di reported_agency_name."))
        match = pickers.resolve(raw, agency_entries(), by_words=False)
        return Agency.objects.filter(pk=match.key).first() if match.found else None

    def clean_region(self) -> Region:
        raw = (self.cleaned_data.get("region") or "").strip()
        try:
            code = normalize(raw)
        except RegionCodeError:
            code = ""
        if code:
            region = Region.objects.filter(code=code).first()
            if region is None:
                raise ValidationError(_("Wilayah %(code)s tidak ada di data referensi.") % {"code": code})
            return region
        if not self.names:
            raise ValidationError(_("Pilih wilayah kejadian dari daftar."))
        match = pickers.resolve(raw, region_entries())
        if match.found:
            return Region.objects.get(code=match.key)
        if match.suggestions:
            raise ValidationError(
                _("Wilayah “%(typed)s” belum jelas. Maksud Anda: %(names)s?")
                % {"typed": raw[:60], "names": "; ".join(match.suggestions)}
            )
        raise ValidationError(
            _(
                "Wilayah “%(typed)s” tidak ada di daftar. Ketik nama kabupaten/kota atau "
                "provinsi, lalu pilih dari saran yang muncul."
            )
            % {"typed": raw[:60]}
        )

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
        typed_agency = (self.data.get("reported_agency") or "").strip()
        if "reported_agency" in data and data["reported_agency"] is None and not typed_agency.isdigit():
            data["reported_agency_name"] = data.get("reported_agency_name") or typed_agency
        return data

    def identity_has_errors(self) -> bool:
        return any(name in self.errors for name in IdentityFields.base_fields)

    def date_warning(self) -> str:
        """For the dates and election entered so far (the form need not be valid)."""
        data = getattr(self, "cleaned_data", {})
        return period_warning(data.get("election"), data.get("event_date"))

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
