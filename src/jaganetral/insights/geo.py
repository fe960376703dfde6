"""The map beside the region figures: which shipped boundary file to draw (provinces nationally,
a province's regencies inside it), and each area's value: its case count, or its rate per 10,000
civil servants where their number is known (:class:`~jaganetral.insights.models.RegionFigure`).
The boundary files are simplified copies of ``../shared/data/regions/`` (MIT, see
``static/insights/geo/LICENSE-wilayah_boundaries.txt``), made by ``scripts/simplify_regions.py``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.templatetags.static import static
from django.urls import reverse

from jaganetral.insights.filters import Filters
from jaganetral.insights.models import RegionFigure


def per_10k(count: int | None, asn: int | None) -> float | None:
    """Cases per 10,000 ASN (None where either is unknown or there are no ASN)."""
    if count is None or not asn:
        return None
    return round(10_000 * count / asn, 2)


def map_payload(region_group: dict[str, Any], f: Filters, *, public: bool = False) -> dict[str, Any] | None:
    """What the page's script needs to draw the map, or None below regency level."""
    if len(f.region) == 0:
        level, url = "province", static("insights/geo/provinsi.json")
    elif len(f.region) == 2:
        level, url = "regency", static(f"insights/geo/kab/{f.region}.json")
    else:
        return None
    keys = [i["key"] for i in region_group["items"]]
    asn = dict(RegionFigure.objects.filter(region_id__in=keys).values_list("region_id", "asn_count"))
    page = "insights:public" if public else "insights:dashboard"
    items = []
    for item in region_group["items"]:
        count = item["count"]
        items.append(
            {
                "code": item["key"],
                "name": item["label"],
                "value": count,
                "text": item.get("text", str(count)),
                "per10k": None if public else per_10k(count, asn.get(item["key"])),
                "drill": reverse(page) + "?" + replace(f, region=item["key"]).query()
                if level == "province"
                else "",
                "href": item.get("href") or "",
            }
        )
    return {
        "level": level,
        "geo": url,
        "items": items,
        "has_rate": any(i["per10k"] is not None for i in items),
    }
