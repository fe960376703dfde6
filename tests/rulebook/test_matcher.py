"""The self-check matcher on its own (no database)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from jaganetral.rulebook.evaluation import evaluate, load_scenarios
from jaganetral.rulebook.matcher import Analyzer, Matcher, build_matcher
from jaganetral.rulebook.query import QueryError, clean_query
from jaganetral.rulebook.rule_file import SHIPPED_FILE, parse_rulebook

SCENARIOS = Path(__file__).resolve().parent / "scenarios.yaml"


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    spec = parse_rulebook(SHIPPED_FILE.read_text(encoding="utf-8"))
    return build_matcher(spec.rules, Analyzer())


def concepts(text: str) -> frozenset[str]:
    return matcher().analyzer.analyze(text).concepts


def test_slang_and_affixes_reach_the_base_word() -> None:
    assert {"like", "candidate", "number"} <= concepts("sy ngelike postingan capres 02")
    assert "like" in concepts("td dilikein")
    assert "share" in concepts("ngeshare ke grup")
    assert "share" in concepts("nge-share")
    assert "vote" in concepts("nyoblos")
    assert "install" in concepts("masang") and "banner" in concepts("balihonya")
    assert "like" in concepts("likeeeee")
    assert {"facility"} <= concepts("pake mobdin")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("kampnye", "campaign"),  # typo
        ("instagarm", "socmed"),
        ("spanduuk", "banner"),
    ],
)
def test_typos_are_corrected(text: str, concept: str) -> None:
    assert concept in concepts(text)


def test_synonyms_meet_in_one_concept() -> None:
    for word in ("like", "suka", "love", "jempol"):
        assert "like" in concepts(f"kasih {word} ke postingan"), word
    for word in ("share", "bagikan", "repost", "retweet"):
        assert "share" in concepts(word), word
    for word in ("foto", "selfie", "swafoto"):
        assert "photo" in concepts(word), word
    for word in ("caleg", "capres", "paslon", "cabup"):
        assert "candidate" in concepts(word), word


def test_ballot_numbers_and_finger_gestures() -> None:
    assert "number" in concepts("pilih no 2")
    assert "number" in concepts("paslon 03")
    assert "gesture" in concepts("salam tiga jari")
    assert "gesture" in concepts("pose 2 jari")
    assert "gesture" in concepts("foto ✌")
    assert "gesture" not in concepts("foto kepal tangan ✊")
    assert "gesture_ok" in concepts("foto tangan mengepal")


def test_negation_switches_off_what_follows_it() -> None:
    analysis = matcher().analyzer.analyze("saya tidak ikut kampanye")
    assert "campaign" in analysis.negated and "campaign" not in analysis.concepts
    # "boleh gak" is a question, not a negation; "gak sengaja" is an accident, still done.
    assert "like" in concepts("boleh gak like postingan capres")
    assert "like" in concepts("gak sengaja ngelike postingan capres")
    # The negation stops at the end of the clause.
    analysis = matcher().analyzer.analyze("tidak pakai atribut, tapi datang ke kampanye")
    assert "campaign" in analysis.concepts and "party_attr" in analysis.negated


@pytest.mark.parametrize(
    ("text", "verdict", "code"),
    [
        ("sy ngelike postingan capres 02 boleh gak?", "violation", "E4"),
        ("foto bareng cagub pose dua jari trus upload ig", "violation", "E5"),
        ("jadi anggota partai", "violation", "D5"),
        ("saya tidak ikut kampanye, hanya nonton debat di tv", "allowed", "A4"),
        ("foto rame2 kantor pose kepal tangan", "allowed", "A3"),
        ("nyoblos di tps", "allowed", "A1"),
    ],
)
def test_verdicts(text: str, verdict: str, code: str) -> None:
    result = matcher().check(text)
    assert result.verdict == verdict
    assert code in [m.code for m in result.matches[:3]]
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


@pytest.mark.parametrize(
    "text", ["boleh gak makan siang di kantin?", "cuaca hari ini cerah", "asdfgh qwerty"]
)
def test_unrelated_questions_are_unclear(text: str) -> None:
    assert matcher().check(text).verdict == "unclear"


def test_the_scenario_set_meets_the_targets() -> None:
    scenarios = load_scenarios(SCENARIOS)
    report = evaluate(matcher(), scenarios)
    violations = sum(1 for s in scenarios if s["verdict"] == "violation")
    assert len(scenarios) >= 80 and violations >= 60
    covered = {c for s in scenarios for c in s.get("expect") or []}  # type: ignore[attr-defined]
    assert {f"E{i}" for i in range(1, 8)} | {
        "D3",
        "D5",
        "D9",
        "D11",
        "N2",
        "N3",
        "N4",
        "P-UU10-70",
    } <= covered
    assert report.top3_accuracy >= 0.9, report.summary() + "\n" + "\n".join(report.misses)
    assert report.allowed_accuracy >= 0.85, report.summary() + "\n" + "\n".join(report.misses)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "kosong"),
        ("   \n ", "kosong"),
        ("x" * 2001, "terlalu panjang"),
        ("abc\x00def", "biner"),
        ("abc\ufffd", "biner"),
        ("abc\x07", "kendali"),
        ("12345 !!!", "tidak berisi kata"),
        (None, "teks"),
        (b"bytes", "teks"),
    ],
)
def test_bad_questions_are_refused(value: object, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        clean_query(value)


def test_a_long_but_allowed_question_is_fine_and_fast_enough_to_not_time_out() -> None:
    text = ("saya like postingan capres dan share ke grup wa " * 60)[:2000]
    assert matcher().check(clean_query(text)).verdict == "violation"
