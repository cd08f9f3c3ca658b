# The two commands: `make run` and `make test`. Each sets itself up (virtualenv, install, migrate).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench loadtest vendor-static clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo --port $(PORT)
	@echo ""
	@echo "Each panel has its own site (browsers resolve *.localhost to 127.0.0.1):"
	@echo "  LLR (seed papers):       http://$(HOST):$(PORT)/ or http://llr.localhost:$(PORT)/"
	@echo "  invented demo panels:    http://northshire.localhost:$(PORT)/ and http://westmarch.localhost:$(PORT)/"
	@echo "  every panel side by side: http://$(HOST):$(PORT)/national/"
	@echo "Sign in to LLR with member, opcc, democratic or admin, to an invented panel with"
	@echo "<slug>-member, <slug>-opcc or <slug>-democratic (password: demo); admin is the"
	@echo "national administrator, in every panel."
	@echo ""
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/pytest -n 2

# Every page at national scale: BENCH_ITEMS tracked items (a million by default) over every
# panel in the benchmark's own PostgreSQL database, created and seeded once (bench_prepare);
# bench_pages times each page against its floor and its bare SQL (bench.json), with production's
# DEBUG=false, and background work queued (to an in-process broker nobody reads) rather than run
# inside the request, as a worker would take it in production. BENCH_DATABASE_URL and
# BENCH_ITEMS may be overridden.
BENCH_ITEMS ?= 1000000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/scrutiny_bench
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=false SECRET_KEY=bench-only \
	CELERY_TASK_ALWAYS_EAGER=false
bench: $(STAMP)
	$(BENCH_ENV) $(BIN)/python manage.py bench_prepare --items $(BENCH_ITEMS)
	$(BENCH_ENV) $(BIN)/python manage.py bench_pages
	$(BIN)/python scripts/bench_parser.py

# Locust against gunicorn with the production settings on 127.0.0.1:$(LOAD_PORT), over the
# benchmark's database: LOAD_USERS users for LOAD_TIME on each page in turn (loadtest.json).
# Locust (and gevent) come from the optional `load` dependencies, kept out of the test environment.
LOAD_USERS ?= 50
LOAD_TIME ?= 30s
LOAD_PORT ?= 8100
loadtest: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[load]'
	$(BENCH_ENV) $(BIN)/python manage.py bench_prepare --items $(BENCH_ITEMS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python scripts/loadtest.py \
		--users $(LOAD_USERS) --time $(LOAD_TIME) --port $(LOAD_PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

vendor-static:
	scripts/vendor-static.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
