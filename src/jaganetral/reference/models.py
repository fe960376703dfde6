"""Reference data: regions (Kemendagri codes), agencies, elections with contestants, holiday calendar."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")


class TimeZone(models.TextChoices):
    WIB = "WIB", "WIB (UTC+7)"
    WITA = "WITA", "WITA (UTC+8)"
    WIT = "WIT", "WIT (UTC+9)"


class Region(models.Model):
    """A province, regency/city or district, keyed by its dotted Kemendagri code (``33.20``)."""

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, blank=True, help_text="Kabupaten / Kota")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(_("zona waktu"), max_length=4, choices=TimeZone.choices)
    decree = models.CharField(_("dasar Kepmendagri"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AgencyKind(models.TextChoices):
    CENTRAL = "central", _("Instansi pusat")
    PROVINCE = "province", _("Pemerintah provinsi")
    REGENCY = "regency", _("Pemerintah kabupaten/kota")
    OTHER = "other", _("Lainnya")


class Agency(models.Model):
    """An instansi: a central body, or a provincial or regency/city government."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=AgencyKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.name


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", "Pemilu"
    PILKADA = "pilkada", "Pilkada"


class DayCount(models.TextChoices):
    WORKING = "working", _("hari kerja")
    CALENDAR = "calendar", _("hari kalender")


class Election(models.Model):
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=ElectionKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT
    )
    voting_day = models.DateField(_("hari pemungutan suara"))
    campaign_start = models.DateField(_("awal kampanye"), null=True, blank=True)
    campaign_end = models.DateField(_("akhir kampanye"), null=True, blank=True)
    day_count = models.CharField(_("cara hitung hari"), max_length=10, choices=DayCount.choices)
    cuti_bersama_is_working = models.BooleanField(_("cuti bersama dihitung hari kerja"), default=False)
    source_file = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-voting_day", "code"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self) -> str:
        return self.name

    @property
    def counts_working_days(self) -> bool:
        return self.day_count == DayCount.WORKING


class ContestantKind(models.TextChoices):
    PAIR = "pair", _("pasangan calon")
    PARTY = "party", _("partai politik")
    CANDIDATE = "candidate", _("calon")


class Contestant(models.Model):
    election = models.ForeignKey(
        Election, verbose_name=_("pemilihan"), on_delete=models.CASCADE, related_name="contestants"
    )
    number = models.PositiveSmallIntegerField(_("nomor urut"))
    kind = models.CharField(_("jenis"), max_length=10, choices=ContestantKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    aliases = models.JSONField(default=list, blank=True)
    parties = models.JSONField(default=list, blank=True)
    coalition = models.CharField(_("koalisi"), max_length=120, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    slogans = models.JSONField(default=list, blank=True)
    accounts = models.JSONField(default=list, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("hanya untuk partai lokal"),
    )

    class Meta:
        ordering = ["election", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "kind", "number"], name="contestant_unique_number"),
        ]
        verbose_name = _("peserta pemilihan")
        verbose_name_plural = _("peserta pemilihan")

    def __str__(self) -> str:
        return f"{self.number:02d} {self.name}"


class CalendarOverride(models.Model):
    """An admin's correction of the holiday calendar for one date."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("libur (tambahan)")
        CUTI_BERSAMA = "cuti_bersama", _("cuti bersama (tambahan)")
        WORKING_DAY = "working", _("hari kerja (bukan libur)")

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("koreksi kalender libur")
        verbose_name_plural = _("koreksi kalender libur")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}: {self.name}"


class ReportedPersonBase(models.Model):
    """A reported civil servant (terlapor): the fields intake and cases both keep.

    Abstract: a report keeps what the reporter wrote, a case its own list, which may diverge."""

    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, db_index=True)
    agency = models.ForeignKey(
        "reference.Agency", verbose_name=_("instansi"), null=True, blank=True, on_delete=models.PROTECT
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")

    def __str__(self) -> str:
        return self.name


NATIONAL_OFFICE = ""  # the code of Bawaslu RI, the national office (no region)


class Office(models.Model):
    """A Bawaslu office as its letters print it: national (code ``""``), a province's or a
    regency's/city's (keyed by region code). Letters use the office of the case's region, falling
    back to the province's and then the national office (:func:`jaganetral.reference.selectors.office_for`).

    ``signatories`` lists who signs, first the default signer: ``[{name, title, nip}]``.
    ``unit_code`` is the office's code in letter numbers (e.g. ``K.JT-20``); blank = region code."""

    code = models.CharField(_("kode wilayah"), max_length=13, unique=True, blank=True)
    name = models.CharField(_("nama kantor"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    city = models.CharField(_("kota tempat surat"), max_length=80)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.CharField(_("e-mail"), max_length=120, blank=True)
    website = models.CharField(_("situs web"), max_length=120, blank=True)
    unit_code = models.CharField(_("kode satuan kerja pada nomor surat"), max_length=30, blank=True)
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=True)
    logo_type = models.CharField(max_length=20, blank=True)
    signatories = models.JSONField(_("penanda tangan"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kantor Bawaslu")
        verbose_name_plural = _("kantor Bawaslu")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> str:
        return self.unit_code or self.code or "RI"

    @property
    def signer(self) -> dict[str, str]:
        """The default signer (the first signatory), or an empty block to sign by hand."""
        if self.signatories:
            first = self.signatories[0]
            return {k: str(first.get(k, "")) for k in ("name", "title", "nip")}
        return {"name": "", "title": "", "nip": ""}

    @property
    def logo_data_uri(self) -> str:
        import base64

        if not self.logo or self.logo_type not in ("image/png", "image/jpeg"):
            return ""
        return f"data:{self.logo_type};base64," + base64.b64encode(bytes(self.logo)).decode()
