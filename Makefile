# The two commands: `make run` and `make test`. Each sets itself up (virtualenv, install, migrate).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench vendor-static clean

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

# The tracker at national scale: 100,000 items over every panel in a separate SQLite file
# (seeded once); bench_dashboard times the panel with the most.
BENCH_ENV := DATABASE_URL=sqlite:///bench.sqlite3 DEBUG=false SECRET_KEY=bench-only
bench: $(STAMP)
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput -v0
	@$(BENCH_ENV) $(BIN)/python manage.py shell -c "from scrutiny.models import TrackedItem; \
		raise SystemExit(0 if TrackedItem.all_panels.count() >= 100000 else 1)" \
		|| $(BENCH_ENV) $(BIN)/python manage.py seed_scale --items 100000
	$(BENCH_ENV) $(BIN)/python manage.py bench_dashboard
	$(BIN)/python scripts/bench_parser.py

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
