"""The shipped dashboard and alert rules only use metrics the services really export."""

import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import services.billing.metrics
import services.editing.metrics

# Importing these registers every metric the services export.
import services.gateway.events.fanout
import services.gateway.events.sweeper
import services.generation.metrics
import services.optimizer.metrics
import services.transform.metrics  # noqa: F401
import shared.metrics  # noqa: F401

OBSERVABILITY = Path(__file__).resolve().parents[2] / "deploy" / "observability"
STUDIO_METRIC = re.compile(r"\bstudio_[a-z_]+")


def exported() -> set[str]:
    return set(REGISTRY._names_to_collectors)


def test_alert_rules_use_exported_metrics() -> None:
    rules = yaml.safe_load((OBSERVABILITY / "alerts.yml").read_text())
    exprs = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    used = {name for expr in exprs for name in STUDIO_METRIC.findall(expr)}
    assert used
    assert used <= exported(), used - exported()


def test_dashboard_uses_exported_metrics() -> None:
    dashboard = json.loads((OBSERVABILITY / "grafana" / "image-studio.json").read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {name for expr in exprs for name in STUDIO_METRIC.findall(expr)}
    assert used
    assert used <= exported(), used - exported()
