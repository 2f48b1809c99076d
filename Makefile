# One command to run the assistant, one to test it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.10 (Rasa 3.6 needs 3.8-3.10): given as PYTHON=..., else pyenv's, else PATH.
PYTHON ?= $(shell for p in $$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V | tail -1) $$(command -v python3.10); do $$p -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null && echo $$p && break; done)

RASA_VENV := .venv-rasa
APP_VENV  := .venv-app
RASA      := $(RASA_VENV)/bin/rasa
APP_PY    := $(APP_VENV)/bin/python

# Settings (README, "Settings"); each can be overridden from the environment.
export RASA_PORT            ?= 5005
export RASA_INTERFACE       ?= 127.0.0.1
export ACTIONS_PORT         ?= 5055
export WEB_PORT             ?= 8080
export RASA_ENDPOINTS       ?= endpoints.yml
export TRACKER_STORE_URL    ?= sqlite:///$(CURDIR)/var/tracker.db
export ACTION_ENDPOINT_URL  ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export SANIC_HOST ?= 127.0.0.1
export TF_CPP_MIN_LOG_LEVEL ?= 2
# make run-cluster (README, "Scaling out"): the load balancer's ports; the instances take
# CLUSTER_PORTS_FROM (5201) on: Rasa +0 +1, action servers +10 +11, bot.web +20 +21.
export CLUSTER_WEB_PORT     ?= 8090
export CLUSTER_RASA_PORT    ?= 5090

MODEL := models/current.tar.gz

.PHONY: help venvs chromium postgres run run-cluster bench-cluster shell train rollback model-check validate test lint unit integration rasa-tests e2e evaluate evaluate-conversations calibrate-retrieval bench bench-web bench-insight clean

help:
	@echo "make run       start the assistant (Rasa server $(RASA_PORT), action server $(ACTIONS_PORT))"
	@echo "make run-cluster  two of each service behind HAProxy ($(CLUSTER_WEB_PORT), $(CLUSTER_RASA_PORT))"
	@echo "make shell     chat with it in the terminal"
	@echo "make test      every test (what CI runs)"
	@echo "make train     annotations -> training data, train, evaluate, put live if not worse (FORCE=1)"
	@echo "make rollback  the previous model goes live again"
	@echo "make validate | evaluate | evaluate-conversations | bench"

# --- environments -------------------------------------------------------------------
venvs: $(RASA_VENV)/.installed $(APP_VENV)/.installed

$(RASA_VENV)/.installed: requirements/rasa.txt
	@test -n "$(PYTHON)" || { echo "Python 3.10 not found: install it (pyenv install 3.10) or pass PYTHON=/path/to/python3.10"; exit 1; }
	@echo "Creating the Rasa environment ($(RASA_VENV)), about a minute..."
	@test -d $(RASA_VENV) || $(PYTHON) -m venv $(RASA_VENV)
	@$(RASA_VENV)/bin/pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@$(RASA_VENV)/bin/pip install -q -r requirements/rasa.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(RASA_VENV)/bin/python -c "import rasa, spacy_lookups_data" && touch $@

$(APP_VENV)/.installed: requirements/app.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.10 not found: install it (pyenv install 3.10) or pass PYTHON=/path/to/python3.10"; exit 1; }
	@echo "Creating the application environment ($(APP_VENV))..."
	@test -d $(APP_VENV) || $(PYTHON) -m venv $(APP_VENV)
	@$(APP_VENV)/bin/pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@$(APP_VENV)/bin/pip install -q -r requirements/app.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(APP_VENV)/bin/pip install -q -e . --no-deps 2>&1 | grep -v "^WARNING: Location" || true
	@$(APP_PY) -c "import rasa_sdk, sqlalchemy, aiohttp, spacy_lookups_data" && test -x $(APP_VENV)/bin/bot && touch $@

# Test and lint tools (requirements/dev.txt, requirements/rasa-dev.txt): only the tests need them.
DEV_TOOLS := $(APP_VENV)/.dev-installed $(RASA_VENV)/.dev-installed

$(APP_VENV)/.dev-installed: requirements/dev.txt $(APP_VENV)/.installed
	@$(APP_VENV)/bin/pip install -q -r requirements/dev.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(APP_PY) -c "import pytest, playwright, aiosmtpd" && test -x $(APP_VENV)/bin/ruff && touch $@

$(RASA_VENV)/.dev-installed: requirements/rasa-dev.txt $(RASA_VENV)/.installed
	@$(RASA_VENV)/bin/pip install -q -r requirements/rasa-dev.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(RASA_VENV)/bin/python -c "import pytest" && touch $@

# The JavaScript linter (package.json, package-lock.json), from the npm registry.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The browser tests drive Debian's Chromium (never `playwright install`, which downloads
# a browser of its own): installed here when missing and we may, else the one command.
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's Chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing for the browser tests; run: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

