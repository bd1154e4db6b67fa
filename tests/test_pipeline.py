"""The stage runner: order check, error policy, settings layers."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.errors import ConfigError, InputError, NewsprismError, StageOrderError
from newsprism.pipeline import STAGES, Stage, analyze, check_order
from newsprism.resources import Resources


def test_pipeline_shipped_stages_are_in_order() -> None:
    check_order(STAGES, ("sources",))


def test_pipeline_order_check_names_the_missing_product() -> None:
    by_name = {s.name: s for s in STAGES}
    swapped = (by_name["ingest"], by_name["stories"], by_name["clean"])
    with pytest.raises(StageOrderError, match="'stories' needs articles"):
        check_order(swapped, ("sources",))


def test_pipeline_custom_stage_runs_before_nothing_flows() -> None:
    ran: list[str] = []

    def late(ctx: dict[str, object], s: Settings, r: Resources) -> dict[str, object]:
        ran.append("late")
        return {}

    with pytest.raises(StageOrderError):
        check_order((Stage("late", ("never",), (), late),), ("sources",))
    assert ran == []


def test_pipeline_strict_policy_raises_on_bad_input(tmp_path, resources: Resources) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02 binary" * 20)
    with pytest.raises(InputError, match="binary"):
        analyze(
            [str(tmp_path / "bin.txt")], settings=Settings(on_error="raise"), resources=resources
        )


def test_pipeline_duplicate_text_is_analysed_once(tmp_path, demo_dir, resources) -> None:
    text = (demo_dir / "articles" / "tram_radio_eastmoor.md").read_bytes()
    (tmp_path / "a.md").write_bytes(text)
    (tmp_path / "b.md").write_bytes(text)
    result = analyze([str(tmp_path)], resources=resources)
    assert sum(len(s.articles) for s in result.analysis.stories) == 1
    assert [r.reason for r in result.analysis.rejections] == [f"same text as {tmp_path / 'a.md'}"]
    assert set(result.timings) == {s.name for s in STAGES}


def test_pipeline_settings_layers_env_then_overrides() -> None:
    s = Settings.load({"NEWSPRISM_DB": "env.db", "NEWSPRISM_MAX_BYTES": "1000"})
    assert (s.db, s.ingest.max_bytes) == ("env.db", 1000)
    s = Settings.load({"NEWSPRISM_DB": "env.db"}, db="cli.db", max_bytes=None)
    assert s.db == "cli.db"


def test_pipeline_settings_reject_bad_values() -> None:
    with pytest.raises(ConfigError):
        Settings(on_error="ignore")
    with pytest.raises(ConfigError):
        Settings.load({"NEWSPRISM_MAX_BYTES": "lots"})
    assert issubclass(ConfigError, NewsprismError)


def test_pipeline_headline_is_the_most_original_articles_title() -> None:
    from newsprism.model import Article, Derivation
    from newsprism.pipeline import origin_headline

    def art(title: str) -> Article:
        return Article(id=title, source=title, text=title, title=title)

    wire, copy, other = art("Wire"), art("Copy"), art("Other")
    edges = [Derivation("Copy", "Wire", "copy", "shared text", 0.9)]
    assert origin_headline([copy, other, wire], edges) == "Wire"
    assert origin_headline([other, wire], []) == "Other"  # no derivations: the earliest
