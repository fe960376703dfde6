"""The records of a case: clarification sessions, the study, BKN's recommendation and the PPK's
decision per civil servant, BKN's follow-up, and attached files."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.cases.models.case import AppendOnlyError, Case, CaseEvent, CaseReportedPerson
from jaganetral.rulebook import sanctions as catalogue


class Clarification(models.Model):
    """A clarification session (Form B.12 style). Parties who did not attend are an outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    held_on = models.DateField(_("tanggal"))
    started_at = models.TimeField(_("pukul mulai"), null=True, blank=True)
    clerk = models.CharField(_("pencatat (notulen)"), max_length=120, blank=True)
    place = models.CharField(_("tempat"), max_length=300)
    parties = models.JSONField(default=list, help_text="[{role, name, attended}]")
    oath_offered = models.BooleanField(_("sumpah ditawarkan"), default=False)
    oath_taken = models.BooleanField(_("sumpah diucapkan"), default=False)
    statement = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on}"


class Study(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="studies")
    conclusion = models.TextField(_("kesimpulan"))
    rules_found = models.JSONField(default=list)
    rulebook_version = models.CharField(max_length=30, blank=True)
    violation = models.BooleanField(_("terbukti melanggar"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.violation}"


class RulebookFit(models.TextChoices):
    NOT_ASSESSED = "", _("tidak dinilai terhadap katalog")
    MATCH = "sesuai", _("sesuai katalog aturan")
    MILDER = "lebih_ringan", _("lebih ringan dari katalog aturan")
    HARSHER = "lebih_berat", _("lebih berat dari katalog aturan")


class RecommendationFit(models.TextChoices):
    NOT_ASSESSED = "", _("tidak dibandingkan dengan rekomendasi")
    MATCH = "sesuai", _("sesuai rekomendasi BKN")
    MILDER = "lebih_ringan", _("lebih ringan dari rekomendasi BKN")
    HARSHER = "lebih_berat", _("lebih berat dari rekomendasi BKN")


class RulebookSanction(models.Model):
    """Sanction kinds recorded against the rulebook version the person was judged under: the kinds
    (codes of that version's catalogue, :mod:`jaganetral.rulebook.sanctions`), which of the rules
    found give their level, how they stand against the rulebook's sanction for those rules, and the
    levels it expected (as level-only kinds, e.g. ``disiplin_berat``)."""

    kinds = models.JSONField(_("jenis sanksi"), default=list, blank=True)
    rulebook_version = models.CharField(_("versi katalog aturan"), max_length=30, blank=True)
    rule_codes = models.JSONField(_("aturan yang memberi sanksi ini"), default=list, blank=True)
    rulebook_fit = models.CharField(
        _("kesesuaian dengan katalog"), max_length=20, choices=RulebookFit.choices, blank=True
    )
    expected_types = models.JSONField(_("sanksi menurut katalog"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def deviates(self) -> bool:
        return self.rulebook_fit in (RulebookFit.MILDER, RulebookFit.HARSHER)

    @property
    def expected_labels(self) -> list[str]:
        """The levels the rulebook expected, in words (stored as level-only kinds)."""
        table = {k.code: (k.track, k.level) for k in catalogue.LEGACY}
        return [catalogue.level_label(*table[t]) if t in table else t for t in self.expected_types]

    @property
    def kind_labels(self) -> list[str]:
        table = catalogue.catalogue(self.rulebook_version, self._catalogue_rows()).by_code
        return [_kind_label(table.get(code), code) for code in self.kinds]

    def _catalogue_rows(self) -> list[dict[str, Any]]:
        from django.apps import apps

        version = apps.get_model("rulebook", "RuleVersion").objects.filter(version=self.rulebook_version)
        row = version.values_list("sanctions", flat=True).first()
        return list(row or [])


def _kind_label(kind: catalogue.Kind | None, code: str) -> str:
    if kind is None:
        return code
    from django.utils.translation import get_language

    return kind.label("en" if (get_language() or "id").startswith("en") else "id")


class Recommendation(RulebookSanction):
    """BKN's recommendation for one civil servant: one or more sanction kinds (moral and
    disciplinary are often combined), or none (BKN found no sanction due)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    person = models.ForeignKey(
        CaseReportedPerson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    letter_number = models.CharField(_("nomor surat"), max_length=120)
    issued_on = models.DateField(_("tanggal"))
    text = models.TextField(_("isi rekomendasi"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.letter_number


class Sanction(RulebookSanction):
    """The PPK's decision for one civil servant, compared with the rulebook and with BKN's
    recommendation for that person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sanctions")
    person = models.ForeignKey(
        CaseReportedPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="sanctions"
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=120)
    decided_on = models.DateField(_("tanggal keputusan"))
    note = models.TextField(_("catatan"), blank=True)
    recommendation_fit = models.CharField(
        _("dibanding rekomendasi BKN"), max_length=20, choices=RecommendationFit.choices, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {','.join(self.kinds)}"

    @property
    def differs_from_recommendation(self) -> bool:
        return self.recommendation_fit in (RecommendationFit.MILDER, RecommendationFit.HARSHER)


class Escalation(models.Model):
    """BKN's follow-up when a PPK did not act on its recommendation for one civil servant (e.g. the
    personnel data blocked in SIASN under Peraturan BKN 1/2023), with its letter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    person = models.ForeignKey(CaseReportedPerson, on_delete=models.PROTECT, related_name="escalations")
    measure = models.CharField(_("tindakan"), max_length=300)
    letter_number = models.CharField(_("nomor surat"), max_length=120)
    issued_on = models.DateField(_("tanggal"))
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.letter_number} {self.measure}"


class CaseAttachment(models.Model):
    """A file a supervisor attached to the timeline or to a clarification record (berita acara
    scans, statements, photos). The original is kept byte for byte with its SHA-256; images also get
    a re-encoded copy without metadata (``clean_path``), which is what is shown by default. Name and
    SHA-256 are also in the hashed payload of ``event`` (kind ``attachments_added``), so changing
    this row is found by ``jaganetral audit verify``. Never updated or deleted.

    ``shareable`` is the uploader's statement that the file holds no reporter identity: only such
    files are shown to the authority and agency and go into the referral package."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="attachments")
    clarification = models.ForeignKey(
        Clarification, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("nama berkas"), max_length=200)
    kind = models.CharField(max_length=8)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    path = models.CharField(max_length=200)
    clean_path = models.CharField(max_length=200, blank=True)
    clean_sha256 = models.CharField(max_length=64, blank=True)
    shareable = models.BooleanField(_("boleh diteruskan (tanpa identitas pelapor)"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return f"{self.case_id} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case attachments are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case attachments are append-only")

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def is_image(self) -> bool:
        return bool(self.clean_path)

    def payload_entry(self) -> dict[str, Any]:
        """How the recording event's payload describes this file."""
        return {
            "uid": str(self.uid),
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "type": self.content_type,
        }
