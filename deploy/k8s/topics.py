"""Strimzi `KafkaTopic` resources for every topic of `contracts.topics.all_topics()`, each with
its `retention.ms` from `contracts.topics.retention_ms`.

`python -m deploy.k8s.topics` writes `base/kafka-topics.yaml` (`--check`: exit 1 if stale).
Partitions and replicas here are the base's; each overlay patches them (dev 2, prod 24 and 3),
and the KEDA ceilings (`maxReplicaCount`) follow the partitions.
"""

from typing import Any

from contracts.topics import all_topics, retention_ms
from deploy.k8s.generated import BASE, dump, write_or_check

TARGET = BASE / "kafka-topics.yaml"
PARTITIONS = 4
"""The base's partitions per topic: a consumer group's parallelism ceiling (`KAFKA_PARTITIONS`
in `settings.env` says the same for topics the provision Job would create)."""
REPLICAS = 1
CLUSTER = "studio"
"""The Strimzi `Kafka` resource's name (the overlays' `studio-dependencies` may change it)."""
NAMESPACE = "kafka"
"""Where the Strimzi Topic Operator watches `KafkaTopic` resources: the Kafka cluster's own."""


def kafka_topic(topic: str) -> dict[str, Any]:
    """One topic as a `KafkaTopic` (its Kubernetes name is the topic's: lowercase, dots,
    dashes, all valid)."""
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaTopic",
        "metadata": {
            "name": topic,
            "namespace": NAMESPACE,
            "labels": {"strimzi.io/cluster": CLUSTER, "image-studio.io/stage": "provision"},
        },
        "spec": {
            "partitions": PARTITIONS,
            "replicas": REPLICAS,
            "config": {"retention.ms": retention_ms(topic)},
        },
    }


def render() -> str:
    return dump([kafka_topic(topic) for topic in all_topics()], "deploy.k8s.topics")


if __name__ == "__main__":
    write_or_check(TARGET, render)
