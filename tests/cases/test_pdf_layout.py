"""What the printed documents say, read from the HTML each PDF is made from (issue 5 review of the
rendered demo documents): a region is not printed twice, the reporting-deadline row says its date
once, the referral letter has a place/date line and a signatory, and the page numbers use the
body's font."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from jaganetral.cases import actions, documents, letters, selectors
from jaganetral.reference.actions import DEMO_OFFICES, set_offices_from_file
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import make_case, to_forwarded
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDF functions return the HTML they would print; the HTML is also kept here."""
    seen: list[str] = []

    def fake(template: str, context: dict[str, Any]) -> bytes:
        text = documents._html(template, context)
        seen.append(text)
        return text.encode()

    monkeypatch.setattr(documents, "_pdf", fake)
    monkeypatch.setattr(letters, "_pdf", fake)
    return seen


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html))


def _row(text: str, label: str, next_label: str) -> str:
    return text.split(label, 1)[1].split(next_label, 1)[0]


def test_b2_prints_the_region_once_when_the_place_names_it(personas: Personas, html: list[str]) -> None:
    data = actions.FindingInput(
        election=Election.objects.get(code="pilkada-2024"),
        region=Region.objects.get(pk="33.20"),
        summary="Foto bersama calon.",
        persons=[actions.PersonInput("Eko Lestari", "", None, "", "Sekretaris Desa")],
        place="Kabupaten Jepara",
    )
    case = actions.record_finding(actor=personas.jepara, data=data)
    documents.form_pdf(selectors.case_detail(personas.jepara, case.pk), personas.jepara)
    place = _row(_text(html[-1]), "Tempat kejadian", "Hari/tanggal")
    assert place.strip() == "Kabupaten Jepara"
    case.place = "Balai desa Tahunan"
    case.save(update_fields=["place"])
    documents.form_pdf(selectors.case_detail(personas.jepara, case.pk), personas.jepara)
    assert (
        _row(_text(html[-1]), "Tempat kejadian", "Hari/tanggal").strip()
        == "Balai desa Tahunan, Kabupaten Jepara"
    )


def test_b1_deadline_row_says_its_date_once(personas: Personas, html: list[str]) -> None:
    case = make_case(personas.jepara)
    documents.form_pdf(selectors.case_detail(personas.jepara, case.pk), personas.jepara)
    text = _text(html[-1])
    row = _row(text, "Batas waktu pelaporan", "4. ")
    due = f"{case.report.deadline:%d-%m-%Y}"
    assert row.count(due) == 1, row
    assert row.count("Batas waktu") == 0 and "hari kerja sejak tanggal diketahui" in row
    assert "tepat waktu" in row
    place = _row(text, "Tempat kejadian", "Hari/tanggal")
    assert place.strip() == "Balai desa Tahunan, Kabupaten Jepara"


def test_referral_letter_has_place_date_and_the_signatory(personas: Personas, html: list[str]) -> None:
    """The city of the office (Jepara), not the region's name, and the office's signatory (issue 12)."""
    set_offices_from_file(DEMO_OFFICES)
    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    letters.referral_pdf(personas.jepara, selectors.case_detail(personas.jepara, case.pk))
    text = _text(html[-1])
    sent = timezone.localtime(case.forwarded_at)
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]  # fmt: skip
    assert f"Jepara, {sent.day} {months[sent.month - 1]} {sent.year}" in text
    assert "Kabupaten Jepara, " not in text
    signer = letters.office_of(case).signer
    assert signer["title"] == "Ketua Bawaslu Kabupaten Jepara"
    assert f'<div class="name">{signer["name"]}</div>' in html[-1]
    assert "Balai desa Tahunan, Kabupaten Jepara" in text  # the region once here too


def test_page_numbers_use_the_body_font() -> None:
    css = render_to_string("cases/pdf/_style.html")
    margin_box = re.search(r"@bottom-center\s*\{([^}]*)\}", css)
    body = re.search(r"\bbody\s*\{([^}]*)\}", css)
    assert margin_box and body
    font = re.compile(r"font-family:\s*([^;]+);")
    box_font, body_font = font.search(margin_box.group(1)), font.search(body.group(1))
    assert box_font and body_font and box_font.group(1) == body_font.group(1)
