"""Pledge campaigns: open one, import its roster (all or nothing), sign, remind, export."""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip
from jaganetral.prevention import permissions, roster, tokens
from jaganetral.prevention.errors import PreventionError, RosterRejected
from jaganetral.prevention.models import Campaign, Signer
from jaganetral.reference.models import Agency, Election
from jaganetral.rulebook import selectors as rulebook

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
REMIND_AGAIN_AFTER = timedelta(hours=24)
MAX_LINK_DAYS = 180


@transaction.atomic
def open_campaign(
    *, actor: User, agency: Agency, election: Election, title: str, link_days: int = 30
) -> Campaign:
    """Open a campaign for ``agency``: refused unless the actor may run that agency's campaigns."""
    policy.require(actor, permissions.CAMPAIGNS, refuse=PreventionError)
    version = rulebook.current_version()
    if version is None:
        raise PreventionError(_("Katalog aturan belum dimuat."))
    if not 1 <= link_days <= MAX_LINK_DAYS:
        raise PreventionError(_("Masa berlaku tautan harus 1 sampai %(n)d hari.") % {"n": MAX_LINK_DAYS})
    campaign = Campaign.objects.create(
        agency=agency,
        election=election,
        rule_version=version,
        title=title.strip()[:200],
        link_days=link_days,
        created_by=actor,
    )
    if not policy.can_see(actor, campaign):
        raise PreventionError(_("Anda hanya dapat membuka kampanye untuk instansi Anda sendiri."))
    record("prevention.campaign_open", actor=actor, obj=campaign, agency=agency.code, election=election.code)
    return campaign


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int
    kept_signed: int


def import_roster(*, actor: User, campaign: Campaign, filename: str, data: bytes) -> Imported:
    """Check every row first; import only a roster without a single problem, in one transaction.
    A NIP already on the roster is updated (name, unit, kind, e-mail) unless it has signed."""
    policy.require(actor, permissions.CAMPAIGNS, campaign, refuse=PreventionError)
    if not campaign.is_open:
        raise PreventionError(_("Kampanye sudah ditutup."))
    try:
        checked = roster.check(roster.rows_of(filename, data))
    except roster.RosterError as exc:
        raise RosterRejected(str(exc)) from None
    if not checked.ok:
        raise RosterRejected(
            _("Tidak ada yang diimpor: perbaiki baris berikut lalu unggah lagi."),
            checked.errors,
            checked.more_errors,
        )
    created = updated = kept = 0
    with transaction.atomic():
        existing = {s.nip: s for s in Signer.objects.select_for_update().filter(campaign=campaign)}
        new = []
        for e in checked.entries:
            s = existing.get(e.nip)
            if s is None:
                new.append(
                    Signer(
                        campaign=campaign,
                        nip=e.nip,
                        name=e.name,
                        unit=e.unit,
                        employment=e.employment,
                        email=e.email,
                    )
                )
            elif s.has_signed:
                kept += 1
            else:
                s.name, s.unit, s.employment, s.email = e.name, e.unit, e.employment, e.email
                s.save(update_fields=["name", "unit", "employment", "email"])
                updated += 1
        Signer.objects.bulk_create(new, batch_size=500)
        created = len(new)
        record(
            "prevention.roster_import",
            actor=actor,
            obj=campaign,
            created=created,
            updated=updated,
            kept_signed=kept,
        )
    return Imported(created, updated, kept)


def link_for(signer: Signer) -> str:
    """The path of a signer's personal link (fresh signing time)."""
    from django.urls import reverse

    return reverse("prevention:pledge", args=[tokens.pledge_token(signer.pk, signer.link_nonce)])


def signer_by_link(token: str) -> Signer:
    """The roster entry a personal link names, or :class:`tokens.LinkError`."""
    link = tokens.read_pledge(token)
    signer = (
        Signer.objects.select_related("campaign__agency", "campaign__election")
        .filter(pk=link.signer_id)
        .first()
    )
    if signer is None or not secrets.compare_digest(signer.link_nonce, link.nonce):
        raise tokens.LinkError()
    tokens.read_pledge(token, max_days=signer.campaign.link_days)
    return signer


_TITLE = re.compile(r"\S*\.\S*")


