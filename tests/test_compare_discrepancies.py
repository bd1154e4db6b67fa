"""compare: discrepancies of every kind, and the cases that must not be flagged."""

from __future__ import annotations

from typing import Any

from newsprism.compare import compare_story
from newsprism.model import Article, Claim, DateMention, Discrepancy, Entity, Quantity
from newsprism.resources import Resources

OUTLETS = {"a1": "Northern Courier", "a2": "Harbour Daily", "a3": "Valley Times"}


def article(aid: str, published: str | None = None) -> Article:
    return Article(
        id=aid, source=f"{aid}.txt", text="", outlet=OUTLETS.get(aid), published=published
    )


def mk(aid: str, text: str, offset: int = 0, **fields: Any) -> Claim:
    """A claim whose quantities, dates and entities are given by surface text and located
    in ``text`` (offsets are article offsets, so they include ``offset``)."""

    def at(surface: str) -> tuple[int, int]:
        i = text.index(surface)
        return offset + i, offset + i + len(surface)

    quantities = tuple(
        Quantity(s, *at(s), value=v, low=lo, high=hi, unit=u, approximate=ap)
        for s, v, lo, hi, u, ap in fields.pop("quantities", ())
    )
    dates = tuple(
        DateMention(s, *at(s), value=v, precision=p) for s, v, p in fields.pop("dates", ())
    )
    entities = tuple(
        Entity(s, *at(s), label=lab, key=k) for s, lab, k in fields.pop("entities", ())
    )
    content = fields.pop("content", text)
    c0 = offset + text.index(content)
    end = offset + len(text)
    return Claim(
        id=Claim.make_id(aid, offset, end), article=aid, text=text, start=offset, end=end,
        content=content, content_start=c0, content_end=c0 + len(content),
        quantities=quantities, dates=dates, entities=entities, **fields,
    )  # fmt: skip


def run(*claims: Claim, clusters: list[tuple[str, ...]] | None = None) -> list[Discrepancy]:
    arts = [article(a) for a in dict.fromkeys(c.article for c in claims)]
    groups = clusters if clusters is not None else [tuple(c.id for c in claims)]
    return compare_story(arts, list(claims), groups, [])[1]


def injured(aid: str, word: str, value: float, **q: Any) -> Claim:
    text = f"{word.capitalize()} workers were injured in the blast at the plant."
    spec = (word.capitalize(), value, q.get("low"), q.get("high"), "people", q.get("approx", False))
    return mk(aid, text, quantities=[spec])


def test_compare_number_three_vs_four_is_flagged() -> None:
    (d,) = run(injured("a1", "three", 3), injured("a2", "four", 4))
    assert d.kind == "number" and d.values == ("Three", "Four")
    assert d.id == "d1" and d.group == "g1"
    assert 'Northern Courier says "Three"' in d.explanation
    assert 'Harbour Daily says "Four"' in d.explanation


def test_compare_number_more_than_160_agrees_with_164() -> None:
    a = mk("a1", "More than 160 countries have signed the treaty.",
           quantities=[("More than 160", None, 160, None, "countries", False)])  # fmt: skip
    b = mk("a2", "The treaty has been signed by 164 countries.",
           quantities=[("164", 164, None, None, "countries", False)])  # fmt: skip
    assert run(a, b) == []


def test_compare_number_about_190_agrees_with_200() -> None:
    a = mk("a1", "About 190 people were evacuated from the valley.",
           quantities=[("About 190", 190, None, None, "people", True)])  # fmt: skip
    b = mk("a2", "Police evacuated 200 people from the valley.",
           quantities=[("200", 200, None, None, "people", False)])  # fmt: skip
    assert run(a, b) == []


