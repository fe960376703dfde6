"""Safe reporting: submitting a report (with a photo) and a receipt look-up, each against
``GET /healthz`` on the same stack. The look-up costs one Argon2id check whatever the number of
reports (the 4-character prefix narrows the candidates), so its ratio should not grow with them."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _django

REPORTS = 300


def main() -> None:
    os.environ["INTAKE_SUBMIT_PER_HOUR"] = "1000000"
    os.environ["INTAKE_LOOKUPS_PER_10_MIN"] = "1000000"
    os.environ["INTAKE_FAILED_LOOKUPS_PER_MIN"] = "1000000"
    _django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from PIL import Image
    from tests.intake.conftest import report_post

    client = Client()
    buf = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 90, 60)).save(buf, "JPEG", quality=85)
    photo = buf.getvalue()
    receipts = [client.post("/api/v1/reports", report_post()).json()["receipt"] for _ in range(REPORTS)]

    def submit() -> None:
        data = {**report_post(), "files": [SimpleUploadedFile("a.jpg", photo)]}
        assert client.post("/api/v1/reports", data).status_code == 201

    state = {"i": 0}

    def lookup() -> None:
        state["i"] = (state["i"] + 1) % REPORTS
        res = client.get("/api/v1/reports/status", HTTP_X_RECEIPT=receipts[state["i"]])
        assert res.status_code == 200

    def baseline() -> None:
        assert client.get("/healthz").status_code == 200

    for _ in range(5):
        submit(), lookup(), baseline()
    out = {}
    for name, subject, rounds in (("lookup", lookup, 200), ("submit", submit, 60)):
        result = _django.compare(subject, baseline, rounds=rounds)
        out[name] = {k: round(v, 3) for k, v in result.items()}
    print(json.dumps(out))
    print(
        f"ratio (p95 receipt look-up / p95 healthz) with {REPORTS} reports: {out['lookup']['ratio_p95']:.1f}"
    )
    print(f"ratio (p95 submit with a 1200x900 JPEG / p95 healthz): {out['submit']['ratio_p95']:.1f}")


if __name__ == "__main__":
    main()
