"""One clause claim -> one claim per atomic proposition of its content.

``split_propositions`` runs on the content of the clause (the words outside the attribution
frame), so "X said A and B" gives two propositions, "A" and "B", both said by X. Each
proposition becomes a ``Claim`` as follows:

* ``parts``: the character spans of the proposition's words in the article, sorted and
  never overlapping (punctuation between two kept words does not break a span). A
  proposition is often not one span: "The ferry | reached the island" shares the subject
  of "The ferry left at noon and reached the island".
* ``content`` / ``content_start`` / ``content_end``: the span that covers the parts, so that
  ``article.text[content_start:content_end] == content`` holds as for every claim; the parts
  say which words inside it make up the proposition.
* ``text`` / ``start`` / ``end``: the span that covers the parts and the attribution frame
  (speaker, cue, cited outlet), stretched over quotes and punctuation at the clause's edges;
  so the frame spans of the claim stay inside ``start``..``end``.
* speaker, via, cue, anonymity, their spans, quote and quote text are the clause's: every
  proposition of "X said A and B" is said by X. The hedge is read from the frame and from
  the proposition's own words ("The mayor resigned and is expected to leave" hedges the
  second only), and so is negation.
* quantities and dates are those that start inside a part; entities those inside a part or
  in the speaker or outlet written in the frame (comparison reads the speaker's title there).
* ``id``: ``Claim.make_id(article, start, end, parts)``, distinct for the propositions of
  one sentence and the same on every run.

A clause whose content is one proposition keeps its single claim, unchanged (no parts other
than those of an interrupting frame, "The mines, he said, are non-persistent"); so does a
clause that would split into a fragment with no verb or too few words. Which splits are made
(lists, relative clauses, ...; a narrower set for what a source said; quotes kept whole) is
chosen by ``ClaimOptions`` in ``extract``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..model import Claim
from .attribution import Frame
from .propositions import PropositionOptions, proposition_parts, split_propositions

_EDGE = " \t\n.,;:!?\"“”‘’'()[]—–-"


_NEGATIVE_PRONOUNS = frozenset(["nobody", "nothing", "none", "noone", "neither"])


def negation_cues(tokens: Iterable[Token]) -> set[int]:
    """Indices of the words that negate the main clause of ``tokens`` ("not", "never", the
    "no" of "no one was hurt", "nobody"); the main clause is the words whose head lies
    outside."""
    toks = list(tokens)
    ids = {t.i for t in toks}
    out: set[int] = set()
    for root in (t for t in toks if t.head.i not in ids or t.head.i == t.i):
        for child in root.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "neither"):
                out.add(child.i)
            elif child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
                if child.lower_ in _NEGATIVE_PRONOUNS:  # "Nobody was hurt"
                    out.add(child.i)
                out.update(
                    g.i
                    for g in child.children
                    if g.lower_ in ("no", "neither") and g.dep_ in ("det", "preconj")
                )
    return out


def _alpha_words(doc: Doc, indices: list[int]) -> int:
    return sum(1 for i in indices if doc[i].is_alpha)


def _is_statement(doc: Doc, indices: list[int], min_words: int) -> bool:
    return _alpha_words(doc, indices) >= min_words and any(
        doc[i].pos_ in ("VERB", "AUX") for i in indices
    )


def content_propositions(
    span: Span, frame: Frame, options: PropositionOptions, min_words: int
) -> list[list[int]]:
    """Token indices of each proposition of the clause ``span``'s content; one item (all
    content words) when the content is one fact or a split would leave a fragment that is
    not a statement of its own (fewer than ``min_words`` words, or no verb)."""
    doc = span.doc
    regions = frame.parts or ((frame.content_start, frame.content_end),)
    content = [t for t in span if any(s <= t.idx < e for s, e in regions)]
    words = sorted(t.i for t in content if not t.is_punct)
    if frame.verb_negated or len(content) < 2:
        return [words]  # "X did not say A and B": nothing here is asserted on its own
    keep = set(words)
    out: list[list[int]] = []
    for prop in split_propositions(doc[content[0].i : content[-1].i + 1], options):
        kept = sorted(set(prop) & keep)
        if kept and kept not in out:
            out.append(kept)
    # a proposition whose words all lie inside another one says nothing of its own
    out = [p for p in out if not any(set(p) < set(q) for q in out)]
    if len(out) < 2 or not all(_is_statement(doc, p, min_words) for p in out):
        return [words]
    return out


def _spans(*pairs: tuple[int | None, int | None]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in pairs if s is not None and e is not None]


def _inside(start: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in regions)


def proposition_claims(
    claim: Claim,
    span: Span,
    base: int,
    frame: Frame,
    article_text: str,
    props: list[list[int]],
    hedge: Callable[[str], str | None],
) -> list[Claim]:
    """The claims of the propositions ``props`` (token indices of ``span``'s doc, whose
    text starts at ``base`` in the article) of one clause claim; ``hedge`` reads the hedge
    of a text. One proposition gives back ``claim`` itself."""
    if len(props) < 2:
        return [claim]
    doc = span.doc
    clause_start, clause_end = base + span.start_char, base + span.end_char
    content_regions = frame.parts or ((frame.content_start, frame.content_end),)
    frame_text = doc.text[span.start_char : span.end_char]
    for s, e in sorted(content_regions, reverse=True):  # the frame's words only
        lo, hi = s - span.start_char, e - span.start_char
        frame_text = frame_text[:lo] + " " + frame_text[hi:]
    named = _spans((claim.speaker_start, claim.speaker_end), (claim.via_start, claim.via_end))
    frame_spans = named + _spans((claim.cue_start, claim.cue_end))
    negators = negation_cues(t for t in span if _inside(t.idx, content_regions))
    out: list[Claim] = []
    seen: set[str] = set()
    for prop in props:
        regions = tuple((base + s, base + e) for s, e in proposition_parts(doc, prop))
        start = min(s for s, _ in (*regions, *frame_spans))
        end = max(e for _, e in (*regions, *frame_spans))
        if not article_text[clause_start:start].strip(_EDGE):
            start = clause_start
        if not article_text[end:clause_end].strip(_EDGE):
            end = clause_end
        parts = regions
        if len(regions) == 1 and not (
            article_text[start : regions[0][0]].strip(_EDGE)
            or article_text[regions[0][1] : end].strip(_EDGE)
        ):
            parts = ()  # one span, give or take the quotes and the full stop around it
        cid = Claim.make_id(claim.article, start, end, parts)
        if cid in seen:
            continue
        seen.add(cid)
        own = set(prop)
        negated = bool(negators & own) or bool(negation_cues(doc[i] for i in prop))
        words = " ".join(article_text[s:e] for s, e in regions)
        c_start, c_end = regions[0][0], regions[-1][1]
        out.append(replace(
            claim,
            id=cid,
            text=article_text[start:end],
            start=start,
            end=end,
            content=article_text[c_start:c_end],
            content_start=c_start,
            content_end=c_end,
            hedge=hedge(frame_text + " " + words),
            negated=negated,
            quantities=tuple(q for q in claim.quantities if _inside(q.start, regions)),
            dates=tuple(d for d in claim.dates if _inside(d.start, regions)),
            entities=tuple(
                e for e in claim.entities
                if _inside(e.start, regions) or _inside(e.start, named)
            ),
            parts=parts,
        ))  # fmt: skip
    return out
