"""The filters every statistic, chart, list and export shares: ``region``, ``election``, ``from``,
``to`` and ``source``, read from a query string and checked before any query runs. A bad or
oversized value is refused with an Indonesian message naming the field; nothing is guessed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from jaganetral.cases.models import Source
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Election, Region

MAX_VALUE = 60  # no filter value is longer (region codes 13, election codes ≤ 60)
FIELDS = ("region", "election", "from", "to", "source")
_ELECTION = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


class FilterError(ValueError):
    """A refused filter; the message is for the person who typed it."""


@dataclass(frozen=True)
class Filters:
    region: str = ""
    election: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: str = ""

    def as_params(self) -> dict[str, str]:
        """The filters as query-string parameters (only those set)."""
        raw = {
            "region": self.region,
            "election": self.election,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "source": self.source,
        }
        return {k: v for k, v in raw.items() if v}

    def query(self, **extra: str) -> str:
        """A query string with these filters and ``extra`` (for links to the list behind a figure)."""
        return urlencode({**self.as_params(), **{k: v for k, v in extra.items() if v}})

    def describe(self) -> list[tuple[str, str]]:
        """The filters in words, for headers of exports and pages."""
        rows: list[tuple[str, str]] = []
        if self.region:
            name = Region.objects.filter(pk=self.region).values_list("name", flat=True).first() or ""
            rows.append((_("Wilayah"), f"{name} ({self.region})"))
        if self.election:
            name = Election.objects.filter(code=self.election).values_list("name", flat=True).first() or ""
            rows.append((_("Pemilihan"), name or self.election))
        if self.date_from:
            rows.append((_("Diterima sejak"), self.date_from.isoformat()))
        if self.date_to:
            rows.append((_("Diterima sampai"), self.date_to.isoformat()))
        if self.source:
            rows.append((_("Sumber"), str(Source(self.source).label)))
        return rows or [(_("Saringan"), _("tidak ada (semua data dalam cakupan)"))]


def _date(value: str, label: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(
            _("%(field)s: tanggal harus berbentuk TTTT-BB-HH, bukan %(value)s.")
            % {"field": label, "value": value}
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise FilterError(_("%(field)s: tanggal di luar rentang 2000–2100.") % {"field": label})
    return day


def parse(params: Mapping[str, Any]) -> Filters:
    """Filters from a query string (a ``QueryDict`` or a plain mapping); :class:`FilterError` when a
    value is bad, too long or names something unknown."""
    values: dict[str, str] = {}
    for name in FIELDS:
        raw = params.get(name)
        value = "" if raw is None else str(raw).strip()
        if len(value) > MAX_VALUE:
            raise FilterError(_("Saringan %(field)s terlalu panjang.") % {"field": name})
        values[name] = value
    region = ""
    if values["region"]:
        try:
            region = normalize(values["region"])
        except RegionCodeError:
            raise FilterError(_("Wilayah: bukan kode wilayah Kemendagri yang sah.")) from None
        if not Region.objects.filter(pk=region).exists():
            raise FilterError(_("Wilayah tidak dikenal: %(code)s.") % {"code": region})
    election = values["election"]
    if election and (not _ELECTION.match(election) or not Election.objects.filter(code=election).exists()):
        raise FilterError(_("Pemilihan tidak dikenal: %(code)s.") % {"code": election})
    source = values["source"]
    if source and source not in Source.values:
        raise FilterError(
            _("Sumber tidak dikenal: %(value)s. Pilihan: %(choices)s.")
            % {"value": source, "choices": ", ".join(Source.values)}
        )
    date_from = _date(values["from"], _("Dari tanggal")) if values["from"] else None
    date_to = _date(values["to"], _("Sampai tanggal")) if values["to"] else None
    if date_from and date_to and date_from > date_to:
        raise FilterError(_("Tanggal awal harus sebelum atau sama dengan tanggal akhir."))
    return Filters(region, election, date_from, date_to, source)
