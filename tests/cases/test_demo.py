from __future__ import annotations

import pytest
from django.core.management import call_command

from jaganetral.cases.models import Case

pytestmark = pytest.mark.django_db


def test_demo_load_has_the_central_java_2020_shape_and_a_sound_chain(
    refdata: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo", "load")
    cases = Case.objects.filter(election__code="pilkada-2020-jateng-demo")
    assert cases.count() == 57
    assert cases.filter(forwarded_at__isnull=False).count() == 47
    assert cases.filter(stop_reason="not_proven").count() == 10
    assert cases.filter(state="ppk_no_action").count() == 13
    call_command("audit", "verify")
    assert "OK: 57 kasus" in capsys.readouterr().out
    call_command("demo", "load")
    assert "sudah ada" in capsys.readouterr().out
    assert cases.count() == 57
