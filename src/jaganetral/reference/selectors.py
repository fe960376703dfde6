"""Reads of reference data. Reference data is public, so no scope applies here."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.reference.models import Election, Region


def regions(*, level: str | None = None, parent: str | None = None) -> QuerySet[Region]:
    qs = Region.objects.all()
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    return qs.order_by("code")


# Demo data (``jaganetral demo load``) is marked by its election code: it ends in ``-demo`` (and its
# name in "(data contoh)"). Pages for the public never offer it, and reports are never put in it.
DEMO_CODE_SUFFIX = "-demo"


def is_demo(election: Election) -> bool:
    return election.code.endswith(DEMO_CODE_SUFFIX)


def real_elections() -> QuerySet[Election]:
    """Every election except the demo ones."""
    return Election.objects.exclude(code__endswith=DEMO_CODE_SUFFIX)


def election_by_code(code: str) -> Election | None:
    return Election.objects.prefetch_related("contestants").filter(code=code).first()
