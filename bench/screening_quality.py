"""Quality of the screening pipeline on the shared corpora (read from ../shared/data, never copied).

    uv run python bench/screening_quality.py

Prints, for elections the shipped model never saw (it is trained only on a fictitious election and
everyday tweets): recall on pilpres2019 partisan posts (positif|negatif) with pemilu-2019
configured — over all of them and over those that name a contestant — precision against the
"netral" rows, support/attack accuracy (positif = support, negatif = attack), and the flag rates on
everyday_tweets and hatespeech_multilabel with pemilu-2019 and pemilu-2024 configured.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jaganetral.screening.nlp import ElectionSpec, Pipeline, corpora  # noqa: E402

DATA = (ROOT / ".." / "shared" / "data").resolve()
ELECTIONS = ROOT / "src" / "jaganetral" / "reference" / "data" / "elections"


def pipeline(code: str) -> Pipeline:
    return Pipeline(ElectionSpec.from_dict(yaml.safe_load((ELECTIONS / f"{code}.yaml").read_text("utf-8"))))


def main() -> int:
    if not (DATA / "corpora").exists():
        print(f"skip: {DATA} not found")
        return 0
    out: dict[str, object] = {}
    p19 = pipeline("pemilu-2019")
    tp = fp = fn = tn = 0
    named = named_hit = 0
    dir_ok = dir_n = 0
    for text, label in corpora.pilpres2019(DATA):
        r = p19.classify(text)
        gold = label != "netral"
        if gold:
            if p19.gaz.find(p19.tokens(text), text):
                named += 1
                named_hit += r["partisan"]
            if r["partisan"]:
                tp += 1
                dir_n += 1
                dir_ok += (r["direction"] == "support") == (label == "positif")
            else:
                fn += 1
        elif r["partisan"]:
            fp += 1
        else:
            tn += 1
    out["pilpres2019 (pemilu-2019, unseen)"] = {
        "recall_all_partisan": round(tp / (tp + fn), 3),
        "recall_naming_a_contestant": round(named_hit / named, 3),
        "precision_vs_netral": round(tp / (tp + fp), 3),
        "netral_flagged": round(fp / (fp + tn), 3),
        "direction_accuracy": round(dir_ok / dir_n, 3),
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }
    for code in ("pemilu-2019", "pemilu-2024"):
        p = pipeline(code)
        for name, rows in (
            ("everyday_tweets", corpora.everyday(DATA, "all")),
            ("hatespeech_multilabel", corpora.hatespeech(DATA)),
        ):
            n = flagged = 0
            for text, _ in rows:
                n += 1
                flagged += p.classify(text)["partisan"]
            out[f"flag rate {name} ({code})"] = round(flagged / n, 4)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
