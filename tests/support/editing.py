"""Helpers of the local editing tests: masks, the ring around a region, a refusal by code."""

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from shared.errors import PermanentError

Mask = NDArray[np.bool_]


def ring(region: Mask, inner: int, outer: int) -> Mask:
    """Pixels between `inner` and `outer` px outside the region."""
    plane = region.astype(np.uint8)
    near = cv2.dilate(plane, np.ones((2 * inner + 1,) * 2, np.uint8)) > 0
    far = cv2.dilate(plane, np.ones((2 * outer + 1,) * 2, np.uint8)) > 0
    return far & ~near


def refused(code: str) -> pytest.RaisesExc[PermanentError]:
    return pytest.raises(PermanentError, check=lambda error: error.code == code)
