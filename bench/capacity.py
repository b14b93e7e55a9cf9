"""Capacity model: replicas per service, Kafka partitions, MongoDB and S3 sizing for a target
load (`docs/capacity.md`).

Per-replica figures come from `bench/capacity_inputs.json`, each with the bench command that
measured it, its date and its value (`python bench/scale.py --record` rewrites them from a run);
pod CPU from the Kubernetes manifests it sizes (`deploy/k8s/base/<service>.yaml`); worker and
provider concurrency and rate limits from the generation settings in force; provider latencies and
routes from the catalog (`contracts/catalog/providers/`).

    python bench/capacity.py                  # 1,000 submits/s; 100,000 images/h at the mix below
    python bench/capacity.py --mix draft=1 --images-per-hour 20000
    python bench/capacity.py --mix standard:stability=0.6,draft=0.3,premium:stability=0.1
"""

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capacity_model import WORK, Inputs, Plan, ProviderLimits, Route, Target, plan, replica_rate

from contracts.billing.estimates import priced_routes
from contracts.catalog.models import Quality
from contracts.catalog.providers.local_draft import LOCAL_DRAFT_RENDERER
from contracts.media import size_for_ratio
from contracts.params.generate import GenerateParams
from services.gateway.settings import GatewaySettings
from services.generation.settings import GenerationSettings

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "bench" / "capacity_inputs.json"
MANIFESTS = REPO / "deploy" / "k8s" / "base"
DEFAULT_MIX = "standard=0.6,draft=0.3,premium=0.1"
PER_COLLECTION = ("writes_per_job", "documents_per_job", "bytes_per_document")
SINGLE = (
    "generation.cpu_ms_per_draft_image",
    "generation.cpu_ms_per_provider_image",
    "commands_per_job",
    "messages_per_job",
    "bytes_per_draft_image",
)
GB = 1e9


def routes_of(mix: str) -> tuple[Route, ...]:
    """`tier[:provider]=share,...` as routes: each slice on the route `provider: auto` (or the
    named provider) takes first, the cheapest of its tier; the shares must add up to 1."""
    routes = []
    for part in filter(None, (piece.strip() for piece in mix.split(","))):
        where, _, share = part.partition("=")
        tier, _, provider = where.partition(":")
        quality = Quality(tier)
        params = GenerateParams(prompt="capacity", quality=quality, provider=provider or "auto")
        spec, price = priced_routes(params)[0]
        local = spec.provider == LOCAL_DRAFT_RENDERER.name
        routes.append(
            Route(tier, spec.provider, spec.model, float(share), price.seconds_per_unit, local)
        )
    if abs(sum(route.share for route in routes) - 1) > 1e-6:
        raise ValueError(f"the shares of {mix!r} add up to {sum(r.share for r in routes)}, not 1")
    return tuple(routes)


def figures_of(path: Path) -> dict[str, dict[str, Any]]:
    return dict(json.loads(path.read_text())["figures"])


def load_inputs(path: Path, image_format: str = "png") -> Inputs:
    """The measured figures of `path`, the pods' CPU and the generation settings; provider
    images are stored as `image_format` (a photograph's bytes per pixel in it)."""
    values = {name: float(entry["value"]) for name, entry in figures_of(path).items()}
    generation = GenerationSettings()
    pixels = size_for_ratio("1:1")[0] * size_for_ratio("1:1")[1]
    return Inputs(
        cpu_ms_per_job={s: values[f"cpu_ms_per_job.{s}"] for s in ("gateway", *WORK)},
        cpu_ms_per_image={
            image: values[f"generation.cpu_ms_per_{image}_image"] for image in ("draft", "provider")
        },
        pod_cpu={s: pod_cpu(s) for s in ("gateway", *WORK, "generation")},
        worker_slots=generation.worker.concurrency,
        providers={
            name: ProviderLimits(p.concurrency, p.rate_per_s)
            for name, p in generation.providers.items()
        },
        writes_per_job=family(values, "writes_per_job"),
        documents_per_job=family(values, "documents_per_job"),
        bytes_per_document=family(values, "bytes_per_document"),
        commands_per_job=values["commands_per_job"],
        messages_per_job=values["messages_per_job"],
        bytes_per_image={
            "draft": values["bytes_per_draft_image"],
            "provider": values[f"photo_bytes_per_pixel.{image_format}"] * pixels,
        },
        kept_days={"job_events": GatewaySettings().event_history_days},
    )


def family(values: dict[str, float], prefix: str) -> dict[str, float]:
    """`prefix.<name>` figures by name."""
    return {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith(prefix + ".")}


