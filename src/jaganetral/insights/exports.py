"""CSV and XLSX exports of exactly what a staff page shows: the same filters, the same scope, the
same rows and cells (the page and the export read the same functions). Each file starts with a
header naming the filters, the scope and the time; every export is audited; no reporter identity
or witness is ever in one (the rows hold none); a text cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is neutralised with
a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jaganetral.accounts.models import User
from jaganetral.insights import actions, drilldown
from jaganetral.insights.filters import FilterError, Filters, parse
from jaganetral.insights.views import dashboard_context, scope_words, staff_user
from jaganetral.lib import xlsx

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Section = tuple[str, list[list[Any]]]  # a title and its rows (the first row: column names)


def neutral(value: Any) -> Any:
    """A cell a spreadsheet shows as typed: numbers stay numbers, formula-like text gets a ``'``."""
    if type(value) is str:  # most cells: the fast path first
        return "'" + value if value and value[0] in _FORMULA else value
    if isinstance(value, str):
        return "'" + value if value and value[0] in _FORMULA else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text and text[0] in _FORMULA else text


_FORMULA = frozenset(FORMULA_START)


def header(user: User, words: list[tuple[str, str]], scope: str, note: str = "") -> list[list[Any]]:
    rows: list[list[Any]] = [
        [_("JagaNetral: statistik penanganan netralitas ASN")],
        [_("Dibuat"), timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")],
        [_("Oleh"), user.username],
        [_("Cakupan"), scope],
        *[[label, value] for label, value in words],
    ]
    if note:
        rows.append([_("Catatan"), note])
    return rows


def list_sections(user: User, f: Filters, facet: drilldown.Facet) -> tuple[list[Section], int, str]:
    rows, total = drilldown.cells(user, f, facet, limit=drilldown.MAX_EXPORT)
    names = [str(label) for _k, label in drilldown.COLUMNS]
    table: list[Any] = [names]
    table += [row[1:] for row in rows]  # the cells without the case's internal key
    note = ""
    if total > len(rows):
        note = _("hanya %(n)d baris pertama dari %(total)d") % {"n": len(rows), "total": total}
    return [(_("Daftar kasus"), table)], len(rows), note


def dashboard_sections(user: User, f: Filters) -> tuple[list[Section], int]:
    ctx = dashboard_context(user, f)
    sections: list[Section] = [
        (
            _("Alur penanganan"),
            [[_("Tahap"), _("Kasus"), _("Terlapor")]]
            + [[s["stage"].label, s["stage"].cases, s["stage"].people] for s in ctx["funnel"]],
        )
    ]
    for name, result in ctx["groups"].items():
        title = _("Menurut %(group)s") % {"group": GROUP_TITLES().get(name, name)}
        table: list[list[Any]] = [[_("Kode"), _("Nama"), _("Jumlah %(unit)s") % {"unit": result["unit"]}]]
        table += [[i["key"], i["label"], i["count"]] for i in result["items"]]
        table.append([_("Jumlah"), "", result["total"]])
        sections.append((title, table))
    sections.append(
        (
            _("Batas waktu hukum"),
            [
                [
                    _("Batas waktu"),
                    _("Tepat waktu"),
                    _("Terlewati"),
                    _("Masih berjalan"),
                    _("% tepat waktu"),
                    _("Median hari"),
                ]
            ]
            + [[c.label, c.met, c.missed, c.running, c.share_met, c.median_days] for c in ctx["clocks"]],
        )
    )
    sections.append(
        (
            _("Tindak lanjut PPK per instansi"),
            [[_("Instansi"), _("Direkomendasikan"), _("Disanksi"), _("Menunggu"), _("% ditindaklanjuti")]]
            + [
                [r["row"].name, r["row"].recommended, r["row"].sanctioned, r["row"].waiting, r["row"].rate]
                for r in ctx["follow_ups"]
            ],
        )
    )
    return sections, sum(len(t) - 1 for _title, t in sections)


def GROUP_TITLES() -> dict[str, str]:
    return {
        "status": _("status kasus"),
        "rule": _("dugaan aturan"),
        "region": _("wilayah"),
        "source": _("sumber"),
        "month": _("bulan diterima"),
        "election": _("pemilihan"),
        "person_state": _("status terlapor"),
        "agency": _("instansi terlapor"),
        "position": _("jabatan terlapor"),
    }


def to_csv(head: list[list[Any]], sections: Iterable[Section]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in head:
        writer.writerow([neutral(v) for v in row])
    for title, table in sections:
        writer.writerow([])
        writer.writerow([neutral(title)])
        for row in table:
            writer.writerow([neutral(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes spreadsheets read UTF-8


def to_xlsx(head: list[list[Any]], sections: Iterable[Section]) -> bytes:
    """One sheet per section, each starting with the header (see :mod:`jaganetral.lib.xlsx`)."""

    def sheet(table: list[list[Any]]) -> Iterable[list[Any]]:
        for row in head:
            yield [neutral(v) for v in row]
        yield []
        for row in table:
            yield [neutral(v) for v in row]

    return xlsx.write((f"{n} {title}", sheet(table)) for n, (title, table) in enumerate(sections, start=1))


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    user = staff_user(request)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format ekspor tidak dikenal."))
    what = request.GET.get("what", "dashboard")
    if what not in ("dashboard", "list"):
        return HttpResponse(
            _("Ekspor tidak dikenal: pilih dashboard atau list."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        f = parse(request.GET)
        facet = drilldown.parse_facet(request.GET) if what == "list" else drilldown.Facet()
    except FilterError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    words = f.describe() + facet.describe()
    if what == "list":
        sections, count, note = list_sections(user, f, facet)
    else:
        sections, count = dashboard_sections(user, f)
        note = ""
    head = header(user, words, scope_words(user), note)
    body = to_csv(head, sections) if fmt == "csv" else to_xlsx(head, sections)
    params = {**f.as_params(), **facet.as_params()}
    actions.record_export(actor=user, fmt=fmt, what=what, params=actions.summary(params), rows=count)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="jaganetral-{what}-{stamp}.{fmt}"'
    return response
