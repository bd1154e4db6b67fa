"""A small hand-written analysis of one invented event, for tests, docs and demos.

Three outlets report a ferry running aground: a news agency (NPA), a local paper that
copies the agency (Havstad Herald) and an independent paper (Coastline Daily) that gives
a different passenger count and a different wording of a quote. Every span is computed
from the text, so ``article.text[start:end]`` always equals the span's text.
"""

from __future__ import annotations

from typing import Any

from ..compare.options import CompareOptions
from ..compare.outcome import story_outcome
from ..model import (
    Analysis,
    Article,
    Claim,
    ClaimGroup,
    DateMention,
    Derivation,
    Discrepancy,
    Entity,
    Quantity,
    Rejection,
    Removed,
    Story,
    StoryAnalysis,
)

NPA_TEXT = (
    "A passenger ferry ran aground off Havstad on Tuesday, and all 42 people on board were "
    "rescued, the coast guard said.\n"
    "The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m., according "
    "to coast guard spokesperson Ingrid Moe.\n"
    '"We were lucky the sea was calm," Mayor Lars Eide told reporters.\n'
    "Investigators are expected to publish a first report in April 2024."
)
HERALD_TEXT = (
    "A passenger ferry ran aground off Havstad on Tuesday, and all 42 people on board were "
    "rescued, the coast guard said.\n"
    "The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m., according "
    "to coast guard spokesperson Ingrid Moe.\n"
    '"We were very lucky the sea was calm," Mayor Lars Eide told reporters.\n'
    "The harbour will stay closed until Thursday."
)
COASTLINE_TEXT = (
    "Thirty-eight passengers were rescued after the ferry Nordlys ran aground near Havstad on "
    "Tuesday morning, Havstad Radio reported.\n"
    "Coast guard spokesperson Ingrid Moe said the ferry hit rocks at the harbour entrance.\n"
    "Mayor Lars Eide said the town was lucky that the sea was calm.\n"
    "The ferry was carrying more than 10 cars, the operator Fjordline Transport said.\n"
    "Ferry traffic has never been stopped here before, café owner Åsa Lindqvist said."
)


def _article(text: str, **fields: object) -> Article:
    return Article(id=Article.make_id(text), text=text, **fields)  # type: ignore[arg-type]


def _find(article: Article, needle: str, after: int = 0) -> tuple[int, int]:
    start = article.text.index(needle, after)
    return start, start + len(needle)


