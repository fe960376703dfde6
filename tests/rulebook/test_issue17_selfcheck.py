"""Issue 17: the self-check on questions asked as civil servants ask them (new phrasings, not the
scenario files'), and its sources shown as footnotes."""

from pathlib import Path

import pytest

from jaganetral.rulebook.matcher import Analyzer, Matcher, build_matcher
from jaganetral.rulebook.rule_file import parse_rulebook
from jaganetral.rulebook.templatetags.rulebook_notes import source_notes_for

RULEBOOK = Path(__file__).resolve().parents[2] / "src" / "jaganetral" / "rulebook" / "data" / "rulebook.yaml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return build_matcher(
        parse_rulebook(RULEBOOK.read_text(encoding="utf-8"), RULEBOOK.name).rules, Analyzer()
    )


@pytest.mark.parametrize(
    "text",
    [
        "saya perawat PNS, suami sy calon legislatif, boleh datang ke kampanye dia?",
        "istri saya nyalon walikota, saya mau ikut mendampingi kampanyenya",
        "My husband is a candidate for mayor; may I join his campaign as a teacher?",
    ],
)
def test_the_deciding_rule_comes_first_for_a_candidates_spouse(matcher: Matcher, text: str) -> None:
    result = matcher.check(text)
    assert result.verdict == "violation" and result.matches[0].code == "E7", result.matches[:3]


@pytest.mark.parametrize(
    "text",
    [
        "berfoto dengan calon gubernur di acara resmi pemerintah, tidak ada gaya jari",
        "foto bersama cabup waktu peresmian puskesmas, berdiri biasa",
    ],
)
def test_a_photo_at_an_official_event_without_a_gesture_needs_checking(matcher: Matcher, text: str) -> None:
    assert matcher.check(text).verdict == "unclear"


def test_a_photo_at_an_official_event_with_a_gesture_is_still_a_violation(matcher: Matcher) -> None:
    result = matcher.check("foto dengan cabup di acara dinas sambil pose dua jari")
    assert result.verdict == "violation" and {"E5", "D7"} & {m.code for m in result.matches[:3]}


@pytest.mark.parametrize(
    "text",
    [
        "saya ditugaskan hadir di pelantikan presiden dan wakil presiden",
        "boleh ga ASN datang ke upacara kenegaraan di istana?",
        "Is attending the presidential inauguration allowed for a civil servant?",
    ],
)
def test_a_state_ceremony_is_allowed(matcher: Matcher, text: str) -> None:
    result = matcher.check(text)
    assert result.verdict == "allowed" and result.matches[0].code == "A12", result.matches[:3]


@pytest.mark.parametrize(
    "text",
    ["kasih ucapan selamat ulang tahun ke partai nasdem di instagram", "ngucapin dirgahayu partai di fb"],
)
def test_a_greeting_to_a_party_is_not_giving_goods(matcher: Matcher, text: str) -> None:
    result = matcher.check(text)
    codes = [m.code for m in result.matches[:3]]
    assert result.verdict == "violation" and "D8" not in codes and {"E4", "D6"} & set(codes), codes


def test_giving_goods_is_still_giving_goods(matcher: Matcher) -> None:
    result = matcher.check("kasih sembako ke warga atas nama caleg")
    assert result.verdict == "violation" and "D8" in [m.code for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("I shared a candidate's campaign video on WhatsApp", "saya share video kampanye calon di whatsapp"),
        ("Can I be a member of a political party?", "boleh jadi anggota partai politik?"),
        ("I voted at the polling station", "saya nyoblos di tps"),
    ],
)
def test_english_questions_get_the_same_answer(matcher: Matcher, english: str, indonesian: str) -> None:
    en, id_ = matcher.check(english), matcher.check(indonesian)
    assert en.verdict == id_.verdict != "unclear"
    assert en.matches[0].code == id_.matches[0].code


def test_footnotes_cite_regulation_text_first_and_never_internal_notes() -> None:
    assert source_notes_for(["pasal.id/peraturan/uu/x", "kompas.com/y"]) == ["pasal.id/peraturan/uu/x"]
    assert source_notes_for(["kompas.com/y", "ntbsatu.com z"]) == ["kompas.com/y", "ntbsatu.com z"]
    assert source_notes_for(["ASN-NEUTRALITY.md §1.3"]) == []


def test_no_rule_cites_the_repealed_asn_law_as_its_basis() -> None:
    spec = parse_rulebook(RULEBOOK.read_text(encoding="utf-8"), RULEBOOK.name)
    for rule in spec.rules:
        for basis in rule.basis:
            assert "5/2014" not in basis.instrument, rule.code
