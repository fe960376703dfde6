"""The sanction catalogue of a rulebook version and how sanctions compare. Pure Python (no Django).

A rulebook version lists the concrete kinds a recommendation or a PPK decision names (``sanctions:``
in the file: PP 94/2021 Pasal 8, PP 42/2004 Pasal 15, the PPPK outcomes). Versions before 2026.1
list none; their cases recorded a sanction *level* only, kept here as :data:`LEGACY` kinds, which
new decisions cannot choose.

Every kind has a ``rank`` (mildest first, across both tracks: a moral statement is milder than any
disciplinary penalty) and a level. Comparisons:

- :func:`against_rulebook`: a set of kinds against the sanction the rulebook gives for the rules
  found (``moral/tertutup_terbuka``, ``disiplin/berat`` ...): milder when its harshest kind lies
  below the mildest level due on the heaviest track due, harsher when above the harshest due;
- :func:`against_recommendation`: the PPK's kinds against BKN's recommended kinds, by rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.i18n import gettext_noop

MATCH = "sesuai"
MILDER = "lebih_ringan"
HARSHER = "lebih_berat"
UNASSESSED = ""

EMPLOYMENTS = ("pns", "pppk")
# severity of each (track, level): every moral level below every disciplinary one
LEVEL_SEVERITY = {
    ("moral", "tertutup"): 1,
    ("moral", "terbuka"): 2,
    ("disiplin", "ringan"): 3,
    ("disiplin", "sedang"): 4,
    ("disiplin", "berat"): 5,
    ("disiplin", "ptdh"): 6,
}


# what each level is called where the rulebook's due sanction is shown
LEVEL_LABELS = {
    ("moral", "tertutup"): gettext_noop("Sanksi moral: pernyataan secara tertutup"),
    ("moral", "terbuka"): gettext_noop("Sanksi moral: pernyataan secara terbuka"),
    ("disiplin", "ringan"): gettext_noop("Hukuman disiplin ringan"),
    ("disiplin", "sedang"): gettext_noop("Hukuman disiplin sedang"),
    ("disiplin", "berat"): gettext_noop("Hukuman disiplin berat"),
    ("disiplin", "ptdh"): gettext_noop("Pemberhentian tidak dengan hormat (PTDH)"),
}


def level_label(track: str, level: str) -> str:
    return _(LEVEL_LABELS[(track, level)])


@dataclass(frozen=True)
class Kind:
    code: str
    track: str
    level: str
    rank: int
    title: str
    title_en: str
    basis: str
    employment: tuple[str, ...] = EMPLOYMENTS
    legacy: bool = False

    @property
    def severity(self) -> int:
        return LEVEL_SEVERITY[(self.track, self.level)]

    def label(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title


def _legacy(code: str, track: str, level: str, rank: int, title: str, title_en: str) -> Kind:
    return Kind(code, track, level, rank, title, title_en, "", EMPLOYMENTS, legacy=True)


# What cases judged under a version without a catalogue recorded: one level, no concrete kind.
LEGACY: tuple[Kind, ...] = (
    _legacy("moral_tertutup", "moral", "tertutup", 10, "Sanksi moral: pernyataan tertutup",
            "Moral sanction: closed statement"),
    _legacy("moral_terbuka", "moral", "terbuka", 20, "Sanksi moral: pernyataan terbuka",
            "Moral sanction: open statement"),
    _legacy("disiplin_ringan", "disiplin", "ringan", 30, "Hukuman disiplin ringan (jenis tidak dicatat)",
            "Light disciplinary penalty (kind not recorded)"),
    _legacy("disiplin_sedang", "disiplin", "sedang", 40, "Hukuman disiplin sedang (jenis tidak dicatat)",
            "Moderate disciplinary penalty (kind not recorded)"),
    _legacy("disiplin_berat", "disiplin", "berat", 50, "Hukuman disiplin berat (jenis tidak dicatat)",
            "Heavy disciplinary penalty (kind not recorded)"),
    _legacy("ptdh", "disiplin", "ptdh", 60, "Pemberhentian tidak dengan hormat (PTDH)",
            "Dismissal without honour (PTDH)"),
)  # fmt: skip


@dataclass(frozen=True)
class Catalogue:
    """The kinds of one rulebook version (its own list, or the legacy levels when it has none)."""

    version: str
    kinds: tuple[Kind, ...]

    @property
    def by_code(self) -> dict[str, Kind]:
        # legacy kinds stay readable (records made before the version had a catalogue)
        table = {k.code: k for k in LEGACY}
        table.update({k.code: k for k in self.kinds})
        return table

    @property
    def has_own_list(self) -> bool:
        return any(not k.legacy for k in self.kinds)

    def choosable(self, employment: str = "") -> list[Kind]:
        """The kinds a new decision may name (for a PNS or a PPPK; every kind when not known)."""
        return sorted(
            (k for k in self.kinds if not employment or employment in k.employment),
            key=lambda k: (k.rank, k.code),
        )

    def check(self, codes: Iterable[str], employment: str = "") -> list[Kind]:
        """The kinds named by ``codes``, or :class:`UnknownSanction` saying which one is refused."""
        chosen: list[Kind] = []
        allowed = {k.code: k for k in self.choosable(employment)}
        for code in dict.fromkeys(codes):
            kind = allowed.get(code)
            if kind is None:
                if employment and any(k.code == code for k in self.kinds):
                    raise UnknownSanction(
                        _("Jenis sanksi %(kind)s tidak berlaku untuk %(employment)s.")
                        % {"kind": self.by_code[code].label(), "employment": employment.upper()}
                    )
                raise UnknownSanction(
                    _("Jenis sanksi %(code)s tidak ada di katalog aturan versi %(version)s.")
                    % {"code": repr(code[:40]), "version": self.version}
                )
            chosen.append(kind)
        return chosen


class UnknownSanction(ValueError):
    pass


def catalogue(version: str, rows: Sequence[dict[str, Any]]) -> Catalogue:
    """The catalogue of a version from its stored ``sanctions`` list (empty: the legacy levels)."""
    if not rows:
        return Catalogue(version, LEGACY)
    kinds = tuple(
        Kind(
            code=str(r["code"]),
            track=str(r["track"]),
            level=str(r["level"]),
            rank=int(r["rank"]),
            title=str(r["title"]["id"]),
            title_en=str(r["title"]["en"]),
            basis=f"{r['basis']['instrument']} {r['basis']['article']}",
            employment=tuple(r.get("employment") or EMPLOYMENTS),
        )
        for r in rows
    )
    return Catalogue(version, kinds)


# --- what the rulebook gives for the rules found ---------------------------------------------


def levels_for(kind: str, level: str) -> frozenset[tuple[str, str]]:
    """The (track, level) pairs a rule's sanction names: ``moral/tertutup_terbuka`` both moral
    statements, ``disiplin/belum_pasti`` (a level not confirmed) every disciplinary level; none for
    criminal provisions and allowed acts."""
    if kind == "moral":
        names = {"tertutup_terbuka": ("tertutup", "terbuka")}.get(level, (level,))
        return frozenset(("moral", n) for n in names if ("moral", n) in LEVEL_SEVERITY)
    if kind == "disiplin":
        if level == "belum_pasti":
            return frozenset(k for k in LEVEL_SEVERITY if k[0] == "disiplin")
        return frozenset({("disiplin", level)} & LEVEL_SEVERITY.keys())
    return frozenset()


@dataclass(frozen=True)
class Due:
    """The levels the rulebook gives for the rules found, and which rule gives which level."""

    levels: frozenset[tuple[str, str]]
    rules: dict[str, frozenset[tuple[str, str]]]

    @property
    def empty(self) -> bool:
        return not self.levels

    def codes_for(self, kind: Kind) -> list[str]:
        return [code for code, levels in self.rules.items() if (kind.track, kind.level) in levels]


def due(rule_sanctions: dict[str, tuple[str, str]]) -> Due:
    """``rule_sanctions``: rule code -> (sanction kind, level) of each rule found."""
    rules = {code: levels_for(kind, level) for code, (kind, level) in sorted(rule_sanctions.items())}
    return Due(frozenset().union(*rules.values()) if rules else frozenset(), rules)


def against_rulebook(kinds: Sequence[Kind], owed: Due) -> str:
    """How a set of kinds stands against what the rulebook gives for the rules found."""
    if owed.empty or not kinds:
        return UNASSESSED
    heaviest_track = "disiplin" if any(t == "disiplin" for t, _lv in owed.levels) else "moral"
    floor = min(LEVEL_SEVERITY[x] for x in owed.levels if x[0] == heaviest_track)
    ceiling = max(LEVEL_SEVERITY[x] for x in owed.levels)
    worst = max(k.severity for k in kinds)
    if worst < floor:
        return MILDER
    if worst > ceiling:
        return HARSHER
    return MATCH


def against_recommendation(decided: Sequence[Kind], recommended: Sequence[Kind]) -> str:
    """The PPK's decision against BKN's recommendation: the harshest kind of each, by rank (by level
    when either names a level only)."""
    if not decided or not recommended:
        return UNASSESSED
    coarse = any(k.legacy for k in (*decided, *recommended))

    def weight(k: Kind) -> int:
        return k.severity if coarse else k.rank

    mine, theirs = max(map(weight, decided)), max(map(weight, recommended))
    if mine < theirs:
        return MILDER
    if mine > theirs:
        return HARSHER
    return MATCH
