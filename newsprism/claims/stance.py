"""What a clause does, read from its parse: states a fact, asks, tells the reader to act,
or gives an opinion.

A claim is a checkable statement of fact. Three kinds of clause are not:

* a **question** (its content ends with "?", inside quotes or not): it asserts nothing;
* a **call to action** outside quotes ("Sign up for our newsletter", "Read more"): an
  imperative, a main verb in its base form with no subject, addressed to the reader;
* an **opinion or commentary**: kept as a claim, but marked (``Claim.opinion``), counted
  in no corroboration and left out of the brief.

Opinion is read from general structural cues of stance, never from words of one article:

* a stance frame: the speaker thinks, believes or feels it, or critics say it (the
  ``"opinion"`` hedge of ``extract.HEDGES`` and ``attribution.VERB_HEDGES``);
* a prescription: a modal of obligation or advice in the main clause ("should", "must",
  "ought to"), "it is time to", or a first or second person "need/have to";
* an imperative or "let's" inside a quote ("Call off this summit");
* a first-person stance in the content ("I think", "I don't believe", "in my view");
* an exclamation;
* an evaluation: a copular main clause ("X is / was / seems ...") whose complement is
  graded by a degree word ("so demonstrative", "strikingly grim", "more than an
  embarrassment") or is an evaluative superlative ("the worst", "the best");
* speculation about chances ("there is always a chance that ...").

Each cue has its own test on real news text (tests/test_claims_stance.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

_PRESCRIPTIVE_MODALS = frozenset(["should", "must", "ought", "shall"])
_PERSONAL = frozenset(["i", "we", "you"])
_STANCE_VERBS = frozenset(["think", "believe", "feel", "guess", "suppose", "hope", "doubt"])
_COPULAS = frozenset(["be", "seem", "look", "sound", "appear", "become", "remain"])
_DEGREE = frozenset(
    "so too very really truly deeply extremely incredibly strikingly utterly totally "
    "absolutely simply remarkably terribly awfully hugely enormously particularly quite "
    "downright thoroughly profoundly".split()
)
_EVALUATIVE_SUPERLATIVES = frozenset(["best", "worst", "greatest", "finest", "worse", "better"])
_OPINION_PHRASES = re.compile(
    r"\b(?:there\s+is\s+(?:always\s+)?a\s+(?:good\s+|real\s+|strong\s+)?chance|"
    r"it\s+is\s+(?:high\s+)?time\s+(?:to|for)|it['’]s\s+(?:high\s+)?time\s+(?:to|for)|"
    r"in\s+my\s+(?:view|opinion)|more\s+than\s+an?\s+\w+ment\b|"
    r"the\s+(?:simple\s+)?truth\s+is|make\s+no\s+mistake)",
    re.IGNORECASE,
)
_CLOSERS = " \t\"'“”‘’)]»›"


def is_question(content: str) -> bool:
    """The clause asks rather than states: its content ends with a question mark."""
    return content.rstrip(_CLOSERS).endswith("?")


def _main_verbs(tokens: Sequence[Token]) -> list[Token]:
    """The verbs whose head lies outside ``tokens`` (the main clause of a content)."""
    ids = {t.i for t in tokens}
    return [t for t in tokens if (t.head.i not in ids or t.head.i == t.i)
            and t.pos_ in ("VERB", "AUX")]  # fmt: skip


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)


def _imperative_at(words: Sequence[Token], i: int) -> bool:
    first = words[i]
    if first.lower_ == "let" and i + 1 < len(words) and words[i + 1].lower_ in ("'s", "’s", "us"):
        return True
    if first.lower_ in ("please", "do") and i + 1 < len(words):
        first = words[i + 1]
    return (
        first.tag_ == "VB"
        and first.dep_ not in ("aux", "auxpass", "xcomp", "conj")
        and not _has_subject(first)
        and not any(c.dep_ in ("aux", "auxpass") for c in first.children)
    )


def is_imperative(tokens: Sequence[Token], every_sentence: bool = False) -> bool:
    """The clause opens with a verb in its base form that has no subject ("Call off this
    summit", "Sign up for our newsletter"), or with "let's"; with ``every_sentence``, any
    sentence of it does (a quote of several sentences)."""
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return False
    starts = [0]
    if every_sentence:
        starts += [i for i, t in enumerate(words) if i and t.is_sent_start]
    return any(_imperative_at(words, i) for i in starts)


def opinion_cue(tokens: Sequence[Token], content: str, hedge: str | None) -> str | None:
    """The name of the first stance cue found in a clause's content words ``tokens`` (text
    ``content``) with its ``hedge``, or None when it reads as a statement of fact."""
    if hedge == "opinion":
        return "stance frame"
    if content.rstrip(_CLOSERS).endswith("!"):
        return "exclamation"
    if _OPINION_PHRASES.search(content):
        return "stance phrase"
    words = [t for t in tokens if not t.is_punct]
    for i, tok in enumerate(words):
        low = tok.lower_
        if tok.tag_ == "MD" and low in _PRESCRIPTIVE_MODALS:
            return "prescription"
        if low in ("need", "needs", "have", "has") and i + 1 < len(words):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if words[i + 1].lower_ == "to" and subj and subj[0].lower_ in _PERSONAL:
                return "prescription"
        if low in _STANCE_VERBS and tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ in ("i", "we"):
                return "first-person stance"
    if is_imperative(words, every_sentence=True):
        return "imperative"
    for verb in _main_verbs(words):
        if verb.lemma_ not in _COPULAS:
            continue
        for comp in verb.children:
            if comp.dep_ not in ("acomp", "attr", "oprd"):
                continue
            graded = [c for c in comp.subtree if c.dep_ == "advmod" and c.lower_ in _DEGREE]
            if (
                graded
                or comp.lower_ in _EVALUATIVE_SUPERLATIVES
                or any(
                    c.lower_ in _EVALUATIVE_SUPERLATIVES and c.dep_ == "amod" for c in comp.children
                )
            ):
                return "evaluation"
    return None


def span_tokens(span: Span, regions: Sequence[tuple[int, int]]) -> list[Token]:
    """The tokens of ``span`` that start inside one of the character ``regions`` (doc
    offsets)."""
    return [t for t in span if any(s <= t.idx < e for s, e in regions)]
