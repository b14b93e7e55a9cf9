"""The Kubernetes manifests, offline: both overlays render with kubectl's kustomize, every
object passes its schema (Kubernetes, KEDA, prometheus-operator, Strimzi), and every name the
manifests share with the code (settings, topics, consumer groups, ports) is the code's."""

import json
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
from cloudcoil.models.keda import v1alpha1 as keda
from cloudcoil.models.prometheus_operator import v1 as monitoring

from contracts.topics import all_topics
from deploy.k8s import rules, topics
from tests.deploy.manifests import (
    K8S,
    OVERLAYS,
    TOOLS,
    Doc,
    consumer_groups,
    container_env,
    is_setting,
    named,
    of_kind,
    pod_specs,
    render,
)

KUBERNETES = "1.35.0"
"""The oldest Kubernetes release still maintained (December 2026)."""
BUILT_IN = {"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1"}
MODELS: dict[str, Any] = {
    "ScaledObject": keda.ScaledObject,
    "TriggerAuthentication": keda.TriggerAuthentication,
    "ServiceMonitor": monitoring.ServiceMonitor,
    "PrometheusRule": monitoring.PrometheusRule,
}
KAFKA_TOPIC_SCHEMA = K8S / "schemas" / "strimzi-kafkatopic.schema.json"
KAFKA_TRIGGER_FIELDS = {
    # keda.sh/docs/2.16/scalers/apache-kafka: the trigger's metadata parameters used here
    *("bootstrapServers", "consumerGroup", "topic", "lagThreshold", "offsetResetPolicy"),
    *("allowIdleConsumers", "sasl", "tls", "activationLagThreshold"),
}
SECRET_SUFFIXES = ("API_KEY", "PASSWORD", "TOKEN", "SECRET_KEY", "ACCESS_KEY", "MONGO_URL")


@pytest.fixture(params=OVERLAYS)
def docs(request: pytest.FixtureRequest) -> tuple[Doc, ...]:
    return render(request.param)


def test_generated_manifests_are_current() -> None:
    assert topics.TARGET.read_text() == topics.render(), "run python -m deploy.k8s.topics"
    assert rules.TARGET.read_text() == rules.render(), "run python -m deploy.k8s.rules"


def test_every_kind_has_a_validator(docs: tuple[Doc, ...]) -> None:
    for doc in docs:
        known = doc["apiVersion"] in BUILT_IN or doc["kind"] in {*MODELS, "KafkaTopic"}
        assert known, f"nothing validates {doc['apiVersion']} {doc['kind']}"


def test_built_in_kinds_match_the_kubernetes_schema(docs: tuple[Doc, ...]) -> None:
    for doc in docs:
        if doc["apiVersion"] in BUILT_IN:
            kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_operator_kinds_load_into_their_models_unchanged(docs: tuple[Doc, ...]) -> None:
    """The models ignore unknown fields: a field they drop on the way back is a typo."""
    for doc in docs:
        if doc["kind"] in MODELS:
            model = MODELS[doc["kind"]].model_validate(doc)
            assert model.model_dump(mode="json", by_alias=True, exclude_unset=True) == doc


def test_kafka_topics_match_the_strimzi_schema(docs: tuple[Doc, ...], tmp_path: Path) -> None:
    files = []
    for doc in of_kind(docs, "KafkaTopic"):
        files.append(tmp_path / f"{doc['metadata']['name']}.json")
        files[-1].write_text(json.dumps(doc))
    command = [str(TOOLS / "check-jsonschema"), "--schemafile", str(KAFKA_TOPIC_SCHEMA)]
    checked = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_topics_are_the_contracts_topics(docs: tuple[Doc, ...]) -> None:
    declared = [doc["metadata"]["name"] for doc in of_kind(docs, "KafkaTopic")]
    assert sorted(declared) == sorted(all_topics())


def test_topics_agree_with_the_provisioning_settings(docs: tuple[Doc, ...]) -> None:
    """Topics the provision Job would create (no Strimzi) are the KafkaTopics' twins."""
    settings = named(docs, "ConfigMap", _settings_map(docs))["data"]
    for doc in of_kind(docs, "KafkaTopic"):
        assert doc["spec"]["partitions"] == int(settings["KAFKA_PARTITIONS"])
        assert doc["spec"]["replicas"] == int(settings["KAFKA_REPLICATION_FACTOR"])


