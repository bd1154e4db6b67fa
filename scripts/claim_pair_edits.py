"""Claim pairs made from real news sentences by editing one fact, with their labels.

A real sentence against a copy of itself with one value, name, date, negation or status
changed is the same fact stated incompatibly (``conflict``); against a copy with a harmless
change (an approximation that admits the figure, a rounded sum, a dropped modifier, the
attribution left out, "U.S." for "US", a tally written in words) it is the same fact stated
compatibly (``agree``); against another sentence of the same article that shares a name it
is a ``different`` fact. The model then learns that a near-identical wording says nothing
by itself: what decides is whether the changed part is compatible.

Each edit names the general pattern it covers (``kind``); none is written for a sentence.
Used by ``scripts/build_claim_pairs.py``; needs the project venv (spaCy).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
ABBREVIATIONS = (
    ("U.S.", "US"),
    ("U.N.", "UN"),
    ("U.K.", "UK"),
    ("F.B.I.", "FBI"),
    ("C.I.A.", "CIA"),
    ("I.R.S.", "IRS"),
    ("E.U.", "EU"),
    ("N.S.A.", "NSA"),
    ("G.O.P.", "GOP"),
)
TITLES = (("Sen.", "Senator"), ("Rep.", "Representative"), ("Gov.", "Governor"))
REPORTING = frozenset("say tell announce state claim insist add note write report".split())
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_TALLY = re.compile(r"\b(\d{1,3})-(\d{1,3})\b")

AGREE, CONFLICT, DIFFERENT = "agree", "conflict", "different"


@dataclass(frozen=True)
class Edit:
    a: str
    b: str
    label: str  # agree / conflict / different
    kind: str  # the pattern: number, number_approx, date, entity, negation, status, ...


def _replace(doc: Doc, start: int, end: int, new: str) -> str:
    """The sentence with characters [start, end) replaced by ``new``."""
    text = doc.text
    return text[:start] + new + text[end:]


def _value(text: str) -> float | None:
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def _fmt(value: float, like: str) -> str:
    if "." in like and not float(value).is_integer():
        decimals = len(like.split(".")[1])
        return f"{value:.{decimals}f}"
    v = int(round(value))
    return f"{v:,}" if "," in like or v >= 10000 else str(v)


def _changed_value(v: float, rng: random.Random) -> float:
    """A value that no reasonable rounding of ``v`` admits."""
    if v < 10:
        choices = [x for x in range(max(0, int(v) - 3), int(v) + 4) if x != int(v)]
        return float(rng.choice(choices))
    factor = rng.choice([0.5, 0.6, 0.7, 0.75, 1.3, 1.4, 1.5, 2.0])
    new = v * factor
    if v.is_integer():
        new = float(round(new))
    return new if abs(new - v) / v > 0.2 else v * 2


def _nice_below(v: float) -> float:
    """A round figure under ``v`` ("more than 200" for 214)."""
    mag = 10 ** max(0, int(math.log10(v)) - 1)
    return (
        math.floor(v / mag) * mag
        if math.floor(v / mag) * mag < v
        else (math.floor(v / mag) - 1) * mag
    )


def _is_year(tok: Token) -> bool:
    return tok.ent_type_ == "DATE" and bool(re.fullmatch(r"(19|20)\d\d", tok.text))


def _number_tokens(doc: Doc) -> list[Token]:
    out = []
    for tok in doc:
        if not tok.like_num or _is_year(tok) or _value(tok.text) is None:
            continue
        prev = doc[tok.i - 1].text if tok.i > 0 else ""
        nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
        if prev in ("-", "No.", "#") or nxt in ("-",) or tok.ent_type_ in ("ORDINAL", "TIME"):
            continue
        out.append(tok)
    return out


def number_edits(doc: Doc, rng: random.Random) -> Iterator[Edit]:
    for tok in _number_tokens(doc):
        v = _value(tok.text)
        if v is None:
            continue
        new = _changed_value(v, rng)
        yield Edit(
            doc.text,
            _replace(doc, tok.idx, tok.idx + len(tok), _fmt(new, tok.text)),
            CONFLICT,
            "number",
        )
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if (
            v >= 20
            and v.is_integer()
            and prev not in ("about", "nearly", "than", "least", "almost", "some", "$")
        ):
            form = rng.choice(["more than", "about", "nearly", "at least", "roughly"])
            if form in ("more than", "at least"):
                shown = _nice_below(v)
            elif form == "nearly":
                shown = _nice_below(v) + 10 ** max(0, int(math.log10(v)) - 1)
                shown = shown if shown > v else v
            else:
                shown = float(round(v, -max(0, int(math.log10(v)) - 1)))
            if shown > 0:
                b = _replace(doc, tok.idx, tok.idx + len(tok), f"{form} {_fmt(shown, tok.text)}")
                yield Edit(doc.text, b, AGREE, "number_approx")
        if not v.is_integer() and doc[tok.i + 1 : tok.i + 2].text.lower() in (
            "million",
            "billion",
            "trillion",
        ):
            rounded = round(v, max(0, len(tok.text.split(".")[1]) - 1)) if "." in tok.text else v
            if rounded != v:
                b = _replace(
                    doc,
                    tok.idx,
                    tok.idx + len(tok),
                    _fmt(
                        rounded,
                        tok.text.rsplit("0", 1)[0] if tok.text.endswith("0") else tok.text[:-1],
                    ),
                )
                yield Edit(doc.text, b, AGREE, "number_rounding")
    for tok in doc:
        if tok.lower_ in NUMBER_WORDS and tok.pos_ == "NUM":
            other = rng.choice([w for w in NUMBER_WORDS if w != tok.lower_])
            if tok.text[0].isupper():
                other = other.capitalize()
            yield Edit(
                doc.text, _replace(doc, tok.idx, tok.idx + len(tok), other), CONFLICT, "number_word"
            )


def tally_edits(doc: Doc, rng: random.Random) -> Iterator[Edit]:
    for m in _TALLY.finditer(doc.text):
        x, y = int(m.group(1)), int(m.group(2))
        if x == y or max(x, y) > 500:
            continue
        shift = rng.choice([1, 2, 3])
        changed = f"{x + shift}-{max(0, y - shift)}"
        yield Edit(
            doc.text, doc.text[: m.start()] + changed + doc.text[m.end() :], CONFLICT, "tally"
        )
        yield Edit(
            doc.text,
            doc.text[: m.start()] + f"{x} to {y}" + doc.text[m.end() :],
            AGREE,
            "tally_words",
        )


def date_edits(doc: Doc, rng: random.Random) -> Iterator[Edit]:
    for tok in doc:
        if tok.text in WEEKDAYS:
            other = rng.choice([d for d in WEEKDAYS if d != tok.text])
            yield Edit(
                doc.text,
                _replace(doc, tok.idx, tok.idx + len(tok), other),
                CONFLICT,
                "date_weekday",
            )
        elif tok.text in MONTHS and tok.ent_type_ == "DATE":
            other = rng.choice([m for m in MONTHS if m != tok.text])
            yield Edit(
                doc.text, _replace(doc, tok.idx, tok.idx + len(tok), other), CONFLICT, "date_month"
            )
        elif _is_year(tok):
            new = str(int(tok.text) + rng.choice([-3, -2, -1, 1, 2, 3]))
            yield Edit(
                doc.text, _replace(doc, tok.idx, tok.idx + len(tok), new), CONFLICT, "date_year"
            )


def entity_edits(doc: Doc, pool: dict[str, Sequence[str]], rng: random.Random) -> Iterator[Edit]:
    """A name replaced by another name of the same kind from the same event: the same slot
    with another filler."""
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "GPE", "ORG", "NORP"):
            continue
        others = [
            o
            for o in pool.get(ent.label_, ())
            if not set(o.lower().split()) & set(ent.text.lower().split())
        ]
        if not others:
            continue
        new = rng.choice(list(others))
        yield Edit(
            doc.text,
            _replace(doc, ent.start_char, ent.end_char, new),
            CONFLICT,
            "entity_" + ent.label_.lower(),
        )


def _root(doc: Doc) -> Token | None:
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return roots[0] if roots else None


def negation_edits(doc: Doc) -> Iterator[Edit]:
    root = _root(doc)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return
    target = root
    if root.lemma_ in REPORTING:  # negate the reported content, not the reporting verb
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if not comp:
            return
        target = comp[0]
    negs = [c for c in target.children if c.dep_ == "neg"]
    if negs:
        neg = negs[0]
        start, end = neg.idx, neg.idx + len(neg)
        if doc.text[start - 1 : start] == " ":
            start -= 1
        if neg.text.lower() == "n't":
            return
        yield Edit(doc.text, doc.text[:start] + doc.text[end:], CONFLICT, "negation_removed")
        return
    aux = [c for c in target.children if c.dep_ in ("aux", "auxpass") and c.i < target.i]
    if aux:
        first = aux[0]
        at = first.idx + len(first)
        yield Edit(doc.text, doc.text[:at] + " not" + doc.text[at:], CONFLICT, "negation_added")
    elif target.tag_ == "VBD" and target.lemma_ != "be":
        new = f"did not {target.lemma_}"
        yield Edit(
            doc.text,
            _replace(doc, target.idx, target.idx + len(target), new),
            CONFLICT,
            "negation_added",
        )
    elif target.lemma_ == "be" and target.tag_ in ("VBD", "VBZ", "VBP"):
        at = target.idx + len(target)
        yield Edit(doc.text, doc.text[:at] + " not" + doc.text[at:], CONFLICT, "negation_added")


def status_edits(doc: Doc, rng: random.Random) -> Iterator[Edit]:
    """Something that happened against the same thing expected or to come ("resigned" /
    "is expected to resign", "was sentenced" / "will be sentenced")."""
    root = _root(doc)
    if root is None:
        return
    target = root
    if root.lemma_ in REPORTING:
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if not comp:
            return
        target = comp[0]
    aux = [c for c in target.children if c.dep_ in ("aux", "auxpass") and c.i < target.i]
    if (
        target.tag_ == "VBD"
        and not aux
        and target.lemma_ not in frozenset(("be", "have")) | REPORTING
    ):
        form = rng.choice(["is expected to", "will", "plans to", "could"])
        yield Edit(
            doc.text,
            _replace(doc, target.idx, target.idx + len(target), f"{form} {target.lemma_}"),
            CONFLICT,
            "status",
        )
    if target.tag_ == "VBN" and aux and aux[0].lower_ in ("was", "were") and len(aux) == 1:
        new = rng.choice(["will be", "is expected to be", "could be"])
        yield Edit(
            doc.text, _replace(doc, aux[0].idx, aux[0].idx + len(aux[0]), new), CONFLICT, "status"
        )
    if target.tag_ in ("VB",) and aux and aux[0].lower_ == "will" and len(aux) == 1:
        past = {"be": "was"}.get(target.lemma_)
        if past:
            yield Edit(
                doc.text,
                _replace(doc, aux[0].idx, target.idx + len(target), past),
                CONFLICT,
                "status",
            )


def attribution_edits(doc: Doc) -> Iterator[Edit]:
    """ "X said that Y" against "Y": the same claim without its attribution frame."""
    root = _root(doc)
    if root is None or root.lemma_ not in REPORTING:
        return
    comp = [c for c in root.children if c.dep_ == "ccomp"]
    if not comp:
        return
    sub = list(comp[0].subtree)
    words = [t for t in sub if not (t.dep_ == "mark" and t.i == sub[0].i)]
    if len(words) < 5:
        return
    text = doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    text = text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
    yield Edit(doc.text, text, AGREE, "attribution_dropped")


def modifier_edits(doc: Doc) -> Iterator[Edit]:
    """The sentence without a trailing modifier (a clause, an appositive, a prepositional
    phrase of the root): less detail, the same fact."""
    root = _root(doc)
    if root is None:
        return
    for child in reversed(list(root.children)):
        if child.dep_ in ("advcl", "prep", "npadvmod") and child.i > root.i:
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if 3 <= len(span) <= len(doc) // 2:
                start = span.start_char
                end = span.end_char
                head = doc.text[:start].rstrip(" ,")
                rest = doc.text[end:].lstrip(" ,")
                b = (head + (" " + rest if rest and rest[0].isalnum() else rest)).strip()
                if len(b.split()) >= 5:
                    yield Edit(doc.text, b, AGREE, "modifier_dropped")
            return
    for ent_tok in doc:
        if ent_tok.dep_ == "appos":
            span = doc[ent_tok.left_edge.i : ent_tok.right_edge.i + 1]
            text = doc.text
            start, end = span.start_char, span.end_char
            if text[start - 2 : start] == ", " and text[end : end + 1] == ",":
                yield Edit(text, text[: start - 2] + text[end + 1 :], AGREE, "appositive_dropped")
                return


def surface_edits(doc: Doc) -> Iterator[Edit]:
    text = doc.text
    for long, short in ABBREVIATIONS:
        if long in text:
            yield Edit(text, text.replace(long, short), AGREE, "abbreviation")
            return
    for abbr, full in TITLES:
        if abbr + " " in text:
            yield Edit(text, text.replace(abbr + " ", full + " ", 1), AGREE, "title_form")
            return


def different_pairs(docs: Sequence[Span | Doc], rng: random.Random, limit: int) -> Iterator[Edit]:
    """Two sentences of one article that share a name but state different facts."""
    named = [(d, {e.text for e in d.ents if e.label_ in ("PERSON", "ORG", "GPE")}) for d in docs]
    pairs = [
        (x, y)
        for i, (x, nx) in enumerate(named)
        for (y, ny) in named[i + 2 :]  # not adjacent sentences
        if nx & ny
    ]
    rng.shuffle(pairs)
    for x, y in pairs[:limit]:
        yield Edit(x.text, y.text, DIFFERENT, "same_article")


def sentence_edits(doc: Doc, pool: dict[str, Sequence[str]], rng: random.Random) -> list[Edit]:
    """At most one conflict and one agree edit of one sentence, chosen at random among the
    patterns that apply."""
    conflicts = (
        list(number_edits(doc, rng))
        + list(tally_edits(doc, rng))
        + list(date_edits(doc, rng))
        + list(entity_edits(doc, pool, rng))
        + list(negation_edits(doc))
        + list(status_edits(doc, rng))
    )
    agrees = [e for e in conflicts if e.label == AGREE]
    conflicts = [e for e in conflicts if e.label == CONFLICT]
    agrees += list(attribution_edits(doc)) + list(modifier_edits(doc)) + list(surface_edits(doc))
    out = []
    if conflicts:
        out.append(rng.choice(conflicts))
    if agrees:
        out.append(rng.choice(agrees))
    return [e for e in out if e.a.strip() != e.b.strip()]