def test_compare_number_total_equal_to_sum_of_parts_is_not_a_conflict() -> None:
    a = mk("a1", "In all 245 people were detained during the protests.",
           quantities=[("245", 245, None, None, "people", False)])  # fmt: skip
    b = mk("a2", "Police detained 214 people on Saturday and 31 people on Sunday.",
           quantities=[("214", 214, None, None, "people", False),
                       ("31", 31, None, None, "people", False)])  # fmt: skip
    assert run(a, b) == []


def test_compare_number_conversion_in_brackets_is_not_a_conflict() -> None:
    a = mk("a1", "The damage is put at $275 million (382 billion won).",
           quantities=[("$275 million", 275e6, None, None, "USD", False),
                       ("382 billion won", 382e9, None, None, "KRW", False)])  # fmt: skip
    b = mk("a2", "Insurers estimate the damage at $275 million (350 billion won).",
           quantities=[("$275 million", 275e6, None, None, "USD", False),
                       ("350 billion won", 350e9, None, None, "KRW", False)])  # fmt: skip
    assert run(a, b) == []


def test_compare_number_different_units_are_not_compared() -> None:
    a = mk("a1", "The storm killed 12 people in the region.",
           quantities=[("12", 12, None, None, "people", False)])  # fmt: skip
    b = mk("a2", "The storm cut power to 40 homes in the region.",
           quantities=[("40", 40, None, None, "homes", False)])  # fmt: skip
    assert run(a, b) == []


def test_compare_date_built_in_2009_vs_2011_is_flagged() -> None:
    a = mk("a1", "The bridge was built in 2009.", dates=[("2009", "2009", "year")])
    b = mk("a2", "The bridge was completed in 2011.", dates=[("2011", "2011", "year")])
    (d,) = run(a, b)
    assert d.kind == "date" and d.values == ("2009", "2011")
    assert "Northern Courier" in d.explanation and "Harbour Daily" in d.explanation


def test_compare_date_month_and_year_that_agree_are_not_flagged() -> None:
    a = mk("a1", "The ban was lifted in June 2022.", dates=[("June 2022", "2022-06", "month")])
    b = mk("a2", "The ban was lifted in 2022.", dates=[("2022", "2022", "year")])
    assert run(a, b) == []


def test_compare_date_one_day_apart_is_not_flagged() -> None:
    a = mk("a1", "The deal was signed on the 19th.", dates=[("the 19th", "2024-11-19", "day")])
    b = mk("a2", "The deal was signed on Wednesday.", dates=[("Wednesday", "2024-11-20", "day")])
    assert run(a, b) == []


def test_compare_entity_different_city_is_flagged() -> None:
    a = mk("a1", "The diverted flight landed safely in Lyon.", entities=[("Lyon", "GPE", "lyon")])
    b = mk("a2", "The diverted flight landed safely in Marseille.",
           entities=[("Marseille", "GPE", "marseille")])  # fmt: skip
    (d,) = run(a, b)
    assert d.kind == "entity" and d.values == ("Lyon", "Marseille")
    assert "place" in d.explanation


def test_compare_entity_acronym_is_the_same_entity() -> None:
    a = mk("a1", "The aid package was approved by the United States.",
           entities=[("United States", "GPE", "united states")])  # fmt: skip
    b = mk("a2", "The aid package was approved by the US.", entities=[("US", "GPE", "us")])
    assert run(a, b) == []


def test_compare_entity_extra_detail_is_not_a_conflict() -> None:
    a = mk("a1", "Rescue teams reached Lyon after the floods.", entities=[("Lyon", "GPE", "lyon")])
    b = mk("a2", "Rescue teams from Paris reached Lyon after the floods.",
           entities=[("Paris", "GPE", "paris"), ("Lyon", "GPE", "lyon")])  # fmt: skip
    assert run(a, b) == []


