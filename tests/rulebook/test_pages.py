from __future__ import annotations

import pytest
from django.test import Client

from jaganetral.core.models import AuditEvent
from jaganetral.rulebook.actions import load_rulebook_text
from jaganetral.rulebook.rule_file import SHIPPED_FILE
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
QUESTION = "sy ngelike postingan capres 02 boleh gak?"


def test_the_self_check_page_is_public_and_indonesian(client: Client) -> None:
    res = client.get("/cek/")
    assert res.status_code == 200
    html = res.content.decode()
    assert "Cek Netralitas" in html and "tidak disimpan" in html
    assert 'name="q"' in html and 'name="act"' in html  # free text and the guided questionnaire
    assert "<script>" not in html  # CSP: no inline scripts


def test_a_slang_question_gets_the_rule_basis_and_sanction(client: Client) -> None:
    res = client.post("/cek/", {"q": QUESTION})
    assert res.status_code == 200
    html = res.content.decode()
    assert 'data-verdict="violation"' in html and "Melanggar" in html
    assert "E4" in html and "Lampiran II" in html and "Sanksi moral" in html
    assert "Hukuman disiplin berat" in html  # D6, the discipline twin
    assert "no-store" in res["Cache-Control"]


def test_an_allowed_act_says_boleh_and_a_vague_one_perlu_dicek(client: Client) -> None:
    html = client.post("/cek/", {"q": "foto bareng teman kantor pose tangan mengepal"}).content.decode()
    assert 'data-verdict="allowed"' in html and "A3" in html
    html = client.post("/cek/", {"q": "boleh gak makan siang di kantin"}).content.decode()
    assert 'data-verdict="unclear"' in html and "Perlu dicek" in html


def test_htmx_gets_only_the_result(client: Client) -> None:
    res = client.post("/cek/", {"q": QUESTION}, HTTP_HX_REQUEST="true")
    html = res.content.decode()
    assert res.status_code == 200 and "<html" not in html and 'data-verdict="violation"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q": ""}, "Pertanyaan kosong"),
        ({"q": "x" * 2001}, "terlalu panjang"),
        ({"q": "12345"}, "tidak berisi kata"),
        ({"q": "abc\x00"}, "arakter"),
        ({}, "Pertanyaan kosong"),
    ],
)
def test_bad_questions_get_a_400_with_an_indonesian_message(
    client: Client, data: dict[str, str], message: str
) -> None:
    res = client.post("/cek/", data)
    assert res.status_code == 400
    assert message in res.content.decode()


def test_nothing_typed_is_stored(client: Client) -> None:
    before = AuditEvent.objects.count()
    client.post("/cek/", {"q": "rahasia-unik-98765 like capres"})
    assert AuditEvent.objects.count() == before
    assert not any("rahasia" in str(v) for v in client.session.values())


def test_the_guided_questionnaire(client: Client) -> None:
    res = client.post("/cek/", {"act": "photo_sign", "target": "candidate", "medium": "socmed"})
    html = res.content.decode()
    assert res.status_code == 200 and 'data-verdict="violation"' in html and "E5" in html
    res = client.post("/cek/", {"act": "vote", "target": "none"})
    assert 'data-verdict="allowed"' in res.content.decode()
    res = client.post(
        "/cek/", {"act": "decision", "target": "candidate", "post": "village", "election": "pilkada"}
    )
    html = res.content.decode()
    assert 'data-verdict="violation"' in html and "P-UU10-71" in html


@pytest.mark.parametrize(
    "data",
    [{"act": "terbang", "target": "candidate"}, {"act": "like"}, {"act": "like", "target": "x" * 5000}],
)
def test_a_bad_questionnaire_is_a_400(client: Client, data: dict[str, str]) -> None:
    res = client.post("/cek/", data)
    assert res.status_code == 400
    assert "Pilih salah satu jawaban" in res.content.decode() or "tidak dikenal" in res.content.decode()


def test_posting_without_csrf_token_is_refused() -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/cek/", {"q": QUESTION}).status_code == 403


def test_staff_see_the_same_public_page(personas: Personas) -> None:
    res = personas.client(personas.jepara).post("/cek/", {"q": QUESTION})
    assert res.status_code == 200 and 'data-verdict="violation"' in res.content.decode()


def test_the_catalogue_lists_searches_and_filters(client: Client) -> None:
    html = client.get("/aturan/").content.decode()
    for code in ("E1", "D12", "N7", "P-UU7-494", "A3"):
        assert f"/aturan/{code}/" in html
    html = client.get("/aturan/", {"q": "baliho"}).content.decode()
    assert "/aturan/E1/" in html and "/aturan/D5/" not in html
    html = client.get("/aturan/", {"track": "pidana"}).content.decode()
    assert "/aturan/P-UU10-70/" in html and "/aturan/E1/" not in html
    html = client.get("/aturan/", {"q": "x" * 5000, "track": "<script>"}).content.decode()
    assert "Tidak ada aturan" in html and "<script>" not in html.split("<main")[1]


def test_each_rule_has_a_stable_page(client: Client) -> None:
    res = client.get("/aturan/D5/")
    html = res.content.decode()
    assert res.status_code == 200
    # the current law: UU 20/2023 Ps 52 ayat (3) huruf j jo. ayat (4), not the repealed UU 5/2014
    assert "Pemberhentian tidak dengan hormat" in html and "UU 20/2023" in html and "UU 5/2014" not in html
    assert "/aturan/versi/2026.2/D5/" in html
    html = client.get("/aturan/D8/").content.decode()
    # where the sources disagree, the note is a footnote under the legal basis, not beside it
    basis = html.split("Dasar hukum")[1].split("</dd>")[0]
    assert "Catatan sumber:" in basis and "Sumber berbeda pendapat" not in html
    # D5 has the regulation's text (pasal.id): no news site is cited for it
    d5 = client.get("/aturan/D5/").content.decode()
    assert "pasal.id" in d5 and "kompas.com" not in d5
    # internal notes are never shown
    assert "ASN-NEUTRALITY.md" not in client.get("/aturan/A5/").content.decode()


def test_an_old_version_page_still_shows_its_text(client: Client) -> None:
    text = SHIPPED_FILE.read_text(encoding="utf-8").replace('version: "2026.2"', 'version: "2025.1"', 1)
    load_rulebook_text(text, actor=None)
    res = client.get("/aturan/versi/2026.2/D5/")
    assert res.status_code == 200 and "bukan versi yang berlaku" in res.content.decode()
    assert "bukan versi yang berlaku" not in client.get("/aturan/D5/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/aturan/X99/", "/aturan/versi/1999.1/E4/", "/aturan/versi/2026.2/X99/", "/aturan/" + "E" * 300 + "/"],
)
def test_unknown_rules_are_404(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_english_shows_the_english_text(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/aturan/E4/").content.decode()
    assert "Posting, commenting on, sharing, liking" in html
