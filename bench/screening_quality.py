"""Quality of the screening pipeline, TEST figures first, then DEVELOPMENT figures.

    uv run python bench/screening_quality.py [--json]

Evaluation discipline (issue 17): the detector is tuned on the DEVELOPMENT sets only; the TEST sets
were written or chosen before any tuning and their errors are not looked at while tuning.

TEST (untouched):
- ``bench/data/heldout/pilkada-dki-2024.{yaml,tsv}``: an election file written from public facts as
  a new user would (names, aliases, parties; no hashtags, slogans or accounts) and hand-written posts
  for, against and not about its contestants (ordinary, official news of incumbents, gesture words);
- ``bench/data/heldout/asn-style-2024.tsv``: civil-servant-style posts with pemilu-2024 configured;
- stance_blogs (CC BY-NC-SA, read only): blog posts with a stance for or against one political
  figure, judged with that figure's election configured here from public facts;
- everyday_tweets test split (ordinary posts) with pemilu-2024 and the held-out election configured.

DEVELOPMENT (tuned on): pilpres2019 (positif|negatif = partisan, netral = not; its "netral" rows
carry many campaign hashtags, so "netral flagged" is an upper bound), ``bench/data/dev/*.tsv``
(``namelike-<election>.tsv``: ordinary posts whose words look like a contestant's name, alias, party
or number, judged with ``<election>.yaml`` beside it or the shipped election of that code; also
sarcasm, rhetorical questions and news-style praise in ``direction-*.tsv``; long blog-like posts for or
against one contestant in ``long-*.tsv``; an election not otherwise in the project, its file written as
a new user would and its partisan and ordinary posts written before running the detector on them, in
``regional-*.tsv``),
campaign2024 tweets (flag rate per topic), everyday_tweets valid split, hatespeech_multilabel.

Headline measures (the issue's table): partisan recall; false alarms on ordinary posts; support/attack
right and contestant right, of flagged partisan posts; civil-servant-style false alarms (official
news of incumbents, everyday posts with gesture words).
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


BENCH_DATA = ROOT / "bench" / "data"


def handwritten(path: Path) -> list[tuple[str, int | None, str, str]]:
    """(stance, target, category, text) rows of a hand-written TSV set."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stance, target, category, text = line.split("\t", 3)
        rows.append((stance, None if target == "-" else int(target), category, text))
    return rows


def judge(pipe: Pipeline, rows: list[tuple[str, int | None, str, str]]) -> dict[str, object]:
    """The issue's measures over a hand-written set."""
    part = hit = dir_ok = who_ok = 0
    cats: dict[str, list[int]] = {}
    for stance, target, category, text in rows:
        r = pipe.classify(text)
        if category == "partisan":
            part += 1
            if r["partisan"]:
                hit += 1
                dir_ok += r["direction"] == stance
                who_ok += r["target"] == target
        else:
            c = cats.setdefault(category, [0, 0])
            c[0] += 1
            c[1] += bool(r["partisan"])
    out: dict[str, object] = {
        "partisan_posts": part,
        "partisan_recall": round(hit / max(part, 1), 3),
        "support_attack_right_of_flagged": round(dir_ok / max(hit, 1), 3),
        "contestant_right_of_flagged": round(who_ok / max(hit, 1), 3),
    }
    for cat, (n, flagged) in sorted(cats.items()):
        out[f"false_alarms_{cat}"] = f"{flagged}/{n} = {flagged / n:.3f}"
    civil = [cats.get(k, [0, 0]) for k in ("official", "gesture")]
    n = sum(c[0] for c in civil)
    if n:
        out["civil_servant_style_false_alarms"] = round(sum(c[1] for c in civil) / n, 3)
    return out


def flag_rate(pipe: Pipeline, texts: list[str]) -> float:
    return round(sum(bool(pipe.classify(t)["partisan"]) for t in texts) / max(len(texts), 1), 4)


