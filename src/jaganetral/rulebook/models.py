"""The versioned rulebook. A loaded version and its rules are never changed afterwards: a case or a
screening finding cites a :class:`Rule` row, so it keeps the text it was judged under."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    ETIK = "etik", _("Kode etik")
    DISIPLIN = "disiplin", _("Disiplin")
    PIDANA = "pidana", _("Pidana")
    BOLEH = "boleh", _("Boleh")


class RuleVersion(models.Model):
    version = models.CharField(_("versi"), max_length=30, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    effective = models.DateField(_("berlaku sejak"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, unique=True, help_text=_("sidik isi berkas YAML"))
    source_file = models.CharField(_("berkas sumber"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now_add=True)
    is_current = models.BooleanField(_("versi berlaku"), default=False, db_index=True)
    # The concrete sanction kinds of this version (the file's `sanctions:` list, as loaded); empty
    # for versions before 2026.1, whose cases recorded sanction levels only.
    sanctions = models.JSONField(_("jenis sanksi"), default=list, blank=True)

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        verbose_name = _("versi katalog")
        verbose_name_plural = _("versi katalog")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="rulebook_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.title})"


class Rule(models.Model):
    version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="rules")
    code = models.CharField(_("kode"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    track = models.CharField(_("jalur"), max_length=10, choices=Track.choices)
    title = models.CharField(_("judul"), max_length=400)
    title_en = models.CharField(max_length=400)
    explanation = models.TextField(_("penjelasan"))
    explanation_en = models.TextField()
    sanction_kind = models.CharField(_("jenis sanksi"), max_length=10)
    sanction_level = models.CharField(_("tingkat sanksi"), max_length=40, blank=True)
    elections = models.JSONField(default=list)
    data = models.JSONField(default=dict, help_text=_("entri lengkap seperti dimuat dari berkas"))

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("aturan")
        verbose_name_plural = _("aturan")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="rule_unique_code_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    # Convenience accessors over the stored entry -------------------------------------------
    def _text(self, key: str, lang: str = "id") -> str:
        value: Any = self.data.get(key) or {}
        return str(value.get(lang) or value.get("id") or "") if isinstance(value, dict) else ""

    @property
    def instead(self) -> str:
        return self._text("instead")

    @property
    def disputed(self) -> str:
        return self._text("disputed")

    @property
    def penalty(self) -> str:
        sanction = self.data.get("sanction") or {}
        penalty = sanction.get("penalty") or {}
        return str(penalty.get("id") or "")

    @property
    def examples(self) -> list[str]:
        return list(self.data.get("examples") or [])

    @property
    def evidence(self) -> list[str]:
        return list(self.data.get("evidence") or [])

    @property
    def basis(self) -> list[dict[str, str]]:
        return list(self.data.get("basis") or [])

    @property
    def sources(self) -> list[str]:
        return list(self.data.get("sources") or [])

    @property
    def related(self) -> list[str]:
        return list(self.data.get("related") or [])

    @property
    def sanction_label(self) -> str:
        return sanction_label(self.sanction_kind, self.sanction_level, self.penalty)


SANCTION_LABELS = {
    ("moral", "tertutup_terbuka"): _(
        "Sanksi moral: pernyataan secara tertutup atau terbuka (PP 42/2004 Pasal 15)"
    ),
    ("moral", "tertutup"): _("Sanksi moral: pernyataan secara tertutup"),
    ("moral", "terbuka"): _("Sanksi moral: pernyataan secara terbuka"),
    ("disiplin", "ringan"): _(
        "Hukuman disiplin ringan (teguran lisan, teguran tertulis, pernyataan tidak puas)"
    ),
    ("disiplin", "sedang"): _(
        "Hukuman disiplin sedang (pemotongan tunjangan kinerja 25% selama 6, 9 atau 12 bulan)"
    ),
    ("disiplin", "berat"): _(
        "Hukuman disiplin berat (penurunan jabatan, pembebasan dari jabatan, atau pemberhentian dengan "
        "hormat tidak atas permintaan sendiri)"
    ),
    ("disiplin", "ptdh"): _("Pemberhentian tidak dengan hormat (PTDH)"),
    ("disiplin", "belum_pasti"): _("Hukuman disiplin; tingkatnya belum terkonfirmasi"),
    ("none", ""): _("Tidak ada sanksi: boleh dilakukan"),
}


def sanction_label(kind: str, level: str, penalty: str = "") -> str:
    if kind == "pidana":
        return str(_("Pidana: %(penalty)s") % {"penalty": penalty})
    return str(SANCTION_LABELS.get((kind, level), f"{kind} {level}".strip()))
