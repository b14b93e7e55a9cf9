"""Domain metrics of the generation service."""

from prometheus_client import Histogram

from shared.metrics import DURATION_BUCKETS

RENDER_SECONDS = Histogram(
    "studio_generation_render_seconds",
    "Time a provider took for one image.",
    ["provider"],
    buckets=DURATION_BUCKETS,
)
