"""compare: groups, independent sources, statuses and origins."""

from __future__ import annotations

from newsprism.compare import compare_story, independent_roots
from newsprism.model import Article, Claim, ClaimGroup, Derivation, Quantity

SENTENCE = "The museum will reopen to visitors in the spring."


def art(aid: str, outlet: str, published: str | None = None) -> Article:
    return Article(id=aid, source=f"{aid}.html", text="", outlet=outlet, published=published)


def say(aid: str, text: str = SENTENCE, via: str | None = None, offset: int = 0) -> Claim:
    end = offset + len(text)
    return Claim(
        id=Claim.make_id(aid, offset, end), article=aid, text=text, start=offset, end=end,
        content=text, content_start=offset, content_end=end, via=via,
    )  # fmt: skip


def one_group(
    articles: list[Article], claims: list[Claim], derivations: list[Derivation] | None = None
) -> ClaimGroup:
    groups, _ = compare_story(articles, claims, [tuple(c.id for c in claims)], derivations or [])
    return groups[0]


ARTS = [art("a1", "City Post", "2024-03-02"), art("a2", "River Herald", "2024-03-01"),
        art("a3", "Metro Ledger", "2024-03-03")]  # fmt: skip


def test_compare_two_independent_outlets_corroborate() -> None:
    g = one_group(ARTS[:2], [say("a1"), say("a2")])
    assert (g.independent_sources, g.status, g.sources) == (2, "corroborated", ("a1", "a2"))


def test_compare_one_article_is_single_source() -> None:
    g = one_group(ARTS[:1], [say("a1")])
    assert (g.id, g.independent_sources, g.status, g.origin) == ("g1", 1, "single_source", "a1")


def test_compare_copy_and_its_source_count_once() -> None:
    copy = Derivation("a2", "a1", "copy", "92% of a2's sentences are in a1", 0.92)
    g = one_group(ARTS[:2], [say("a1"), say("a2")], [copy])
    assert (g.independent_sources, g.status, g.sources, g.origin) == (
        1,
        "single_source",
        ("a1",),
        "a1",
    )


def test_compare_weak_derivation_is_not_followed() -> None:
    weak = Derivation("a2", "a1", "rewrite", "a few shared phrases", 0.2)
    assert one_group(ARTS[:2], [say("a1"), say("a2")], [weak]).independent_sources == 2


def test_compare_translation_citing_the_source_counts_once() -> None:
    cited = Derivation("a3", "a1", "translation", "a3 cites City Post for the reopening", 0.8)
    g = one_group(ARTS, [say("a1"), say("a3")], [cited])
    assert (g.independent_sources, g.sources) == (1, ("a1",))


def test_compare_two_articles_citing_the_same_agency_count_once() -> None:
    g = one_group(ARTS, [say("a1", via="Reuters"), say("a3", via="reuters")])
    assert (g.independent_sources, g.status, g.sources) == (1, "single_source", ("Reuters",))


def test_compare_agency_cited_and_independent_outlet_count_two() -> None:
    g = one_group(ARTS, [say("a1", via="The Associated Press"), say("a2")])
    assert (g.independent_sources, g.sources) == (2, ("The Associated Press", "a2"))


def test_compare_citing_an_outlet_in_the_input_counts_that_outlet() -> None:
    g = one_group(ARTS, [say("a1", via="River Herald"), say("a2")])
    assert (g.independent_sources, g.sources) == (1, ("a2",))


def test_compare_external_derivations_to_one_agency_count_once() -> None:
    wires = [Derivation(a, "Reuters", "copy", "wire credit line", 0.9, external=True)
             for a in ("a1", "a2")]  # fmt: skip
    g = one_group(ARTS, [say("a1"), say("a2")], wires)
    assert (g.independent_sources, g.sources) == (1, ("Reuters",))


def test_compare_origin_is_earliest_published_without_derivations() -> None:
    assert one_group(ARTS, [say("a1"), say("a2"), say("a3")]).origin == "a2"


def test_compare_origin_is_the_root_article() -> None:
    copies = [Derivation("a2", "a3", "copy", "same text", 0.95)]
    assert one_group(ARTS, [say("a2"), say("a3")], copies).origin == "a3"


def test_compare_group_with_a_discrepancy_is_disputed() -> None:
    def count(aid: str, word: str, value: float) -> Claim:
        text = f"{word} paintings were damaged by the leak."
        q = Quantity(word, 0, len(word), value, None, None, unit="paintings")
        c = say(aid, text)
        return Claim(**{**c.__dict__, "quantities": (q,)})

    claims = [count("a1", "Two", 2), count("a2", "Five", 5), say("a1", offset=100)]
    groups, found = compare_story(ARTS, claims, [(claims[0].id, claims[1].id), (claims[2].id,)], [])
    assert [(g.id, g.status) for g in groups] == [("g1", "disputed"), ("g2", "single_source")]
    assert [(d.id, d.group) for d in found] == [("d1", "g1")]


def test_compare_independent_roots_follow_chains() -> None:
    edges = [Derivation("a3", "a2", "rewrite", "shared sentences", 0.7),
             Derivation("a2", "a1", "copy", "same text", 0.9)]  # fmt: skip
    assert independent_roots(["a1", "a2", "a3"], edges) == {"a1": "a1", "a2": "a1", "a3": "a1"}


def test_compare_independent_roots_name_outside_sources() -> None:
    edges = [Derivation("a2", "The Washington Post", "translation", "calques", 0.8, external=True)]
    roots = independent_roots(["a1", "a2"], edges)
    assert roots == {"a1": "a1", "a2": "The Washington Post"}


def test_compare_independent_roots_outside_citation_keeps_the_article() -> None:
    # citing an outside outlet for one detail does not make the whole article a copy of it
    edges = [Derivation("a2", "Reuters", "citation", "told Reuters", 0.9, external=True)]
    assert independent_roots(["a1", "a2"], edges) == {"a1": "a1", "a2": "a2"}


def test_compare_citing_an_input_article_keeps_own_claims_independent() -> None:
    # a2 credits a1 for one detail; what a2 reports on its own is still a2's witness
    edges = [Derivation("a2", "a1", "citation", "City Post first reported", 0.9)]
    own = one_group(ARTS[:2], [say("a1"), say("a2")], edges)
    credited = one_group(ARTS[:2], [say("a1"), say("a2", via="City Post")], edges)
    assert (own.independent_sources, credited.independent_sources) == (2, 1)


def test_compare_independent_roots_break_cycles_deterministically() -> None:
    edges = [Derivation("a1", "a2", "copy", "x", 0.9), Derivation("a2", "a1", "copy", "x", 0.9)]
    assert independent_roots(["a1", "a2"], edges) == {"a1": "a1", "a2": "a1"}


def test_compare_via_naming_an_input_outlet_by_its_site_counts_once() -> None:
    post = Article(id="a1", source="a1.html", text="", outlet="washingtonpost.com")
    other = art("a2", "River Herald")
    g = one_group([post, other], [say("a1"), say("a2", via="The Washington Post")])
    assert (g.independent_sources, g.status) == (1, "single_source")


def test_compare_first_report_is_earliest_original() -> None:
    from newsprism.compare import first_report

    # a2 is the earliest published, but it is a copy of a1: the first original report is a1
    edges = [Derivation("a2", "a1", "copy", "same sentences", 0.95)]
    assert first_report(ARTS, edges, 0.5) == "a1"
    assert first_report(ARTS, [], 0.5) == "a2"
    assert first_report([], [], 0.5) is None
