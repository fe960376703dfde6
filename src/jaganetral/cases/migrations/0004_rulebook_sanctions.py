"""Recommendations and sanctions record the rulebook version they were judged against, the rules
that give their type, and whether the type is milder or harsher than the rulebook says."""


from typing import Any

from django.db import migrations, models

from jaganetral.cases import sanctions


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
                (study.rulebook_version, study.rules_found) if study else (case.rulebook_version, case.alleged_rules)
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
        ('cases', '0003_case_head'),
        ('rulebook', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='recommendation',
            name='expected_types',
            field=models.JSONField(blank=True, default=list, verbose_name='sanksi menurut katalog'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='rule_codes',
            field=models.JSONField(blank=True, default=list, verbose_name='aturan yang memberi sanksi ini'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='rulebook_fit',
            field=models.CharField(blank=True, choices=[('', 'tidak dinilai terhadap katalog'), ('sesuai', 'sesuai katalog aturan'), ('lebih_ringan', 'lebih ringan dari katalog aturan'), ('lebih_berat', 'lebih berat dari katalog aturan')], max_length=20, verbose_name='kesesuaian dengan katalog'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='rulebook_version',
            field=models.CharField(blank=True, max_length=30, verbose_name='versi katalog aturan'),
        ),
        migrations.AddField(
            model_name='sanction',
            name='expected_types',
            field=models.JSONField(blank=True, default=list, verbose_name='sanksi menurut katalog'),
        ),
        migrations.AddField(
            model_name='sanction',
            name='rule_codes',
            field=models.JSONField(blank=True, default=list, verbose_name='aturan yang memberi sanksi ini'),
        ),
        migrations.AddField(
            model_name='sanction',
            name='rulebook_fit',
            field=models.CharField(blank=True, choices=[('', 'tidak dinilai terhadap katalog'), ('sesuai', 'sesuai katalog aturan'), ('lebih_ringan', 'lebih ringan dari katalog aturan'), ('lebih_berat', 'lebih berat dari katalog aturan')], max_length=20, verbose_name='kesesuaian dengan katalog'),
        ),
        migrations.AddField(
            model_name='sanction',
            name='rulebook_version',
            field=models.CharField(blank=True, max_length=30, verbose_name='versi katalog aturan'),
        ),
        migrations.RunPython(assess_recorded, migrations.RunPython.noop),
]
