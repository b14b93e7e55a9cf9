"""What the chooser measures of a source: its size, noise, faces and lines of text."""

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from shared.detection import analysis_grey, detect_faces, detect_text

LAPLACIAN_DIFFERENCE = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)


@dataclass(frozen=True)
class SourceFacts:
    width: int
    height: int
    noise: float
    """Estimated noise: grey-level standard deviation (0-255)."""
    faces: int
    text_regions: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def measure(image: Image.Image) -> SourceFacts:
    """The source's facts (CPU work)."""
    rgb = np.asarray(image.convert("RGB"))
    grey = analysis_grey(rgb)
    full: NDArray[np.uint8] = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.uint8)
    return SourceFacts(
        image.width,
        image.height,
        round(noise_sigma(full), 2),
        len(detect_faces(grey)),
        len(detect_text(grey)),
    )


def noise_sigma(grey: NDArray[np.uint8]) -> float:
    """Immerkær's fast noise estimate (1996): the mean absolute response to a Laplacian
    difference mask, which cancels smooth shading and edges to first order."""
    height, width = grey.shape
    if height < 3 or width < 3:
        return 0.0
    response = cv2.filter2D(grey.astype(np.float32), -1, LAPLACIAN_DIFFERENCE)[1:-1, 1:-1]
    total = float(np.abs(response).sum())
    return float(math.sqrt(math.pi / 2) * total / (6 * (width - 2) * (height - 2)))