def test_compare_quote_reworded_gives_a_word_diff() -> None:
    a = mk("a1", 'Anna Berg called it "a reckless and dangerous decision for the region".',
           speaker="Anna Berg", quote=True,
           quote_text="a reckless and dangerous decision for the region",
           entities=[("Anna Berg", "PERSON", "anna berg")])  # fmt: skip
    b = mk("a2", '"It is a reckless and irresponsible decision for the region," said Anna Berg.',
           speaker="Anna Berg", quote=True,
           quote_text="It is a reckless and irresponsible decision for the region",
           entities=[("Anna Berg", "PERSON", "anna berg")])  # fmt: skip
    (d,) = run(a, b, clusters=[(a.id,), (b.id,)])
    assert d.kind == "quote"
    assert d.diff is not None and "[-dangerous-] {+irresponsible+}" in d.diff
    assert "Anna Berg" in d.explanation


def test_compare_quote_shorter_excerpt_is_not_flagged() -> None:
    a = mk("a1", 'Berg said it was "a reckless and dangerous decision".', speaker="Anna Berg",
           quote=True, quote_text="a reckless and dangerous decision")  # fmt: skip
    b = mk("a2", '"This is a reckless and dangerous decision for the whole region," Berg said.',
           speaker="Anna Berg", quote=True,
           quote_text="This is a reckless and dangerous decision for the whole region")  # fmt: skip
    assert run(a, b) == []


def person_claim(aid: str, speaker: str, offset: int = 0) -> Claim:
    text = f"{speaker} said the port would reopen on Thursday."
    return mk(aid, text, offset, speaker=speaker, content="the port would reopen on Thursday",
              entities=[("Lena Fischer", "PERSON", "lena fischer")])  # fmt: skip


def test_compare_role_different_titles_are_flagged() -> None:
    a = person_claim("a1", "Harbour authority director Lena Fischer")
    b = person_claim("a2", "Harbour authority press officer Lena Fischer")
    (d,) = run(a, b, clusters=[(a.id,), (b.id,)])
    assert d.kind == "role"
    assert d.values == ("Harbour authority director", "Harbour authority press officer")
    assert d.explanation.startswith("Lena Fischer is given different titles")


def test_compare_role_titles_sharing_only_a_rank_word_are_not_flagged() -> None:
    a = person_claim("a1", "Defence Secretary Lena Fischer")
    b = person_claim("a2", "ministry chief Lena Fischer")
    assert run(a, b) == []


def test_compare_role_abbreviated_title_is_the_same_title() -> None:
    # how The New York Times and Fox News titled Rick Perry (BASIL dev, 2011)
    claims = [
        mk(aid, f"{who} said he would sign the bill.", 0, speaker=who,
           content="he would sign the bill", entities=[("Rick Perry", "PERSON", "rick perry")])
        for aid, who in (("a1", "Texas Governor Rick Perry"), ("a2", "Gov. of Texas Rick Perry"),
                         ("a3", "Texas Gov. Rick Perry"))
    ]  # fmt: skip
    assert run(*claims) == []
    other = mk("a4", "Texas Senator Rick Perry said he would sign the bill.", 0,
               speaker="Texas Senator Rick Perry", content="he would sign the bill",
               entities=[("Rick Perry", "PERSON", "rick perry")])  # fmt: skip
    assert [d.kind for d in run(claims[0], other)] == ["role"]


def test_compare_role_shorter_or_former_title_is_not_flagged() -> None:
    a = person_claim("a1", "Harbour authority director Lena Fischer")
    b = person_claim("a2", "director Lena Fischer")
    c = person_claim("a3", "Former harbour authority director Lena Fischer")
    assert run(a, b, c) == []


def test_compare_absence_assertion_vs_not_disclosed_is_flagged() -> None:
    said = mk("a1", "The army has bought Bayraktar drones for the border units.")
    quiet = mk("a2", "The ministry did not disclose what type of drones the army bought.",
               hedge="not_said")  # fmt: skip
    (d,) = run(said, quiet, clusters=[(said.id,), (quiet.id,)])
    assert d.kind == "absence" and d.values == ("Bayraktar", "not said")
    assert d.claims == (said.id, quiet.id) and d.group == "g1"
    assert "Northern Courier" in d.explanation and "Harbour Daily" in d.explanation


