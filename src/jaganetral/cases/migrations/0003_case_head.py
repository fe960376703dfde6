"""Each case keeps its timeline's head (last seq and hash), so `audit verify` finds a timeline
whose last events were deleted. Existing cases get the head of the timeline they have now."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def backfill(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    for case_pk in Case.objects.values_list("pk", flat=True).iterator():
        last = CaseEvent.objects.filter(case_id=case_pk).order_by("-seq").values("seq", "hash").first()
        if last:
            Case.objects.filter(pk=case_pk).update(head_seq=last["seq"], head_hash=last["hash"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_attachments_anchor")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="head_seq",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="case",
            name="head_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