def _claim(article: Article, sentence: str, content: str, **fields: object) -> Claim:
    start, end = _find(article, sentence)
    c_start, c_end = _find(article, content, start)
    spans: dict[str, object] = {}
    for name, builder in (("quantities", _quantity), ("dates", _date), ("entities", _entity)):
        specs = fields.pop(name, ())
        spans[name] = tuple(builder(article, start, spec) for spec in specs)  # type: ignore[attr-defined]
    return Claim(
        id=Claim.make_id(article.id, start, end),
        article=article.id,
        text=sentence,
        start=start,
        end=end,
        content=content,
        content_start=c_start,
        content_end=c_end,
        **spans,  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def _quantity(article: Article, after: int, spec: tuple[Any, ...]) -> Quantity:
    text, value, low, high, unit, approximate = spec
    start, end = _find(article, text, after)
    return Quantity(text, start, end, value, low, high, unit, approximate)


def _date(article: Article, after: int, spec: tuple[Any, ...]) -> DateMention:
    text, value, precision = spec
    start, end = _find(article, text, after)
    return DateMention(text, start, end, value, precision)


def _entity(article: Article, after: int, spec: tuple[Any, ...]) -> Entity:
    text, label, key = spec
    start, end = _find(article, text, after)
    return Entity(text, start, end, label, key)


def example_analysis() -> Analysis:
    """The example analysis: one story of three articles, plus one rejected input."""
    npa = _article(
        NPA_TEXT,
        source="wire/npa-ferry.txt",
        outlet="NPA",
        title="Ferry runs aground off Havstad, all 42 rescued",
        published="2024-03-12",
        byline=("NPA staff",),
        removed=(Removed("metadata", "Copyright NPA 2024. All rights reserved."),),
    )
    herald = _article(
        HERALD_TEXT,
        source="https://www.havstadherald.example/news/ferry-aground",
        outlet="Havstad Herald",
        title="Ferry aground at harbour entrance",
        published="2024-03-12",
        url="https://www.havstadherald.example/news/ferry-aground",
        removed=(
            Removed("advert", "Subscribe to the Herald for 1 kr a day"),
            Removed("comments", "Jon: Glad everyone is safe!"),
            Removed("comments", "Kari: The rocks there are a known danger."),
        ),
        repairs=1,
    )
    coast = _article(
        COASTLINE_TEXT,
        source="pages/coastline-daily.html",
        outlet="Coastline Daily",
        title="38 rescued as ferry hits rocks",
        published="2024-03-13",
        byline=("Mia Berg", "Ola Dahl"),
        language="en",
    )
    tuesday = ("on Tuesday", "2024-03-12", "day")
    havstad = ("Havstad", "GPE", "havstad")
    moe = ("Ingrid Moe", "PERSON", "ingrid moe")
    eide = ("Lars Eide", "PERSON", "lars eide")
    nordlys = ("Nordlys", "PRODUCT", "nordlys")
    rescued = (
        "A passenger ferry ran aground off Havstad on Tuesday, and all 42 people on board were "
        "rescued, the coast guard said."
    )
    rescued_content = (
        "A passenger ferry ran aground off Havstad on Tuesday, and all 42 people on board were "
        "rescued"
    )
    rocks = (
        "The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m., "
        "according to coast guard spokesperson Ingrid Moe."
    )
    rocks_content = "The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m."
    forty_two = ("42", 42.0, 42.0, 42.0, "people", False)

    def wire_claims(article: Article, quote_words: str) -> list[Claim]:
        quote = f'"{quote_words}," Mayor Lars Eide told reporters.'
        return [
            _claim(
                article,
                rescued,
                rescued_content,
                speaker="the coast guard",
                quantities=[forty_two],
                dates=[tuesday],
                entities=[havstad],
            ),
            _claim(
                article,
                rocks,
                rocks_content,
                speaker="coast guard spokesperson Ingrid Moe",
                entities=[nordlys, moe],
            ),
            _claim(
                article,
                quote,
                quote_words,
                speaker="Mayor Lars Eide",
                quote=True,
                quote_text=quote_words,
                entities=[eide],
            ),
        ]

    a1, a2, a3 = wire_claims(npa, "We were lucky the sea was calm")
    a4 = _claim(
        npa,
        "Investigators are expected to publish a first report in April 2024.",
        "Investigators are expected to publish a first report in April 2024.",
        hedge="expected",
        dates=[("April 2024", "2024-04", "month")],
    )
    b1, b2, b3 = wire_claims(herald, "We were very lucky the sea was calm")
    b4 = _claim(
        herald,
        "The harbour will stay closed until Thursday.",
        "The harbour will stay closed until Thursday.",
        dates=[("Thursday", "2024-03-14", "day")],
    )
    c1 = _claim(
        coast,
        "Thirty-eight passengers were rescued after the ferry Nordlys ran aground near Havstad "
        "on Tuesday morning, Havstad Radio reported.",
        "Thirty-eight passengers were rescued after the ferry Nordlys ran aground near Havstad "
        "on Tuesday morning",
        via="Havstad Radio",
        quantities=[("Thirty-eight", 38.0, 38.0, 38.0, "people", False)],
        dates=[("on Tuesday morning", "2024-03-12", "day")],
        entities=[nordlys, havstad],
    )
    c2 = _claim(
        coast,
        "Coast guard spokesperson Ingrid Moe said the ferry hit rocks at the harbour entrance.",
        "the ferry hit rocks at the harbour entrance",
        speaker="Coast guard spokesperson Ingrid Moe",
        entities=[moe],
    )
    c3 = _claim(
        coast,
        "Mayor Lars Eide said the town was lucky that the sea was calm.",
        "the town was lucky that the sea was calm",
        speaker="Mayor Lars Eide",
        entities=[eide],
    )
    c4 = _claim(
        coast,
        "The ferry was carrying more than 10 cars, the operator Fjordline Transport said.",
        "The ferry was carrying more than 10 cars",
        speaker="the operator Fjordline Transport",
        quantities=[("more than 10", None, 10.0, None, "cars", False)],
        entities=[("Fjordline Transport", "ORG", "fjordline transport")],
    )
    c5 = _claim(
        coast,
        "Ferry traffic has never been stopped here before, café owner Åsa Lindqvist said.",
        "Ferry traffic has never been stopped here before",
        speaker="café owner Åsa Lindqvist",
        negated=True,
        dates=[("before", None, None)],
        entities=[("Åsa Lindqvist", "PERSON", "åsa lindqvist")],
    )
    ids = (npa.id, herald.id, coast.id)
    groups = (
        ClaimGroup(
            "g1", (a1.id, b1.id, c1.id), ids, 2, "disputed", ("NPA", "Havstad Radio"), npa.id
        ),
        ClaimGroup(
            "g2", (a2.id, b2.id, c2.id), ids, 2, "corroborated", ("NPA", "Coastline Daily"), npa.id
        ),
        ClaimGroup(
            "g3", (a3.id, b3.id, c3.id), ids, 2, "disputed", ("NPA", "Coastline Daily"), npa.id
        ),
        ClaimGroup("g4", (a4.id,), (npa.id,), 1, "single_source", ("NPA",), npa.id),
        ClaimGroup(
            "g5", (b4.id,), (herald.id,), 1, "single_source", ("Havstad Herald",), herald.id
        ),
        ClaimGroup("g6", (c4.id,), (coast.id,), 1, "single_source", ("Coastline Daily",), coast.id),
        ClaimGroup("g7", (c5.id,), (coast.id,), 1, "single_source", ("Coastline Daily",), coast.id),
    )
    discrepancies = (
        Discrepancy(
            "d1",
            "number",
            (a1.id, c1.id),
            "NPA and Havstad Herald say 42 people were rescued; Coastline Daily says Thirty-eight.",
            group="g1",
            values=("42", "Thirty-eight"),
        ),
        Discrepancy(
            "d2",
            "quote",
            (a3.id, b3.id),
            "NPA and Havstad Herald quote Mayor Lars Eide with different words.",
            group="g3",
            values=(a3.quote_text or "", b3.quote_text or ""),
            diff="We were [+very+] lucky the sea was calm",
        ),
    )
    derivations = (
        Derivation(
            herald.id,
            npa.id,
            "copy",
            "3 of 4 sentences are word for word in NPA, published the same day",
            0.93,
        ),
        Derivation(
            coast.id,
            "Havstad Radio",
            "citation",
            "cites Havstad Radio for the passenger count",
            1.0,
            external=True,
        ),
    )
    story = Story(
        id=Story.make_id(ids),
        headline="Ferry runs aground off Havstad, all 42 rescued",
        articles=ids,
    )
    first, blindspots = story_outcome((npa, herald, coast), groups, derivations, CompareOptions())
    sa = StoryAnalysis(
        story=story,
        articles=(npa, herald, coast),
        claims=(a1, a2, a3, a4, b1, b2, b3, b4, c1, c2, c3, c4, c5),
        groups=groups,
        discrepancies=discrepancies,
        derivations=derivations,
        first_report=first,
        blindspots=blindspots,
    )
    return Analysis(
        stories=(sa,),
        rejections=(
            Rejection("ingest", "pages/login-wall.html", "no article text found (login page)"),
        ),
        algorithms={
            "stories": "stories.example.v1",
            "claims": "claims.example.v1",
            "align": "align.example.v1",
            "compare": "compare.example.v1",
        },
    )
