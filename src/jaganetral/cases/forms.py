"""Forms of the staff pages. They only validate shape; the actions decide what is allowed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaganetral.cases import actions
from jaganetral.cases.models import Employment, LinkKind
from jaganetral.cases.workflow import STOP_REASON_LABELS, bulk_targets, state_label
from jaganetral.reference.models import Agency, Election, Region

STOP_CHOICES = [("", "—")] + [(r.value, _(label)) for r, label in STOP_REASON_LABELS.items()]
PARTY_ROLES = {"terlapor", "saksi", "ahli", "pelapor"}


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return str(_("Masukan tidak sah."))


def split_codes(text: str) -> list[str]:
    return [c for c in text.replace(",", " ").split() if c][:31]


class RulesField(forms.CharField):
    def __init__(self, **kw: object) -> None:
        kw.setdefault("max_length", 400)
        kw.setdefault("required", False)
        kw.setdefault("label", _("Kode aturan (pisahkan dengan koma), mis. N1, D4"))
        super().__init__(**kw)  # type: ignore[arg-type]


class SuggestedCodesField(forms.MultipleChoiceField):
    """Rule codes ticked among the matcher's suggestions (cases/suggestions.py). The choices are
    offered at run time; the shape check accepts any rule code and the action checks it against the
    rulebook, so a ticked code survives a page shown again after an error."""

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("required", False)
        kw.setdefault("label", _("Aturan yang disarankan"))
        kw.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kw)

    def valid_value(self, value: Any) -> bool:
        return isinstance(value, str) and bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,19}", value))


class _ChosenCodes(forms.Form):
    def chosen_codes(self) -> list[str]:
        """The ticked suggestions and the typed codes, in that order, each once."""
        d = self.cleaned_data
        codes = [*(d.get("suggested") or []), *split_codes(d.get("rules") or "")]
        return list(dict.fromkeys(c.upper() for c in codes))[:31]


class TransitionForm(forms.Form):
    target = forms.CharField(label=_("Langkah"), max_length=30)
    reason = forms.CharField(
        label=_("Alasan"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stop_reason = forms.ChoiceField(label=_("Alasan penghentian"), choices=STOP_CHOICES, required=False)


class BulkTransitionForm(forms.Form):
    """The bulk step of the case list: one target state (only those the workflow gives the role)
    and one reason for all selected cases."""

    target = forms.ChoiceField(label=_("Pindahkan ke"), choices=())
    reason = forms.CharField(label=_("Alasan"), max_length=4000, required=False)

    def __init__(self, *args: Any, role: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [(s.value, state_label(s)) for s in bulk_targets(role)]


class AllegationForm(forms.Form):
    suggested = SuggestedCodesField()
    rules = RulesField()
    person_name = forms.CharField(label=_("Tambah terlapor: nama"), max_length=200, required=False)
    person_nip = forms.CharField(label=_("NIP"), max_length=18, required=False)
    person_position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    person_employment = forms.ChoiceField(
        label=_("Status kepegawaian"), choices=Employment.choices, initial=Employment.PNS, required=False
    )
    person_agency = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Agency.objects.filter(is_active=True), required=False
    )

    @staticmethod
    def persons_from(d: dict[str, Any]) -> list[actions.PersonInput]:
        if not d.get("person_name"):
            return []
        return [
            actions.PersonInput(
                d["person_name"], d["person_nip"], d["person_agency"], "", d["person_position"]
            )
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    other = forms.IntegerField(label=_("ID kasus lain"), min_value=1, max_value=2**62)
    kind = forms.ChoiceField(label=_("Jenis"), choices=LinkKind.choices)


PARTY_ROLE_CHOICES = [
    ("", "—"),
    ("terlapor", _("Terlapor")),
    ("saksi", _("Saksi")),
    ("ahli", _("Ahli")),
    ("pelapor", _("Pelapor (namanya tidak dicatat)")),
]
PARTY_ROWS = 6  # rows shown; "Tambah baris" shows more without JavaScript
MAX_PARTY_ROWS = 50


class ClarificationForm(forms.Form):
    """A clarification session; the invited parties are rows (role, name, attended), read from
    ``party_role_N``, ``party_name_N`` and ``party_attended_N``."""

    held_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    started_at = forms.TimeField(
        label=_("Pukul mulai"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Tempat"), max_length=300)
    clerk = forms.CharField(label=_("Pencatat (notulen)"), max_length=120, required=False)
    oath_offered = forms.BooleanField(label=_("Sumpah ditawarkan"), required=False)
    oath_taken = forms.BooleanField(label=_("Sumpah diucapkan"), required=False)
    statement = forms.CharField(
        label=_("Keterangan"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, persons: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persons = persons or []

    def party_rows(self) -> list[dict[str, Any]]:
        """The rows to show: what was typed (on an error), else the reported people first."""
        if self.is_bound:
            rows = self._raw_rows()
            extra = 2 if self.data.get("more_rows") else 0
            count = min(MAX_PARTY_ROWS, max(PARTY_ROWS, len(rows) + 1 + extra))
        else:
            rows = [{"role": "terlapor", "name": name, "attended": False} for name in self.persons]
            count = max(PARTY_ROWS, len(rows) + 2)
        rows = rows + [{"role": "", "name": "", "attended": False}] * (count - len(rows))
        return [{**row, "i": i} for i, row in enumerate(rows[:MAX_PARTY_ROWS])]

    def _raw_rows(self) -> list[dict[str, Any]]:
        out = []
        for i in range(MAX_PARTY_ROWS):
            role = str(self.data.get(f"party_role_{i}", ""))[:20]
            name = str(self.data.get(f"party_name_{i}", ""))[:300]
            if not role and not name.strip():
                continue
            out.append({"role": role, "name": name, "attended": self.data.get(f"party_attended_{i}") == "on"})
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parties = []
        for row in self._raw_rows():
            if row["role"] not in PARTY_ROLES:
                raise forms.ValidationError(_("Pilih peran untuk setiap pihak yang namanya diisi."))
            if row["role"] != "pelapor" and not row["name"].strip():
                raise forms.ValidationError(_("Isi nama setiap pihak (kecuali pelapor)."))
            if len(row["name"]) > 200:
                raise forms.ValidationError(_("Nama pihak paling panjang 200 karakter."))
            parties.append(actions.PartyInput(row["role"], row["name"].strip(), row["attended"]))
        if not parties:
            raise forms.ValidationError(_("Sebutkan paling sedikit satu pihak yang diundang."))
        data["parties"] = parties
        return data


class OptionsField(forms.MultipleChoiceField):
    """Choices offered at run time (the people of a case, the sanction kinds of their rulebook
    version); the shape check accepts any short code and the action decides what is allowed."""

    def valid_value(self, value: Any) -> bool:
        return isinstance(value, str) and bool(re.fullmatch(r"[a-z0-9_]{1,40}", value))


class _PersonChoice(forms.Form):
    """``offer(persons)``: the civil servants this decision may be about (the only one chosen)."""

    person_id = forms.IntegerField(
        label=_("ASN terlapor"), required=False, min_value=1, max_value=2**62, widget=forms.Select()
    )

    def offer_persons(self, persons: list[tuple[int, str]]) -> None:
        field = self.fields["person_id"]
        blank: list[tuple[int | str, str]] = [("", "—")]
        field.widget.choices = persons if len(persons) == 1 else blank + list(persons)
        if len(persons) == 1 and not self.is_bound:
            self.initial.setdefault("person_id", persons[0][0])


class StudyForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Kesimpulan"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    suggested = SuggestedCodesField()
    rules_found = RulesField(label=_("Aturan yang terbukti dilanggar"))
    violation = forms.BooleanField(label=_("Terbukti melanggar"), required=False)
    proven = OptionsField(
        label=_("Terlapor yang terbukti melanggar (kosong: semua)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def offer_persons(self, persons: list[tuple[int, str]]) -> None:
        field = self.fields["proven"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = [(str(pk), name) for pk, name in persons]

    def proven_ids(self) -> list[int] | None:
        ids = [int(x) for x in self.cleaned_data.get("proven") or [] if x.isdigit()]
        return ids or None


class RecommendationForm(forms.Form):
    """BKN's letter: one or more civil servants, one or more sanction kinds (none: BKN recommends
    no sanction, with the reason in the text)."""

    persons = OptionsField(label=_("Untuk terlapor"), required=False, widget=forms.CheckboxSelectMultiple)
    letter_number = forms.CharField(label=_("Nomor surat"), max_length=120)
    issued_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    kinds = OptionsField(
        label=_("Sanksi yang direkomendasikan (kosong: tidak ada sanksi)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Isi"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def offer(self, persons: list[tuple[int, str]], kinds: list[tuple[str, str]]) -> None:
        people, offered = self.fields["persons"], self.fields["kinds"]
        assert isinstance(people, forms.MultipleChoiceField)  # noqa: S101
        assert isinstance(offered, forms.MultipleChoiceField)  # noqa: S101
        people.choices = [(str(pk), name) for pk, name in persons]
        offered.choices = kinds
        if len(persons) == 1 and not self.is_bound:
            self.initial.setdefault("persons", [str(persons[0][0])])

    def person_ids(self) -> list[int] | None:
        ids = [int(x) for x in self.cleaned_data.get("persons") or [] if x.isdigit()]
        return ids or None


class SanctionForm(_PersonChoice):
    kinds = OptionsField(label=_("Jenis sanksi"), widget=forms.CheckboxSelectMultiple)
    decree_number = forms.CharField(label=_("Nomor keputusan"), max_length=120)
    decided_on = forms.DateField(label=_("Tanggal keputusan"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Catatan"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def offer_kinds(self, kinds: list[tuple[str, str]]) -> None:
        field = self.fields["kinds"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = kinds


class PersonReasonForm(_PersonChoice):
    """A step on one civil servant's path that needs a reason (PPK did not act; close)."""

    reason = forms.CharField(label=_("Alasan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class EscalationForm(_PersonChoice):
    measure = forms.CharField(
        label=_("Tindakan BKN"),
        max_length=300,
        initial=_("Pemblokiran data kepegawaian di SIASN (Peraturan BKN 1/2023)"),
    )
    letter_number = forms.CharField(label=_("Nomor surat"), max_length=120)
    issued_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Catatan"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PersonDetailsForm(_PersonChoice):
    employment = forms.ChoiceField(label=_("Status kepegawaian"), choices=Employment.choices)
    agency = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)


class RegisterForm(_ChosenCodes):
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.all(), required=False)
    suggested = SuggestedCodesField()
    rules = RulesField(label=_("Kode aturan lain (pisahkan dengan koma), mis. N1, D4"))


