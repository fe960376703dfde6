"""Writes of the letter register: an outgoing letter gets the next number of its office's register
for the year (the counter row locked, so two letters never share a number; a unique constraint
backs it), its PDF is rendered with that number and kept as issued, and the case's timeline records
number, date, addressee and the file's SHA-256, all in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404

from jaganetral.accounts.models import User
from jaganetral.cases import rulecodes
from jaganetral.cases.actions.core import _locked, append_event, local_today
from jaganetral.cases.models import Case, Letter, LetterCounter
from jaganetral.core import audit
from jaganetral.reference.models import Office


@dataclass(frozen=True)
class LetterHead:
    """What a letter's template needs from the register: its number, date and office."""

    number: str
    issued_on: dt.date
    office: Office


def _root() -> Path:
    return Path(settings.CASES_LETTER_DIR)


def next_number(office: Office, kind: str, on: dt.date) -> tuple[int, str]:
    """Take the next number of ``office``'s register for ``on``'s year. The caller's transaction
    holds the counter row's lock until it ends."""
    counter, _ = LetterCounter.objects.select_for_update().get_or_create(office=office.code, year=on.year)
    seq = counter.last + 1
    LetterCounter.objects.filter(pk=counter.pk).update(last=seq)
    number = rulecodes.letter_number(seq=seq, kind=kind, unit=office.unit, office=office.code, on=on)
    return seq, number


@transaction.atomic
def issue_letter(
    *,
    actor: User | None,
    case: Case,
    office: Office,
    kind: str,
    addressee: str,
    subject: str,
    render: Callable[[LetterHead], bytes],
    on: dt.date | None = None,
    timeline_addressee: str | None = None,
    detail: dict[str, Any] | None = None,
) -> Letter:
    """Number, render, keep and record one letter. ``timeline_addressee`` replaces the addressee
    on the timeline where the name must not show there (a witness, the reporter)."""
    locked = _locked(actor, case) if actor is not None else Case.objects.select_for_update().get(pk=case.pk)
    day = on or local_today(locked)
    seq, number = next_number(office, kind, day)
    pdf = render(LetterHead(number=number, issued_on=day, office=office))
    rel = f"{locked.pk}/{uuid.uuid4().hex}.pdf"
    target = _root() / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        letter = Letter.objects.create(
            case=locked,
            kind=kind,
            office=office.code,
            year=day.year,
            seq=seq,
            number=number,
            issued_on=day,
            addressee=addressee[:300],
            subject=subject[:300],
            detail=detail or {},
            path=rel,
            size=len(pdf),
            sha256=digest,
            created_by=actor,
        )
        append_event(
            locked,
            "letter_issued",
            actor=actor,
            letter=letter.pk,
            letter_kind=kind,
            number=number,
            date=day.isoformat(),
            addressee=(timeline_addressee if timeline_addressee is not None else addressee)[:300],
            sha256=digest,
        )
        audit.record("cases.letter_issued", actor=actor, obj=letter, number=number, case=locked.pk)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return letter


def letter_bytes(letter: Letter) -> bytes:
    """The letter's PDF as issued (404 when the file is gone)."""
    try:
        return (_root() / letter.path).read_bytes()
    except OSError:
        raise Http404("berkas surat tidak ditemukan") from None
