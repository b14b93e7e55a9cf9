"""Campaign files as job specs: CSV and JSONL, with and without a template, errors per row."""

import json

import pytest

from services.gateway.batches.rows import BatchFileError, read_rows

TEMPLATE = {"kind": "generate", "params": {"prompt": "{product} in {city}", "variations": "{n}"}}


def test_a_template_fills_each_csv_row_and_keeps_numbers_numbers() -> None:
    rows = read_rows(b"product,city,n\nshoes,Paris,2\nhats,Rome,1\n", "c.csv", TEMPLATE)
    assert [r.job.params if r.job else None for r in rows] == [
        {"prompt": "shoes in Paris", "variations": 2},
        {"prompt": "hats in Rome", "variations": 1},
    ]


def test_a_missing_column_is_that_row_s_error() -> None:
    rows = read_rows(b"product,city,n\nshoes,,2\n", "c.csv", TEMPLATE)
    (row,) = rows
    assert row.job is None
    assert [(e.row, e.field) for e in row.errors] == [(1, "city")]


def test_csv_without_a_template_is_kind_plus_params() -> None:
    (row,) = read_rows(b"kind,prompt,variations,seed\ngenerate,a fox,3,7\n", "c.csv", None)
    assert row.job is not None
    assert (row.job.kind, row.job.params) == (
        "generate",
        {"prompt": "a fox", "variations": 3, "seed": 7},
    )


def test_jsonl_lines_are_jobs_and_bad_lines_are_errors() -> None:
    good = json.dumps({"kind": "generate", "params": {"prompt": "x"}})
    rows = read_rows(f"{good}\n\nnot json\n[1]\n".encode(), "r.jsonl", None)
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[0].job is not None
    assert rows[1].errors[0].message.startswith("not JSON")
    assert rows[2].errors[0].message == "not a JSON object"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\xff\xfe\x00bad", "UTF-8"), (b"", "no header"), (b"a,b\n", "no rows")],
)
def test_unreadable_files_are_refused_whole(data: bytes, message: str) -> None:
    with pytest.raises(BatchFileError, match=message):
        read_rows(data, "c.csv", None)
