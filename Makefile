# IMVO step-3 assistant. `make run` and `make test` do all the set-up; `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MODEL := models/imvo-assistant.tar.gz
DOMAIN := domain
REQUIREMENTS := $(wildcard requirements/*.txt)
TRAINING_FILES := config.yml $(wildcard $(DOMAIN)/*.yml) $(shell find data components -name '*.yml' -o -name '*.py' 2>/dev/null)

# Settings (override on the command line or in the environment; see README "Settings").
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export WEB_PORT ?= 8080
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export ENDPOINTS ?= endpoints.yml
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PY MODEL DOMAIN

.PHONY: help install system-packages train run cluster shell test test-fast lint format validate lookups widget db \
	import-suppliers export-suppliers prune-audit-log fuzz benchmark load-benchmark constraints clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 26

run: install train widget ## install what is missing, train if needed, load the demo data, start everything
	@scripts/run.sh

# Two pytest workers (one per core); a test file stays on one worker, so its servers start once.
PYTEST_WORKERS ?= 2
test: install system-packages train widget lint ## install what is missing and run every test
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

test-fast: install lint ## the tests that need no servers, browser or Rasa subprocess (under a minute)
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not servers and not model and not slow" -q

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## let ruff fix the format and the fixable lint findings
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

cluster: install system-packages train widget ## several Rasa servers behind nginx on RASA_PORT, Redis lock store (docs/deployment.md)
	@scripts/cluster.sh

shell: install train ## talk to the assistant in the terminal
	@mkdir -p var
	$(PY) -m entrypoints.action_server --port $(ACTION_PORT) >var/actions-shell.log 2>&1 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  $(PY) -m entrypoints.rasa_server shell -m $(MODEL) --endpoints $(ENDPOINTS)

# Training is reproducible: the same data, config and SEED give the same model on the same machine (fixed hash
# seed, deterministic TensorFlow ops, fixed thread counts; docs/evaluation.md). SEED=N trains with another DIET seed
# (config.yml's random_seed otherwise); the model is retrained when SEED changes.
SEED ?=
SEED_STAMP := models/.seed
$(shell mkdir -p models; [ -f $(SEED_STAMP) ] && [ "$$(cat $(SEED_STAMP))" = "$(SEED)" ] || echo "$(SEED)" > $(SEED_STAMP))
train: $(MODEL) ## train the model if the training data, domain, config or SEED changed (SEED=N: another seed)
$(MODEL): $(VENV)/.installed $(TRAINING_FILES) $(SEED_STAMP)
	SEED="$(SEED)" scripts/train.sh

install: $(VENV)/.installed ## create .venv and install the pinned requirements (when they changed)
$(VENV)/.installed: $(REQUIREMENTS) scripts/setup-venv.sh
	@scripts/setup-venv.sh

system-packages: ## install Debian's chromium, nginx and docker-compose (as root with apt; else says how)
	@scripts/install-system-packages.sh

validate: install ## Rasa's data validator
	$(BIN)/rasa data validate --domain $(DOMAIN) --fail-on-warnings

lookups: install ## regenerate the NLU lookup tables from the reference data
	$(PY) -m scripts.generate_nlu_lookups

WIDGET := web/dist/imvo-chat.js
# Also run when web/node_modules is missing (a fresh clone): npm ci installs axe-core for the accessibility tests.
NPM_INSTALLED := $(wildcard web/node_modules/.package-lock.json)
widget: $(WIDGET) ## build the chat widget bundle (web/dist) when its sources changed; npm ci when web/node_modules is missing
$(WIDGET): web/package.json web/package-lock.json $(wildcard web/src/*) $(if $(NPM_INSTALLED),,FORCE)
	@scripts/build-widget.sh
.PHONY: FORCE
FORCE:

db: install ## create or migrate the supplier database
	$(PY) -m actions.records.cli init-db

import-suppliers: install ## FILE=path.csv [DRY_RUN=1]: add or update your suppliers
	@test -n "$(FILE)" || { echo "Usage: make import-suppliers FILE=path/to/suppliers.csv [DRY_RUN=1]"; exit 2; }
	$(PY) -m actions.records.cli import-suppliers "$(FILE)" $(if $(DRY_RUN),--dry-run,)

export-suppliers: install ## FILE=path.csv: write your suppliers back in the same format
	@test -n "$(FILE)" || { echo "Usage: make export-suppliers FILE=path/to/suppliers.csv"; exit 2; }
	$(PY) -m actions.records.cli export-suppliers "$(FILE)"

prune-audit-log: install ## delete audit-log rows older than AUDIT_LOG_DAYS (default 365; docs/privacy.md)
	$(PY) -m actions.records.cli prune-audit-log

fuzz: install train widget ## send 3,000 generated messages to the running servers
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/pytest tests/test_fuzz.py -s -q

benchmark: install train ## print the NLU and lookup figures (benchmarks/RESULTS.md)
	$(PY) -m benchmarks.nlu_f1
	$(PY) -m benchmarks.conversations
	$(PY) -m benchmarks.records_bench

BARE_BOT := var/bare-bot
load-benchmark: install system-packages train ## reply latency at 1/10/50 conversations: bare `rasa init` vs make run vs make cluster (~15 min)
	@ls $(BARE_BOT)/models/*.tar.gz >/dev/null 2>&1 || { mkdir -p $(BARE_BOT) && cd $(BARE_BOT) && \
	  $(CURDIR)/$(BIN)/rasa init --no-prompt --init-dir . >init.log 2>&1; }
	$(PY) -m benchmarks.load --bare $(BARE_BOT)

constraints: install ## re-pin every installed version in requirements/constraints.txt
	(head -2 requirements/constraints.txt; $(BIN)/pip freeze --exclude-editable) > requirements/constraints.txt.new \
	  && mv requirements/constraints.txt.new requirements/constraints.txt

clean: ## remove the model, test results and logs (keeps .venv and your data in var/)
	rm -rf models .rasa results var/*.log
