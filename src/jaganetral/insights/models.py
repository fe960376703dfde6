"""Figures about regions that come from outside the case register: the number of civil servants
(ASN) working there, for rates per 10,000 ASN, and Bawaslu's published election-vulnerability index
(Indeks Kerawanan Pemilu, IKP), imported from CSV (``jaganetral insights import-figures``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionFigure(models.Model):
    region = models.OneToOneField(
        "reference.Region",
        verbose_name=_("wilayah"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    asn_count = models.PositiveIntegerField(_("jumlah ASN"), null=True, blank=True)
    ikp_score = models.FloatField(_("skor IKP Bawaslu"), null=True, blank=True)
    ikp_year = models.PositiveSmallIntegerField(_("tahun IKP"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("angka wilayah")
        verbose_name_plural = _("angka wilayah")

    def __str__(self) -> str:
        return f"{self.region_id} ASN={self.asn_count} IKP={self.ikp_score}"
