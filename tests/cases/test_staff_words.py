"""Words, not identifiers, where staff read: clock names from the clock book, people as names with
roles, party roles; and the case page in English (statuses, deadline names, step labels,
refusals)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from django.conf import settings
from django.test import Client
from django.utils import translation

from jaganetral.cases import clocknames
from jaganetral.reference import clocks as clock_book
from tests.cases.conftest import make_case, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    with translation.override(translation.get_language()):
        yield


def _english(c: Client) -> Client:
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def _labels(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["label"]} if isinstance(node.get("label"), str) else set()
        for value in node.values():
            found |= _labels(value)
        return found
    return set()


def test_every_clock_of_the_book_has_a_translatable_name() -> None:
    book = yaml.safe_load(clock_book.DATA_FILE.read_text(encoding="utf-8"))
    labels = _labels(book)
    assert labels and labels <= set(clocknames.LABELS)


def test_assignee_and_timeline_show_names_with_roles(personas: Personas) -> None:
    personas.jepara.first_name, personas.jepara.last_name = "Siti", "Aminah"
    personas.jepara.save()
    case = make_case(personas.jepara)
    from jaganetral.cases import actions

    actions.assign(actor=personas.jepara, cases=[case], user=personas.jepara)
    html = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Siti Aminah (Pengawas (Bawaslu))" in html
    queue = personas.client(personas.jepara).get("/petugas/kasus/?tab=all").content.decode()
    assert "Siti Aminah (Pengawas (Bawaslu))" in queue


def test_the_case_page_in_english(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    client = _english(personas.client(personas.jepara))
    html = client.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Initial review" in html  # the status
    assert "Kajian awal" not in html
    assert "Register" in html  # a step's label
    refused = client.post(f"/petugas/kasus/{case.pk}/langkah/", {"target": "closed"})
    assert refused.status_code == 400
    assert "cannot be moved" in refused.content.decode()
    home = client.get("/akun/").content.decode()
    assert "Waiting on me" in home and "Overdue in my region" in home
