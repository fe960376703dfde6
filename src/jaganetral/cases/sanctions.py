"""Sanctions of a civil servant against the rulebook and against BKN's recommendation.

The catalogue of concrete kinds and the comparisons are pure (:mod:`jaganetral.rulebook.sanctions`);
this module reads what they need: the catalogue of the rulebook version the person was judged under
and the sanction the rulebook gives for the rules found for that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jaganetral.cases.models import CaseReportedPerson, Recommendation, Study
from jaganetral.lib.i18n import gettext as _
from jaganetral.rulebook import sanctions as pure
from jaganetral.rulebook.models import Rule, RuleVersion

UnknownSanction = pure.UnknownSanction


def _version(name: str) -> RuleVersion | None:
    if name:
        return RuleVersion.objects.filter(version=name[:30]).first()
    return RuleVersion.objects.filter(is_current=True).first()


def catalogue_for(version_name: str) -> pure.Catalogue:
    """The catalogue of the named version (the current one when no name; legacy levels when the
    version has no list of its own or no rulebook is loaded)."""
    version = _version(version_name)
    if version is None:
        return pure.Catalogue(version_name, pure.LEGACY)
    return pure.catalogue(version.version, version.sanctions)


def judged_under(person: CaseReportedPerson) -> tuple[str, list[str]]:
    """(rulebook version, rule codes) a person was judged under: their own finding, else the case's
    last study that found a violation, else what was alleged when the case was opened."""
    if person.proven and person.rules_found:
        return person.rulebook_version, list(person.rules_found)
    case = person.case
    study = Study.objects.filter(case=case, violation=True).order_by("-created_at", "-id").first()
    if study is not None:
        return study.rulebook_version, list(study.rules_found)
    return case.rulebook_version, list(case.alleged_rules)


def due_for(version_name: str, codes: Sequence[str]) -> pure.Due:
    version = _version(version_name)
    if version is None or not codes:
        return pure.due({})
    rows = Rule.objects.filter(version=version, code__in=list(codes)[:50])
    return pure.due({r.code: (r.sanction_kind, r.sanction_level) for r in rows})


def _level_kinds(owed: pure.Due) -> list[str]:
    """The levels due, as the level-only kinds that name them (``disiplin_berat`` ...)."""
    return [k.code for k in pure.LEGACY if (k.track, k.level) in owed.levels]


def assess(person: CaseReportedPerson, codes: Sequence[str]) -> dict[str, Any]:
    """The fields of a recommendation or decision naming ``codes`` for ``person``: refused
    (:class:`UnknownSanction`) when a kind is not in the catalogue of the version the person was
    judged under or does not apply to their employment (PNS or PPPK); recorded, and marked, when it
    is milder or harsher than that version's sanction for the rules found."""
    version_name, rules = judged_under(person)
    table = catalogue_for(version_name)
    kinds = table.check(codes, person.employment)
    owed = due_for(table.version, rules)
    return {
        "kinds": [k.code for k in kinds],
        "rulebook_version": table.version,
        "rule_codes": sorted({c for k in kinds for c in owed.codes_for(k)}),
        "rulebook_fit": pure.against_rulebook(kinds, owed),
        "expected_types": _level_kinds(owed),
    }


def latest_recommendation(person: CaseReportedPerson) -> Recommendation | None:
    return Recommendation.objects.filter(person=person).order_by("-issued_on", "-id").first()


def against_recommendation(person: CaseReportedPerson, codes: Sequence[str]) -> str:
    """The PPK's decision against BKN's latest recommendation for this person."""
    rec = latest_recommendation(person)
    if rec is None:
        return pure.UNASSESSED
    table = catalogue_for(rec.rulebook_version).by_code
    decided = [table[c] for c in codes if c in table]
    recommended = [table[c] for c in rec.kinds if c in table]
    return pure.against_recommendation(decided, recommended)


def choices(person: CaseReportedPerson, lang: str = "id") -> list[tuple[str, str]]:
    """The kinds a decision for this person may name, the rulebook's own for the rules found marked."""
    version_name, rules = judged_under(person)
    table = catalogue_for(version_name)
    owed = due_for(table.version, rules)
    out = []
    for kind in table.choosable(person.employment):
        label = kind.label(lang)
        codes = owed.codes_for(kind)
        if codes:
            label = _("%(label)s (sesuai katalog: %(codes)s)") % {"label": label, "codes": ", ".join(codes)}
        out.append((kind.code, label))
    return out


def expected_labels(person: CaseReportedPerson) -> list[str]:
    """The levels the rulebook gives for the rules found for this person, in words."""
    version_name, rules = judged_under(person)
    owed = due_for(catalogue_for(version_name).version, rules)
    return [pure.level_label(*level) for level in pure.LEVEL_SEVERITY if level in owed.levels]
