"""Batches on the real local stack: a campaign submitted as JSON or as a file, validated and priced
as a whole, run in its lane, followed, and downloaded as one zip (cancel and retry:
`test_batch_control`; a thousand jobs: `test_batch_campaign`)."""

import csv
import io
import json
import zipfile
from typing import Any

import pytest

from tests.support.batches import DRAFT, draft_jobs, settled, until_done
from tests.support.client import authed, events_until
from tests.support.stack import RunningStack


def upload(name: str, text: str, **form: str) -> dict[str, Any]:
    return {"files": {"file": (name, text.encode(), "text/plain")}, "data": form}


async def test_a_json_batch_runs_in_the_bulk_lane_and_adds_up(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=1000)) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(12), "name": "spring"})
        assert answer.status_code == 202, answer.text
        batch = answer.json()
        assert (batch["jobs"], batch["lane"], batch["name"]) == (12, "bulk", "spring")
        assert batch["estimate_credits"] == 12
        assert answer.headers["location"] == f"/v1/batches/{batch['id']}"

        early = await api.get(f"/v1/batches/{batch['id']}/archive")  # while the batch runs
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(early.content)).read("manifest.json"))
        with_files = {row["file"].split("/")[0] for row in manifest["files"]}
        assert len(manifest["pending"]) + len(with_files) == 12, "every job is in or pending"
        assert not with_files & {job["job_id"] for job in manifest["pending"]}

        done = await until_done(api, batch["id"])
        assert done["counts"]["completed"] == 12
        assert done["cost"]["credits"] == 12
        assert done["eta_s"] == 0

        jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs", params={"limit": 100})).json()
        assert len(jobs["items"]) == 12
        assert {(j["batch_id"], j["lane"], j["status"]) for j in jobs["items"]} == {
            (batch["id"], "bulk", "completed")
        }
        account = await settled(api)
        assert account["balance"] == 1000 - 12

        archive = await api.get(f"/v1/batches/{batch['id']}/archive")
        assert archive.status_code == 200
        zipped = zipfile.ZipFile(io.BytesIO(archive.content))
        manifest = json.loads(zipped.read("manifest.json"))
        rows = list(csv.DictReader(io.StringIO(zipped.read("manifest.csv").decode())))
        assert len(manifest["files"]) == len(rows) == 12
        assert manifest["pending"] == []
        assert {row["job_id"] for row in rows} == {job["id"] for job in jobs["items"]}
        assert all(zipped.read(row["file"]) for row in rows)
        assert manifest["failures"] == []


async def test_batch_events_stream_on_sse(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        batch = (await api.post("/v1/batches", json={"jobs": draft_jobs(3)})).json()

        def all_completed(events: list[dict[str, Any]]) -> bool:
            done = [e for e in events if e["type"] == "studio.job.completed"]
            return len(done) == 3

        events = await events_until(api, all_completed, batch_id=batch["id"])
        assert {e["batch_id"] for e in events} == {batch["id"]}


async def test_a_csv_dry_run_reports_exactly_the_bad_rows_and_creates_nothing(
    stack: RunningStack,
) -> None:
    rows = [
        "product,variations",
        "red shoes,1",
        ",1",  # empty product: the prompt becomes blank
        "green hat,2",
        "blue bag,11",  # over 10 variations
        "white scarf,1",
        "black belt,zero",  # not a number
    ]
    template = {
        "kind": "generate",
        "params": {"prompt": "{product}", "variations": "{variations}", **DRAFT},
    }
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        answer = await api.post(
            "/v1/batches",
            **upload(
                "campaign.csv", "\n".join(rows), template=json.dumps(template), dry_run="true"
            ),
        )
        assert answer.status_code == 200, answer.text
        check = answer.json()
        assert check["jobs"] == 6
        assert not check["valid"]
        assert sorted({e["row"] for e in check["errors"]}) == [2, 4, 6]
        assert check["estimate"]["credits"] == 1 + 2 + 1
        assert (await api.get("/v1/batches")).json()["items"] == []
        assert (await api.get("/v1/jobs")).json()["items"] == []

        refused = await api.post(
            "/v1/batches", **upload("campaign.csv", "\n".join(rows), template=json.dumps(template))
        )
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "invalid_batch"
        assert (await api.get("/v1/jobs")).json()["items"] == []


async def test_a_jsonl_file_with_a_template_fills_each_row(stack: RunningStack) -> None:
    lines = "\n".join(
        json.dumps({"product": p, "mood": m}) for p, m in [("tea", "calm"), ("coffee", "bold")]
    )
    template = {"kind": "generate", "params": {"prompt": "{product}, {mood} mood", **DRAFT}}
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        answer = await api.post(
            "/v1/batches", **upload("rows.jsonl", lines, template=json.dumps(template))
        )
        assert answer.status_code == 202, answer.text
        jobs = (await api.get(f"/v1/batches/{answer.json()['id']}/jobs")).json()["items"]
        assert sorted(j["params"]["prompt"] for j in jobs) == [
            "coffee, bold mood",
            "tea, calm mood",
        ]


@pytest.mark.parametrize(
    ("plan", "credits", "code"),
    [("free", 100, "feature_not_in_plan"), ("pro", 5, "insufficient_credits")],
)
async def test_a_batch_the_account_cannot_run_is_refused_whole(
    stack: RunningStack, plan: str, credits: int, code: str
) -> None:
    async with authed(stack.url, await stack.tenant(plan=plan, credits=credits)) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(8)})
        assert answer.status_code == 402, answer.text
        assert answer.json()["error"]["code"] == code
        assert (await api.get("/v1/jobs")).json()["items"] == []


async def test_enterprise_batches_run_in_the_interactive_share(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="enterprise")) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(2)})
        assert answer.json()["lane"] == "interactive"
        await until_done(api, answer.json()["id"])


async def test_the_same_idempotency_key_answers_with_the_first_batch(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        headers = {"Idempotency-Key": "campaign-1"}
        first = await api.post("/v1/batches", json={"jobs": draft_jobs(2)}, headers=headers)
        again = await api.post("/v1/batches", json={"jobs": draft_jobs(2)}, headers=headers)
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["idempotent-replayed"] == "true"
        other = await api.post("/v1/batches", json={"jobs": draft_jobs(3)}, headers=headers)
        assert other.status_code == 409
