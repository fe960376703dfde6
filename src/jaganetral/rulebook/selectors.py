"""Reads of the rulebook. The catalogue is public, so no region scope applies; every read names the
version it reads (the current one unless a version is asked for)."""

from __future__ import annotations

import threading
import time

from django.db.models import Q, QuerySet

from jaganetral.reference.models import Contestant, ContestantKind
from jaganetral.rulebook.matcher import Analyzer, CheckResult, Matcher, RuleEntry
from jaganetral.rulebook.models import Rule, RuleVersion
from jaganetral.rulebook.rule_file import parse_signature

_lock = threading.Lock()
_matchers: dict[tuple[int, str], Matcher] = {}
_analyzer: Analyzer | None = None
_analyzer_key: tuple[str, ...] | None = None
_checked_at = 0.0
CONTESTANT_RECHECK_SECONDS = 30.0

# Contestant aliases too common as ordinary words to count as a candidate or party.
_ALIAS_STOP = frozenset({"amin", "perubahan", "maju", "indonesia", "ummat", "pa", "gama", "bowo", "samsul"})


def current_version() -> RuleVersion | None:
    return RuleVersion.objects.filter(is_current=True).first()


def version_by_name(name: str) -> RuleVersion | None:
    return RuleVersion.objects.filter(version=name[:30]).first()


def rules(version: RuleVersion, *, q: str = "", track: str = "") -> QuerySet[Rule]:
    qs = Rule.objects.filter(version=version)
    if track:
        qs = qs.filter(track=track)
    for word in q.split()[:10]:
        word = word[:60]
        qs = qs.filter(
            Q(code__icontains=word)
            | Q(title__icontains=word)
            | Q(title_en__icontains=word)
            | Q(explanation__icontains=word)
            | Q(explanation_en__icontains=word)
        )
    return qs.order_by("position")


def rule_by_code(version: RuleVersion, code: str) -> Rule | None:
    return Rule.objects.filter(version=version, code__iexact=code[:20]).first()


def rules_by_codes(version: RuleVersion, codes: list[str]) -> dict[str, Rule]:
    return {r.code: r for r in Rule.objects.filter(version=version, code__in=codes[:50])}


def _contestant_phrases() -> dict[str, list[str]]:
    """Candidate and party names from the loaded elections, so "like postingan Anies" is understood."""
    out: dict[str, list[str]] = {"candidate": [], "party": []}
    for kind, name, aliases in Contestant.objects.values_list("kind", "name", "aliases"):
        concept = "party" if kind == ContestantKind.PARTY else "candidate"
        words = [name, *aliases] if concept == "party" else [*aliases, *name.replace("-", " - ").split(" - ")]
        for phrase in words:
            phrase = str(phrase).strip().lower()
            if len(phrase) >= 3 and phrase not in _ALIAS_STOP:
                out[concept].append(phrase)
    return out


def analyzer() -> Analyzer:
    """One Analyzer per process, rebuilt when the loaded contestants change (checked at most every
    ``CONTESTANT_RECHECK_SECONDS``)."""
    global _analyzer, _analyzer_key, _checked_at
    now = time.monotonic()
    if _analyzer is not None and now - _checked_at < CONTESTANT_RECHECK_SECONDS:
        return _analyzer
    _checked_at = now
    extra = _contestant_phrases()
    key = (*tuple(sorted(extra["candidate"])), "|", *tuple(sorted(extra["party"])))
    with _lock:
        if _analyzer is None or key != _analyzer_key:
            _analyzer = Analyzer(extra)
            _analyzer_key = key
            _matchers.clear()
        return _analyzer


def matcher(version: RuleVersion) -> Matcher:
    an = analyzer()
    with _lock:
        found = _matchers.get((version.pk, version.sha256))
        if found is not None:
            return found
    entries = []
    for rule in Rule.objects.filter(version=version).order_by("position"):
        data = rule.data
        entries.append(
            RuleEntry(
                code=rule.code,
                track=rule.track,
                title=rule.title,
                elections=tuple(rule.elections),
                signatures=tuple(parse_signature(line) for line in data.get("match") or []),
                keywords=Matcher.keywords_for(an, [rule.title, *(data.get("examples") or [])]),
                prevails=bool(data.get("prevails")),
            )
        )
    built = Matcher(entries, an)
    with _lock:
        _matchers[(version.pk, version.sha256)] = built
    return built


def check(version: RuleVersion, text: str) -> CheckResult:
    return matcher(version).check(text)


def check_concepts(version: RuleVersion, concepts: set[str]) -> CheckResult:
    return matcher(version).check_concepts(concepts)
