# One task runner, the same locally and in CI.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
FONT_PACKAGES := fonts-noto-core fonts-league-spartan

.PHONY: install system browser up down logs test lint format typecheck contracts settings-doc bench clean

install: $(VENV)/.installed node_modules/.installed web/dist/.built system

## Debian packages the local stack runs: nginx (the ingress in front of the gateway),
## espeak-ng (the local draft voice of videos and avatars), the bundled fonts of text overlays
## (fonts-noto-core, fonts-league-spartan: contracts/catalog/fonts.py).
system:
	@command -v nginx >/dev/null || command -v /usr/sbin/nginx >/dev/null || { \
	  [ "$$(id -u)" = 0 ] || { echo "error: nginx is needed: apt-get install nginx-light (as root)"; exit 1; }; \
	  apt-get install -y -q --no-install-recommends nginx-light >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends nginx-light >/dev/null; }; }
	@command -v espeak-ng >/dev/null || { \
	  [ "$$(id -u)" = 0 ] || { echo "error: espeak-ng is needed: apt-get install espeak-ng (as root)"; exit 1; }; \
	  apt-get install -y -q --no-install-recommends espeak-ng >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends espeak-ng >/dev/null; }; }
	@[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] \
	  && [ -f /usr/share/fonts/opentype/league-spartan/LeagueSpartan-Bold.otf ] || { \
	  [ "$$(id -u)" = 0 ] || { echo "error: fonts are needed: apt-get install $(FONT_PACKAGES) (as root)"; exit 1; }; \
	  apt-get install -y -q --no-install-recommends $(FONT_PACKAGES) >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $(FONT_PACKAGES) >/dev/null; }; }

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

## The console (`web/`): its npm packages from web/package-lock.json, then its build (web/dist),
## which the gateway serves at /console. Rebuilt when a source changes.
CONSOLE_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
	web/vite.config.ts web/tsconfig.json
web/node_modules/.installed: web/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found (Node 20.19 or later is required)"; exit 1; }
	cd web && npm ci --silent --no-audit --no-fund
	@touch $@

web/dist/.built: web/node_modules/.installed $(CONSOLE_SOURCES)
	cd web && npm run --silent build
	@touch $@

## Debian's Chromium, which the console's browser tests drive (Playwright's own browser download
## is not used).
browser:
	@command -v chromium >/dev/null || { \
	  [ "$$(id -u)" = 0 ] || { echo "error: chromium is needed: apt-get install chromium (as root)"; exit 1; }; \
	  apt-get install -y -q --no-install-recommends chromium >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }; }

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

## Lint, type-check (the two side by side: each takes about a core) and run every test tier (the
## test session starts its own stack on free ports).
test: install browser
	$(MAKE) --no-print-directory -j2 lint typecheck
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	npx --no-install redocly lint --format=stylish
	cd web && npx --no-install eslint --max-warnings=0 .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: install
	$(VENV)/bin/mypy
	cd web && npx --no-install tsc -b

## Regenerate JSON Schema + AsyncAPI from contracts/, the OpenAPI document from the routes, the SDK's
## models and the console's types from that document, and .env.example + the README settings table.
contracts: install
	$(PY) -m contracts.export
	$(PY) -m services.gateway.api.openapi
	$(PY) -m deploy.sdk_models
	cd web && npm run --silent generate
	$(PY) -m deploy.settings_doc

bench: install browser
	$(PY) bench/pipeline.py
	$(PY) bench/providers.py
	$(PY) bench/optimizer.py
	$(PY) bench/editing.py
	$(PY) bench/transform.py
	$(PY) bench/batch.py
	$(PY) bench/console.py
	$(PY) bench/library.py

clean: down
	rm -rf .studio