def test_lag_triggers_name_real_groups_and_topics(docs: tuple[Doc, ...]) -> None:
    """Every trigger watches a topic its group reads, and every group of the process (but the
    control commands) is watched on each of its topics."""
    for scaled in of_kind(docs, "ScaledObject"):
        groups = consumer_groups()[scaled["spec"]["scaleTargetRef"]["name"]]
        watched = set()
        for trigger in scaled["spec"]["triggers"]:
            meta = trigger["metadata"]
            assert trigger["type"] == "kafka"
            assert set(meta) <= KAFKA_TRIGGER_FIELDS, set(meta) - KAFKA_TRIGGER_FIELDS
            assert meta["topic"] in groups[meta["consumerGroup"]]
            # shared/consumer/reader.py: auto_offset_reset="earliest", so KEDA counts the same
            assert (meta["offsetResetPolicy"], meta["allowIdleConsumers"]) == ("earliest", "false")
            watched.add((meta["consumerGroup"], meta["topic"]))
        expected = {
            (group, topic)
            for group, group_topics in groups.items()
            if not group.endswith("-control")
            for topic in group_topics
        }
        assert watched == expected


def test_replicas_never_exceed_partitions(docs: tuple[Doc, ...]) -> None:
    topics = of_kind(docs, "KafkaTopic")
    partitions = {doc["metadata"]["name"]: doc["spec"]["partitions"] for doc in topics}
    for scaled in of_kind(docs, "ScaledObject"):
        spec = scaled["spec"]
        ceiling = min(partitions[t["metadata"]["topic"]] for t in spec["triggers"])
        assert spec["minReplicaCount"] <= spec["maxReplicaCount"] <= ceiling


def test_every_variable_is_a_setting_and_secrets_are_files(docs: tuple[Doc, ...]) -> None:
    for process, pod in pod_specs(docs):
        for container in pod["containers"]:
            env = container_env(docs, container)
            unknown = [name for name in env if not is_setting(process, name)]
            assert not unknown, f"{process}: not settings: {unknown}"
            plain = [name for name in env if name.endswith(SECRET_SUFFIXES)]
            assert not plain, f"{process}: secrets given as values: {plain}"


def test_no_secret_is_in_the_manifests(docs: tuple[Doc, ...]) -> None:
    for doc in of_kind(docs, "Secret"):
        assert not doc.get("data"), doc["metadata"]["name"]
        assert not doc.get("stringData"), doc["metadata"]["name"]


def test_every_process_binds_its_port_on_every_interface(docs: tuple[Doc, ...]) -> None:
    for process, pod in pod_specs(docs):
        if process == "provision":
            continue
        container = pod["containers"][0]
        env = container_env(docs, container)
        prefix = "GATEWAY_" if process in ("gateway", "projector") else f"{process.upper()}_"
        port = env[f"{prefix}PROJECTOR_PORT" if process == "projector" else f"{prefix}PORT"]
        assert env[f"{prefix}HOST"] == "0.0.0.0"
        assert container["ports"] == [{"name": "http", "containerPort": int(port)}]


def test_every_deployment_is_probed_bounded_and_locked_down(docs: tuple[Doc, ...]) -> None:
    for deployment in of_kind(docs, "Deployment"):
        name, pod = deployment["metadata"]["name"], deployment["spec"]["template"]["spec"]
        container = pod["containers"][0]
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        assert set(container["resources"]) == {"requests", "limits"}
        assert "STUDIO_ENVIRONMENT" in container_env(docs, container), "studio-settings"
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert ":" in container["image"].rpartition("/")[2], "the overlay pins the image tag"
        assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
        assert named(docs, "Service", name)["spec"]["ports"][0]["targetPort"] == "http"
        assert named(docs, "PodDisruptionBudget", name)


def test_the_ingress_sends_streams_to_the_projector(docs: tuple[Doc, ...]) -> None:
    paths = named(docs, "Ingress", "studio")["spec"]["rules"][0]["http"]["paths"]
    routes = {path["path"]: path["backend"]["service"]["name"] for path in paths}
    assert routes == {"/v1/events": "projector", "/v1/ws": "projector", "/": "gateway"}


def test_everything_is_denied_unless_allowed(docs: tuple[Doc, ...]) -> None:
    deny = named(docs, "NetworkPolicy", "default-deny")["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def test_yaml_is_lint_clean() -> None:
    config = K8S / ".yamllint.yaml"
    linted = subprocess.run(
        [str(TOOLS / "yamllint"), "--strict", "-c", str(config), str(K8S)],
        capture_output=True,
        text=True,
    )
    assert linted.returncode == 0, linted.stdout


def _settings_map(docs: tuple[Doc, ...]) -> str:
    return str(
        next(
            doc["metadata"]["name"]
            for doc in of_kind(docs, "ConfigMap")
            if doc["metadata"]["name"].startswith("studio-settings-")
        )
    )
