"""The neutrality-risk index: the pure formula, its inputs from the data, and the IKP import."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from jaganetral.cases.models import CaseReportedPerson
from jaganetral.core.models import AuditEvent
from jaganetral.insights import figures, risk
from jaganetral.insights.models import RegionFigure
from tests.conftest import Personas
from tests.insights.conftest import World

URL = "/petugas/statistik/risiko/"


def test_nothing_known_gives_no_index() -> None:
    assert risk.index(risk.Inputs()).index is None


def test_every_input_at_its_cap_gives_100_and_none_gives_0() -> None:
    full = risk.Inputs(
        asn=10_000, proven=5, studied=5, repeat=1, recommended=2, not_acted=2, screened=20, flagged=1
    )
    assert risk.index(full).index == 100.0
    calm = risk.Inputs(
        asn=10_000, proven=0, studied=5, repeat=0, recommended=2, not_acted=0, screened=20, flagged=0
    )
    assert risk.index(calm).index == 0.0


def test_unknown_inputs_are_left_out_and_weights_rescaled() -> None:
    # only PPK inaction known: half the recommended people not acted on → 50
    result = risk.index(risk.Inputs(recommended=4, not_acted=2))
    assert result.index == 50.0
    assert result.scores["violations_per_10k"] is None and result.raw["ppk_inaction"] == 0.5
    # three inputs: share proven 1.0 (weight .15), no repeat offender among the proven (0, weight .15)
    # and no inaction (0, weight .25) → 100 × .15 / .55
    assert risk.index(risk.Inputs(proven=3, studied=3, recommended=1)).index == 27.3


def test_scores_are_capped() -> None:
    r = risk.index(risk.Inputs(asn=1000, proven=50, studied=50))
    assert r.raw["violations_per_10k"] == 500.0 and r.scores["violations_per_10k"] == 1.0


def test_figures_csv_is_checked_line_by_line() -> None:
    rows = figures.parse(
        b'kode,nama,asn,ikp,tahun,sumber\n33,Jawa Tengah,412000,"61,2",2024,Bawaslu\n3320,Jepara,,,,\n'
    )
    assert rows[0] == figures.Row("33", 412000, 61.2, 2024, "Bawaslu")
    assert rows[1].code == "33.20" and rows[1].asn is None
    for bad, words in [
        (b"nama\nx\n", "kolom kode"),
        (b"kode,ikp\n33,101\n", "0–100"),
        (b"kode,asn\njawa,1\n", "Baris 2"),
        (b"kode,asn\n33,banyak\n", "bukan angka"),
        (b"\xff\xfe", "UTF-8"),
        (b"kode\n" + b"33\n" * (figures.MAX_ROWS + 1), "Paling banyak"),
    ]:
        with pytest.raises(figures.FigureError, match=words):
            figures.parse(bad)


@pytest.mark.django_db
def test_index_per_region_from_the_data_and_scope(personas: Personas, world: World) -> None:
    CaseReportedPerson.objects.filter(case=world.jepara[0]).update(proven=True)
    RegionFigure.objects.create(region_id="33", asn_count=20_000, ikp_score=61.2, ikp_year=2024)
    r = personas.client(personas.admin).get(URL)
    assert r.status_code == 200
    rows = {x.code: x for x in r.context["rows"]}
    assert (
        rows["33"].inputs.proven == 1 and rows["33"].inputs.studied == 1 and rows["33"].inputs.asn == 20_000
    )
    assert rows["33"].ikp == 61.2
    assert rows["33"].result.index == risk.index(rows["33"].inputs).index
    assert "Bobot" in r.content.decode()  # the formula is on the page
    jatim = personas.client(personas.jatim).get(URL)
    assert {x.code for x in jatim.context["rows"]} <= {"35"}
    assert personas.client(personas.custodian).get(URL).status_code == 403


@pytest.mark.django_db
def test_import_page_for_national_admins_only(personas: Personas, world: World) -> None:
    csv_file = b"kode,asn,ikp,tahun\n33,400000,61.2,2024\n"
    r = personas.client(personas.jateng).post(URL, {"file": SimpleUploadedFile("ikp.csv", csv_file)})
    assert r.status_code == 403 and not RegionFigure.objects.exists()
    admin = personas.client(personas.admin)
    bad = admin.post(URL, {"file": SimpleUploadedFile("ikp.csv", b"kode,asn\n99.99,1\n")})
    assert bad.status_code == 400 and "tidak dikenal" in bad.content.decode()
    assert admin.post(URL, {}).status_code == 400
    big = admin.post(URL, {"file": SimpleUploadedFile("ikp.csv", b"kode\n" + b"3" * (figures.MAX_BYTES + 1))})
    assert big.status_code == 400 and "terlalu besar" in big.content.decode()
    assert admin.post(URL, {"file": SimpleUploadedFile("ikp.csv", csv_file)}).status_code == 302
    figure = RegionFigure.objects.get(region_id="33")
    assert (figure.asn_count, figure.ikp_score, figure.ikp_year) == (400000, 61.2, 2024)
    assert AuditEvent.objects.filter(action="insights.import_figures", actor=personas.admin).exists()


@pytest.mark.django_db
def test_import_command(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "ikp.csv"
    path.write_text("kode,ikp,tahun,sumber\n35,55.5,2024,Bawaslu IKP 2024\n", encoding="utf-8")
    call_command("insights", "import-figures", str(path))
    assert RegionFigure.objects.get(region_id="35").ikp_score == 55.5
    path.write_text("kode,ikp\n35,-1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="0–100"):
        call_command("insights", "import-figures", str(path))


@pytest.mark.django_db
def test_repeat_offenders_and_screened_posts_are_counted_per_region_and_scope(
    personas: Personas, world: World
) -> None:
    """A civil servant proven in two cases counts as a repeat offender in each case's region (one NIP
    proven once does not); screened posts count per region of their account's civil servant,
    unscreened ones and those outside the scope do not."""
    from django.utils import timezone

    from jaganetral.insights import riskdata
    from jaganetral.insights.filters import Filters
    from jaganetral.screening.models import AsnPerson, Post, SocialAccount

    twice = "198001012005011001"
    CaseReportedPerson.objects.filter(case__in=[world.jepara[0], world.semarang]).update(
        proven=True, nip=twice
    )
    CaseReportedPerson.objects.filter(case=world.surabaya[0]).update(proven=True, nip="197001012000011002")
    CaseReportedPerson.objects.filter(case=world.jepara[1]).update(proven=False, nip=twice)  # not proven here
    now = timezone.now()
    for n, (region, handle) in enumerate((("33.20", "guru_jepara"), ("35.78", "staf_surabaya"))):
        person = AsnPerson.objects.create(nip=f"19900101201501100{n}", name=handle, region_id=region)
        account = SocialAccount.objects.create(person=person, platform="x", handle=handle)
        for i in range(3 - n):
            Post.objects.create(
                platform="x", external_id=f"{handle}-{i}", handle=handle, account=account, screened_at=now
            )
        Post.objects.create(platform="x", external_id=f"{handle}-new", handle=handle, account=account)
    rows = {r.code: r.inputs for r in riskdata.region_risks(personas.admin, Filters())}
    assert (rows["33"].repeat, rows["35"].repeat) == (2, 0)
    assert (rows["33"].screened, rows["35"].screened) == (3, 2)
    inside = {r.code: r.inputs for r in riskdata.region_risks(personas.jateng, Filters())}
    assert set(inside) == {"33"} and (inside["33"].repeat, inside["33"].screened) == (2, 3)
    regency = {r.code: r.inputs for r in riskdata.region_risks(personas.admin, Filters(region="33"))}
    assert (regency["33.20"].repeat, regency["33.74"].repeat, regency["33.20"].screened) == (1, 1, 3)
