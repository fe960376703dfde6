"""Looks inside an installation from its own process (run by tests/ops/installation.py with the
installation's environment) and prints JSON on the last line.

    python -m tests.ops.harness check RECEIPTS_JSON   # each receipt's report, identity, evidence
    python -m tests.ops.harness heads [UPTO]          # the case heads, the audit-log head (to row UPTO)
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any


def _setup() -> None:
    import django

    django.setup()


def check(receipts: list[str]) -> dict[str, Any]:
    from django.conf import settings

    from jaganetral.intake import sealing
    from jaganetral.intake.selectors import report_by_receipt

    out: dict[str, Any] = {}
    for code in receipts:
        report = report_by_receipt(code)
        if report is None:
            out[code] = None
            continue
        identity = None
        if report.identity_sealed:
            identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
        files = {}
        for ev in report.evidence.all():
            data = (settings.INTAKE_EVIDENCE_DIR / ev.original_path).read_bytes()
            files[str(ev.uid)] = [ev.sha256, hashlib.sha256(data).hexdigest()]
        out[code] = {
            "uid": str(report.uid),
            "reference": report.reference,
            "submitted_at": report.submitted_at.isoformat(),
            "pseudonym": report.pseudonym,
            "identity": identity,
            "files": files,
        }
    return out


def heads(upto: int | None = None) -> dict[str, Any]:
    from jaganetral.cases.models import Case
    from jaganetral.core.audit import log_head

    log = log_head(upto)
    return {
        "cases": {str(pk): [s, h] for pk, s, h in Case.objects.values_list("pk", "head_seq", "head_hash")},
        "audit": [log.last_id, log.count, log.digest],
    }


if __name__ == "__main__":
    _setup()
    mode = sys.argv[1]
    if mode == "check":
        print(json.dumps({"reports": check(json.loads(sys.argv[2])), "heads": heads()}))
    elif mode == "heads":
        print(json.dumps(heads(int(sys.argv[2]) if len(sys.argv) > 2 else None)))
    else:
        raise SystemExit(f"unknown mode {mode}")
