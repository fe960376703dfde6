"""Quality of the screening pipeline on the shared corpora (read from ../shared/data, never copied).

    uv run python bench/screening_quality.py

Prints, for elections the shipped model never saw (it is trained only on a fictitious election and
everyday tweets): recall on pilpres2019 partisan posts (positif|negatif) with pemilu-2019
configured — over all of them and over those that name a contestant — precision against the
"netral" rows, support/attack accuracy (positif = support, negatif = attack), and the flag rates on
everyday_tweets and hatespeech_multilabel with pemilu-2019 and pemilu-2024 configured.

Then a second held-out set, stance_blogs (CC BY-NC-SA, read only): blog posts with a stance for or
against one political figure, judged with that figure's election configured here from public facts
(Pilkada DKI 2017, Pilpres 2014, Pilgub Jabar 2018; AHY and Yusril as the would-be candidates the
posts discuss). Partisan recall (for|against), the share of "unknown" posts flagged, and the
direction toward the figure (a flagged attack on the rival counts as support for the figure).
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


# Elections of the stance_blogs figures, from public facts (KPU ballot numbers), for evaluation only.
BLOG_ELECTIONS: dict[str, dict[str, object]] = {
    "ahok": {
        "code": "pilkada-dki-2017",
        "contestants": [
            {
                "number": 1,
                "name": "Agus Harimurti Yudhoyono - Sylviana Murni",
                "aliases": ["AHY", "Agus", "Sylvi"],
            },
            {
                "number": 2,
                "name": "Basuki Tjahaja Purnama - Djarot Saiful Hidayat",
                "aliases": ["Ahok", "Basuki", "BTP", "Djarot"],
            },
            {"number": 3, "name": "Anies Baswedan - Sandiaga Uno", "aliases": ["Anies", "Sandi", "Sandiaga"]},
        ],
    },
    "yusril": {
        "code": "pilkada-dki-2017-bakal-calon",
        "contestants": [
            {"number": 1, "name": "Yusril Ihza Mahendra", "kind": "candidate", "aliases": ["Yusril"]},
            {
                "number": 2,
                "name": "Basuki Tjahaja Purnama",
                "kind": "candidate",
                "aliases": ["Ahok", "Basuki", "BTP"],
            },
        ],
    },
    "jokowi": {
        "code": "pemilu-2014",
        "contestants": [
            {
                "number": 1,
                "name": "Prabowo Subianto - Hatta Rajasa",
                "aliases": ["Prabowo", "Hatta", "Prabowo-Hatta"],
            },
            {
                "number": 2,
                "name": "Joko Widodo - Jusuf Kalla",
                "aliases": ["Jokowi", "JK", "Jokowi-JK", "Jusuf Kalla"],
            },
        ],
    },
    "ridwan kamil": {
        "code": "pilgub-jabar-2018",
        "contestants": [
            {
                "number": 1,
                "name": "Ridwan Kamil - Uu Ruzhanul Ulum",
                "aliases": ["Ridwan Kamil", "Emil", "Kang Emil", "RK", "Rindu"],
            },
            {"number": 2, "name": "TB Hasanuddin - Anton Charliyan", "aliases": ["Hasanah", "Hasanuddin"]},
            {"number": 3, "name": "Sudrajat - Ahmad Syaikhu", "aliases": ["Asyik", "Sudrajat", "Syaikhu"]},
            {
                "number": 4,
                "name": "Deddy Mizwar - Dedi Mulyadi",
                "aliases": ["2DM", "Deddy Mizwar", "Demiz", "Dedi Mulyadi"],
            },
        ],
    },
    "ahy": {
        "code": "pemilu-2019-bakal-calon",
        "contestants": [
            {
                "number": 1,
                "name": "Agus Harimurti Yudhoyono",
                "kind": "candidate",
                "aliases": ["AHY", "Agus", "Mas Agus"],
            },
            {"number": 2, "name": "Joko Widodo", "kind": "candidate", "aliases": ["Jokowi"]},
        ],
    },
}
BLOG_ELECTIONS["prabowo"] = BLOG_ELECTIONS["jokowi"]
BLOG_TARGET = {"prabowo": 1, "ahok": 2, "yusril": 1, "jokowi": 2, "ridwan kamil": 1, "ahy": 1}


def stance_blogs() -> dict[str, object]:
    import ast
    import csv
    import io

    root = DATA / "corpora" / "stance_blogs"
    rows: list[tuple[str, str, str]] = []  # (figure, text, for|against|unknown)
    for name, delim, fig_col, text_cols, lab_col in (
        ("dataset_stance_3_label_2016_building_by_cakra.csv", ",", "topic", ("title", "content"), "stance"),
        (
            "dataset_stance_2_label_2018_building_by_rini.csv",
            ";",
            "Tokoh",
            ("Judul Artikel", "Isi Artikel"),
            "stance final",
        ),
    ):
        raw = (root / name).read_text(encoding="utf-8-sig", errors="replace")
        for r in csv.DictReader(io.StringIO(raw), delimiter=delim):
            fig = (r.get(fig_col) or "").strip().lower()
            lab = (r.get(lab_col) or "").strip().lower().replace("againts", "against")
            if fig not in BLOG_ELECTIONS or lab not in ("for", "against", "unknown"):
                continue
            body = r.get(text_cols[1]) or ""
            try:
                parts = ast.literal_eval(body)
                body = "\n".join(str(x) for x in parts) if isinstance(parts, list) else body
            except (ValueError, SyntaxError):
                pass
            rows.append((fig, f"{r.get(text_cols[0]) or ''}\n{body}", lab))
    pipes = {f: Pipeline(ElectionSpec.from_dict(e)) for f, e in BLOG_ELECTIONS.items()}
    tp = fn = unk = unk_flag = dir_ok = dir_n = 0
    for fig, text, lab in rows:
        r = pipes[fig].classify(text)
        if lab == "unknown":
            unk += 1
            unk_flag += r["partisan"]
            continue
        if not r["partisan"]:
            fn += 1
            continue
        tp += 1
        toward = (
            r["direction"]
            if r["target"] == BLOG_TARGET[fig]
            else ("attack" if r["direction"] == "support" else "support")
        )
        dir_n += 1
        dir_ok += (toward == "support") == (lab == "for")
    return {
        "posts": len(rows),
        "recall_for_or_against": round(tp / max(tp + fn, 1), 3),
        "unknown_flagged": round(unk_flag / max(unk, 1), 3),
        "direction_accuracy_toward_figure": round(dir_ok / max(dir_n, 1), 3),
    }


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
    out["stance_blogs (5 figures' elections, unseen)"] = stance_blogs()
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