def test_compare_absence_with_embedder_still_finds_the_pair(resources: Resources) -> None:
    said = mk("a1", "The army has bought Bayraktar drones for the border units.")
    other = mk("a1", "The drones were delivered to the Kherson brigade.", 200,
               entities=[("Kherson", "GPE", "kherson")])  # fmt: skip
    quiet = mk("a2", "The ministry did not disclose what type of drones the army bought.",
               hedge="not_said")  # fmt: skip
    arts = [article("a1"), article("a2")]
    claims = [said, other, quiet]
    _, found = compare_story(arts, claims, [(c.id,) for c in claims], [],
                             embedder=resources.embedder)  # fmt: skip
    assert [(d.kind, d.claims) for d in found] == [("absence", (said.id, quiet.id))]


def test_compare_absence_place_is_not_a_type() -> None:
    said = mk("a1", "The drones were sent to Ukraine last week.",
              entities=[("Ukraine", "GPE", "ukraine")])  # fmt: skip
    quiet = mk("a2", "Officials did not say what type of drones were sent.", hedge="not_said")
    assert run(said, quiet, clusters=[(said.id,), (quiet.id,)]) == []


def test_compare_negation_is_flagged() -> None:
    a = mk("a1", "The airport will reopen on Monday.")
    b = mk("a2", "The airport will not reopen on Monday.", negated=True)
    (d,) = run(a, b)
    assert d.kind == "negation"
    assert "Northern Courier and Harbour Daily state opposite things" in d.explanation


def test_compare_hedge_denied_is_flagged_but_reported_is_not() -> None:
    a = mk("a1", "The minister resigned over the contract.")
    b = mk("a2", "The minister resigned over the contract, which he denied.", hedge="denied")
    c = mk("a3", "The minister resigned over the contract, the paper reported.", hedge="reported")
    found = run(a, b, c)
    assert [(d.kind, d.values) for d in found] == [("hedge", ("asserted", "denied"))]


def test_compare_discrepancies_merge_per_group_and_number_in_order() -> None:
    a, b, c = injured("a1", "three", 3), injured("a2", "four", 4), injured("a3", "four", 4)
    d1 = mk("a1", "The plant was opened in 1998.", 300, dates=[("1998", "1998", "year")])
    d2 = mk("a2", "The plant was opened in 2001.", 300, dates=[("2001", "2001", "year")])
    found = run(a, b, c, d1, d2, clusters=[(a.id, b.id, c.id), (d1.id, d2.id)])
    assert [(d.id, d.kind, d.group) for d in found] == [
        ("d1", "number", "g1"),
        ("d2", "date", "g2"),
    ]
    assert found[0].claims == (a.id, b.id, c.id)
    assert 'Harbour Daily and Valley Times say "Four"' in found[0].explanation


def test_compare_role_from_appositive_titles_is_flagged() -> None:
    a = mk("a1", "Omar Haddad, chief engineer at the water board, said the dam held.",
           content="the dam held", entities=[("Omar Haddad", "PERSON", "omar haddad")])  # fmt: skip
    b = mk("a2", "The dam held, said Omar Haddad, a spokesman for the water board, on Sunday.",
           content="The dam held", entities=[("Omar Haddad", "PERSON", "omar haddad")])  # fmt: skip
    (d,) = run(a, b)
    assert d.kind == "role"
    assert d.values == ("chief engineer at the water board", "a spokesman for the water board")


def test_compare_role_relative_clause_is_not_a_title() -> None:
    a = mk("a1", "Omar Haddad, who runs the water board, said the dam held.",
           content="the dam held", entities=[("Omar Haddad", "PERSON", "omar haddad")])  # fmt: skip
    b = mk("a2", "Omar Haddad, chief engineer at the water board, said the dam held.",
           content="the dam held", entities=[("Omar Haddad", "PERSON", "omar haddad")])  # fmt: skip
    assert run(a, b) == []


