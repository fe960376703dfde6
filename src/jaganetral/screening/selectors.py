"""Reads for screening, scoped by the actor's region."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.accounts.models import User
from jaganetral.reference.models import Election, scope_q
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus
from jaganetral.screening.nlp import ContestantSpec, ElectionSpec

STAFF_ROLES = frozenset({"admin", "analyst", "supervisor"})


def election_spec(election: Election) -> ElectionSpec:
    """The pure pipeline's view of an election and its contestants."""
    return ElectionSpec(
        code=election.code,
        contestants=tuple(
            ContestantSpec(
                number=c.number,
                kind=c.kind,
                name=c.name,
                aliases=tuple(c.aliases or ()),
                parties=tuple(c.parties or ()),
                hashtags=tuple(c.hashtags or ()),
                slogans=tuple(c.slogans or ()),
                accounts=tuple(c.accounts or ()),
            )
            for c in election.contestants.all().order_by("kind", "number")
        ),
    )


def can_screen(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in STAFF_ROLES)


def review_queue(user: User) -> QuerySet[Finding]:
    if not can_screen(user):
        return Finding.objects.none()
    return (
        Finding.objects.filter(scope_q(user.scope), status=FindingStatus.QUEUED)
        .select_related("post", "post__account__person", "election")
        .order_by("-score", "due_at", "id")
    )


def finding_for(user: User, pk: int) -> Finding | None:
    if not can_screen(user):
        return None
    return (
        Finding.objects.filter(scope_q(user.scope), pk=pk)
        .select_related("post", "post__account__person", "election")
        .first()
    )


def people(user: User, query: str = "") -> QuerySet[AsnPerson]:
    if not can_screen(user):
        return AsnPerson.objects.none()
    qs = AsnPerson.objects.filter(scope_q(user.scope)).select_related("agency", "region")
    if query:
        from django.db.models import Q

        qs = qs.filter(
            Q(name__icontains=query) | Q(nip__startswith=query) | Q(accounts__handle__icontains=query)
        )
    return qs.distinct().order_by("name")
