# One task runner, the same locally and in CI.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9

.PHONY: install system up down logs test lint format typecheck contracts settings-doc bench clean

install: $(VENV)/.installed node_modules/.installed system

## Debian packages the local stack runs: nginx (the ingress in front of the gateway).
system:
	@command -v nginx >/dev/null || command -v /usr/sbin/nginx >/dev/null || { \
	  [ "$$(id -u)" = 0 ] || { echo "error: nginx is needed: apt-get install nginx-light (as root)"; exit 1; }; \
	  apt-get install -y -q --no-install-recommends nginx-light >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends nginx-light >/dev/null; }; }

$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet uv==$(UV_VERSION)
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

## The repository's Node tools (the OpenAPI linter), from package-lock.json.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found (Node 20 or later is required)"; exit 1; }
	npm ci --silent --no-audit --no-fund
	@touch $@

## Start the local stack (Kafka-protocol, S3 and MongoDB-wire servers) and every service.
## `make up EMULATOR=1` also runs the provider emulator and points every provider at it;
## `make up SCALE=gateway=2,generation=3` runs that many instances of those services.
up: install
	$(PY) -m deploy.local up $(if $(EMULATOR),--emulator) $(if $(SCALE),--scale $(SCALE))

## Stop everything `make up` started.
down:
	@if [ -x $(PY) ]; then $(PY) -m deploy.local down; else echo "nothing to stop"; fi

logs:
	tail -n 200 -f .studio/logs/services.log

## Lint, type-check and run every test tier (the test session starts its own stack on free ports).
test: install lint typecheck
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	npx --no-install redocly lint --format=stylish

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: install
	$(VENV)/bin/mypy

## Regenerate JSON Schema + AsyncAPI from contracts/, the OpenAPI document from the routes, the SDK's
## models from that document, and .env.example + the README settings table.
contracts: install
	$(PY) -m contracts.export
	$(PY) -m services.gateway.api.openapi
	$(PY) -m deploy.sdk_models
	$(PY) -m deploy.settings_doc

bench: install
	$(PY) bench/pipeline.py
	$(PY) bench/providers.py
	$(PY) bench/optimizer.py
	$(PY) bench/editing.py
	$(PY) bench/transform.py
	$(PY) bench/batch.py

clean: down
	rm -rf .studio