# The machine's PostgreSQL (127.0.0.1:5432, database `test`): started when it is installed but down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  cluster=$$(ls /etc/postgresql 2>/dev/null | head -1); \
	  test -z "$$cluster" || pg_ctlcluster --skip-systemctl-redirect "$$cluster" main start || true; }

# --- model --------------------------------------------------------------------------
# The first model, when there is none (`make run` on a fresh clone): trained and installed.
$(MODEL): | $(RASA_VENV)/.installed $(APP_VENV)/.installed
	$(APP_PY) -m bot.training first-model

# The maintainers' pipeline (README, "For maintainers"): the review's annotations into
# data/nlu/<lang>/reviewed.yml, validate, train a candidate if the inputs changed (or
# FORCE=1), evaluate it against the live model, refuse it when worse, else put it live
# in the running Rasa server (RASA_URL, RASA_TOKEN) and keep the previous for rollback.
train: venvs
	$(APP_PY) -m bot.training train

rollback: venvs
	$(APP_PY) -m bot.training rollback

# The tests use the live model as it is: say so when the training inputs changed since.
model-check: $(APP_VENV)/.installed
	@$(APP_PY) -m bot.training check

validate: $(RASA_VENV)/.installed
	$(RASA) data validate --config config.yml --domain domain.yml --data data/nlu data/rules

# --- running ------------------------------------------------------------------------
run: venvs $(MODEL)
	@mkdir -p var
	@$(APP_PY) -m bot.run_all

# Two of each service behind HAProxy (installed from Debian's packages when missing),
# on PostgreSQL and Redis; Ctrl-C stops it all.
run-cluster: venvs $(MODEL)
	@mkdir -p var
	@$(APP_PY) -m bot.cluster

shell: venvs $(MODEL)
	@mkdir -p var
	@$(APP_PY) -m bot.run_all --shell

# --- tests --------------------------------------------------------------------------
# Installs what the tests need (test tools, the JavaScript linter, Chromium), then runs them all.
test: venvs $(DEV_TOOLS) chromium postgres lint validate unit integration rasa-tests e2e

lint: $(APP_VENV)/.dev-installed node_modules/.installed
	$(APP_VENV)/bin/ruff check bot actions tests scripts
	$(APP_VENV)/bin/ruff format --check bot actions tests scripts
	$(APP_VENV)/bin/mypy bot actions scripts tests
	node_modules/.bin/eslint bot/web/public/static

unit: $(DEV_TOOLS)
	$(APP_VENV)/bin/pytest -q tests/unit
	$(RASA_VENV)/bin/pytest -q -p no:cacheprovider tests/rasa_env

# Real databases (SQLite and the machine's PostgreSQL), real SMTP on loopback, no Rasa.
integration: $(APP_VENV)/.dev-installed postgres
	$(APP_VENV)/bin/pytest -q tests/integration

rasa-tests: $(MODEL) model-check
	ACTION_FAILURE_APOLOGY=off $(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out var/results/core

e2e: venvs $(APP_VENV)/.dev-installed chromium postgres $(MODEL) model-check
	$(APP_VENV)/bin/pytest -q tests/e2e

# --- measuring ----------------------------------------------------------------------
evaluate: $(RASA_VENV)/.installed
	$(RASA_VENV)/bin/python scripts/evaluate_nlu.py --out var/evaluation

# The conversation test set (tests/conversations/) played against the real servers, which
# this starts on free ports with the trained model; exits 1 when a language passes less
# than CONVERSATIONS_MIN (0-1) of CONVERSATION_FILES.
CONVERSATIONS_MIN ?= 0
CONVERSATION_FILES ?= tests/conversations/*.yml
evaluate-conversations: venvs $(MODEL)
	$(APP_PY) scripts/evaluate_conversations.py --serve --min $(CONVERSATIONS_MIN) \
		--json var/evaluation/conversations.json --failures var/evaluation/conversations.md \
		$(CONVERSATION_FILES)

calibrate-retrieval: $(APP_VENV)/.installed
	$(APP_PY) scripts/calibrate_retrieval.py

bench: venvs $(MODEL)
	$(APP_PY) scripts/bench.py

# 200 concurrent chats through bot.web's gateway to the real Rasa server: reply times.
bench-web: venvs $(MODEL)
	nice $(APP_PY) scripts/bench_web.py

# The same chat loads on one `make run` and on `make run-cluster`, in the same run.
bench-cluster: venvs $(MODEL)
	nice $(APP_PY) scripts/bench_cluster.py

# The insight page on PostgreSQL (TEST_POSTGRES_URL's server) with 100.000 synthetic conversations.
bench-insight: venvs
	$(APP_PY) scripts/bench_insight.py

clean:
	rm -rf models var .pytest_cache .mypy_cache .ruff_cache node_modules
