"""The two sides of a same-run comparison: a baseline commit's tree (a `git worktree`, run by a
venv of that commit's own lock file under `.bench/`) and the working tree, each started as its own
local stack on free ports by `bench/stack_of_tree.py`."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PROBE = REPO / "bench" / "probe"
HELPER = REPO / "bench" / "stack_of_tree.py"


@contextmanager
def worktree(commit: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="studio-baseline-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=REPO, check=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=REPO, check=False)
        shutil.rmtree(path, ignore_errors=True)


def python_of(tree: Path, commit: str) -> Path:
    """A Python with `tree`'s pinned dependencies (made once per commit, kept under `.bench/`)."""
    venv = REPO / ".bench" / f"venv-{commit}"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        uv = [str(Path(sys.executable).parent / "uv"), "pip"]
        lock = str(tree / "requirements.lock")
        subprocess.run([*uv, "sync", "--quiet", "--python", str(python), lock], check=True)
        (venv / ".installed").touch()
    return python


@contextmanager
def stack_of(
    tree: Path, python: Path, overrides: dict[str, str], probed: bool
) -> Iterator[tuple[dict[str, Any], Path]]:
    """A stack of `tree`'s code (its services import that tree), stopped on exit: the facts
    `stack_of_tree.py` wrote and the folder the probe counts into (`probed`: services count their
    database commands and produced records, see `bench/probe/`)."""
    root = Path(tempfile.mkdtemp(prefix="studio-side-"))
    probe_dir = root / "probe"
    probe_dir.mkdir()
    path = f"{PROBE}:{tree}" if probed else str(tree)
    env = os.environ | {"PYTHONPATH": path, "STUDIO_PROBE_DIR": str(probe_dir)}
    out = root / "stack.json"
    helper = [str(python), str(HELPER)]
    start = [*helper, "start", str(root), str(out), *(f"{k}={v}" for k, v in overrides.items())]
    try:
        subprocess.run(start, cwd=tree, env=env, check=True)
        yield json.loads(out.read_text()), probe_dir
    finally:
        subprocess.run([*helper, "stop", str(root)], cwd=tree, env=env, check=False)
        shutil.rmtree(root, ignore_errors=True)
