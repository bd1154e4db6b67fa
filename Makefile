VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test lint bench clean train-venv train-pair-model bench-pair-model export-embedder train-story-pairs

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
	@echo "to see it in a browser: $(VENV)/bin/newsprism serve --db demo.db, then open http://127.0.0.1:8080/"

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check newsprism tests bench scripts/screenshots.py
	$(VENV)/bin/mypy newsprism

bench: install
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) demo-report.json demo-report.md demo.db

# same-story pair model (numpy only, the project venv): ECB+ topics 1-25 and half of BASIL
# dev from ../shared; rewrites newsprism/data/story_pairs_v1.json (about 2 min)
train-story-pairs: install
	$(PY) scripts/train_story_pairs.py

# --- same-claim cross-encoder (training needs torch: a separate venv, never .venv) ---
TRAIN_VENV ?= .venv-train
TRAIN_PY := $(TRAIN_VENV)/bin/python
TRAIN_STAMP := $(TRAIN_VENV)/.installed

train-venv: $(TRAIN_STAMP)

$(TRAIN_STAMP): requirements-train.txt requirements-nodeps.txt
	test -x $(TRAIN_PY) || python3 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install -q --upgrade pip==24.3.1
	$(TRAIN_VENV)/bin/pip install -q -r requirements-train.txt
	$(TRAIN_VENV)/bin/pip install -q --no-deps -r requirements-nodeps.txt
	touch $(TRAIN_STAMP)

PAIR_CV := build/pair_model_cv.json

# 5-fold CV on MRPC train against the cosine baseline (about 25 min on 2 free cores)
bench-pair-model: train-venv
	$(TRAIN_PY) bench/pair_model.py --cv 5 --cv-out $(PAIR_CV) \
		--oof bench/results/pair_model_oof_s13.json

# train on all of MRPC train, write newsprism/data/pair_model_v1.onnx (+ .json)
train-pair-model: train-venv
	$(TRAIN_PY) scripts/train_pair_model.py --export newsprism/data/pair_model_v1.onnx \
		--cv-json $(PAIR_CV)

# export the sentence embedder to int8 ONNX: newsprism/data/embedder_v1.onnx (+ .json)
export-embedder: train-venv
	$(TRAIN_PY) scripts/export_embedder.py --out newsprism/data/embedder_v1.onnx
