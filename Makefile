VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-nodeps.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip==24.3.1
	$(PIP) install -q -r requirements.txt -r requirements-dev.txt
	$(PIP) install -q --no-deps -r requirements-nodeps.txt
	$(PIP) install -q --no-deps -e .
	touch $(STAMP)

demo: install
	$(VENV)/bin/newsprism analyze fixtures/demo/articles --json demo-report.json --md demo-report.md --db demo.db
	@echo "report: demo-report.md (Markdown), demo-report.json (JSON), stored in demo.db"

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check newsprism tests bench
	$(VENV)/bin/mypy newsprism

bench: install
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) demo-report.json demo-report.md demo.db