def comparable_name(raw: str) -> str:
    """A name as compared when an ASN confirms it: case, punctuation and academic titles ("Dr.",
    "S.Kom.", anything after the first comma) do not matter."""
    name = raw.split(",")[0]
    name = _TITLE.sub(" ", name)
    return " ".join("".join(ch for ch in name.casefold() if ch.isalnum() or ch.isspace()).split())


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"IKR-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def sign(*, signer: Signer, nip: str, name: str) -> Signer:
    """Sign the pledge as ``signer`` after they confirm their NIP and name. Signing again changes
    nothing (the first date and code stay); a NIP or name that is not this person's is refused."""
    try:
        typed = parse_nip(nip).digits
    except NipError as exc:
        raise PreventionError(str(exc)) from None
    if not secrets.compare_digest(typed, signer.nip) or comparable_name(name) != comparable_name(signer.name):
        raise PreventionError(
            _(
                "NIP atau nama tidak cocok dengan tautan ini. Tautan ini hanya untuk satu orang; "
                "tulis nama seperti di daftar kepegawaian."
            )
        )
    with transaction.atomic():
        locked = Signer.objects.select_for_update().get(pk=signer.pk)
        if not locked.campaign.is_open and not locked.has_signed:
            raise PreventionError(_("Kampanye ini sudah ditutup."))
        if locked.has_signed:
            return locked
        locked.signed_at = timezone.now()
        while True:
            code = _new_code()
            if not Signer.objects.filter(certificate_code=code).exists():
                break
        locked.certificate_code = code
        locked.save(update_fields=["signed_at", "certificate_code"])
        record("prevention.pledge_signed", actor=None, obj=locked, campaign=locked.campaign_id)
    return locked


def normalise_code(raw: str) -> str:
    compact = "".join(ch for ch in raw.upper() if ch.isalnum())[:30]
    if compact.startswith("IKR"):
        compact = compact[3:]
    return f"IKR-{compact[:4]}-{compact[4:8]}-{compact[8:12]}" if len(compact) == 12 else ""


def send_reminders(*, actor: User, campaign: Campaign, absolute: Callable[[str], str]) -> int:
    """E-mail their personal link to everyone on the roster who has not signed and has an address
    (at most once a day per person). ``absolute`` turns a path into a full address."""
    policy.require(actor, permissions.CAMPAIGNS, campaign, refuse=PreventionError)
    if not campaign.is_open:
        raise PreventionError(_("Kampanye sudah ditutup."))
    now = timezone.now()
    due = list(
        Signer.objects.filter(campaign=campaign, signed_at__isnull=True)
        .exclude(email="")
        .exclude(reminded_at__gt=now - REMIND_AGAIN_AFTER)
    )
    if not due:
        return 0
    subject = _("Ikrar netralitas ASN: %(title)s") % {"title": campaign.title}
    messages = []
    for s in due:
        body = _(
            "Yth. %(name)s,\n\n%(agency)s mengajak Anda membaca ringkasan aturan netralitas ASN untuk "
            "%(election)s dan menandatangani ikrar netralitas melalui tautan pribadi berikut:\n\n%(link)s\n\n"
            "Tautan ini hanya untuk Anda dan berlaku %(days)d hari. Abaikan surel ini jika Anda sudah "
            "menandatangani.\n"
        ) % {
            "name": s.name,
            "agency": campaign.agency.name,
            "election": campaign.election.name,
            "link": absolute(link_for(s)),
            "days": campaign.link_days,
        }
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [s.email]))
    get_connection().send_messages(messages)
    with transaction.atomic():
        for s in due:
            s.reminded_at = now
            s.reminders += 1
        Signer.objects.bulk_update(due, ["reminded_at", "reminders"])
        record("prevention.reminders_sent", actor=actor, obj=campaign, count=len(due))
    return len(due)


def close_campaign(*, actor: User, campaign: Campaign) -> None:
    policy.require(actor, permissions.CAMPAIGNS, campaign, refuse=PreventionError)
    if campaign.is_open:
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
        record("prevention.campaign_close", actor=actor, obj=campaign)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def export_csv(*, actor: User, campaign: Campaign) -> str:
    """The roster with each person's status, for the officer (audited)."""
    policy.require(actor, permissions.CAMPAIGNS, campaign, refuse=PreventionError)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [
            _("NIP"),
            _("Nama"),
            _("Unit kerja"),
            _("Jenis ASN"),
            _("Status"),
            _("Tanggal ikrar"),
            _("Kode sertifikat"),
        ]
    )
    for s in Signer.objects.filter(campaign=campaign).order_by("unit", "name", "pk"):
        signed = timezone.localtime(s.signed_at).strftime("%d-%m-%Y %H:%M") if s.signed_at else ""
        w.writerow(
            [
                safe_cell(s.nip),
                safe_cell(s.name),
                safe_cell(s.unit),
                safe_cell(s.get_employment_display()),
                safe_cell(_("sudah") if s.has_signed else _("belum")),
                safe_cell(signed),
                safe_cell(s.certificate_code or ""),
            ]
        )
    record("prevention.roster_export", actor=actor, obj=campaign)
    return out.getvalue()
