"""Prevention figures for the dashboards and the statistics API: pledge coverage and quiz gain,
by agency or by province.

``GROUPS`` maps a ``group_by`` name to ``fn(user_or_None, filters) -> [{"key", "label", "count",
...}]``. With a user, the figures cover only the campaigns and briefings that user may see (the
permission door: someone without the prevention permissions gets an empty list). With ``None`` they
are the public figures: every count from 1 to 4 is hidden by :mod:`jaganetral.lib.smallcounts`, and
the percentages beside a hidden count are hidden with it.

Filters (all optional, unknown keys ignored): ``by`` = ``agency`` (default) or ``region``;
``election`` = an election code; ``region`` = a Kemendagri code prefix; for quiz figures
``since``/``until`` = ISO dates of the briefing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.lib import smallcounts
from jaganetral.prevention.models import Briefing, Campaign, Phase, QuizResponse, Signer
from jaganetral.reference.models import Region

Item = dict[str, Any]


def _filter_text(filters: Mapping[str, Any], key: str, limit: int = 60) -> str:
    value = filters.get(key)
    return str(value)[:limit].strip() if value is not None else ""


def _by(filters: Mapping[str, Any]) -> str:
    return "region" if _filter_text(filters, "by") == "region" else "agency"


def _region_q(code: str, field: str) -> Any:
    return policy.region_q(code, field)


def _province_names() -> dict[str, str]:
    return dict(Region.objects.filter(parent__isnull=True).values_list("code", "name"))


def _group_key(
    by: str, agency_code: str, agency_name: str, region: str | None, provinces: dict[str, str]
) -> tuple[str, str]:
    if by == "agency":
        return agency_code, agency_name
    if not region:
        return "", _("Instansi pusat")
    province = region.split(".")[0]
    return province, provinces.get(province, province)


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _publish(items: list[Item], hide_with_count: tuple[str, ...]) -> list[Item]:
    shown, _total = smallcounts.suppress_items(items)
    for item in shown:
        if item["count"] is None:
            for key in hide_with_count:
                item[key] = None
    return shown


def _campaigns(user: Any, filters: Mapping[str, Any]) -> QuerySet[Campaign]:
    qs = Campaign.objects.all() if user is None else policy.visible(user, Campaign)
    election = _filter_text(filters, "election")
    if election:
        qs = qs.filter(election__code=election)
    region = _filter_text(filters, "region", 13)
    if region:
        qs = qs.filter(_region_q(region, "agency__region"))
    return qs


def pledge_coverage(user: Any, filters: Mapping[str, Any], *, suppress: bool = True) -> list[Item]:
    """Per agency or province: how many on the rosters have signed (``count``), of how many
    (``total``), and the ``percent``."""
    by = _by(filters)
    provinces = _province_names()
    groups: dict[str, Item] = {}
    rows = Signer.objects.filter(campaign__in=_campaigns(user, filters)).values_list(
        "campaign__agency__code", "campaign__agency__name", "campaign__agency__region_id", "signed_at"
    )
    for agency_code, agency_name, region, signed_at in rows.iterator():
        key, label = _group_key(by, agency_code, agency_name, region, provinces)
        g = groups.setdefault(key, {"key": key, "label": label, "count": 0, "total": 0})
        g["total"] += 1
        g["count"] += signed_at is not None
    items = sorted(groups.values(), key=lambda g: (g["label"], g["key"]))
    for g in items:
        g["percent"] = _percent(g["count"], g["total"])
    if user is not None or not suppress:
        return items
    for g in items:
        g["total"] = smallcounts.cell(g["total"]).count
    return _publish(items, ("percent",))


def _briefings(user: Any, filters: Mapping[str, Any]) -> QuerySet[Briefing]:
    qs = Briefing.objects.all() if user is None else policy.visible(user, Briefing)
    region = _filter_text(filters, "region", 13)
    if region:
        qs = qs.filter(_region_q(region, "region"))
    for key, lookup in (("since", "held_on__gte"), ("until", "held_on__lte")):
        raw = _filter_text(filters, key, 10)
        if raw:
            try:
                qs = qs.filter(**{lookup: date.fromisoformat(raw)})
            except ValueError:
                continue
    return qs


def _share_right(
    questions: list[dict[str, Any]], answers: list[Any], truth: dict[tuple[str, int], bool]
) -> tuple[int, int]:
    right = answered = 0
    for ref, a in zip(questions, answers, strict=False):
        expected = truth.get((str(ref.get("rule")), int(ref.get("example", -1))))
        if isinstance(a, bool) and expected is not None:
            answered += 1
            right += a == expected
    return right, answered


def quiz_gain(user: Any, filters: Mapping[str, Any], *, suppress: bool = True) -> list[Item]:
    """Per agency or province: answers received after the briefings (``count``), the share of
    right answers before and after (``before_percent``, ``after_percent``) and the ``gain`` in
    percentage points."""
    from jaganetral.rulebook.models import Rule

    by = _by(filters)
    provinces = _province_names()
    briefings = list(_briefings(user, filters).select_related("agency"))
    truth: dict[int, dict[tuple[str, int], bool]] = {}
    for version_id in {b.rule_version_id for b in briefings}:
        table: dict[tuple[str, int], bool] = {}
        for code, track, data in Rule.objects.filter(version_id=version_id).values_list(
            "code", "track", "data"
        ):
            for i, _example in enumerate(data.get("examples") or []):
                table[(code, i)] = track == "boleh"
        truth[version_id] = table
    groups: dict[str, dict[str, Any]] = {}
    by_id = {b.pk: b for b in briefings}
    responses = QuizResponse.objects.filter(briefing_id__in=list(by_id)).values_list(
        "briefing_id", "phase", "answers"
    )
    for briefing_id, phase, answers in responses.iterator():
        b = by_id[briefing_id]
        agency_code = b.agency.code if b.agency else ""
        agency_name = b.agency.name if b.agency else _("Tanpa instansi")
        key, label = _group_key(by, agency_code, agency_name, b.region_id, provinces)
        g = groups.setdefault(
            key, {"key": key, "label": label, "count": 0, "before": [0, 0], "after": [0, 0], "n_before": 0}
        )
        right, answered = _share_right(b.questions, answers or [], truth[b.rule_version_id])
        slot = g["after"] if phase == Phase.AFTER else g["before"]
        slot[0] += right
        slot[1] += answered
        if phase == Phase.AFTER:
            g["count"] += 1
        else:
            g["n_before"] += 1
    items: list[Item] = []
    for g in sorted(groups.values(), key=lambda g: (g["label"], g["key"])):
        before = _percent(*g["before"])
        after = _percent(*g["after"])
        small_before = user is None and suppress and smallcounts.is_small(g["n_before"])
        items.append(
            {
                "key": g["key"],
                "label": g["label"],
                "count": g["count"],
                "before_count": g["n_before"] if not small_before else None,
                "before_percent": before if not small_before else None,
                "after_percent": after,
                "gain": after - before
                if before is not None and after is not None and not small_before
                else None,
            }
        )
    if user is not None or not suppress:
        return items
    return _publish(items, ("after_percent", "gain"))


GROUPS: dict[str, Callable[..., list[Item]]] = {
    "pledge_coverage": pledge_coverage,
    "quiz_gain": quiz_gain,
}
