"""The neutrality-risk index of a region, 0–100, from the system's own data. Pure: no Django.

Five inputs, each turned into a score from 0 to 1 and weighted; an input that is unknown for a
region (no civil-servant count, nobody studied yet, nothing screened) is left out and the weights
of the others are scaled up, so the index always runs 0–100 over what is known:

===========================  ======  ===================================================
input                        weight  score
===========================  ======  ===================================================
violations per 10,000 ASN    30 %    proven people per 10,000 ASN, 5 or more = 1
share proven                 15 %    proven people / people whose study is done
repeat offenders             15 %    share of proven people found in more than one case,
                                     20 % or more = 1
PPK inaction                 25 %    people the PPK did not act on / people recommended
screening flag rate          15 %    findings / screened posts, 5 % or more = 1
===========================  ======  ===================================================

index = 100 × Σ(weight × score) / Σ(weight of the known inputs)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jaganetral.lib.i18n import gettext_noop


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    weight: float
    cap: float  # the raw value that scores 1 (and anything above it)


COMPONENTS: tuple[Component, ...] = (
    Component("violations_per_10k", gettext_noop("Pelanggaran terbukti per 10.000 ASN"), 0.30, 5.0),
    Component("share_proven", gettext_noop("Bagian terlapor yang terbukti"), 0.15, 1.0),
    Component("repeat_share", gettext_noop("Bagian pelanggar berulang"), 0.15, 0.20),
    Component("ppk_inaction", gettext_noop("Bagian rekomendasi tidak ditindaklanjuti PPK"), 0.25, 1.0),
    Component("flag_rate", gettext_noop("Tingkat temuan penapisan siber"), 0.15, 0.05),
)


@dataclass(frozen=True)
class Inputs:
    """Raw counts for one region (``asn`` None when the number of civil servants is unknown)."""

    asn: int | None = None
    proven: int = 0  # people found to have violated neutrality
    studied: int = 0  # people whose study is done (proven or not)
    repeat: int = 0  # proven people (by NIP) found in more than one case
    recommended: int = 0  # people BKN recommended a sanction for
    not_acted: int = 0  # of them, people the PPK did not act on
    screened: int = 0  # screened posts of the region's civil servants
    flagged: int = 0  # screening findings in the region


@dataclass(frozen=True)
class Result:
    index: float | None
    raw: dict[str, float | None] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)


def _ratio(num: int, den: int | None) -> float | None:
    return num / den if den else None


def raw_values(x: Inputs) -> dict[str, float | None]:
    per_10k = 10_000 * x.proven / x.asn if x.asn else None
    return {
        "violations_per_10k": per_10k,
        "share_proven": _ratio(x.proven, x.studied),
        "repeat_share": _ratio(x.repeat, x.proven),
        "ppk_inaction": _ratio(x.not_acted, x.recommended),
        "flag_rate": _ratio(x.flagged, x.screened),
    }


def index(x: Inputs) -> Result:
    """The index (None when no input is known), with each raw value and score."""
    raw = raw_values(x)
    scores: dict[str, float | None] = {}
    total = weights = 0.0
    for c in COMPONENTS:
        value = raw[c.key]
        if value is None:
            scores[c.key] = None
            continue
        score = min(max(value / c.cap, 0.0), 1.0)
        scores[c.key] = round(score, 3)
        total += c.weight * score
        weights += c.weight
    value = round(100 * total / weights, 1) if weights else None
    return Result(value, {k: (round(v, 4) if v is not None else None) for k, v in raw.items()}, scores)
