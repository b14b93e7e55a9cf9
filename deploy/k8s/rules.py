"""The prometheus-operator `PrometheusRule` holding `deploy/observability/alerts.yml`'s groups
unchanged, so Prometheus in a cluster fires the same alerts as the shipped rule file.

`python -m deploy.k8s.rules` writes `base/prometheus-rule.yaml` (`--check`: exit 1 if stale).
"""

from pathlib import Path
from typing import Any

import yaml

from deploy.k8s.generated import BASE, dump, write_or_check

ALERTS = Path(__file__).resolve().parents[1] / "observability" / "alerts.yml"
TARGET = BASE / "prometheus-rule.yaml"


def prometheus_rule() -> dict[str, Any]:
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": "image-studio", "labels": {"app.kubernetes.io/name": "alerts"}},
        "spec": {"groups": groups},
    }


def render() -> str:
    return dump([prometheus_rule()], "deploy.k8s.rules")


if __name__ == "__main__":
    write_or_check(TARGET, render)
