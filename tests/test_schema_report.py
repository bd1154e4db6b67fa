"""The JSON Schema of the report accepts what build_report makes and rejects broken shapes."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from newsprism.model import DERIVATION_KINDS, DISCREPANCY_KINDS, GROUP_STATUSES, REMOVED_KINDS
from newsprism.report import build_report, load_schema
from newsprism.report.example import example_analysis


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def report() -> dict[str, Any]:
    return copy.deepcopy(build_report(example_analysis()))


def test_schema_accepts_the_example_report(
    validator: jsonschema.Draft202012Validator, report: dict[str, Any]
) -> None:
    errors = [e.message for e in validator.iter_errors(report)]
    assert errors == []


def test_schema_rejects_a_claim_without_start(
    validator: jsonschema.Draft202012Validator, report: dict[str, Any]
) -> None:
    del report["stories"][0]["claims"][0]["start"]
    messages = [e.message for e in validator.iter_errors(report)]
    assert messages == ["'start' is a required property"]


def test_schema_rejects_an_unknown_group_status(
    validator: jsonschema.Draft202012Validator, report: dict[str, Any]
) -> None:
    report["stories"][0]["groups"][0]["status"] = "confirmed"
    errors = list(validator.iter_errors(report))
    assert len(errors) == 1 and list(errors[0].path) == ["stories", 0, "groups", 0, "status"]


def test_schema_rejects_a_string_offset(
    validator: jsonschema.Draft202012Validator, report: dict[str, Any]
) -> None:
    report["stories"][0]["claims"][0]["quantities"][0]["end"] = "12"
    assert not validator.is_valid(report)


def test_schema_allows_extra_fields(
    validator: jsonschema.Draft202012Validator, report: dict[str, Any]
) -> None:
    report["stories"][0]["claims"][0]["score"] = 0.5
    report["extra"] = {"anything": True}
    assert validator.is_valid(report)


def test_schema_enums_match_the_model() -> None:
    defs = load_schema()["$defs"]
    assert defs["status"]["enum"] == list(GROUP_STATUSES)
    assert defs["discrepancy"]["properties"]["kind"]["enum"] == list(DISCREPANCY_KINDS)
    assert defs["derivation"]["properties"]["kind"]["enum"] == list(DERIVATION_KINDS)
    assert defs["removed"]["properties"]["kind"]["enum"] == list(REMOVED_KINDS)
