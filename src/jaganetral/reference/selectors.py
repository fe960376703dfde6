"""Reads of reference data. Reference data is public, so no scope applies here."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.reference.models import NATIONAL_OFFICE, Election, Office, Region

DEFAULT_NATIONAL_NAME = "BADAN PENGAWAS PEMILIHAN UMUM REPUBLIK INDONESIA"


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


def office_chain(code: str) -> list[str]:
    """The office codes to try for a region, nearest first: regency/city, province, national
    (a district's office is its regency's)."""
    parts = code.split(".")[:2] if code else []
    chain = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return [*chain, NATIONAL_OFFICE]


def office_for(code: str) -> Office:
    """The Bawaslu office whose letters cover region ``code``: its own, else its province's, else
    the national office. Without any profile: an unsaved national office (the documents then show
    the national name and leave the signature to be filled in by hand)."""
    chain = office_chain(code)
    found = {o.code: o for o in Office.objects.filter(code__in=chain)}
    for candidate in chain:
        if candidate in found:
            return found[candidate]
    return Office(code=NATIONAL_OFFICE, name=DEFAULT_NATIONAL_NAME, city="Jakarta")


def offices() -> QuerySet[Office]:
    return Office.objects.order_by("code")
