"""Accuracy of the self-check on a scenario file. Pure Python (no Django).

Scenario file (YAML list): ``{text, verdict: violation|allowed|unclear, expect: [codes], first: code}``.
A violation scenario is a top-3 hit when one of ``expect`` is among the first three matches; an
"unclear" one ("Perlu dicek") is right when the verdict is unclear; ``first`` (optional) is the
deciding rule, which must come first.

``python -m jaganetral.rulebook.evaluation`` prints two figure sets: the tuning set
(``tests/rulebook/scenarios.yaml``) and the held-out set (``tests/rulebook/scenarios_heldout.yaml``,
written before tuning and never tuned on), held-out first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jaganetral.rulebook.matcher import Matcher


@dataclass
class Report:
    violations: int = 0
    top3_hits: int = 0
    violation_verdicts: int = 0
    allowed: int = 0
    allowed_verdicts: int = 0
    unclear: int = 0
    unclear_verdicts: int = 0
    first: int = 0
    first_hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top3_accuracy(self) -> float:
        return self.top3_hits / self.violations if self.violations else 0.0

    @property
    def violation_verdict_accuracy(self) -> float:
        return self.violation_verdicts / self.violations if self.violations else 0.0

    @property
    def allowed_accuracy(self) -> float:
        return self.allowed_verdicts / self.allowed if self.allowed else 0.0

    @property
    def verdict_accuracy(self) -> float:
        total = self.violations + self.allowed + self.unclear
        right = self.violation_verdicts + self.allowed_verdicts + self.unclear_verdicts
        return right / total if total else 0.0

    def summary(self) -> str:
        return (
            f"scenarios: {self.violations} violations, {self.allowed} allowed\n"
            f"top-3 accuracy (violations): {self.top3_accuracy:.1%} ({self.top3_hits}/{self.violations})\n"
            f"verdict 'violation' on violations: {self.violation_verdict_accuracy:.1%}\n"
            f"verdict 'allowed' on allowed acts: {self.allowed_accuracy:.1%} "
            f"({self.allowed_verdicts}/{self.allowed})\n"
            f"verdict 'unclear' (Perlu dicek) where it should be: {self.unclear_verdicts}/{self.unclear}\n"
            f"deciding rule first: {self.first_hits}/{self.first}\n"
            f"verdict accuracy (all): {self.verdict_accuracy:.1%}"
        )


def load_scenarios(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)  # noqa: S101 - test data
    return data


def evaluate(matcher: Matcher, scenarios: list[dict[str, object]]) -> Report:
    report = Report()
    for sc in scenarios:
        text = str(sc["text"])
        expect = {str(c) for c in sc.get("expect") or []}  # type: ignore[attr-defined]
        result = matcher.check(text)
        top3 = [m.code for m in result.matches[:3]]
        first = str(sc.get("first") or "")
        if first:
            report.first += 1
            report.first_hits += top3[:1] == [first]
            if top3[:1] != [first]:
                report.misses.append(f"[first] {text!r} expected {first} first, got {top3}")
        if sc["verdict"] == "unclear":
            report.unclear += 1
            report.unclear_verdicts += result.verdict == "unclear"
            if result.verdict != "unclear":
                report.misses.append(f"[{result.verdict}] {text!r} expected unclear; got {top3}")
        elif sc["verdict"] == "violation":
            report.violations += 1
            hit = bool(expect & set(top3))
            report.top3_hits += hit
            report.violation_verdicts += result.verdict == "violation"
            if not hit or result.verdict != "violation":
                report.misses.append(f"[{result.verdict}] {text!r} expected {sorted(expect)} got {top3}")
        else:
            report.allowed += 1
            ok = result.verdict == "allowed"
            report.allowed_verdicts += ok
            if not ok:
                report.misses.append(f"[{result.verdict}] {text!r} expected allowed; got {top3}")
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m jaganetral.rulebook.evaluation [SCENARIOS.yaml] [RULEBOOK.yaml]``: print accuracy."""
    import sys

    from jaganetral.rulebook.matcher import Analyzer, build_matcher
    from jaganetral.rulebook.rule_file import parse_rulebook

    args = sys.argv[1:] if argv is None else argv
    here = Path(__file__).resolve().parent
    tests = here.parents[2] / "tests" / "rulebook"
    sets = (
        [("", Path(args[0]))]
        if args
        else [
            ("HELD-OUT (never tuned on)", tests / "scenarios_heldout.yaml"),
            ("TUNING", tests / "scenarios.yaml"),
        ]
    )
    rulebook = Path(args[1]) if len(args) > 1 else here / "data" / "rulebook.yaml"
    spec = parse_rulebook(rulebook.read_text(encoding="utf-8"), rulebook.name)
    matcher = build_matcher(spec.rules, Analyzer())
    for title, path in sets:
        if not path.exists():
            continue
        report = evaluate(matcher, load_scenarios(path))
        if title:
            print(f"== {title}: {path.name} ==")
        print(report.summary())
        if not title.startswith("HELD-OUT"):  # the held-out errors are not looked at while tuning
            for miss in report.misses:
                print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