def pilpres2019() -> dict[str, object]:
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
    return {
        "recall_all_partisan": round(tp / (tp + fn), 3),
        "recall_naming_a_contestant": round(named_hit / named, 3),
        "precision_vs_netral": round(tp / (tp + fp), 3),
        "netral_flagged": round(fp / (fp + tn), 3),
        "direction_accuracy": round(dir_ok / dir_n, 3),
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def main() -> int:
    heldout_spec = ElectionSpec.from_dict(
        yaml.safe_load((BENCH_DATA / "heldout" / "pilkada-dki-2024.yaml").read_text("utf-8"))
    )
    dki = Pipeline(heldout_spec)
    p24 = pipeline("pemilu-2024")
    test: dict[str, object] = {}
    dev: dict[str, object] = {}
    test["pilkada-dki-2024 hand-written (election file only)"] = judge(
        dki, handwritten(BENCH_DATA / "heldout" / "pilkada-dki-2024.tsv")
    )
    test["civil-servant-style posts (pemilu-2024)"] = judge(
        p24, handwritten(BENCH_DATA / "heldout" / "asn-style-2024.tsv")
    )
    dev["civil-servant-style posts (pemilu-2024)"] = judge(
        p24, handwritten(BENCH_DATA / "dev" / "asn-style-2024.tsv")
    )
    dev_sets = sorted((BENCH_DATA / "dev").glob("namelike-*.tsv"))
    dev_sets += sorted((BENCH_DATA / "dev").glob("direction-*.tsv"))
    dev_sets += sorted((BENCH_DATA / "dev").glob("long-*.tsv"))
    dev_sets += sorted((BENCH_DATA / "dev").glob("regional-*.tsv"))
    for path in dev_sets:
        what, code = path.stem.split("-", 1)
        spec = BENCH_DATA / "dev" / f"{code}.yaml"
        pipe = (
            Pipeline(ElectionSpec.from_dict(yaml.safe_load(spec.read_text("utf-8"))))
            if spec.exists()
            else pipeline(code)
        )
        title = {
            "namelike": "ordinary posts with name-like words",
            "direction": "side of partisan posts",
            "long": "side of long partisan posts",
            "regional": "regional election written as a new user would, partisan and ordinary posts",
        }[what]
        dev[f"{title} ({code})"] = judge(pipe, handwritten(path))
    if (DATA / "corpora").exists():
        test["stance_blogs (5 figures' elections)"] = stance_blogs()
        everyday_test = [t for t, _ in corpora.everyday(DATA, "test")]
        test["false alarms everyday_tweets test split (pemilu-2024)"] = flag_rate(p24, everyday_test)
        test["false alarms everyday_tweets test split (pilkada-dki-2024)"] = flag_rate(dki, everyday_test)
        dev["pilpres2019 (pemilu-2019)"] = pilpres2019()
        everyday_valid = [t for t, _ in corpora.everyday(DATA, "valid")]
        hate = [t for t, _ in corpora.hatespeech(DATA)]
        for code in ("pemilu-2019", "pemilu-2024"):
            p = pipeline(code)
            dev[f"false alarms everyday_tweets valid split ({code})"] = flag_rate(p, everyday_valid)
            dev[f"flag rate hatespeech_multilabel ({code})"] = flag_rate(p, hate)
        topics: dict[str, list[str]] = {}
        for text, topic in corpora.campaign2024(DATA):
            topics.setdefault(topic, []).append(text)
        dev["flag rate campaign2024 by topic (pemilu-2024)"] = {
            k: flag_rate(p24, v) for k, v in sorted(topics.items())
        }
    else:
        print(f"note: {DATA} not found; corpus figures skipped", file=sys.stderr)
    if "--json" in sys.argv:
        print(json.dumps({"TEST (untouched)": test, "DEVELOPMENT (tuned on)": dev}, indent=2))
        return 0
    for title, figures in (("TEST (untouched, never tuned on)", test), ("DEVELOPMENT (tuned on)", dev)):
        print(f"== {title} ==")
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
