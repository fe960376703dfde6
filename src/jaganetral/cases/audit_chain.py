"""Re-compute every case's timeline hash chain (``jaganetral audit verify``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jaganetral.cases.models import Case, CaseEvent
from jaganetral.lib import hashchain


@dataclass
class ChainReport:
    cases: int = 0
    events: int = 0
    broken: dict[int, list[int]] = field(default_factory=dict)  # case pk -> broken event seqs

    @property
    def ok(self) -> bool:
        return not self.broken


def verify_all() -> ChainReport:
    report = ChainReport()
    for case_pk in Case.objects.order_by("pk").values_list("pk", flat=True).iterator():
        events = list(CaseEvent.objects.filter(case_id=case_pk).order_by("seq"))
        report.cases += 1
        report.events += len(events)
        rows = [(e.prev_hash, e.hash, e.payload()) for e in events]
        bad = hashchain.verify(rows)
        gaps = [e.seq for i, e in enumerate(events) if e.seq != i + 1]
        broken = sorted({events[i].seq for i in bad} | set(gaps))
        if broken:
            report.broken[case_pk] = broken
    return report
