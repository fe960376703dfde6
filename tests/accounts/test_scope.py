from __future__ import annotations

import pytest

from jaganetral.reference.models import Region, scope_q
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_personas_cover_their_regions(personas: Personas) -> None:
    assert personas.jateng.covers_region("33.20.01")
    assert personas.jepara.covers_region("33.20")
    assert not personas.jepara.covers_region("33.25")
    assert not personas.jatim.covers_region("33.20")
    assert personas.admin.covers_region("91.71")
    assert not personas.jepara.covers_region(None)


def test_scope_filter_selects_the_subtree(personas: Personas) -> None:
    codes = set(Region.objects.filter(scope_q("33.20", field="parent")).values_list("code", flat=True))
    assert codes and all(c.startswith("33.20.") for c in codes)
    jateng = Region.objects.filter(scope_q(personas.jateng.scope, field="parent"))
    assert not jateng.filter(code__startswith="35").exists()
