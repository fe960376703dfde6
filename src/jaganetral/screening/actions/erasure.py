"""Erasing a civil servant from the screening registry (the retention purge, or their own request
recorded by staff, :mod:`jaganetral.privacy`), and the copy of what the registry holds about them
(their access request). A person whose posts are evidence of a confirmed finding is not erased:
that evidence belongs to a case file (UU 27/2022 Ps 15(1))."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.screening import permissions
from jaganetral.screening.errors import ScreeningError
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus, Post


def has_case_evidence(person: AsnPerson) -> bool:
    return Finding.objects.filter(post__account__person=person, status=FindingStatus.CONFIRMED).exists()


@transaction.atomic
def erase_person(*, actor: User | None, person: AsnPerson, reason: str) -> bool:
    """Delete the person, their accounts, and their posts with any finding not confirmed.
    ``actor`` None: the retention purge. False when the person is gone already."""
    if actor is not None:
        policy.require(actor, permissions.SCREEN, person, refuse=ScreeningError)
    locked = AsnPerson.objects.select_for_update().filter(pk=person.pk).first()
    if locked is None:
        return False
    person = locked
    if has_case_evidence(person):
        raise ScreeningError(
            _(
                "Unggahan ASN ini menjadi bukti temuan yang dikonfirmasi (berkas kasus); datanya tidak "
                "dapat dihapus selama berkas itu disimpan."
            )
        )
    posts = Post.objects.filter(account__person=person).delete()[0]
    pk = person.pk
    accounts = person.accounts.count()
    person.delete()
    record(
        "screening.person_erased",
        actor=actor,
        obj=AsnPerson,
        object_id=pk,
        accounts=accounts,
        posts=posts,
        reason=reason,
    )
    return True


def registry_copy(person: AsnPerson) -> dict[str, Any]:
    """Everything the registry holds about one civil servant, in a plain structure (JSON)."""
    accounts = list(person.accounts.values("platform", "handle", "snoozed_until"))
    posts = Post.objects.filter(account__person=person).order_by("posted_at")
    findings = Finding.objects.filter(post__account__person=person).order_by("created_at")
    return {
        "nip": person.nip,
        "name": person.name,
        "position": person.position,
        "agency": person.agency.name if person.agency else "",
        "region": person.region_id or "",
        "registered_at": person.created_at.isoformat(),
        "accounts": [
            {**a, "snoozed_until": a["snoozed_until"].isoformat() if a["snoozed_until"] else None}
            for a in accounts
        ],
        "posts": [
            {
                "platform": p.platform,
                "url": p.url,
                "text": p.text,
                "posted_at": p.posted_at.isoformat() if p.posted_at else None,
                "imported_at": p.imported_at.isoformat(),
            }
            for p in posts
        ],
        "findings": [
            {
                "status": f.status,
                "score": round(f.score, 3),
                "created_at": f.created_at.isoformat(),
                "reviewed_at": f.reviewed_at.isoformat() if f.reviewed_at else None,
                "reason": f.reason,
                "case": f.case_ref,
            }
            for f in findings
        ],
    }
