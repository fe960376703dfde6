"""Cases, the civil servants they name, links, the hash-chained timeline, legal clocks and
notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.cases import person_path
from jaganetral.cases.person_path import PersonState
from jaganetral.cases.workflow import STATE_LABELS, STOP_REASON_LABELS, State, StopReason, state_label
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


class Employment(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK (pegawai pemerintah dengan perjanjian kerja)")


PERSON_STATE_CHOICES = [(s.value, _(label)) for s, label in person_path.LABELS.items()]


class CaseReportedPerson(ReportedPersonBase):
    """A civil servant a case names, followed on their own path after the study
    (:mod:`jaganetral.cases.person_path`): the study's finding for them, BKN's recommendation, the
    PPK's follow-up clock and decision, BKN's follow-up when the PPK does not act."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reported")
    agency_name = models.CharField(_("instansi (tertulis)"), max_length=200, blank=True)
    employment = models.CharField(
        _("status kepegawaian"), max_length=4, choices=Employment.choices, default=Employment.PNS
    )
    state = models.CharField(
        _("status terlapor"),
        max_length=20,
        choices=PERSON_STATE_CHOICES,
        default=PersonState.UNDER_REVIEW.value,
        db_index=True,
    )
    proven = models.BooleanField(_("terbukti melanggar"), null=True, blank=True)
    rules_found = models.JSONField(_("aturan yang terbukti dilanggar"), default=list, blank=True)
    rulebook_version = models.CharField(_("versi katalog aturan"), max_length=30, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)

    @property
    def state_enum(self) -> PersonState:
        return PersonState(self.state)

    @property
    def state_label(self) -> str:
        return person_path.label(self.state_enum)

    @property
    def path_ended(self) -> bool:
        return self.state_enum in person_path.TERMINAL


class LinkKind(models.TextChoices):
    DUPLICATE = "duplicate", _("duplikat")
    RELATED = "related", _("terkait")
    # a finding opened from a report that failed the formal requirements (informasi awal)
    INITIAL_INFORMATION = "info_awal", _("informasi awal")


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
    "person_step": _("langkah terlapor"),
    "person_updated": _("data terlapor diubah"),
    "opened_from_initial_information": _("temuan dibuka dari informasi awal laporan"),
    "became_initial_information": _("laporan dijadikan informasi awal temuan"),
    "letter_issued": _("surat keluar dibuat"),
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
        """The event in words an officer reads on the timeline (the kind itself when unknown); a step
        on a person's path names the person and the step."""
        label = str(EVENT_LABELS.get(self.kind, self.kind))
        if self.kind == "person_step" and self.data.get("step"):
            from django.utils.translation import gettext

            return f"{self.data.get('name', '')}: {gettext(self.data['step'])}"
        return label

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
    # the personnel clocks (BKN's response, the PPK's follow-up) run per civil servant
    person = models.ForeignKey(
        CaseReportedPerson, null=True, blank=True, on_delete=models.CASCADE, related_name="clocks"
    )
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

    @property
    def shown_label(self) -> str:
        """The clock's name in the reader's language."""
        from jaganetral.cases.clocknames import label

        return label(self.label)


class NotificationKind(models.TextChoices):
    OVERDUE = "overdue", _("Batas waktu lewat")
    NEW_REPORT = "new_report", _("Laporan baru di wilayah Anda")
    REPORTER_REPLY = "reporter_reply", _("Jawaban pelapor")
    ACCESS_DECISION = "access_decision", _("Keputusan penjaga identitas")
    ASSIGNED = "assigned", _("Kasus diserahkan kepada Anda")
    FORWARDED = "forwarded", _("Kasus diteruskan ke BKN")
    SCREENING_CASE = "screening_case", _("Kasus baru dari penapisan siber")


class Notification(models.Model):
    """A staff member's notification about a case, or about an intake report not yet a case. Its
    text never holds a reporter's identity (numbers, regions and steps only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications"
    )
    kind = models.CharField(
        max_length=20, choices=NotificationKind.choices, default=NotificationKind.OVERDUE, db_index=True
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    report = models.ForeignKey(
        "intake.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    clock = models.ForeignKey(
        Clock, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # when the e-mail for it went (at once, or in the daily digest); set at creation when no e-mail
    # is due (the user chose none, or has no address), so the digest only picks what is owed
    emailed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["clock", "user"], name="cases_notify_once")]

    def __str__(self) -> str:
        return self.text
