"""Sanction types against the rulebook.

The rulebook gives each rule a sanction as ``kind`` and ``level`` (``moral/tertutup_terbuka``,
``disiplin/berat``, ...). A recommendation or sanction records one concrete *sanction type*
(:class:`jaganetral.cases.models.SanctionType`). This module maps one onto the other:

- the types a rulebook version knows are those its rules' sanctions name (``moral/tertutup_terbuka``
  names both moral statements; ``disiplin/belum_pasti``, a level not confirmed, names every
  disciplinary level); a type the version does not know is refused;
- the types it *expects* for a case are those of the rules the study found (the version the case
  was judged under); a recommendation or sanction outside them is recorded, but marked as milder or
  harsher than the rulebook, so the BKN officer and the supervisor see it at once.

The first part (:func:`types_for`, :func:`assess`) is pure; :func:`basis_for` reads the rulebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jaganetral.lib.i18n import gettext as _

# Every sanction type, mildest first, with the rulebook (kind, level) it stands for.
ORDER = ("moral_tertutup", "moral_terbuka", "disiplin_ringan", "disiplin_sedang", "disiplin_berat", "ptdh")
KIND = {t: ("moral" if t.startswith("moral") else "disiplin") for t in ORDER}
DISCIPLINE = ("disiplin_ringan", "disiplin_sedang", "disiplin_berat", "ptdh")

FIT_MATCH = "sesuai"
FIT_MILDER = "lebih_ringan"
FIT_HARSHER = "lebih_berat"
FIT_UNASSESSED = ""


def types_for(kind: str, level: str) -> tuple[str, ...]:
    """The sanction types a rulebook sanction (kind, level) names; () for none (criminal, allowed)."""
    if kind == "moral":
        return {
            "tertutup_terbuka": ("moral_tertutup", "moral_terbuka"),
            "tertutup": ("moral_tertutup",),
            "terbuka": ("moral_terbuka",),
        }.get(level, ())
    if kind == "disiplin":
        if level == "belum_pasti":
            return DISCIPLINE
        if level == "ptdh":
            return ("ptdh",)
        name = f"disiplin_{level}"
        return (name,) if name in DISCIPLINE else ()
    return ()


@dataclass(frozen=True)
class Basis:
    """What the rulebook says for one case: the version, the types it knows (None: no rulebook to
    check against), and the sanction (kind, level) of each rule the case was found to break."""

    version: str = ""
    known: tuple[str, ...] | None = None
    rules: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def expected(self) -> tuple[str, ...]:
        """The types the rulebook gives for the rules found, mildest first."""
        found = {t for kind, level in self.rules.values() for t in types_for(kind, level)}
        return tuple(t for t in ORDER if t in found)

    def codes_for(self, sanction_type: str) -> list[str]:
        """The rules found whose rulebook sanction is this type."""
        return [code for code, (k, lv) in self.rules.items() if sanction_type in types_for(k, lv)]


def make_basis(version: str, rows: Iterable[tuple[str, str, str]], found: Iterable[str]) -> Basis:
    """``rows``: (code, kind, level) of every rule of the version; ``found``: the codes found."""
    rows = list(rows)
    if not version or not rows:
        return Basis()
    named = {t for _, kind, level in rows for t in types_for(kind, level)}
    wanted = set(found)
    rules = {code: (kind, level) for code, kind, level in rows if code in wanted}
    return Basis(version, tuple(t for t in ORDER if t in named), dict(sorted(rules.items())))


@dataclass(frozen=True)
class Assessment:
    version: str
    fit: str
    rule_codes: list[str]
    expected: list[str]


class UnknownSanction(ValueError):
    pass


def assess(basis: Basis, sanction_type: str) -> Assessment:
    """How a sanction type stands against the rulebook. Raises :class:`UnknownSanction` when it is
    not a type at all, or one the case's rulebook version does not know."""
    if sanction_type not in ORDER:
        raise UnknownSanction(_("Jenis sanksi tidak dikenal."))
    if basis.known is None:
        return Assessment("", FIT_UNASSESSED, [], [])
    if sanction_type not in basis.known:
        raise UnknownSanction(
            _("Jenis sanksi ini tidak ada di katalog aturan versi %(version)s.") % {"version": basis.version}
        )
    expected = basis.expected
    if not expected:
        return Assessment(basis.version, FIT_UNASSESSED, [], [])
    if sanction_type in expected:
        return Assessment(basis.version, FIT_MATCH, basis.codes_for(sanction_type), list(expected))
    same_kind = [t for t in expected if KIND[t] == KIND[sanction_type]]
    # against the same kind: below its mildest is milder; against the other kind only: a moral
    # statement where discipline is due is milder, discipline where a moral statement is due harsher
    milder = (
        ORDER.index(sanction_type) < ORDER.index(same_kind[0])
        if same_kind
        else KIND[sanction_type] == "moral"
    )
    return Assessment(basis.version, FIT_MILDER if milder else FIT_HARSHER, [], list(expected))


# --- reading the rulebook --------------------------------------------------------------------


def rulebook_rows(version_name: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(version, rows) of the named rulebook version (the current one when no name); empty when no
    rulebook is loaded or the version is unknown."""
    from django.apps import apps
    from django.db import connection

    if not apps.is_installed("jaganetral.rulebook"):
        return "", []
    from jaganetral.rulebook import selectors as rulebook
    from jaganetral.rulebook.models import Rule, RuleVersion

    if RuleVersion._meta.db_table not in connection.introspection.table_names():
        return "", []
    version = rulebook.version_by_name(version_name) if version_name else rulebook.current_version()
    if version is None:
        return "", []
    rows = Rule.objects.filter(version=version).values_list("code", "sanction_kind", "sanction_level")
    return version.version, list(rows)


def found_rules(case: object) -> tuple[str, list[str]]:
    """(rulebook version, rule codes) the case was judged under: its last study that found a
    violation, else what was alleged when it was opened."""
    from jaganetral.cases.models import Case, Study

    assert isinstance(case, Case)  # noqa: S101
    study = Study.objects.filter(case=case, violation=True).order_by("-created_at", "-id").first()
    if study is not None:
        return study.rulebook_version, list(study.rules_found)
    return case.rulebook_version, list(case.alleged_rules)


def basis_for(case: object) -> Basis:
    version_name, codes = found_rules(case)
    version, rows = rulebook_rows(version_name)
    return make_basis(version, rows, codes)


def choices(basis: Basis) -> list[tuple[str, str]]:
    """The form choices for a case: the types its rulebook version knows (all types when no
    rulebook is loaded), the rulebook's own for the rules found marked as such."""
    from django.utils.translation import gettext as _

    from jaganetral.cases.models import SanctionType

    labels = dict(SanctionType.choices)
    allowed = basis.known if basis.known is not None else ORDER
    out = []
    for t in allowed:
        codes = basis.codes_for(t)
        label = str(labels[t])
        if codes:
            label = _("%(label)s (sesuai katalog: %(codes)s)") % {"label": label, "codes": ", ".join(codes)}
        out.append((t, label))
    return out
