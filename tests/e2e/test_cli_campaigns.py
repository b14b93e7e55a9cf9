"""`studio batch` for scheduled campaigns, run as a subprocess against the local stack: a file
submitted for a time or for the off-peak window, the window shown and set, a bad time refused."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.test_cli import studio
from tests.support.client import authed
from tests.support.stack import RunningStack

TEMPLATE = {
    "kind": "generate",
    "params": {"prompt": "{product} on white", "quality": "draft", "width": 64, "height": 64},
}


async def test_the_cli_schedules_a_campaign_and_sets_the_off_peak_window(
    stack: RunningStack, tmp_path: Path
) -> None:
    config = tmp_path / "studio.json"
    key = await stack.tenant(plan="pro", credits=100)
    assert (await studio("login", "--url", stack.url, "--key", key, config=config))[0] == 0
    campaign = tmp_path / "campaign.csv"
    campaign.write_text("product\nred shoes\ngreen hat\n")
    submit = ["batch", "submit", str(campaign), "--template", json.dumps(TEMPLATE), "--yes"]

    code, out = await studio("batch", "off-peak", config=config)
    assert (code, "off-peak: 22:00 to 06:00 (UTC)" in out) == (0, True), out
    opens = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=2)
    window = ["--start", f"{opens:%H:%M}", "--end", f"{opens + timedelta(hours=1):%H:%M}"]
    code, out = await studio("batch", "off-peak", *window, config=config)
    assert (code, f"off-peak: {opens:%H:%M} to" in out) == (0, True), out

    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    code, out = await studio(*submit, "--schedule-at", later.isoformat(), config=config)
    assert code == 0, out
    assert f"scheduled: runs at {later.isoformat()}" in out
    at_time = out.strip().splitlines()[-1]
    code, out = await studio(*submit, "--off-peak", config=config)
    assert code == 0, out
    off_peak = out.strip().splitlines()[-1]
    async with authed(stack.url, key) as api:
        for batch_id, when in ((at_time, later), (off_peak, opens)):
            batch = (await api.get(f"/v1/batches/{batch_id}")).json()
            assert batch["status"] == "scheduled"
            assert datetime.fromisoformat(batch["scheduled_at"]) == when

    code, out = await studio(*submit, "--schedule-at", "next tuesday", config=config)
    assert (code, "not an RFC 3339 time" in out) == (2, True), out
