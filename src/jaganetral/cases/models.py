"""The case register: cases, reported civil servants, the hash-chained timeline, legal clocks,
notifications, and the records of clarification, study, recommendation and sanction.

A case never holds the reporter's identity: it links to the intake report, whose identity stays
sealed there.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.cases.workflow import STATE_LABELS, STOP_REASON_LABELS, State, StopReason, state_label
from jaganetral.lib import hashchain
from jaganetral.reference.models import ReportedPersonBase


class Source(models.TextChoices):
    LAPORAN = "laporan", _("Laporan")
    TEMUAN = "temuan", _("Temuan")
    SCREENING = "screening", _("Temuan penapisan siber")


STATE_CHOICES = [(s.value, _(label)) for s, label in STATE_LABELS.items()]
STOP_CHOICES = [(s.value, _(label)) for s, label in STOP_REASON_LABELS.items()]


class Case(models.Model):
    number = models.CharField(_("nomor registrasi"), max_length=80, blank=True, db_index=True)
    office = models.CharField(_("kantor penanganan"), max_length=13, help_text=_("kode wilayah kantor"))
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    report = models.OneToOneField(
        "intake.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    election = models.ForeignKey("reference.Election", verbose_name=_("pemilihan"), on_delete=models.PROTECT)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("wilayah kejadian"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("status"), max_length=30, choices=STATE_CHOICES, default=State.RECEIVED.value, db_index=True
    )
    stop_reason = models.CharField(_("alasan penghentian"), max_length=20, choices=STOP_CHOICES, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    event_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    known_date = models.DateField(_("tanggal diketahui"), null=True, blank=True)
    summary = models.TextField(_("uraian"))
    lhp_number = models.CharField(_("nomor Form A / LHP"), max_length=80, blank=True)
    on_time = models.BooleanField(_("dilaporkan tepat waktu"), default=True)
    alleged_rules = models.JSONField(_("dugaan aturan yang dilanggar"), default=list, blank=True)
    rulebook_version = models.CharField(_("versi katalog aturan"), max_length=30, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The timeline's last event, written with each event in the same transaction: a timeline cut
    # short at its end (the last events deleted) no longer ends here, and `audit verify` says so.
    head_seq = models.PositiveIntegerField(default=0, editable=False)
    head_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return self.number or f"KASUS-{self.pk or 0:06d}"

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def stop_reason_enum(self) -> StopReason | None:
        return StopReason(self.stop_reason) if self.stop_reason else None


class RegistrationCounter(models.Model):
    """The last registration sequence number used per office, year and source kind."""

    office = models.CharField(max_length=13)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="cases_counter_unique")]

    def __str__(self) -> str:
        return f"{self.office} {self.year}: {self.last}"


class CaseReportedPerson(ReportedPersonBase):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reported")
    agency_name = models.CharField(_("instansi (tertulis)"), max_length=200, blank=True)


class LinkKind(models.TextChoices):
    DUPLICATE = "duplicate", _("duplikat")
    RELATED = "related", _("terkait")


class CaseLink(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=10, choices=LinkKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "other"], name="cases_link_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.other_id}"


class AppendOnlyError(RuntimeError):
    pass


# what each timeline event is, for the case page (kinds as the actions write them)
EVENT_LABELS = {
    "opened_from_report": _("kasus dibuka dari laporan"),
    "finding_recorded": _("temuan pengawas dicatat"),
    "opened_from_screening": _("kasus dibuka dari temuan penapisan siber"),
    "transition": _("status berubah"),
    "allegation_set": _("dugaan aturan ditetapkan"),
    "assigned": _("penanggung jawab ditetapkan"),
    "linked": _("kasus ditautkan"),
    "handling_extended": _("batas waktu penanganan diperpanjang"),
    "clarification_recorded": _("berita acara klarifikasi dicatat"),
    "study_recorded": _("kajian dicatat"),
    "recommendation_recorded": _("rekomendasi otoritas dicatat"),
    "sanction_recorded": _("sanksi PPK dicatat"),
    "clock_overdue": _("batas waktu terlewati"),
    "attachments_added": _("lampiran ditambahkan"),
}


def _state_label(value: str) -> str:
    try:
        return state_label(State(value))
    except ValueError:
        return value


class CaseEvent(models.Model):
    """One entry of a case's append-only, hash-chained timeline. Never updated or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="cases_event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case events are append-only")

    @property
    def kind_label(self) -> str:
        """The event in words an officer reads on the timeline (the kind itself when unknown)."""
        return str(EVENT_LABELS.get(self.kind, self.kind))

    @property
    def from_label(self) -> str:
        return _state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return _state_label(self.to_state)

    def payload(self) -> dict[str, Any]:
        """What the hash covers."""
        return {
            "case": self.case_id,
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "kind": self.kind,
            "from": self.from_state,
            "to": self.to_state,
            "reason": self.reason,
            "data": self.data,
        }


