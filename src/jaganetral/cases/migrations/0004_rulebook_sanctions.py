"""Recommendations and sanctions record the rulebook version they were judged against, the rules
that give their type, and whether the type is milder or harsher than the rulebook says."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import migrations, models

# The rules of the time, frozen here (the app's module has moved on to per-person sanction kinds,
# cases/migrations/0005): a migration must not depend on code that changes after it.
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
        raise UnknownSanction(sanction_type)
    if basis.known is None:
        return Assessment("", FIT_UNASSESSED, [], [])
    if sanction_type not in basis.known:
        raise UnknownSanction(basis.version)
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


sanctions = SimpleNamespace(
    Basis=Basis, make_basis=make_basis, assess=assess, UnknownSanction=UnknownSanction
)


def assess_recorded(apps: Any, schema_editor: Any) -> None:
    """Judge the recommendations and sanctions recorded before against the rulebook version their
    case was judged under (the stored sanction types do not change). A type that version does not
    know, or a case without a loaded rulebook, stays "not assessed"."""
    Study = apps.get_model("cases", "Study")
    Rule = apps.get_model("rulebook", "Rule")
    RuleVersion = apps.get_model("rulebook", "RuleVersion")
    current = RuleVersion.objects.filter(is_current=True).first()
    bases: dict[int, sanctions.Basis] = {}

    def basis(case: Any) -> sanctions.Basis:
        if case.pk not in bases:
            study = Study.objects.filter(case=case, violation=True).order_by("-created_at", "-id").first()
            name, codes = (
                (study.rulebook_version, study.rules_found)
                if study
                else (case.rulebook_version, case.alleged_rules)
            )
            version = RuleVersion.objects.filter(version=name).first() if name else current
            rows = Rule.objects.filter(version=version).values_list("code", "sanction_kind", "sanction_level")
            bases[case.pk] = sanctions.make_basis(version.version if version else "", rows, codes)
        return bases[case.pk]

    for name in ("Recommendation", "Sanction"):
        for row in apps.get_model("cases", name).objects.select_related("case").iterator():
            try:
                found = sanctions.assess(basis(row.case), row.sanction_type)
            except sanctions.UnknownSanction:
                continue
            row.rulebook_version = found.version
            row.rule_codes = found.rule_codes
            row.rulebook_fit = found.fit
            row.expected_types = found.expected
            row.save(update_fields=["rulebook_version", "rule_codes", "rulebook_fit", "expected_types"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_head"),
        ("rulebook", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="expected_types",
            field=models.JSONField(blank=True, default=list, verbose_name="sanksi menurut katalog"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="rule_codes",
            field=models.JSONField(blank=True, default=list, verbose_name="aturan yang memberi sanksi ini"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="rulebook_fit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "tidak dinilai terhadap katalog"),
                    ("sesuai", "sesuai katalog aturan"),
                    ("lebih_ringan", "lebih ringan dari katalog aturan"),
                    ("lebih_berat", "lebih berat dari katalog aturan"),
                ],
                max_length=20,
                verbose_name="kesesuaian dengan katalog",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="rulebook_version",
            field=models.CharField(blank=True, max_length=30, verbose_name="versi katalog aturan"),
        ),
        migrations.AddField(
            model_name="sanction",
            name="expected_types",
            field=models.JSONField(blank=True, default=list, verbose_name="sanksi menurut katalog"),
        ),
        migrations.AddField(
            model_name="sanction",
            name="rule_codes",
            field=models.JSONField(blank=True, default=list, verbose_name="aturan yang memberi sanksi ini"),
        ),
        migrations.AddField(
            model_name="sanction",
            name="rulebook_fit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "tidak dinilai terhadap katalog"),
                    ("sesuai", "sesuai katalog aturan"),
                    ("lebih_ringan", "lebih ringan dari katalog aturan"),
                    ("lebih_berat", "lebih berat dari katalog aturan"),
                ],
                max_length=20,
                verbose_name="kesesuaian dengan katalog",
            ),
        ),
        migrations.AddField(
            model_name="sanction",
            name="rulebook_version",
            field=models.CharField(blank=True, max_length=30, verbose_name="versi katalog aturan"),
        ),
        migrations.RunPython(assess_recorded, migrations.RunPython.noop),
    ]
