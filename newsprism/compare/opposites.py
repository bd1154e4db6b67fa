"""Opposite predicates: two claims about the same thing that say it went opposite ways.

"Prices rose 3%" against "prices fell 3%", "the council approved the plan" against "the
council rejected the plan", "minor injuries" against "serious injuries". Neither claim is
negated, so the negation check cannot see it; the figures may even agree.

Each entry below is a pair of word families that name opposite directions or outcomes
(general English, chosen for how news states changes, decisions and outcomes). Two claims
conflict when one uses only the first family and the other only the second, they have the
same polarity and hedge, and they share enough of the rest of their words to be about the
same thing. Words with common other senses ("left", "fire", "over", "north" in names) are
left out on purpose.
"""

from __future__ import annotations

from ..align.text import WORD_RE, content_set, overlap, stem
from ..model import Claim
from .findings import Finding
from .options import CompareOptions

_FAMILIES: tuple[tuple[str, str, str], ...] = (
    (
        "direction",
        "increase increases increased increasing rise rises rising rose risen grow grows "
        "growing grew grown growth climb climbs climbed climbing jump jumps jumped surge "
        "surged surging soar soared soaring gain gains gained",
        "decrease decreases decreased decreasing fall falls falling fell fallen decline "
        "declines declined declining drop drops dropped dropping shrink shrinks shrank "
        "shrinking slump slumped plunge plunged plunging sink sank sunk tumble tumbled",
    ),
    (
        "comparison",
        "higher highest larger largest bigger biggest greater greatest more most maximum majority",
        "lower lowest smaller smallest fewer fewest less least minimum minority",
    ),
    (
        "decision",
        "approve approves approved approving accept accepts accepted allow allows allowed "
        "permit permits permitted authorize authorizes authorized authorise authorised "
        "endorse endorsed",
        "reject rejects rejected rejecting refuse refuses refused ban bans banned prohibit "
        "prohibits prohibited forbid forbids forbade forbidden veto vetoed vetoes",
    ),
    ("opening", "open opens opened reopen reopened", "closes closed closing shut"),
    (
        "outcome",
        "win wins won winning victory succeed succeeded success successful",
        "lose loses losing defeat defeated fail fails failed failure unsuccessful",
    ),
    (
        "strength",
        "strong stronger strongest strengthen strengthened",
        "weak weaker weakest weaken weakened",
    ),
    ("quality", "best better good positive", "worst worse bad negative"),
    (
        "severity",
        "minor slight mild",
        "serious severe critical grave",
    ),
    (
        "survival",
        "alive survive survived survives survivor survivors",
        "dead die died dies killed",
    ),
    ("trade", "buy buys bought buying purchase purchased", "sell sells sold selling"),
    ("legality", "legal lawful", "illegal unlawful"),
    ("inclusion", "include includes included including", "exclude excludes excluded excluding"),
    ("agreement", "agree agrees agreed", "disagree disagrees disagreed"),
    ("trade flow", "import imports imported", "export exports exported"),
)


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


FAMILIES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (name, _stems(up), _stems(down)) for name, up, down in _FAMILIES
)
_ALL = frozenset(s for _, up, down in FAMILIES for s in up | down)


def _words(claim: Claim) -> frozenset[str]:
    """Stems of every word of the claim's content (function words included: "more")."""
    return frozenset(stem(w) for w in WORD_RE.findall((claim.content or claim.text).lower()))


def opposite_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    """A ``negation`` finding when ``a`` and ``b`` state opposite directions or outcomes
    of the same thing (see the module docstring)."""
    if a.negated != b.negated or a.hedge != b.hedge:
        return []
    wa, wb = _words(a), _words(b)
    for name, first, second in FAMILIES:
        a1, a2, b1, b2 = wa & first, wa & second, wb & first, wb & second
        if a1 and b2 and not a2 and not b1:
            pair = (sorted(a1)[0], sorted(b2)[0])
        elif a2 and b1 and not a1 and not b2:
            pair = (sorted(a2)[0], sorted(b1)[0])
        else:
            continue
        rest_a = content_set(a.content or a.text) - _ALL
        rest_b = content_set(b.content or b.text) - _ALL
        if overlap(rest_a, rest_b) < options.negation_min_overlap:
            continue
        return [
            Finding(
                "negation",
                f"opposite:{name}",
                a,
                b,
                _as_written(a, pair[0]),
                _as_written(b, pair[1]),
                what=name,
            )
        ]
    return []


def _as_written(claim: Claim, stemmed: str) -> str:
    """The word of the claim whose stem is ``stemmed``, as the claim writes it."""
    for word in WORD_RE.findall(claim.content or claim.text):
        if stem(word.lower()) == stemmed:
            return word
    return stemmed
