"""Small lexical helpers shared by align and compare: content words, crude stems, keys.

Everything here is plain string work (no model), so it is cheap enough to run on every
candidate pair.
"""

from __future__ import annotations

import re

from ..model import Claim

WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")

# Function words, reporting verbs and number words: they say nothing about which fact a
# claim states (figures that differ must not keep two claims of one fact apart).
_STOPWORD_TEXT = """
a an the and or but nor so yet of to in on at by for from with without about into onto
over under after before during since until than then as is are was were be been being am
has have had having do does did doing will would shall should can could may might must it
its it's this that these those there here which who whom whose what when where why how he
she they them their theirs his her hers him we us our you your i me my not no never
also just only very more most much many some any all each both such own other another same
said says say saying told tell according reported reports report according while whether
if because though although however there's up down out off again further once one's per
via amid among between through against toward towards
zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions billion billions dozen dozens
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def stem(word: str) -> str:
    """A crude English stem: enough to match "mines"/"mine", "injured"/"injuring"."""
    w = word.lower().replace("'s", "").strip("'-")
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    # "injury"/"injured", "mine"/"mines", "evacuate"/"evacuated" meet on one stem.
    if len(w) > 4 and w[-1] in "ey":
        w = w[:-1]
    return w


def content_words(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning, in order (numbers left out)."""
    out: list[str] = []
    for match in WORD_RE.finditer(text):
        word = match.group(0).lower()
        if word in STOPWORDS or len(word) < 2:
            continue
        out.append(stem(word))
    return out


def content_set(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def claim_text(claim: Claim) -> str:
    """The text a claim is aligned on: ``Claim.statement``, the words of its parts when it
    is a proposition made of several spans, else its content, or its whole text."""
    return claim.statement


def entity_keys(claim: Claim, labels: tuple[str, ...] = ("PERSON", "ORG", "GPE")) -> frozenset[str]:
    return frozenset(e.key for e in claim.entities if e.label in labels and e.key)


def name_key(name: str) -> str:
    """A comparison key for an outlet or agency name: "The Washington Post" -> "washington post"."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name.lower())]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
