from __future__ import annotations

import pytest

from jaganetral.accounts.policy import covers
from jaganetral.accounts.policy import region_q as scope_q
from jaganetral.reference.models import Region
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_personas_cover_their_regions(personas: Personas) -> None:
    assert covers(personas.jateng, "33.20.01")
    assert covers(personas.jepara, "33.20")
    assert not covers(personas.jepara, "33.25")
    assert not covers(personas.jatim, "33.20")
    assert covers(personas.admin, "91.71")
    assert not covers(personas.jepara, None)


def test_scope_filter_selects_the_subtree(personas: Personas) -> None:
    codes = set(Region.objects.filter(scope_q("33.20", field="parent")).values_list("code", flat=True))
    assert codes and all(c.startswith("33.20.") for c in codes)
    jateng = Region.objects.filter(scope_q(personas.jateng.scope, field="parent"))
    assert not jateng.filter(code__startswith="35").exists()
