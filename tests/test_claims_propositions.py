"""split_propositions: one parsed sentence -> atomic propositions (token sets)."""

from __future__ import annotations

from newsprism.claims import PropositionOptions, proposition_parts, split_propositions
from newsprism.resources import Resources


def _texts(resources: Resources, text: str, options: PropositionOptions | None = None
           ) -> list[list[str]]:  # fmt: skip
    doc = resources.nlp(text)
    props = split_propositions(doc, options or PropositionOptions())
    return [[text[s:e] for s, e in proposition_parts(doc, p)] for p in props]


def test_claims_propositions_relative_clause_joins_its_noun(resources: Resources) -> None:
    props = _texts(resources, "Anna Berg, who founded the company in 1990, died in 2001.")
    assert ["Anna Berg", "died in 2001"] in props
    assert ["Anna Berg", "founded the company in 1990"] in props


def test_claims_propositions_coordinated_verbs_share_subject(resources: Resources) -> None:
    text = "The ferry left the harbour at noon and reached the island before dusk."
    props = _texts(resources, text)
    assert ["The ferry left the harbour at noon"] in props
    assert ["The ferry", "reached the island before dusk"] in props


def test_claims_propositions_lists_split_unless_disabled(resources: Resources) -> None:
    text = "The film stars Angelina Jolie, Elle Fanning and Sharlto Copley."
    assert len(_texts(resources, text)) == 3
    assert len(_texts(resources, text, PropositionOptions(split_lists=False))) == 1


def test_claims_propositions_simple_sentence_is_one(resources: Resources) -> None:
    assert _texts(resources, "The storm hit the coast on Friday.") == [
        ["The storm hit the coast on Friday"]
    ]
