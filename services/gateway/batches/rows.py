"""A campaign file (CSV or JSONL) as job specs, one per row, with per-row errors.

Without a template, a CSV row is a job: its `kind` column and one column per param (values that
read as JSON — numbers, booleans, lists — are taken as such), and a JSONL line is a job object.
With a template (a job spec whose strings may hold `{column}`), every row fills it: a string that is
only `{column}` takes the value itself (so `"{variations}"` becomes the number 3), others get the
value written in. Rows are numbered from 1, as a spreadsheet shows data rows.
"""

import csv
import io
import json
import string
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from contracts.http.batches import MAX_BATCH_JOBS, RowError
from contracts.http.jobs import JobCreate

CsvValue = str | int | float | bool | list[Any] | dict[str, Any] | None
_FORMATTER = string.Formatter()


class BatchFileError(ValueError):
    """The file as a whole cannot be read (encoding, format, size)."""


@dataclass(frozen=True)
class Row:
    number: int
    job: JobCreate | None
    errors: list[RowError]


def read_rows(data: bytes, filename: str, template: dict[str, Any] | None) -> list[Row]:
    """The file's rows as jobs (or their errors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchFileError("the file is not UTF-8 text") from exc
    records = _jsonl(text) if _is_jsonl(filename, text) else _csv(text)
    if len(records) > MAX_BATCH_JOBS:
        raise BatchFileError(f"{len(records)} rows: a batch holds at most {MAX_BATCH_JOBS}")
    if not records:
        raise BatchFileError("the file has no rows")
    return [_row(number, record, template) for number, record in enumerate(records, 1)]


def _is_jsonl(filename: str, text: str) -> bool:
    if filename.lower().endswith((".jsonl", ".ndjson")):
        return True
    if filename.lower().endswith(".csv"):
        return False
    return text.lstrip().startswith("{")


def _csv(text: str) -> list[dict[str, Any] | str]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise BatchFileError("the CSV has no header row")
    return [
        {key.strip(): _cell(value) for key, value in row.items() if key and value not in ("", None)}
        for row in reader
    ]


def _jsonl(text: str) -> list[dict[str, Any] | str]:
    records: list[dict[str, Any] | str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(f"not JSON: {exc.msg}")
            continue
        records.append(value if isinstance(value, dict) else "not a JSON object")
    return records


def _cell(value: Any) -> CsvValue:
    """A CSV cell as its JSON value where it reads as one (3, true, [..]), else as text."""
    if not isinstance(value, str):
        return None
    try:
        parsed: CsvValue = json.loads(value)
    except json.JSONDecodeError:
        return value.strip()
    return parsed if not isinstance(parsed, str) else value.strip()


def _row(number: int, record: dict[str, Any] | str, template: dict[str, Any] | None) -> Row:
    if isinstance(record, str):
        return Row(number, None, [RowError(row=number, field="row", message=record)])
    try:
        spec = _filled(template, record) if template is not None else _as_job(record)
        return Row(number, JobCreate.model_validate(spec), [])
    except _MissingColumnError as exc:
        message = f"the template uses {{{exc.column}}}, which this row does not have"
        return Row(number, None, [RowError(row=number, field=exc.column, message=message)])
    except ValidationError as exc:
        errors = [
            RowError(row=number, field=".".join(str(p) for p in e["loc"]), message=e["msg"])
            for e in exc.errors()
        ]
        return Row(number, None, errors)


def _as_job(record: dict[str, Any]) -> dict[str, Any]:
    if "params" in record or set(record) <= {"kind"}:
        return record
    params = {key: value for key, value in record.items() if key != "kind"}
    return {"kind": record.get("kind"), "params": params}


class _MissingColumnError(KeyError):
    def __init__(self, column: str) -> None:
        super().__init__(column)
        self.column = column


def _filled(template: Any, values: dict[str, Any]) -> Any:
    """`template` with every `{column}` replaced by the row's value."""
    if isinstance(template, dict):
        return {key: _filled(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [_filled(item, values) for item in template]
    if not isinstance(template, str):
        return template
    fields = [name for _, name, _, _ in _FORMATTER.parse(template) if name is not None]
    for name in fields:
        if name not in values:
            raise _MissingColumnError(name)
    if len(fields) == 1 and template == f"{{{fields[0]}}}":
        return values[fields[0]]
    return template.format_map({name: values[name] for name in fields})
