"""Kubernetes manifests (Kustomize: `base/`, `overlays/dev`, `overlays/prod`) and the scripts
that generate the parts of them that other files already say: the Kafka topics
(`python -m deploy.k8s.topics`) and the alert rules (`python -m deploy.k8s.rules`)."""
