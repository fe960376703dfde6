"""Re-compute every hash chain of the case register (``jaganetral audit verify``).

Three layers:

- each case's own timeline chain (an edited, removed or reordered event) and its head on the
  case row (the last events removed);
- the global anchor ledger (:class:`~jaganetral.cases.models.CaseAnchor`): its own chain and head,
  every anchored case still present with the first event it was opened with, and no case without
  an anchor (a case deleted whole, with all its events, is found here: "kasus hilang");
- attachments: each row agrees with the name and SHA-256 in the event that recorded it, and, with
  ``files=True``, the stored file still has that SHA-256.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jaganetral.cases import attachments as store
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import AnchorHead, Case, CaseAnchor, CaseAttachment, CaseEvent
from jaganetral.lib import files as files_lib
from jaganetral.lib import hashchain


@dataclass
class ChainReport:
    cases: int = 0
    events: int = 0
    anchors: int = 0
    broken: dict[int, list[int]] = field(default_factory=dict)  # case pk -> broken event seqs
    missing: dict[int, CaseAnchor] = field(default_factory=dict)  # anchored case pk -> its anchor
    first_changed: list[int] = field(
        default_factory=list
    )  # case pks whose first event is not the anchored one
    unanchored: list[int] = field(default_factory=list)  # case pks without an anchor
    # case pk -> the seq its timeline should end at (its last events removed, or the head changed)
    cut_short: dict[int, int] = field(default_factory=dict)
    anchor_broken: list[int] = field(default_factory=list)  # anchor seqs that do not chain
    head_mismatch: bool = False
    attachments_bad: list[CaseAttachment] = field(default_factory=list)
    files_bad: list[CaseAttachment] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.broken
            or self.cut_short
            or self.missing
            or self.first_changed
            or self.unanchored
            or self.anchor_broken
            or self.head_mismatch
            or self.attachments_bad
            or self.files_bad
        )


def verify_all(*, files: bool = False) -> ChainReport:
    report = ChainReport()
    first_hash: dict[int, str] = {}
    heads = Case.objects.order_by("pk").values_list("pk", "head_seq", "head_hash")
    for case_pk, head_seq, head_hash in heads.iterator():
        events = list(CaseEvent.objects.filter(case_id=case_pk).order_by("seq"))
        report.cases += 1
        report.events += len(events)
        rows = [(e.prev_hash, e.hash, e.payload()) for e in events]
        bad = hashchain.verify(rows)
        gaps = [e.seq for i, e in enumerate(events) if e.seq != i + 1]
        broken = sorted({events[i].seq for i in bad} | set(gaps))
        if broken:
            report.broken[case_pk] = broken
        last = (events[-1].seq, events[-1].hash) if events else (0, "")
        if last != (head_seq, head_hash):
            report.cut_short[case_pk] = head_seq
        first_hash[case_pk] = events[0].hash if events and events[0].seq == 1 else ""
    _verify_anchors(report, first_hash)
    _verify_attachments(report, files=files)
    return report


def _verify_anchors(report: ChainReport, first_hash: dict[int, str]) -> None:
    anchors = list(CaseAnchor.objects.order_by("seq"))
    report.anchors = len(anchors)
    bad = hashchain.verify([(a.prev_hash, a.hash, a.payload()) for a in anchors])
    gaps = [a.seq for i, a in enumerate(anchors) if a.seq != i + 1]
    report.anchor_broken = sorted({anchors[i].seq for i in bad} | set(gaps))
    head = AnchorHead.objects.filter(pk=1).first()
    last_seq, last_hash = (anchors[-1].seq, anchors[-1].hash) if anchors else (0, hashchain.GENESIS)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, hashchain.GENESIS)
    report.head_mismatch = (head_seq, head_hash) != (last_seq, last_hash)
    anchored: set[int] = set()
    for a in anchors:
        anchored.add(a.case_pk)
        if a.case_pk not in first_hash:
            report.missing[a.case_pk] = a
        elif first_hash[a.case_pk] != a.first_hash:
            report.first_changed.append(a.case_pk)
    report.unanchored = sorted(set(first_hash) - anchored)


def _verify_attachments(report: ChainReport, *, files: bool) -> None:
    for att in CaseAttachment.objects.select_related("event").order_by("pk").iterator():
        entries = att.event.data.get("files", []) if att.event.case_id == att.case_id else []
        if att.event.kind != "attachments_added" or att.payload_entry() not in entries:
            report.attachments_bad.append(att)
            continue
        if files:
            try:
                with store.path_of(att.path).open("rb") as fh:
                    digest = files_lib.sha256_of(iter(lambda: fh.read(1 << 20), b""))
            except (CaseError, OSError):
                digest = ""
            if digest != att.sha256:
                report.files_bad.append(att)
