"""Exports hold exactly what is on screen (same filters, same scope), compared cell by cell; with a
header naming filters, scope and time; audited; without reporter or witness; formulas neutralised."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from typing import Any

import pytest
from openpyxl import load_workbook

from jaganetral.cases.models import CaseReportedPerson
from jaganetral.core.models import AuditEvent
from jaganetral.insights.exports import neutral
from tests.cases.conftest import REPORTER, to_study
from tests.conftest import Personas
from tests.insights.conftest import World

LIST = "/petugas/statistik/kasus/"


class _Table(HTMLParser):
    """The cells (text) of the table with the given id."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.rows = table_id, False, []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("id", self.table_id) in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _screen(html: str) -> list[list[str]]:
    parser = _Table("daftar-kasus")
    parser.feed(html)
    return parser.rows


def _csv_table(body: bytes) -> tuple[list[list[str]], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Nomor")
    return rows[:start], rows[start:]


@pytest.mark.django_db
def test_list_export_equals_the_screen_cell_by_cell(personas: Personas, world: World) -> None:
    client = personas.client(personas.jateng)
    params = {"region": "33", "stage": "received"}
    screen = _screen(client.get(LIST, params).content.decode())
    assert len(screen) == 5  # the header and four cases
    head, table = _csv_table(client.get("/petugas/statistik/ekspor.csv", {**params, "what": "list"}).content)
    assert table == screen
    book = load_workbook(
        io.BytesIO(client.get("/petugas/statistik/ekspor.xlsx", {**params, "what": "list"}).content)
    )
    sheet = book.worksheets[0]
    values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if r[0] == "Nomor")
    assert [r[: len(screen[0])] for r in values[start:]] == screen
    # the header states the filters, the scope and the time
    words = {r[0]: r[1] for r in head if len(r) > 1}
    assert words["Cakupan"].startswith("Pengawas (Bawaslu), wilayah Jawa Tengah")
    assert words["Wilayah"] == "Jawa Tengah (33)"
    assert words["Tahap"] == "Diterima"
    assert words["Dibuat"][:4].isdigit()


@pytest.mark.django_db
def test_dashboard_export_equals_the_dashboard(personas: Personas, world: World) -> None:
    client = personas.client(personas.admin)
    page = client.get("/petugas/statistik/", {"region": "33"})
    _head, rows = (
        None,
        list(
            csv.reader(
                io.StringIO(
                    client.get("/petugas/statistik/ekspor.csv", {"region": "33"}).content.decode("utf-8-sig")
                )
            )
        ),
    )
    funnel_at = rows.index(["Alur penanganan"])
    funnel = rows[funnel_at + 2 : funnel_at + 2 + len(page.context["funnel"])]
    assert funnel == [
        [str(s["stage"].label), str(s["stage"].cases), str(s["stage"].people)] for s in page.context["funnel"]
    ]
    region_at = rows.index(["Menurut wilayah"])
    items = page.context["groups"]["region"]["items"]
    assert rows[region_at + 2 : region_at + 2 + len(items)] == [
        [i["key"], i["label"], str(i["count"])] for i in items
    ]


@pytest.mark.django_db
def test_exports_are_scoped_audited_and_refused_to_the_wrong_person(personas: Personas, world: World) -> None:
    jatim = personas.client(personas.jatim)
    before = AuditEvent.objects.filter(action="insights.export").count()
    body = jatim.get("/petugas/statistik/ekspor.csv", {"what": "list"}).content.decode("utf-8-sig")
    _head, table = _csv_table(body.encode())
    assert {r[0] for r in table[1:]} == {c.reference for c in world.surabaya}
    event = AuditEvent.objects.filter(action="insights.export").latest("pk")
    assert AuditEvent.objects.filter(action="insights.export").count() == before + 1
    assert event.actor == personas.jatim
    assert event.data["rows"] == 2 and event.data["what"] == "list" and event.data["format"] == "csv"
    for user in (personas.custodian, personas.analyst):
        assert personas.client(user).get("/petugas/statistik/ekspor.csv").status_code == 403
    assert jatim.get("/petugas/statistik/ekspor.pdf").status_code == 404
    assert jatim.get("/petugas/statistik/ekspor.csv", {"what": "semua"}).status_code == 400
    bad = jatim.get("/petugas/statistik/ekspor.csv", {"region": "x" * 100})
    assert bad.status_code == 400 and "terlalu panjang" in bad.content.decode()
    assert (
        AuditEvent.objects.filter(action="insights.export").count() == before + 1
    )  # refusals export nothing


@pytest.mark.django_db
def test_no_reporter_or_witness_and_formulas_neutralised(personas: Personas, world: World) -> None:
    to_study(world.jepara[1], personas.admin)  # a clarification with a witness
    CaseReportedPerson.objects.filter(case=world.jepara[2]).update(
        position='=HYPERLINK("http://x")', agency=None, agency_name="@SUM(1)"
    )
    client = personas.client(personas.admin)
    for fmt in ("csv", "xlsx"):
        for what in ("list", "dashboard"):
            body = client.get(f"/petugas/statistik/ekspor.{fmt}", {"what": what}).content
            text = body.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(body)
            assert (
                REPORTER["name"] not in text and "Saksi Satu" not in text and REPORTER["address"] not in text
            )
            for cell in _cells(text if fmt == "csv" else None, body if fmt == "xlsx" else None):
                assert not cell.startswith(("=", "+", "-", "@")), (fmt, what, cell)
    dashboard = client.get("/petugas/statistik/ekspor.csv").content.decode("utf-8-sig")
    assert "'=hyperlink" in dashboard
    listed = client.get("/petugas/statistik/ekspor.csv", {"what": "list"}).content.decode("utf-8-sig")
    assert "'@SUM(1)" in listed


def _xlsx_text(body: bytes) -> str:
    return "\n".join(_cells(None, body))


def _cells(text: str | None, body: bytes | None) -> list[str]:
    if text is not None:
        return [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert body is not None
    book = load_workbook(io.BytesIO(body))
    return [
        str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v is not None
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+62", "'+62"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("Camat", "Camat"),
        (5, 5),
        (None, ""),
    ],
)
def test_neutral(value: Any, shown: Any) -> None:
    assert neutral(value) == shown


def test_the_day_received_is_the_local_day(personas: Personas, world: World) -> None:
    """A case received at 01:00 WIB on 2 March (18:00 UTC on 1 March) was received on 2 March, on the
    page and in the export alike."""
    import datetime as dt

    from jaganetral.cases.models import Case

    Case.objects.filter(pk=world.semarang.pk).update(created_at=dt.datetime(2024, 3, 1, 18, 0, tzinfo=dt.UTC))
    client = personas.client(personas.admin)
    page = client.get(LIST, {"region": "33.74"})
    assert "2024-03-02" in page.content.decode() and "2024-03-01" not in page.content.decode()
    body = client.get("/petugas/statistik/ekspor.csv", {"what": "list", "region": "33.74"}).content
    _head, rows = _csv_table(body)
    assert [r[1] for r in rows[1:]] == ["2024-03-02"]
