from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jaganetral.reference.election_file import ElectionFileError, parse_election
from jaganetral.reference.models import Election

DKI_2017 = textwrap.dedent(
    """\
    code: pilkada-dki-2017            # unique slug
    name: Pemilihan Gubernur DKI Jakarta 2017
    kind: pilkada                     # pemilu | pilkada
    region: "31"                      # Kemendagri code; omit for national elections
    voting_day: 2017-02-15
    campaign: {start: 2016-10-28, end: 2017-02-11}
    day_count: calendar               # working | calendar (for the legal clocks)
    contestants:
      - number: 1
        kind: pair                    # pair | party | candidate
        name: Agus Harimurti Yudhoyono - Sylviana Murni
        aliases: [Agus-Sylvi, AHY, Mpok Sylvi]
        parties: [Demokrat, PPP, PKB, PAN]
        hashtags: ["#AgusSylvi"]
        slogans: []
      - number: 2
        kind: pair
        name: Basuki Tjahaja Purnama - Djarot Saiful Hidayat
        aliases: [Ahok, Ahok-Djarot, Badja]
        parties: [PDI-P, Golkar, NasDem, Hanura]
        hashtags: ["#BadjaUntukJakarta"]
        accounts: ["@basuki_btp"]
      - number: 3
        kind: pair
        name: Anies Baswedan - Sandiaga Uno
        aliases: [Anies-Sandi]
        parties: [Gerindra, PKS]
    """
)


def test_the_documented_example_parses() -> None:
    spec = parse_election(DKI_2017, "dki.yaml")
    assert spec.region == "31"
    assert [c.number for c in spec.contestants] == [1, 2, 3]
    assert spec.contestants[1].accounts == ["@basuki_btp"]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("voting_day: 2017-02-15", "voting_day: 2017-02-31", "line 5, voting_day"),
        ("kind: pilkada  ", "kind: referendum", "line 3, kind"),
        ("  - number: 2\n", "  - number: zwei\n", "line 16, contestants[1].number"),
        ('hashtags: ["#AgusSylvi"]', 'hashtags: ["Agus Sylvi"]', "line 14, contestants[0].hashtags"),
        ("day_count: calendar ", "day_count: sometimes ", "line 7, day_count"),
        ('region: "31"', 'region: "3x"', "line 4, region"),
    ],
)
def test_a_malformed_file_names_line_and_field(old: str, new: str, where: str) -> None:
    text = DKI_2017.replace(old, new, 1)
    assert text != DKI_2017
    with pytest.raises(ElectionFileError) as err:
        parse_election(text, "dki.yaml")
    assert f"dki.yaml, {where}" in str(err.value)


def test_duplicate_numbers_and_unknown_fields_are_refused() -> None:
    with pytest.raises(ElectionFileError, match="number 1"):
        parse_election(DKI_2017.replace("number: 3", "number: 1"), "x.yaml")
    with pytest.raises(ElectionFileError, match="line 2, nama"):
        parse_election(DKI_2017.replace("name: Pemilihan", "nama: Pemilihan"), "x.yaml")


def test_broken_yaml_gives_the_line() -> None:
    with pytest.raises(ElectionFileError, match=r"x.yaml, line \d+: not valid YAML"):
        parse_election("code: pilkada-x\nname: [unclosed\n", "x.yaml")


@pytest.mark.django_db
def test_the_command_loads_and_reloads(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "dki.yaml"
    path.write_text(DKI_2017, encoding="utf-8")
    call_command("elections", "load", str(path))
    election = Election.objects.get(code="pilkada-dki-2017")
    assert election.contestants.count() == 3
    path.write_text(DKI_2017.split("  - number: 3")[0], encoding="utf-8")
    call_command("elections", "load", str(path))
    assert election.contestants.count() == 2


@pytest.mark.django_db
def test_a_bad_file_changes_nothing(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "dki.yaml"
    path.write_text(DKI_2017, encoding="utf-8")
    call_command("elections", "load", str(path))
    path.write_text(DKI_2017.replace("name: Anies", "nama: Anies"), encoding="utf-8")
    with pytest.raises(CommandError, match="contestants"):
        call_command("elections", "load", str(path))
    election = Election.objects.get(code="pilkada-dki-2017")
    assert election.contestants.count() == 3
    # A region that does not exist is caught before anything is written.
    path.write_text(
        DKI_2017.replace('region: "31"', 'region: "99"').replace("Jakarta 2017", "X"), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="region '99'"):
        call_command("elections", "load", str(path))
    assert Election.objects.get(code="pilkada-dki-2017").name.endswith("Jakarta 2017")
