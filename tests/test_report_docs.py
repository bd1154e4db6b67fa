"""docs/output.md documents every key that build_report emits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from newsprism.model import DERIVATION_KINDS, DISCREPANCY_KINDS, GROUP_STATUSES, REMOVED_KINDS
from newsprism.report import build_report
from newsprism.report.example import example_analysis

DOC = Path(__file__).resolve().parent.parent / "docs" / "output.md"


def _keys(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(key)
            if key != "algorithms":  # its keys are stage names chosen by the run
                _keys(item, out)
    elif isinstance(value, list):
        for item in value:
            _keys(item, out)
    return out


def _documented() -> set[str]:
    return set(re.findall(r"`([^`]+)`", DOC.read_text(encoding="utf-8")))


def test_report_docs_name_every_emitted_key() -> None:
    keys = _keys(build_report(example_analysis()), set())
    documented = _documented() | {
        part for name in _documented() for part in re.split(r"[.,\s]+", name)
    }
    assert sorted(keys - documented) == []


def test_report_docs_name_every_status_and_kind() -> None:
    documented = _documented()
    names = {*GROUP_STATUSES, *DISCREPANCY_KINDS, *DERIVATION_KINDS, *REMOVED_KINDS}
    assert sorted(names - documented) == []
