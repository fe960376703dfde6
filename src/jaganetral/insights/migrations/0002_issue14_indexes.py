"""An index for the statistics: the funnel asks, per case, whether any of its people reached a state
(recommended, sanctioned, not acted on). Created here rather than in the cases app so the case
register's migrations stay as they are; plain SQL both SQLite and PostgreSQL understand."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_issue14_region_figures"),
        ("cases", "0005_per_person"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS insights_person_case_state ON cases_casereportedperson (case_id, state)",
            "DROP INDEX IF EXISTS insights_person_case_state",
        ),
    ]
