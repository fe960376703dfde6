"""The staff dashboard and the list behind each figure: scope, links, bad and oversized input."""

from __future__ import annotations

import re

import pytest

from jaganetral.cases.models import Case
from tests.conftest import Personas
from tests.insights.conftest import World

URL = "/petugas/statistik/"
LIST = "/petugas/statistik/kasus/"


def _references(html: str) -> set[str]:
    return set(re.findall(r'href="/petugas/kasus/\d+/">([^<]+)<', html))


@pytest.mark.django_db
def test_dashboard_shows_the_funnel_and_every_figure_links_to_its_cases(
    personas: Personas, world: World
) -> None:
    r = personas.client(personas.jateng).get(URL)
    assert r.status_code == 200
    funnel = {s["stage"].key: (s["stage"].cases, s["stage"].people) for s in r.context["funnel"]}
    assert funnel["received"] == (4, 4)
    assert funnel["forwarded"] == (1, 1)
    assert funnel["registered"] == (1, 1)
    assert funnel["sanctioned"] == (0, 0)
    # each figure's link lists exactly the cases it counts
    client = personas.client(personas.jateng)
    for s in r.context["funnel"]:
        listed = client.get(s["href"])
        assert listed.status_code == 200
        assert listed.context["total"] == s["stage"].cases, s["stage"].key
    for name, result in r.context["groups"].items():
        if result["unit"] != "kasus" or name == "rule":
            continue
        for item in result["items"]:
            listed = client.get(item["href"])
            assert listed.context["total"] == item["count"], (name, item)


@pytest.mark.django_db
def test_region_drills_down_from_province_to_regency(personas: Personas, world: World) -> None:
    client = personas.client(personas.admin)
    top = client.get(URL).context["groups"]["region"]["items"]
    jateng = next(i for i in top if i["key"] == "33")
    assert jateng["count"] == 4
    down = client.get(jateng["drill"])
    assert {i["key"]: i["count"] for i in down.context["groups"]["region"]["items"]} == {
        "33.20": 3,
        "33.74": 1,
    }
    assert down.context["map"]["level"] == "regency"
    assert down.context["map"]["geo"].endswith("insights/geo/kab/33.json")


@pytest.mark.django_db
def test_wrong_region_and_wrong_role_see_nothing_of_others(personas: Personas, world: World) -> None:
    jatim = personas.client(personas.jatim)
    r = jatim.get(URL, {"region": "33"})
    assert r.status_code == 200
    assert all(s["stage"].cases == 0 for s in r.context["funnel"])
    listed = jatim.get(LIST)
    ours = {c.reference for c in world.surabaya}
    assert _references(listed.content.decode()) == ours
    assert listed.context["total"] == 2
    for user in (personas.custodian, personas.analyst):
        assert personas.client(user).get(URL).status_code == 403
        assert personas.client(user).get(LIST).status_code == 403
    from django.test import Client

    assert Client().get(URL).status_code == 302  # to the login page


@pytest.mark.django_db
def test_agency_sees_its_own_staff_only(personas: Personas, world: World) -> None:
    r = personas.client(personas.agency).get(LIST)
    assert _references(r.content.decode()) == {Case.objects.get(pk=world.jepara[0].pk).reference}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"region": "99"}, "Wilayah tidak dikenal"),
        ({"from": "kemarin"}, "TTTT-BB-HH"),
        ({"region": "3" * 500}, "terlalu panjang"),
        ({"stage": "dipecat"}, "tidak dikenal"),
        ({"status": "x"}, "tidak dikenal"),
        ({"stage": "received", "status": "received"}, "Pilih satu saja"),
        ({"position": "x" * 201}, "terlalu panjang"),
    ],
)
def test_bad_and_oversized_filters_keep_what_was_typed(
    personas: Personas, world: World, params: dict[str, str], words: str
) -> None:
    client = personas.client(personas.jateng)
    for url in (URL, LIST):
        if url == URL and set(params) - {"region", "from"}:
            continue
        r = client.get(url, params)
        assert r.status_code == 400
        assert words in r.content.decode()
    if "from" in params:
        assert 'value="kemarin"' in client.get(URL, params).content.decode()


@pytest.mark.django_db
def test_facets_narrow_the_list(personas: Personas, world: World) -> None:
    client = personas.client(personas.admin)
    assert client.get(LIST, {"rule": "N1"}).context["total"] == 6
    assert client.get(LIST, {"rule": "N9"}).context["total"] == 0
    assert client.get(LIST, {"agency": "pemkab-33-20"}).context["total"] == 6
    assert client.get(LIST, {"person_state": "forwarded"}).context["total"] == 1
    assert client.get(LIST, {"position": "camat"}).context["total"] == 6
    assert client.get(LIST, {"page": "99999999"}).status_code == 200


@pytest.mark.django_db
def test_the_dashboard_counts_people_in_one_pass_as_each_figure_alone_does(personas: Personas) -> None:
    """On the demo data (people in every state, several agencies): the person states, agencies,
    follow-ups, case states, sources, elections and funnel the dashboard derives from one count of
    the people per (agency, state) and one of the cases per (state, source, election, numbered,
    forwarded) equal what each
    figure's own query counts: nationally, inside one province and for findings only."""
    from jaganetral.cases.demo import load_demo
    from jaganetral.insights import dashboard, stats
    from jaganetral.insights.filters import Filters

    load_demo()
    admin = personas.admin
    for f in (Filters(), Filters(region="33"), Filters(source="temuan")):
        grouped = dashboard.people_grouped(admin, f)
        cases_by = dashboard.cases_grouped(admin, f)
        assert grouped.total() > 0, f
        for name, items in (
            ("person_state", stats.person_state_items(grouped.by_state())),
            ("agency", stats.agency_items(grouped.by_agency())),
            ("status", stats.status_items(cases_by.by(0))),
            ("source", stats.source_items(cases_by.by(1))),
            ("election", stats.election_items(cases_by.by(2))),
        ):
            assert stats.compute(name, admin, f, items=items) == stats.compute(name, admin, f), (name, f)
        assert dashboard.funnel(admin, f, grouped, cases_by) == dashboard.funnel(admin, f)
        assert dashboard.follow_up_by_agency(admin, f, grouped) == dashboard.follow_up_by_agency(admin, f)
    national = dashboard.follow_up_by_agency(admin, Filters())
    assert len(national) > 1 and any(r.sanctioned for r in national) and any(r.waiting for r in national)
