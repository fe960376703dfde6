import csv
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

POSTS = [
    ("1", "Ayo coblos 02, Prabowo-Sandi pasti menang!", "1"),
    ("2", "Selamat pagi, macet banget hari ini", "0"),
    ("3", "jangan pilih jokowi, pembohong", "1"),
    ("4", "nasi goreng enak sekali", "0"),
]


def _csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "label"])
        w.writerows(POSTS)
    return path


def test_classify_local_writes_one_line_per_post(refdata: None, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    call_command(
        "screening",
        "classify",
        "--election",
        "pemilu-2019",
        "--input",
        str(_csv(tmp_path / "in.csv")),
        "--output",
        str(out),
    )
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["1", "2", "3", "4"]
    assert [x["partisan"] for x in lines] == [True, False, True, False]
    assert lines[0]["direction"] == "support" and lines[0]["target"] == 2
    assert lines[2]["direction"] == "attack" and lines[2]["target"] == 1
    assert set(lines[0]) >= {"id", "partisan", "score", "direction", "target", "rules", "evidence"}


def test_classify_jsonl_and_tweet_harvest(refdata: None, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t, _ in POSTS) + "\n")
    out = tmp_path / "o.jsonl"
    call_command(
        "screening",
        "classify",
        "--election",
        "pemilu-2019",
        "--input",
        str(src),
        "--format",
        "jsonl",
        "--output",
        str(out),
    )
    assert len(out.read_text().splitlines()) == 4
    th = tmp_path / "th.csv"
    th.write_text("id_str,full_text,username\n9,coblos 01 jokowi lagi,budi\n")
    call_command(
        "screening",
        "classify",
        "--election",
        "pemilu-2019",
        "--input",
        str(th),
        "--format",
        "tweet-harvest",
        "--output",
        str(out),
    )
    assert json.loads(out.read_text())["partisan"] is True


def test_classify_bad_input(refdata: None, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with pytest.raises(CommandError, match="belum dimuat"):
        call_command(
            "screening",
            "classify",
            "--election",
            "tidak-ada",
            "--input",
            str(_csv(tmp_path / "a.csv")),
            "--output",
            str(out),
        )
    with pytest.raises(CommandError, match="kolom"):
        call_command(
            "screening",
            "classify",
            "--election",
            "pemilu-2019",
            "--input",
            str(_csv(tmp_path / "b.csv")),
            "--text-column",
            "isi",
            "--output",
            str(out),
        )
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(CommandError, match="JSON"):
        call_command(
            "screening",
            "classify",
            "--election",
            "pemilu-2019",
            "--input",
            str(bad),
            "--format",
            "jsonl",
            "--output",
            str(out),
        )
    with pytest.raises(CommandError, match="tidak dapat dibuka"):
        call_command(
            "screening",
            "classify",
            "--election",
            "pemilu-2019",
            "--input",
            str(tmp_path / "none.csv"),
            "--output",
            str(out),
        )


def test_evaluate_prints_metrics(refdata: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "screening",
        "evaluate",
        "--election",
        "pemilu-2019",
        "--input",
        str(_csv(tmp_path / "in.csv")),
        "--label-column",
        "label",
    )
    res = json.loads(capsys.readouterr().out)
    assert res["recall"] == 1.0 and res["precision"] == 1.0 and res["flag_rate"] == 0.5
    assert res["confusion"] == {"tp": 2, "fp": 0, "fn": 0, "tn": 2}
    assert res["direction_accuracy"] is None and res["direction_n"] == 0  # 0/1 labels carry no direction


def test_evaluate_scores_direction_when_labels_carry_it(
    refdata: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "dir.csv"
    src.write_text(
        "id,text,label\n1,Ayo coblos 02 Prabowo-Sandi pasti menang!,positif\n"
        "2,jangan pilih jokowi pembohong,positif\n3,nasi goreng enak,netral\n",
        encoding="utf-8",
    )
    call_command(
        "screening", "evaluate", "--election", "pemilu-2019", "--input", str(src), "--label-column", "label"
    )
    res = json.loads(capsys.readouterr().out)
    # both flagged; the second is an attack though labelled positif
    assert res["confusion"]["tp"] == 2 and res["direction_n"] == 2 and res["direction_accuracy"] == 0.5


def test_election_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: x\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.yaml, line 1"):
        call_command("screening", "classify", "--election", str(bad), "--input", "x.csv", "--output", "o")
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command(
            "screening",
            "classify",
            "--election",
            str(tmp_path / "none.yaml"),
            "--input",
            "x",
            "--output",
            "o",
        )


def test_dask_engine_matches_local(refdata: None, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        for i in range(300):
            w.writerow([i, POSTS[i % 4][1] + f" {i}"])
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    call_command(
        "screening", "classify", "--election", "pemilu-2019", "--input", str(src), "--output", str(local)
    )
    call_command(
        "screening",
        "classify",
        "--election",
        "pemilu-2019",
        "--input",
        str(src),
        "--output",
        str(dask),
        "--engine",
        "dask",
        "--workers",
        "2",
        "--partition-size",
        "40",
    )
    assert local.read_text() == dask.read_text()