def pod_cpu(service: str) -> float:
    """Cores the service's Deployment requests per pod."""
    for doc in yaml.safe_load_all((MANIFESTS / f"{service}.yaml").read_text()):
        if doc and doc["kind"] == "Deployment":
            cpu = str(
                doc["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["cpu"]
            )
            return float(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)
    raise ValueError(f"no Deployment in {service}.yaml")


def record(figures: dict[str, float], command: str, path: Path = INPUTS) -> None:
    """Put a run's figures in the inputs file, each with the command and today's date."""
    body = json.loads(path.read_text())
    day = datetime.now(UTC).date().isoformat()
    for name, value in sorted(figures.items()):
        body["figures"][name] = {"value": round(value, 4), "date": day, "command": command}
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n")


def print_inputs(path: Path, image_format: str) -> None:
    """The figures the model reads, each with its date and the command that measured it (the
    per-collection ones by family)."""
    used = (*(f"cpu_ms_per_job.{s}" for s in ("gateway", *WORK)), *SINGLE)
    used += (f"photo_bytes_per_pixel.{image_format}",)
    print("| input | value | date | measured by |\n|---|---|---|---|")
    figures = figures_of(path)
    for name in used:
        entry = figures[name]
        print(f"| {name} | {entry['value']:.4g} | {entry['date']} | {entry['command']} |")
    for family_name in PER_COLLECTION:
        rows = [e for n, e in figures.items() if n.startswith(family_name + ".")]
        dates = "/".join(sorted({str(row["date"]) for row in rows}))
        commands = "; ".join(sorted({str(row["command"]) for row in rows}))
        total = (
            ""
            if family_name == "bytes_per_document"
            else f", {sum(r['value'] for r in rows):.4g} in all"
        )
        print(f"| {family_name} | {len(rows)} collections{total} | {dates} | {commands} |")
    print()


def print_plan(target: Target, inputs: Inputs, result: Plan) -> None:
    print(
        f"target: {target.submits_per_s:,.0f} submits/s at the peak; "
        f"{target.images_per_hour:,.0f} images/h = {target.images_per_s:.1f} images/s, "
        f"{target.jobs_per_s:.1f} jobs/s sustained"
    )
    for r in target.routes:
        print(f"  {r.share:.0%} {r.tier}: {r.provider} {r.model} ({r.latency_s:g} s an image)")
    print("\n| service | pod CPU | per replica | needs | replicas | ceiling | bound by |")
    print("|---|---|---|---|---|---|---|")
    for name, sizing in result.services.items():
        rate = _per_replica(target, inputs, name)
        print(
            f"| {name} | {inputs.pod_cpu[name]:g} | {rate} | {sizing.need:.2f} | "
            f"{sizing.replicas} | {sizing.ceiling} | {sizing.bound_by} |"
        )
    _print_providers(inputs, result)
    _print_stores(result)


def _print_providers(inputs: Inputs, result: Plan) -> None:
    if not result.providers:
        print("\nNo provider calls: every image is drawn locally.")
        return
    replicas = result.services["generation"].replicas
    print(
        "\n| provider | images/s | calls in flight | per replica: concurrency, rate | needs "
        f"| {replicas} replicas may start |\n|---|---|---|---|---|---|"
    )
    for name, load in result.providers.items():
        limits = inputs.providers[name]
        print(
            f"| {name} | {load.images_per_s:.1f} | {load.in_flight:.0f} | "
            f"{limits.concurrency}, {limits.rate_per_s:g}/s | {load.replicas_needed:.2f} | "
            f"{replicas * limits.rate_per_s:g} calls/s |"
        )


def _per_replica(target: Target, inputs: Inputs, service: str) -> str:
    if service == "generation":
        cpu = inputs.cpu_ms_per_image
        draft = replica_rate(inputs.pod_cpu[service], cpu["draft"], target.utilisation)
        fitted = replica_rate(inputs.pod_cpu[service], cpu["provider"], target.utilisation)
        return f"{draft:.1f} drafts/s or {fitted:.0f} provider images/s (CPU)"
    rate = replica_rate(inputs.pod_cpu[service], inputs.cpu_ms_per_job[service], target.utilisation)
    return f"{rate:.0f} {'submissions' if service == 'gateway' else 'jobs'}/s"


def _print_stores(result: Plan) -> None:
    print(
        f"\nKafka: {result.partitions} partitions per topic (KAFKA_PARTITIONS); "
        f"{result.kafka_messages_per_s:,.0f} messages/s sustained"
    )
    print(
        f"MongoDB: {result.mongo_writes_per_s:,.0f} document writes/s sustained "
        f"(at most {result.mongo_peak_writes_per_s:,.0f}/s at the submission peak), "
        f"{result.mongo_commands_per_s:,.0f} commands/s; "
        f"{result.mongo_bytes_per_day / GB:.2f} GB of documents a day, "
        f"{result.mongo_bytes_after_30_days / GB:.1f} GB after 30 days (BSON, before indexes)"
    )
    print(
        f"S3: {result.s3_puts_per_s:.1f} PUT/s, {result.s3_gets_per_s:.1f} GET/s; "
        f"{result.s3_bytes_per_day / GB:.1f} GB a day ({result.s3_bytes_per_day * 30 / GB:,.0f}"
        " GB in 30 days)"
    )


def main(
    submits_per_s: Annotated[float, typer.Option(help="Peak submissions a second.")] = 1000,
    images_per_hour: Annotated[float, typer.Option(help="Images generated an hour.")] = 100_000,
    mix: Annotated[str, typer.Option(help="tier[:provider]=share,...")] = DEFAULT_MIX,
    images_per_job: Annotated[int, typer.Option(help="Variations per job.")] = 1,
    downloads_per_image: Annotated[float, typer.Option(help="GETs of each image.")] = 1.0,
    utilisation: Annotated[float, typer.Option(help="Share of pod CPU used.")] = 0.7,
    headroom: Annotated[float, typer.Option(help="Ceiling over needed replicas.")] = 2.0,
    image_format: Annotated[
        str, typer.Option("--format", help="Provider images' format: png, jpeg, webp.")
    ] = "png",
    inputs: Annotated[Path, typer.Option(help="The measured figures.")] = INPUTS,
) -> None:
    target = Target(
        submits_per_s,
        images_per_hour,
        routes_of(mix),
        images_per_job=images_per_job,
        downloads_per_image=downloads_per_image,
        utilisation=utilisation,
        headroom=headroom,
    )
    measured = load_inputs(inputs, image_format)
    print_inputs(inputs, image_format)
    print_plan(target, measured, plan(target, measured))


if __name__ == "__main__":
    typer.run(main)
