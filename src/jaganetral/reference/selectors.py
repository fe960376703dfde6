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


def election_by_code(code: str) -> Election | None:
    return Election.objects.prefetch_related("contestants").filter(code=code).first()
