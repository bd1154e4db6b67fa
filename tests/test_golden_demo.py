"""Golden test and quality gate on the demo corpus (fixtures/demo, expected.json).

The specific promises (stories, removed comments, derivations, independent counts, each
planted discrepancy) are asserted one by one; the aggregate scores are held against floors
pinned in tests/quality_floors.json together with a hash of the corpus, so that a floor is
never lowered, nor the corpus changed, without the file saying so.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsprism.model import Analysis, StoryAnalysis
from newsprism.pipeline import analyze
from newsprism.resources import Resources

FLOORS = Path(__file__).with_name("quality_floors.json")


@pytest.fixture(scope="module")
def expected(demo_dir: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((demo_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(demo_dir: Path, resources: Resources) -> tuple[Analysis, dict[str, str]]:
    analysis = analyze([str(demo_dir / "articles")], resources=resources).analysis
    ids = {Path(a.source).name: a.id for s in analysis.stories for a in s.articles}
    return analysis, ids


def _story_of(analysis: Analysis, aid: str) -> StoryAnalysis:
    return next(s for s in analysis.stories if aid in s.story.articles)


def corpus_hash(demo_dir: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((demo_dir / "articles").iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    h.update((demo_dir / "expected.json").read_bytes())
    return h.hexdigest()


def scores(analysis: Analysis, ids: dict[str, str], expected: dict) -> dict[str, float]:  # type: ignore[type-arg]
    found_stories = sorted(sorted(s.story.articles) for s in analysis.stories)
    want_stories = sorted(sorted(ids[f] for f in group) for group in expected["stories"])
    derivs = {
        (d.article, d.derived_from, d.kind)
        for s in analysis.stories
        for d in s.derivations
        if not d.external
    }
    want_derivs = {
        (ids[d["article"]], ids[d["derived_from"]], d["kind"]) for d in expected["derivations"]
    }
    planted = [_discrepancy_found(analysis, ids, d, expected) for d in expected["discrepancies"]]
    n_disc = sum(len(s.discrepancies) for s in analysis.stories)
    counts = [_independent_ok(analysis, ids, f) for f in expected["independent"]]
    return {
        "stories_exact": float(found_stories == want_stories),
        "derivation_recall": len(derivs & want_derivs) / len(want_derivs),
        "derivation_precision": len(derivs & want_derivs) / max(1, len(derivs)),
        "discrepancy_recall": sum(planted) / len(planted),
        "discrepancy_precision": sum(planted) / max(1, n_disc),
        "independent_accuracy": sum(counts) / len(counts),
    }


def _accounts(expected: dict, ids: dict[str, str], name: str) -> set[str]:  # type: ignore[type-arg]
    """The article and every article the golden data says derives from it: copies carry the
    same account, so a discrepancy may cite any of them."""
    out = {ids[name]}
    for d in expected["derivations"]:
        if d["derived_from"] == name:
            out.add(ids[d["article"]])
    return out


def _discrepancy_found(
    analysis: Analysis,
    ids: dict[str, str],
    want: dict,
    expected: dict,  # type: ignore[type-arg]
) -> bool:
    accounts = [_accounts(expected, ids, f) for f in want["files"]]
    story = _story_of(analysis, ids[want["files"][0]])
    article_of = {c.id: c.article for c in story.claims}
    for d in story.discrepancies:
        cited = {article_of[c] for c in d.claims}
        said = all(m in d.explanation for m in want.get("mentions", []))
        if d.kind == want["kind"] and said and all(cited & acc for acc in accounts):
            return True
    return False


def _independent_ok(analysis: Analysis, ids: dict[str, str], want: dict) -> bool:  # type: ignore[type-arg]
    files = {ids[f] for f in want["files"]}
    story = _story_of(analysis, next(iter(files)))
    return any(
        set(g.articles) == files and g.independent_sources == want["independent_sources"]
        for g in story.groups
    )


def test_golden_stories_match(run, expected) -> None:  # noqa: ANN001
    analysis, ids = run
    found = sorted(sorted(s.story.articles) for s in analysis.stories)
    assert found == sorted(sorted(ids[f] for f in group) for group in expected["stories"])


def test_golden_removed_blocks_and_kept_body(run, expected) -> None:  # noqa: ANN001
    analysis, ids = run
    articles = {a.id: a for s in analysis.stories for a in s.articles}
    for name, kinds in expected["removed"].items():
        got = {r.kind for r in articles[ids[name]].removed}
        assert set(kinds) <= got, name
    for name, snippets in expected["removed_text"].items():
        art = articles[ids[name]]
        for snippet in snippets:
            assert snippet not in art.text, (name, snippet)
            assert any(snippet in r.text for r in art.removed), (name, snippet)
    for name, snippets in expected["kept_text"].items():
        for snippet in snippets:
            assert snippet in articles[ids[name]].text, (name, snippet)


def test_golden_derivations(run, expected) -> None:  # noqa: ANN001
    analysis, ids = run
    found = {
        (d.article, d.derived_from): d.kind
        for s in analysis.stories
        for d in s.derivations
        if not d.external
    }
    for d in expected["derivations"]:
        assert found.get((ids[d["article"]], ids[d["derived_from"]])) == d["kind"], d
    for a, b in expected["not_derived"]:
        assert (ids[a], ids[b]) not in found and (ids[b], ids[a]) not in found, (a, b)
    external = {
        (d.article, d.derived_from) for s in analysis.stories for d in s.derivations if d.external
    }
    for e in expected["external_citations"]:
        assert (ids[e["article"]], e["cited"]) in external, e


@pytest.mark.parametrize("index", range(5))
def test_golden_each_planted_discrepancy(run, expected, index: int) -> None:  # noqa: ANN001
    analysis, ids = run
    want = expected["discrepancies"][index]
    assert _discrepancy_found(analysis, ids, want, expected), want


def test_golden_independent_counts(run, expected) -> None:  # noqa: ANN001
    analysis, ids = run
    misses = [f["fact"] for f in expected["independent"] if not _independent_ok(analysis, ids, f)]
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    allowed = round((1 - floors["independent_accuracy"]) * len(expected["independent"]))
    assert len(misses) <= allowed, misses


def test_golden_quality_gate(run, expected, demo_dir: Path) -> None:  # noqa: ANN001
    analysis, ids = run
    pinned = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert pinned["corpus_sha256"] == corpus_hash(demo_dir), (
        "the demo corpus changed: re-measure and update tests/quality_floors.json"
    )
    got = scores(analysis, ids, expected)
    low = {k: (got[k], floor) for k, floor in pinned["floors"].items() if got[k] < floor}
    assert not low, f"below the pinned floors: {low}"


def test_golden_compatible_figures_are_not_discrepancies(run, expected) -> None:  # noqa: ANN001
    """Aligned claims whose figures agree once read right (an approximation, a total and its
    parts, rounding) are corroborated, and no discrepancy cites them."""
    analysis, ids = run
    want = expected["not_discrepancies"]
    files = {ids[f] for f in want["files"]}
    story = _story_of(analysis, next(iter(files)))
    text_of = {c.id: c.text for c in story.claims}
    cited = {c for d in story.discrepancies for c in d.claims}
    for fragment in want["texts"]:
        group = next(g for g in story.groups if any(fragment in text_of[c] for c in g.claims))
        assert set(group.articles) == files and group.status == "corroborated", fragment
        assert not cited & set(group.claims), fragment
