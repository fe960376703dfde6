"""The public's view of the statistics: every count from 1 to 4 shown as "<5" and each total beside
a hidden cell rounded up (:mod:`jaganetral.lib.smallcounts`), from live data. Only groups
registered as public are offered, and only region codes of provinces and regencies drill down."""

from __future__ import annotations

from typing import Any

from jaganetral.insights import stats
from jaganetral.insights.filters import Filters
from jaganetral.lib import smallcounts


def suppressed(result: dict[str, Any]) -> dict[str, Any]:
    """A :func:`stats.compute` answer as the public may see it."""
    items, total = smallcounts.suppress_items(result["items"])
    for item in items:
        if item["count"] is None:  # figures beside a hidden count (totals, shares) go with it
            for k, v in item.items():
                if k not in ("key", "label", "text") and isinstance(v, int | float):
                    item[k] = None
        for k, v in item.items():  # other counts beside a shown one (e.g. answers before)
            if (k == "total" or k.endswith("count")) and isinstance(v, int) and smallcounts.is_small(v):
                item[k] = None
    return {
        "group_by": result["group_by"],
        "unit": result["unit"],
        "items": items,
        "total": total.count,
        "total_text": total.text,
        "total_approximate": total.approximate,
    }


def public_stats(name: str, f: Filters) -> dict[str, Any]:
    """One public grouping (:class:`stats.UnknownGroup` for a group the public may not see)."""
    return suppressed(stats.compute(name, None, f, public=True))
