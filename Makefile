# IMVO step-3 assistant. `make run` and `make test` do all the set-up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MODEL := models/imvo-assistant.tar.gz
TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

# Settings (override on the command line or in the environment; see README).
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export WEB_PORT ?= 8080
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export TRACKER_DIALECT ?= sqlite
export TRACKER_HOST ?=
export TRACKER_DB ?= var/tracker.db
export TRACKER_USER ?=
export TRACKER_PASSWORD ?=
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: fuzz widget help install train run shell test validate lookups constraints benchmark clean db import-suppliers export-suppliers

help:
	@echo "make run      install what is missing, train if needed, start the assistant"
	@echo "make test     install what is missing and run every test"
	@echo "make shell    talk to the assistant in the terminal (rasa shell)"
	@echo "make train    train the model if the training data changed"
	@echo "make import-suppliers FILE=path.csv [DRY_RUN=1]   add or update your suppliers"
	@echo "make export-suppliers FILE=path.csv               write them back in the same format"
	@echo "make benchmark  print the NLU and lookup figures (benchmarks/RESULTS.md)"

install: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-test.txt constraints.txt scripts/setup-venv.sh
	@scripts/setup-venv.sh

train: $(MODEL)
$(MODEL): $(VENV)/.installed $(TRAINING_FILES)
	$(BIN)/rasa train --fixed-model-name imvo-assistant --out models

db: install
	$(PY) -m actions.records.cli init-db

import-suppliers: install
	@test -n "$(FILE)" || { echo "Usage: make import-suppliers FILE=path/to/suppliers.csv [DRY_RUN=1]"; exit 2; }
	$(PY) -m actions.records.cli import-suppliers "$(FILE)" $(if $(DRY_RUN),--dry-run,)

export-suppliers: install
	@test -n "$(FILE)" || { echo "Usage: make export-suppliers FILE=path/to/suppliers.csv"; exit 2; }
	$(PY) -m actions.records.cli export-suppliers "$(FILE)"

lookups: install
	$(PY) scripts/generate_nlu_lookups.py

validate: install
	$(BIN)/rasa data validate --fail-on-warnings

WIDGET := web/dist/imvo-chat.js
widget: $(WIDGET)
$(WIDGET): web/package.json web/package-lock.json $(wildcard web/src/*)
	@scripts/build-widget.sh

run: install train $(WIDGET)
	@scripts/run.sh

shell: install train
	@mkdir -p var
	$(BIN)/rasa run actions --port $(ACTION_PORT) --actions actions >var/actions-shell.log 2>&1 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  $(BIN)/rasa shell -m $(MODEL) --endpoints endpoints.yml

test: install train $(WIDGET)
	$(BIN)/pytest

fuzz: install train $(WIDGET)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/pytest tests/test_fuzz.py -s -q

benchmark: install train
	$(PY) -m benchmarks.nlu_f1
	$(PY) -m benchmarks.records_bench

constraints: install
	(head -2 constraints.txt; $(BIN)/pip freeze --exclude-editable) > constraints.txt.new && mv constraints.txt.new constraints.txt

clean:
	rm -rf models .rasa results var/*.log
