"""The capacity model's arithmetic (`bench/capacity_model.py`) on made-up inputs: it scales with
the target, keeps partitions above every group's replicas, and sizes provider-bound work by
concurrency and latency, not CPU."""

import math
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from capacity_model import (
    CONSUMERS,
    PARTITION_COUNTS,
    Inputs,
    ProviderLimits,
    Route,
    Target,
    partitions_for,
    plan,
)

DRAFT = Route("draft", "local-draft", "draft", 1.0, 0.2, local=True)
INPUTS = Inputs(
    cpu_ms_per_job={"gateway": 1.0, "billing": 1.0, "projector": 1.0, "library": 0.5},
    cpu_ms_per_image={"draft": 50.0, "provider": 10.0},
    pod_cpu={"gateway": 0.25, "billing": 0.2, "projector": 0.25, "library": 0.1, "generation": 0.5},
    worker_slots=256,
    providers={"stability": ProviderLimits(concurrency=16, rate_per_s=15.0)},
    writes_per_job={"jobs": 4.0, "job_events": 5.0},
    documents_per_job={"jobs": 1.0, "job_events": 5.0},
    bytes_per_document={"jobs": 1000.0, "job_events": 500.0},
    commands_per_job=1.1,
    messages_per_job=5.0,
    bytes_per_image={"draft": 100_000.0, "provider": 1_500_000.0},
    kept_days={"job_events": 7},
)


def provider(share: float, latency_s: float = 4.0) -> Route:
    return Route("standard", "stability", "core", share, latency_s, local=False)


def target(
    submits: float = 1000,
    images_per_hour: float = 100_000,
    routes: tuple[Route, ...] = (replace(DRAFT, share=0.4), provider(0.6)),
) -> Target:
    return Target(submits, images_per_hour, routes)


def test_doubling_the_target_doubles_what_every_service_needs() -> None:
    once, twice = plan(target(), INPUTS), plan(target(2000, 200_000), INPUTS)
    for name, sizing in once.services.items():
        assert twice.services[name].need == pytest.approx(2 * sizing.need), name
        assert twice.services[name].replicas == math.ceil(twice.services[name].need), name
    assert twice.mongo_writes_per_s == pytest.approx(2 * once.mongo_writes_per_s)
    assert twice.s3_bytes_per_day == pytest.approx(2 * once.s3_bytes_per_day)


def test_the_gateway_follows_submissions_and_the_workers_follow_images() -> None:
    base = plan(target(), INPUTS)
    more_submits = plan(target(submits=3000), INPUTS)
    assert more_submits.services["gateway"].need == pytest.approx(3 * base.services["gateway"].need)
    assert more_submits.services["library"].need == pytest.approx(base.services["library"].need)
    assert more_submits.services["generation"].need == pytest.approx(
        base.services["generation"].need
    )
    assert more_submits.services["billing"].ceiling > base.services["billing"].ceiling


def test_partitions_are_at_least_every_groups_ceiling_and_a_divisible_count() -> None:
    for submits in (10, 1000, 20_000):
        result = plan(target(submits=submits, images_per_hour=submits * 100), INPUTS)
        assert result.partitions in PARTITION_COUNTS
        for name in CONSUMERS:
            sizing = result.services[name]
            assert result.partitions >= sizing.ceiling >= sizing.replicas, name
    assert partitions_for(5) == 6
    assert partitions_for(13) == 24


def test_a_mix_of_only_drafts_needs_no_provider_and_is_bound_by_cpu() -> None:
    result = plan(target(routes=(DRAFT,)), INPUTS)
    assert result.providers == {}
    assert result.services["generation"].bound_by == "CPU"
    images_per_s = 100_000 / 3600
    cpu_need = images_per_s * 0.050 / (0.5 * 0.7)
    assert result.services["generation"].need == pytest.approx(cpu_need)


def test_provider_calls_in_flight_follow_latency_not_cpu() -> None:
    fast = plan(target(routes=(provider(1.0, latency_s=4.0),)), INPUTS)
    slow = plan(target(routes=(provider(1.0, latency_s=8.0),)), INPUTS)
    images_per_s = 100_000 / 3600
    assert fast.providers["stability"].in_flight == pytest.approx(images_per_s * 4.0)
    assert slow.providers["stability"].in_flight == pytest.approx(2 * images_per_s * 4.0)
    assert slow.services["generation"].bound_by == "stability concurrency/rate"
    assert slow.services["generation"].need == pytest.approx(images_per_s * 8.0 / 16)
    cheaper_cpu = replace(INPUTS, cpu_ms_per_image={"draft": 50.0, "provider": 1.0})
    assert plan(target(routes=(provider(1.0, 8.0),)), cheaper_cpu).services[
        "generation"
    ].need == pytest.approx(slow.services["generation"].need)


def test_a_provider_rate_limit_binds_when_calls_are_quick() -> None:
    quick = plan(target(routes=(provider(1.0, latency_s=0.1),)), INPUTS)
    images_per_s = 100_000 / 3600
    assert quick.providers["stability"].replicas_needed == pytest.approx(images_per_s / 15.0)


def test_storage_keeps_only_the_retained_days_of_expiring_collections() -> None:
    result = plan(target(), INPUTS)
    jobs_per_day = 100_000 / 3600 * 86_400
    assert result.mongo_bytes_per_day == pytest.approx(jobs_per_day * (1000 + 5 * 500))
    assert result.mongo_bytes_after_30_days == pytest.approx(
        jobs_per_day * (30 * 1000 + 7 * 5 * 500)
    )
