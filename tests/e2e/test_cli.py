"""The `studio` command line, run as a subprocess against the local stack."""

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.support.stack import RunningStack

STUDIO = [sys.executable, "-m", "cli"]


async def studio(*args: str, config: Path, stdin: str = "") -> tuple[int, str]:
    """Run `studio ARGS` to its end; its exit code and everything it printed."""
    env = os.environ | {"STUDIO_CONFIG": str(config), "COLUMNS": "200", "NO_COLOR": "1"}
    process = await asyncio.create_subprocess_exec(
        *STUDIO,
        *args,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(stdin.encode()), 180)
    return process.returncode or 0, out.decode()


async def test_the_cli_runs_a_campaign_end_to_end(stack: RunningStack, tmp_path: Path) -> None:
    config = tmp_path / "studio.json"
    key = await stack.tenant(plan="pro", credits=100)
    code, out = await studio("login", "--url", stack.url, "--key", key, config=config)
    assert code == 0, out

    campaign = tmp_path / "campaign.csv"
    campaign.write_text("product\nred shoes\ngreen hat\nblue bag\n")
    template = {
        "kind": "generate",
        "params": {"prompt": "{product} on white", "quality": "draft", "width": 64, "height": 64},
    }
    submit = ["batch", "submit", str(campaign), "--template", json.dumps(template)]
    code, out = await studio(*submit, "--dry-run", config=config)
    assert code == 0, out
    assert "3 rows; 3 credits" in out

    code, out = await studio(*submit, config=config, stdin="y\n")
    assert code == 0, out
    batch_id = out.strip().splitlines()[-1]
    assert batch_id.startswith("bat_")

    code, out = await studio("batch", "watch", batch_id, config=config)
    assert code == 0, out
    assert "3 completed, 0 failed" in out

    folder = tmp_path / "out"
    code, out = await studio("batch", "download", batch_id, str(folder), config=config)
    assert code == 0, out
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["files"]) == 3
    assert all((folder / entry["file"]).is_file() for entry in manifest["files"])

    code, out = await studio("jobs", config=config)
    assert code == 0
    assert out.count(batch_id) == 3


async def test_the_cli_says_why_with_its_exit_code(stack: RunningStack, tmp_path: Path) -> None:
    config = tmp_path / "studio.json"
    code, out = await studio("jobs", config=config)
    assert (code, "not logged in" in out) == (2, True)

    key = await stack.tenant(plan="free", credits=0)
    assert (await studio("login", "--url", stack.url, "--key", key, config=config))[0] == 0
    campaign = tmp_path / "bad.csv"
    campaign.write_text("kind,prompt,quality\ngenerate,ok,draft\nnope,x,draft\n")
    code, out = await studio("batch", "submit", str(campaign), "--yes", config=config)
    assert code == 4, out  # the Free plan has no batches: 402

    code, out = await studio("generate", "a fox", "--quality", "draft", config=config)
    assert code == 4, out  # no credits

    code, out = await studio("login", "--url", stack.url, "--key", "wrong", config=config)
    assert code == 3, out


async def test_generate_saves_the_images(stack: RunningStack, tmp_path: Path) -> None:
    config = tmp_path / "studio.json"
    key = await stack.tenant(plan="pro", credits=100)
    assert (await studio("login", "--url", stack.url, "--key", key, config=config))[0] == 0
    out_dir = tmp_path / "images"
    code, out = await studio(
        "generate",
        "a lighthouse",
        "--quality",
        "draft",
        "--variations",
        "2",
        "--out",
        str(out_dir),
        config=config,
    )
    assert code == 0, out
    assert len(list(out_dir.iterdir())) == 2