def test_compare_role_participle_phrase_is_not_a_title() -> None:
    # Fox News and HuffPost on Joe Arpaio (BASIL dev, 2011)
    who = [("Joe Arpaio", "PERSON", "joe arpaio")]
    a = mk("a1", "Joe Arpaio, known for his tough and controversial stances on illegal "
           "immigration, endorsed Perry.", content="endorsed Perry", entities=who)  # fmt: skip
    b = mk("a2", "Joe Arpaio, the controversial sheriff of Maricopa County, endorsed Perry.",
           content="endorsed Perry", entities=who)  # fmt: skip
    c = mk("a3", "Joe Arpaio, the retired sheriff of Pinal County, endorsed Perry.",
           content="endorsed Perry", entities=who)  # fmt: skip
    assert [d.values for d in run(a, b, c)] == [
        ("the controversial sheriff of Maricopa County", "the retired sheriff of Pinal County")
    ]


def test_compare_absence_ignores_a_head_noun_inside_another_name() -> None:
    said = mk("a1", "Ukraine signed the Anti-Personnel Mine Ban Convention in 2005.")
    quiet = mk("a2", "Officials did not say what type of mines would be sent.", hedge="not_said")
    assert run(said, quiet, clusters=[(said.id,), (quiet.id,)]) == []


def test_compare_modal_wording_is_not_a_hedge_conflict() -> None:
    a = mk("a1", "The new barrier can stop a flood of this size.")
    b = mk("a2", "The new barrier could stop a flood of this size.", hedge="possible")
    assert run(a, b) == []


def test_compare_ids_are_deterministic() -> None:
    claims = [injured("a1", "three", 3), injured("a2", "four", 4), injured("a3", "five", 5)]
    first = run(*claims)
    assert first == run(*claims)
    assert [d.id for d in first] == ["d1"]


def test_compare_role_ignores_name_words_caught_in_a_title() -> None:
    from newsprism.compare.pairs import titles_differ, without_name

    assert without_name("President Vladimir", "Putin vladimir putin") == "President"
    assert not titles_differ(
        without_name("Russian President", "Putin vladimir putin"),
        without_name("President Vladimir", "Putin vladimir putin"),
    )


def test_compare_speaker_title_leaves_out_the_name_when_ner_tags_only_the_surname() -> None:
    from newsprism.compare.pairs import speaker_person
    from newsprism.model import Claim, Entity

    text = "Russia will respond, President Vladimir Putin said."
    start = text.index("Putin")
    claim = Claim(
        id="a:0-1",
        article="a",
        text=text,
        start=0,
        end=len(text),
        content=text,
        content_start=0,
        content_end=len(text),
        speaker="President Vladimir Putin",
        entities=(Entity("Putin", start, start + 5, "PERSON", "vladimir putin"),),
    )
    assert speaker_person(claim) == ("vladimir putin", "Putin", "President")


def test_compare_outlet_giving_two_values_is_named_once() -> None:
    # two findings of one figure in one group, a2 giving it in two claims: a2 named once
    from newsprism.compare.discrepancies import build_discrepancies
    from newsprism.compare.findings import Finding

    a = injured("a1", "three", 3)
    b = injured("a2", "four", 4)
    b2 = mk("a2", "4 workers were injured in the blast.", offset=200,
            quantities=[("4 workers", 4, 4, 4, "people", False)])  # fmt: skip
    found = [
        (0, Finding("number", "people", a, b, "Three", "Four", what="people")),
        (0, Finding("number", "people", a, b2, "Three", "4 workers", what="people")),
    ]
    (d,) = build_discrepancies(found, [a, b, b2], [article("a1"), article("a2")], ["g1"])
    assert set(d.claims) == {a.id, b.id, b2.id}
    assert d.explanation.count("Harbour Daily") == 1, d.explanation
    assert '"Four" and "4 workers"' in d.explanation
