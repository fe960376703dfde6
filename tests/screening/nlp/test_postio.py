"""The one post-file reader, as the two paths use it: the import (file lines in errors) and
``screening classify``/``evaluate`` (records, row numbers as ids, the command's own wording)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from jaganetral.screening.models import ImportFormat
from jaganetral.screening.nlp import postio
from jaganetral.screening.nlp.postio import (
    FORMATS,
    PostReader,
    post_mapping,
    read_records,
    required_columns,
)

# a quoted text over two lines: row 3 ends on file line 4
MULTILINE = 'id,text,label\n1,satu,1\n,"dua\nbaris",0\n3,tiga,1\n'


@pytest.fixture
def small_fields(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fields over 20 characters are refused by the csv module: a CSV it cannot parse."""
    monkeypatch.setattr(postio, "MAX_FIELD", 20)
    old = csv.field_size_limit()
    yield
    csv.field_size_limit(old)


def _records(data: str, fmt: str = "csv", **kw: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(r.id, r.text, r.reply_to, r.label) for r in read_records(io.StringIO(data), fmt, **kw)]


def test_records_take_their_row_number_as_id_when_the_id_is_empty() -> None:
    assert _records(MULTILINE, label_column="label") == [
        ("1", "satu", None, "1"),
        ("3", "dua\nbaris", None, "0"),
        ("3", "tiga", None, "1"),
    ]
    jsonl = '{"text": "a"}\n\n{"id": 7, "text": "b", "in_reply_to_screen_name": "siti"}\n'
    assert _records(jsonl, "jsonl") == [("1", "a", None, None), ("7", "b", "siti", None)]


def test_tweet_harvest_records_use_its_columns() -> None:
    data = "id_str,full_text,in_reply_to_screen_name,text\n9,coblos 02,budi,lain\n"
    assert _records(data, "tweet-harvest", id_column="x", text_column="text") == [
        ("9", "coblos 02", "budi", None)
    ]


def test_records_errors_in_the_commands_wording(small_fields: None) -> None:
    with pytest.raises(ValueError, match=r"^kolom tidak ada di berkas: isi, lbl \(ada: id, text, label\)$"):
        _records(MULTILINE, text_column="isi", label_column="lbl")
    with pytest.raises(ValueError, match=r"^CSV rusak: field larger than field limit \(20\)$"):
        _records("x" * 30 + "\n1\n")
    # the row after the last good one, counting rows (the header is row 1), not file lines
    with pytest.raises(ValueError, match=r"^baris 5: CSV rusak \(field larger"):
        _records(MULTILINE + "4," + "x" * 30 + ",1\n")
    with pytest.raises(ValueError, match=r"^baris 2: bukan JSON yang sah"):
        _records('{"text": "a"}\n{rusak\n', "jsonl")
    with pytest.raises(ValueError, match=r"^baris 1: harus berupa objek JSON$"):
        _records("[1]\n", "jsonl")
    with pytest.raises(ValueError, match=r"^baris 2: kolom 'text' tidak ada$"):
        _records('{"text": "a"}\n{"isi": "b"}\n', "jsonl")


def test_the_import_reader_names_file_lines(small_fields: None) -> None:
    reader = PostReader(io.StringIO(MULTILINE), "csv", required=("id", "text"))
    assert reader.line == 1
    lines = [(row["text"], reader.line) for row in reader]
    assert lines == [("satu", 2), ("dua\nbaris", 4), ("tiga", 5)]
    # the csv module's line count when it stopped: here the last line it read whole
    with pytest.raises(ValueError, match=r"^baris 5: CSV rusak \(field larger"):
        list(PostReader(io.StringIO(MULTILINE + "4," + "x" * 30 + ",1\n"), "csv"))
    with pytest.raises(ValueError, match=r"^baris 2: CSV rusak \(field larger"):
        list(PostReader(io.StringIO("id,text\n1,a\n2," + "x" * 30 + "\n"), "csv"))
    with pytest.raises(ValueError, match=r"^baris 1: CSV rusak \(field larger"):
        PostReader(io.StringIO("x" * 30 + "\n1\n"), "csv")
    with pytest.raises(ValueError, match=r"^kolom wajib tidak ada di berkas: id_str, username$"):
        PostReader(io.StringIO(MULTILINE), "tweet-harvest", required=("id_str", "text", "username"))
    with pytest.raises(ValueError, match=r"^format berkas tidak dikenal \(tweet-harvest, csv atau jsonl\)$"):
        PostReader(io.StringIO(MULTILINE), "xml")
    jsonl = PostReader(io.StringIO('{"id": 1}\n\n{"id": 2}\n'), "jsonl", required=("nope",))
    assert [(row["id"], jsonl.line) for row in jsonl] == [(1, 1), (2, 3)]
    with pytest.raises(ValueError, match=r"^baris 2: bukan JSON yang sah \(Expecting"):
        list(PostReader(io.StringIO('{"id": 1}\n{rusak\n'), "jsonl"))


def test_each_csv_read_sets_the_field_limit_it_needs() -> None:
    old = csv.field_size_limit(10)  # as another module of the process may have left it
    try:
        rows = list(PostReader(io.StringIO("id,text\n1," + "x" * 5000 + "\n"), "csv"))
        assert len(rows[0]["text"]) == 5000 and csv.field_size_limit() == postio.MAX_FIELD
    finally:
        csv.field_size_limit(old)


def test_mappings_and_required_columns() -> None:
    assert sorted(FORMATS) == sorted(ImportFormat.values)  # the reader reads what can be imported
    assert post_mapping("tweet-harvest", {"text": "isi"})["text"] == "isi"
    assert post_mapping("csv") == {
        "id": "id",
        "text": "text",
        "handle": "username",
        "url": "url",
        "created_at": "created_at",
        "reply_to": "in_reply_to_screen_name",
    }
    # a mapping replaces tweet-harvest's names only where it says so
    assert post_mapping("csv", {"text": "isi"})["id"] == "id_str"
    assert required_columns("csv", post_mapping("csv")) == ("id", "text", "username")
    assert required_columns("jsonl", post_mapping("jsonl")) == ()
    json.dumps(post_mapping("tweet-harvest"))  # stored on the job row as JSON