class FindingForm(_ChosenCodes):
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.all())
    region = forms.ModelChoiceField(
        label=_("Wilayah kejadian"), queryset=Region.objects.filter(level__in=("province", "regency"))
    )
    lhp_number = forms.CharField(label=_("Nomor Form A / LHP"), max_length=80, required=False)
    place = forms.CharField(label=_("Tempat kejadian"), max_length=300, required=False)
    event_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    known_date = forms.DateField(
        label=_("Tanggal diketahui"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(label=_("Uraian hasil pengawasan"), max_length=20_000, widget=forms.Textarea)
    person_name = forms.CharField(label=_("Nama ASN terlapor"), max_length=200)
    person_nip = forms.CharField(label=_("NIP"), max_length=18, required=False)
    person_position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    person_employment = forms.ChoiceField(
        label=_("Status kepegawaian"), choices=Employment.choices, initial=Employment.PNS, required=False
    )
    person_agency = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    suggested = SuggestedCodesField()
    rules = RulesField(label=_("Kode aturan lain (pisahkan dengan koma), mis. N1, D4"))

    def to_input(self) -> actions.FindingInput:
        d = self.cleaned_data
        return actions.FindingInput(
            election=d["election"],
            region=d["region"],
            summary=d["summary"],
            persons=[
                actions.PersonInput(
                    d["person_name"],
                    d["person_nip"],
                    d["person_agency"],
                    "",
                    d["person_position"],
                    employment=d["person_employment"] or Employment.PNS,
                )
            ],
            place=d["place"],
            event_date=d["event_date"],
            known_date=d["known_date"],
            lhp_number=d["lhp_number"],
            rules=self.chosen_codes(),
        )


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Nama yang diundang"), max_length=200)
    role = forms.ChoiceField(
        label=_("Sebagai"), choices=[("terlapor", _("terlapor")), ("saksi", _("saksi")), ("ahli", _("ahli"))]
    )
    day = forms.DateField(label=_("Hari/tanggal klarifikasi"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Pukul"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Tempat klarifikasi"), max_length=300)


class AttachmentForm(forms.Form):
    """Files come from ``request.FILES.getlist("files")``; the action checks them."""

    note = forms.CharField(
        label=_("Catatan"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    clarification = forms.IntegerField(
        label=_("Berita acara klarifikasi"), min_value=1, max_value=2**62, required=False
    )
    shareable = forms.BooleanField(
        label=_("Boleh diteruskan ke otoritas: berkas tidak memuat identitas pelapor"), required=False
    )
