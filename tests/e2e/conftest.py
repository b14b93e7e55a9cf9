"""Fixtures of the end-to-end tier."""

from collections.abc import AsyncIterator

import pytest

from emulator.control import EmulatorControl
from tests.support.stack import RunningStack


@pytest.fixture
async def emulator(stack: RunningStack) -> AsyncIterator[EmulatorControl]:
    """The stack's provider emulator, well-behaved before and after the test."""
    control = EmulatorControl(stack.emulator_url)
    await control.reset()
    yield control
    await control.reset()
    await control.close()
