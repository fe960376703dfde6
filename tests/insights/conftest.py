from __future__ import annotations

from dataclasses import dataclass

import pytest

from jaganetral.cases.models import Case
from tests.cases.conftest import _isolated, make_case, to_forwarded  # noqa: F401 - fixture and helpers
from tests.conftest import Personas


@dataclass
class World:
    """Three cases in Jepara (one forwarded), one in Semarang, two in Surabaya (East Java)."""

    jepara: list[Case]
    semarang: Case
    surabaya: list[Case]


@pytest.fixture
def world(personas: Personas) -> World:
    admin = personas.admin
    jepara = [make_case(admin, "33.20") for _ in range(3)]
    jepara[0] = to_forwarded(jepara[0], admin)
    semarang = make_case(admin, "33.74")
    surabaya = [make_case(admin, "35.78") for _ in range(2)]
    return World(jepara, semarang, surabaya)
