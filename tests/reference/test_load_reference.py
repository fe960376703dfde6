from __future__ import annotations

import pytest

from jaganetral.reference.actions import load_reference
from jaganetral.reference.models import Agency, AgencyKind, Election, Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_it_loads_all_provinces_regencies_and_districts(refdata: None) -> None:
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.filter(level=RegionLevel.REGENCY).count() == 514
    assert Region.objects.filter(level=RegionLevel.DISTRICT).count() == 7285
    jepara = Region.objects.get(code="33.20")
    assert jepara.name == "Kabupaten Jepara"
    assert jepara.parent_id == "33"
    assert jepara.timezone == "WIB"
    assert jepara.decree.startswith("Kepmendagri")
    assert Region.objects.get(code="51").timezone == "WITA"
    assert Region.objects.get(code="94").timezone == "WIT"


def test_every_region_has_a_government_agency_and_central_bodies_exist(refdata: None) -> None:
    assert Agency.objects.filter(kind=AgencyKind.PROVINCE).count() == 38
    assert Agency.objects.filter(kind=AgencyKind.REGENCY).count() == 514
    for code in ["bawaslu-ri", "bkn", "kemenpanrb", "kemendagri"]:
        assert Agency.objects.filter(code=code, kind=AgencyKind.CENTRAL).exists()


def test_loading_twice_changes_nothing_and_keeps_admin_edits(refdata: None) -> None:
    Agency.objects.filter(code="bkn").update(name="BKN (diubah admin)")
    before = (Region.objects.count(), Agency.objects.count(), Election.objects.count())
    result = load_reference()
    assert result.agencies_created == 0
    assert (Region.objects.count(), Agency.objects.count(), Election.objects.count()) == before
    assert Agency.objects.get(code="bkn").name == "BKN (diubah admin)"


def test_shipped_elections(refdata: None) -> None:
    pemilu = Election.objects.get(code="pemilu-2024")
    assert pemilu.day_count == "working"
    assert not pemilu.cuti_bersama_is_working
    pairs = pemilu.contestants.filter(kind="pair").order_by("number")
    assert [p.number for p in pairs] == [1, 2, 3]
    assert "Prabowo" in pairs[1].name
    parties = pemilu.contestants.filter(kind="party")
    assert sorted(p.number for p in parties) == list(range(1, 25))
    assert parties.get(number=21).region_id == "11"
    pilkada = Election.objects.get(code="pilkada-2024")
    assert pilkada.day_count == "calendar"
