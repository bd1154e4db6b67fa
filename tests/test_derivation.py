"""Derivations (who copies whom) on the demo corpus, small hand-made texts and the seeds."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsprism.compare.derivation import DerivationOptions, find_derivations, outlet_matches
from newsprism.model import Article, Claim, Derivation


def _raw_text(path: Path) -> str:
    """The file as-is; for the one HTML page, only the paragraphs of its <article>."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return text
    article = lxml_html.fromstring(text).xpath("//article")[0]
    return "\n".join(" ".join(el.text_content().split()) for el in article.xpath("./h1 | ./p"))


def _article(text: str, source: str, **fields: str | None) -> Article:
    return Article(id=Article.make_id(text), source=source, text=text, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def expected(demo_dir: Path) -> dict:
    return json.loads((demo_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(demo_dir: Path, expected: dict) -> dict[str, Article]:
    folder = demo_dir / expected["articles_dir"]
    return {
        name: _article(
            _raw_text(folder / name), name, outlet=meta["outlet"][0], published=meta["published"]
        )
        for name, meta in expected["articles"].items()
    }


@pytest.fixture(scope="module")
def demo_links(demo: dict[str, Article], expected: dict) -> list[tuple[str, str, str]]:
    """(article file, source file or cited outlet, kind) for every story of the demo."""
    names = {a.id: name for name, a in demo.items()}
    links = []
    for story in expected["stories"]:
        for d in find_derivations([demo[f] for f in story], []):
            links.append((names[d.article], names.get(d.derived_from, d.derived_from), d.kind))
    return links


def _internal(links: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {link for link in links if link[1].endswith((".txt", ".md", ".html"))}


def test_derivation_demo_syndicated_copy(demo_links: list[tuple[str, str, str]]) -> None:
    assert ("ferry_sunnmark_daily.txt", "ferry_npa_wire.txt", "copy") in demo_links


def test_derivation_demo_translation(demo_links: list[tuple[str, str, str]]) -> None:
    assert ("ferry_hanbit_ilbo.txt", "ferry_npa_wire.txt", "translation") in demo_links


def test_derivation_demo_aggregator_rewrite(demo_links: list[tuple[str, str, str]]) -> None:
    assert ("ferry_newsloop.html", "ferry_npa_wire.txt", "rewrite") in demo_links


def test_derivation_demo_uncredited_copy_follows_dates(
    demo_links: list[tuple[str, str, str]],
) -> None:
    assert ("tram_eastmoor_local.txt", "tram_eastmoor_gazette.txt", "copy") in demo_links


def test_derivation_demo_exactly_the_planted_links(
    demo_links: list[tuple[str, str, str]], expected: dict
) -> None:
    planted = {(d["article"], d["derived_from"], d["kind"]) for d in expected["derivations"]}
    assert _internal(demo_links) == planted


def test_derivation_demo_independent_reports_not_linked(
    demo_links: list[tuple[str, str, str]], expected: dict
) -> None:
    linked = {frozenset(link[:2]) for link in demo_links}
    for pair in expected["not_derived"]:
        assert frozenset(pair) not in linked, pair


def test_derivation_demo_external_citations(
    demo_links: list[tuple[str, str, str]], expected: dict
) -> None:
    external = {(a, src) for a, src, _ in demo_links if not src.endswith((".txt", ".md", ".html"))}
    assert external == {(e["article"], e["cited"]) for e in expected["external_citations"]}


def test_derivation_evidence_names_the_credit(demo: dict[str, Article]) -> None:
    found = find_derivations([demo["ferry_npa_wire.txt"], demo["ferry_sunnmark_daily.txt"]], [])
    assert len(found) == 1
    assert "(NPA)" in found[0].evidence and "credits the other" in found[0].evidence


def test_derivation_agency_known_by_its_dateline(demo: dict[str, Article]) -> None:
    wire = replace(demo["ferry_npa_wire.txt"], outlet=None, published=None)
    copy = replace(demo["ferry_sunnmark_daily.txt"], published=None)
    found = find_derivations([copy, wire], [])
    assert [(d.article, d.derived_from, d.kind) for d in found] == [(copy.id, wire.id, "copy")]


def test_derivation_self_reference_is_not_a_citation(demo: dict[str, Article]) -> None:
    herald = demo["ferry_fjordland_herald.md"]
    assert "told the Herald" in herald.text
    found = find_derivations([herald], [])
    assert [d.derived_from for d in found] == ["Kystradio"]


def test_derivation_scores_in_unit_interval(demo: dict[str, Article]) -> None:
    found = find_derivations(list(demo.values()), [])
    assert found and all(0.0 <= d.score <= 1.0 for d in found)


def test_derivation_one_direction_per_pair(demo: dict[str, Article]) -> None:
    found = find_derivations(list(demo.values()), [])
    pairs = [(d.article, d.derived_from) for d in found if not d.external]
    assert len(pairs) == len(set(pairs))
    assert not any((b, a) in pairs for a, b in pairs)


def test_derivation_stricter_copy_threshold_gives_rewrite(demo: dict[str, Article]) -> None:
    pair = [demo["ferry_npa_wire.txt"], demo["ferry_sunnmark_daily.txt"]]
    found = find_derivations(pair, [], DerivationOptions(copy_containment=0.95))
    assert [d.kind for d in found] == ["rewrite"]


WIRE = (
    "Rescuers pulled 14 climbers off the north face of Mount Arven on Sunday after a sudden "
    "storm trapped them above the glacier, police said. Two of the climbers were flown to "
    "hospital in Tarnby with frostbite, and the others walked down with mountain guides. "
    "The climbers had set out on Saturday morning despite warnings of high winds."
)


def test_derivation_claim_via_links_to_cited_outlet() -> None:
    source = _article(WIRE, "wire.txt", outlet="Alpine News Service", published="2025-02-02")
    text = "Fourteen climbers were rescued from Mount Arven on Sunday. Two had frostbite."
    later = _article(text, "later.txt", outlet="Valley Times", published="2025-02-03")
    claim = Claim(
        id=Claim.make_id(later.id, 0, 58),
        article=later.id,
        text=text[:58],
        start=0,
        end=58,
        content=text[:58],
        content_start=0,
        content_end=58,
        via="Alpine News Service",
    )
    found = find_derivations([source, later], [claim])
    assert [(d.article, d.derived_from, d.kind) for d in found] == [
        (later.id, source.id, "citation")
    ]


def test_derivation_external_citation_once_per_name() -> None:
    text = (
        "Fourteen climbers were rescued on Sunday, a police officer told Reuters. Reuters "
        "reported that two had frostbite. The storm was forecast, according to Reuters."
    )
    found = find_derivations([_article(text, "a.txt", outlet="Valley Times")], [])
    assert [(d.derived_from, d.kind, d.external) for d in found] == [("Reuters", "citation", True)]


def test_derivation_non_outlet_source_is_not_external() -> None:
    text = (
        "Fourteen climbers were rescued on Sunday, according to the Arven Mountain Rescue "
        "Service. The Regional Police reported that two had frostbite."
    )
    assert find_derivations([_article(text, "a.txt", outlet="Valley Times")], []) == []


def test_derivation_outlet_matches_web_address() -> None:
    post = _article("text", "p.txt", url="https://www.washingtonpost.com/world/2024/11/19/x")
    assert outlet_matches("The Washington Post", post)


def test_derivation_outlet_matches_acronym() -> None:
    assert outlet_matches("WP", _article("text", "p.txt", outlet="The Washington Post"))


def test_derivation_outlet_matches_agency_short_name() -> None:
    wire = _article("text", "w.txt", outlet="Nordic Press Agency")
    assert outlet_matches("NPA", wire) and outlet_matches("Nordic Press Agency NPA", wire)


def test_derivation_outlet_matches_trailing_title_word() -> None:
    assert outlet_matches("the Herald", _article("text", "h.md", outlet="Fjordland Herald"))


def test_derivation_outlet_matches_rejects_other_outlet() -> None:
    post = _article("text", "p.txt", outlet="The Washington Post")
    assert not outlet_matches("The Washington Times", post)
    assert not outlet_matches("Reuters", post)


def test_derivation_many_articles_stay_one_edge_per_pair(demo: dict[str, Article]) -> None:
    base = list(demo.values())
    many = [
        _article(a.text + f"\nEditor's note: version {i}.", f"{i}-{a.source}", outlet=f"Site {i}")
        for i in range(9)
        for a in base
    ]
    found = [d for d in find_derivations(many, []) if not d.external]
    pairs = {(d.article, d.derived_from) for d in found}
    assert len(many) >= 99 and len(pairs) == len(found)
    assert not any((b, a) in pairs for a, b in pairs)


def _seeds(seeds_dir: Path) -> dict[str, Article]:
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        url = re.search(r"https?://\S+", text)
        out[path.name[:3]] = _article(text, path.name, url=url.group(0) if url else None)
    return out


def _seed_links(seeds_dir: Path) -> tuple[dict[str, Article], list[Derivation]]:
    seeds = _seeds(seeds_dir)
    return seeds, find_derivations(list(seeds.values()), [])


def test_derivation_seed_translation_of_the_post(seeds_dir: Path) -> None:
    seeds, found = _seed_links(seeds_dir)
    link = [(d.derived_from, d.kind) for d in found if d.article == seeds["000"].id]
    assert (seeds["002"].id, "translation") in link


def test_derivation_seed_first_reported_is_a_citation(seeds_dir: Path) -> None:
    seeds, found = _seed_links(seeds_dir)
    link = [(d.derived_from, d.kind) for d in found if d.article == seeds["004"].id]
    assert (seeds["002"].id, "citation") in link


def test_derivation_seed_told_reuters_is_external(seeds_dir: Path) -> None:
    seeds, found = _seed_links(seeds_dir)
    external = [(d.derived_from, d.external) for d in found if d.article == seeds["004"].id]
    assert ("Reuters", True) in external


def test_derivation_near_duplicate_from_the_store_becomes_a_copy() -> None:
    # too short for the shingle comparison: only the MinHash finding links them
    a = _article("Storm closes the harbour bridge.", "a.txt", outlet="Coast Daily")
    b = _article("Storm closes harbour bridge.", "b.txt", outlet="Bay Times")
    assert find_derivations([a, b], []) == []
    found = find_derivations([a, b], [], near_duplicates=[(b.id, a.id, 0.91)])
    assert [(d.article, d.derived_from, d.kind, d.score) for d in found] == [
        (b.id, a.id, "copy", 0.91)
    ]
    assert "MinHash" in found[0].evidence


def test_derivation_near_duplicate_outside_the_story_is_ignored(
    demo: dict[str, Article],
) -> None:
    arts = list(demo.values())
    plain = find_derivations(arts, [])
    linked = {frozenset((d.article, d.derived_from)) for d in plain if not d.external}
    known = next(iter(linked))
    pair = tuple(known)
    extra = [(pair[0], pair[1], 0.99), ("not-in-story", arts[0].id, 0.99)]
    assert find_derivations(arts, [], near_duplicates=extra) == plain