class Clock(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    name = models.CharField(max_length=30)
    label = models.CharField(max_length=120)
    started_on = models.DateField()
    days = models.PositiveSmallIntegerField()
    working = models.BooleanField()
    due_on = models.DateField()
    due_at = models.DateTimeField(db_index=True)
    extended = models.BooleanField(default=False)
    stopped_at = models.DateTimeField(null=True, blank=True)
    overdue_marked_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("batas waktu")
        verbose_name_plural = _("batas waktu")

    def __str__(self) -> str:
        return f"{self.case_id} {self.name} {self.due_on}"

    @property
    def running(self) -> bool:
        return self.stopped_at is None


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    clock = models.ForeignKey(
        Clock, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["clock", "user"], name="cases_notify_once")]

    def __str__(self) -> str:
        return self.text


class Clarification(models.Model):
    """A clarification session (Form B.12 style). Parties who did not attend are an outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    held_on = models.DateField(_("tanggal"))
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


class SanctionType(models.TextChoices):
    MORAL_TERTUTUP = "moral_tertutup", _("Sanksi moral: pernyataan tertutup")
    MORAL_TERBUKA = "moral_terbuka", _("Sanksi moral: pernyataan terbuka")
    DISIPLIN_RINGAN = "disiplin_ringan", _("Hukuman disiplin ringan")
    DISIPLIN_SEDANG = "disiplin_sedang", _("Hukuman disiplin sedang")
    DISIPLIN_BERAT = "disiplin_berat", _("Hukuman disiplin berat")
    PTDH = "ptdh", _("Pemberhentian tidak dengan hormat (PTDH)")


class RulebookFit(models.TextChoices):
    NOT_ASSESSED = "", _("tidak dinilai terhadap katalog")
    MATCH = "sesuai", _("sesuai katalog aturan")
    MILDER = "lebih_ringan", _("lebih ringan dari katalog aturan")
    HARSHER = "lebih_berat", _("lebih berat dari katalog aturan")


class RulebookSanction(models.Model):
    """A sanction type recorded against the rulebook version the case was judged under: which
    version, which of the rules found give this type, how it stands against the rulebook's
    sanction for those rules (:mod:`jaganetral.cases.sanctions`), and the types it expected."""

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
        labels = dict(SanctionType.choices)
        return [str(labels.get(t, t)) for t in self.expected_types]


class Recommendation(RulebookSanction):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    letter_number = models.CharField(_("nomor surat"), max_length=120)
    issued_on = models.DateField(_("tanggal"))
    sanction_type = models.CharField(
        _("sanksi yang direkomendasikan"), max_length=20, choices=SanctionType.choices
    )
    text = models.TextField(_("isi rekomendasi"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.letter_number


class Sanction(RulebookSanction):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sanctions")
    person = models.ForeignKey(CaseReportedPerson, null=True, blank=True, on_delete=models.PROTECT)
    sanction_type = models.CharField(_("jenis sanksi"), max_length=20, choices=SanctionType.choices)
    decree_number = models.CharField(_("nomor keputusan"), max_length=120)
    decided_on = models.DateField(_("tanggal keputusan"))
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.sanction_type}"


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


class CaseAnchor(models.Model):
    """The global ledger of case openings, hash-chained across all cases: one row per case, written
    in the transaction that opens it, holding the case id and the hash of its first timeline event.

    Each case's own chain shows edits inside its timeline; this ledger shows a case that vanished
    whole (case row and every event deleted). ``case_pk`` is deliberately not a foreign key: the
    row must outlive the case it anchors. Never updated or deleted."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    case_pk = models.PositiveBigIntegerField(unique=True)
    source = models.CharField(max_length=10)
    first_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("jangkar kasus")
        verbose_name_plural = _("jangkar kasus")

    def __str__(self) -> str:
        return f"#{self.seq} kasus {self.case_pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case anchors are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case anchors are append-only")

    def payload(self) -> dict[str, Any]:
        """What the hash covers (the data migration that anchored older cases builds the same)."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "case": self.case_pk,
            "source": self.source,
            "first": self.first_hash,
        }


class AnchorHead(models.Model):
    """The anchor ledger's last sequence number and hash, in one row (pk 1). Appending locks it, so
    concurrent case openings queue up on every database; ``audit verify`` compares it with the
    ledger's last row, so rows cut off the end of the ledger are noticed."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=hashchain.GENESIS)

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
