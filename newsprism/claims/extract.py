"""Articles -> claims: sentences, clause splitting, frames, hedges, numbers, dates, entities.

Each sentence is split into clauses ("A; B", "A, but B"), each clause gets its attribution
frame, and (``ClaimOptions.propositions``) the content of a clause is split into atomic
propositions, one claim each: see ``proposition_claims`` for how a proposition that is not
one span maps onto ``Claim.parts``, ``content`` and ``text``.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError
from ..model import Article, Claim, Entity
from ..resources import Resources
from .attribution import VERB_HEDGES, Frame, find_frame
from .dates import parse_dates
from .entities import (
    ENTITY_LABELS,
    TITLE_WORDS,
    abbreviations,
    actor_key,
    entity_key,
    person_key,
)
from .proposition_claims import content_propositions, negation_cues, proposition_claims
from .propositions import PropositionOptions
from .quantities import parse_quantities
from .sentences import SentenceSpan, split_sentences
from .stance import is_imperative, is_question, opinion_cue, span_tokens
from .workers import fork_map, split_even


@dataclass(frozen=True)
class ClaimOptions:
    min_words: int = 4  # sentences and clauses shorter than this are not claims
    heading_words: int = 12  # unpunctuated lines up to this many words are headings
    batch_size: int = 256  # sentences per spaCy batch
    split_clauses: bool = True  # split "A; B" and "A, but B" into two claims
    # one claim per atomic proposition of a clause's content ("X left and reached Y" -> 2)
    propositions: bool = True
    # news sentences: coordinated verbs and lists, relative and participle clauses split;
    # appositions and brackets (descriptions without a verb) stay with their statement
    # lists and participle clauses stay with their statement: "targeted with artillery and
    # rockets" is one fact, and "X, noting that Y" split off reads "X noting that Y", a
    # fragment with no finite verb
    proposition_options: PropositionOptions = PropositionOptions(
        split_lists=False, split_appositions=False, split_brackets=False,
        split_participles=False,
    )  # fmt: skip
    # what a source said ("X said A and B"): only coordinated verbs and relative clauses,
    # so that one attribution does not turn into a run of fragments of one statement
    attributed_proposition_options: PropositionOptions = PropositionOptions(
        split_lists=False, split_appositions=False, split_brackets=False,
        split_participles=False,
    )  # fmt: skip
    # a verbatim quote stays one claim: its wording is compared as a whole
    split_quotes: bool = False
    # worker processes: 0 = automatic (two on a machine with two or more cores once a
    # batch has at least ``parallel_from`` sentences; each worker parses its share of the
    # articles and returns finished claims, see claims/workers.py)
    processes: int = 0
    parallel_from: int = 2000


@dataclass
class ClaimTimings:
    """Seconds spent in each part of one ``extract_claims`` call."""

    sentences: float = 0.0
    spacy: float = 0.0
    rules: float = 0.0
    claims: int = 0
    words: int = 0
    extra: dict[str, float] = field(default_factory=dict)


HEDGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unconfirmed", re.compile(
        r"\b(?:could|can|was|were)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:immediately\s+|"
        r"independently\s+)*(?:verif(?:y|ied)|confirm(?:ed)?)\b|\b(?:cannot|unable\s+to)\s+"
        r"(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b|"
        r"\b(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)\b|"
        r"\bunconfirmed\b|\bunverified\b|\bnot\s+(?:been\s+)?independently\s+(?:verified|"
        r"confirmed)\b", re.IGNORECASE)),
    ("not_said", re.compile(
        r"\b(?:did|does|do|would|could|will)\s*(?:not|n['’]t)\s+(?:immediately\s+)?"
        r"(?:say|specify|comment|disclose|confirm|elaborate|reveal|identify|detail|respond|"
        r"provide details|give details|name)|\b(?:declined|refused)\s+to\s+(?:say|comment|"
        r"specify|disclose|confirm|elaborate|identify|detail|give|provide|name)|"
        r"\bit\s+(?:is|was|remains|remained)\s+(?:still\s+)?(?:unclear|not\s+clear|unknown)|"
        r"\b(?:remain|remains|remained|is|are|was|were)\s+(?:still\s+)?(?:unclear|unknown)|"
        r"\bunknown\b|\bno comment\b|\bgone unanswered\b|\bwithout (?:giving|providing) details",
        re.IGNORECASE)),
    # a denial of a statement ("denied that", "denied the allegations", "denied any
    # wrongdoing", "denied having"), not of a request or an application ("denied a request")
    ("denied", re.compile(
        r"\b(?:denied|denies|deny|denying)\s+(?:that\b|it\b|this\b|them\b|ever\b|having\b|"
        r"being\b|knowing\b|any\s+(?:wrongdoing|involvement|knowledge|role|link|contact)|"
        r"(?:the|these|those|such|all|his|her|their)\s+(?:[\w-]+\s+)?(?:claims?|reports?|"
        r"allegations?|accusations?|charges?|suggestions?|rumou?rs?|stor(?:y|ies)))|"
        r"\b(?:denied|denies|deny|denying)\s*[,.;]|\bdenial\b|"
        r"\b(?:rejected|dismissed|refuted)\s+(?:the\s+)?"
        r"(?:claims?|reports?|allegations?|accusations?|suggestions?)", re.IGNORECASE)),
    ("opinion", re.compile(
        r"\b(?:critics|opponents|detractors|supporters|proponents)\s+(?:have\s+)?(?:say|said|"
        r"argue[sd]?|contend(?:ed)?|charge[sd]?|claim(?:ed)?|call(?:ed)?|complain(?:ed)?)\b|"
        r"\b(?:slammed|blasted|lambasted|decried|derided|condemned|praised|hailed)\s+(?:the|it|"
        r"his|her|their|its|as)\b", re.IGNORECASE)),
    ("reported", re.compile(
        r"\breportedly\b|\breported\s+that\b|\baccording\s+to\s+(?:media\s+)?reports?\b|"
        r"\breports\s+(?:say|said|suggest)", re.IGNORECASE)),
    ("expected", re.compile(
        r"\b(?:is|are|was|were|be)\s+expected\s+to\b|\bplans?\s+to\b|\bplanned\s+to\b|"
        r"\bplanning\s+to\b|\bwill\s+likely\b|\blikely\s+to\b|\b(?:is|are)\s+(?:set|poised|"
        r"scheduled|due)\s+to\b|\bintends?\s+to\b", re.IGNORECASE)),
    ("possible", re.compile(
        r"\b(?:may|might|could)\b(?!\s+not\s+say)|\bpossibly\b|\bpotentially\b|\bperhaps\b",
        re.IGNORECASE)),
)  # fmt: skip
_PRONOUNS = frozenset(["he", "she", "him", "her"])
_QUOTES = re.compile(
    r"“([^”\n]*)(?:”|$)|(?<!\w)\"([^\"\n]+)\"|(?<!\w)‘([^’\n]+)’(?!\w)|(?<!\w)'([^'\n]+)'(?!\w)",
    re.MULTILINE,
)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of the words inside quotation marks (an unclosed quote runs on to
    the end of its paragraph)."""
    out = []
    for m in _QUOTES.finditer(text):
        for g in range(1, 5):
            if m.group(g) is not None and m.group(g).strip():
                out.append((m.start(g), m.end(g)))
    return out


def _has_subject_verb(span: Span) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span) and any(
        t.pos_ in ("VERB", "AUX") for t in span
    )


def clause_ranges(
    doc: Doc, min_words: int, quoted: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Token ranges of the independent statements of one sentence. A cut inside quotation
    marks (``quoted``: character spans of the doc) is not made: a quote is one claim."""
    cuts: list[tuple[int, int]] = []  # (end of left part, start of right part)
    for tok in doc:
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        if tok.text == ";":
            cuts.append((tok.i, tok.i + 1))
        elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.dep_ == "ROOT":
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
                continue
            left = min(t.i for t in tok.subtree)
            cc = left - 1 if left > 0 and doc[left - 1].dep_ == "cc" else None
            comma = (cc if cc is not None else left) - 1
            if cc is not None and comma >= 0 and doc[comma].text == ",":
                cuts.append((comma, cc + 1))
        elif (
            tok.lower_ in ("while", "whereas")
            and tok.dep_ == "mark"
            and tok.i > 0
            and doc[tok.i - 1].text == ","
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children)
        ):
            cuts.append((tok.i - 1, tok.i + 1))
    ranges: list[tuple[int, int]] = []
    start = 0
    for left_end, right_start in sorted(cuts):
        head_part = doc[start:left_end]
        tail_part = doc[right_start:]
        if (
            sum(1 for t in head_part if t.is_alpha) >= min_words
            and sum(1 for t in tail_part if t.is_alpha) >= min_words
            and _has_subject_verb(head_part)
            and _has_subject_verb(tail_part)
        ):
            ranges.append((start, left_end))
            start = right_start
    ranges.append((start, len(doc)))
    return ranges


def _states_something(doc: Doc, frame: Frame, min_words: int) -> bool:
    """Whether the content a frame leaves is a statement of its own: a few words, not an
    infinitive ("warned photographers | to remain stationary") nor a scrap of a quote
    ("called the case | very unfair")."""
    if frame.verb is None:
        return True
    regions = frame.parts or ((frame.content_start, frame.content_end),)
    words = [t for t in doc if any(s <= t.idx < e for s, e in regions) and t.is_alpha]
    if len(words) < min_words:
        return False
    return not (words[0].lower_ == "to" and len(words) > 1 and words[1].tag_ == "VB")


def _hedge(text: str, frame: Frame) -> str | None:
    for name, pattern in HEDGES:
        if pattern.search(text):
            return name
    return VERB_HEDGES.get(frame.verb or "")


def _negated(span: Span, start: int, end: int) -> bool:
    """Whether the main clause of the content (chars ``start:end`` of the doc) is negated."""
    return bool(negation_cues(t for t in span if start <= t.idx < end))


@dataclass
class _ArticleState:
    """What earlier sentences of one article tell later ones."""

    abbrs: dict[str, str]
    persons: dict[str, str] = field(default_factory=dict)  # surname -> full-name key
    names: dict[str, str] = field(default_factory=dict)  # surname -> full name as first written
    last_person: str | None = None


ANON_NOUNS = frozenset(
    "official source person people aide diplomat insider officer adviser advisor staffer "
    "individual lawmaker analyst employee witness member investigator expert observer "
    "resident someone spokesperson spokesman spokeswoman".split()
)
_ANON_PHRASE = re.compile(
    r"familiar with|on (?:the )?condition of anonymity|not authori[sz]ed|asked not to be "
    r"(?:named|identified)|declined to be (?:named|identified)|speaking anonymously",
    re.IGNORECASE,
)


def is_anonymous(speaker: Span) -> bool:
    """Whether a speaker phrase names no one: "a U.S. official", "two people familiar with"."""
    if _ANON_PHRASE.search(speaker.text):
        return True
    if any(e.label_ == "PERSON" for e in speaker.ents) or not len(speaker):
        return False
    head = speaker.root
    noun = head.lower_.rstrip("s") if head.lower_ not in ("people", "witness") else head.lower_
    if noun not in ANON_NOUNS and head.lower_ not in ANON_NOUNS:
        return False
    if any(t.pos_ == "PROPN" and t.dep_ in ("appos", "compound") and t.i > head.i
           for t in speaker):  # fmt: skip
        return False  # "the spokesman, Ned Price"
    det = speaker[0].lower_
    return det != "the" or noun == "source" or head.lower_.endswith("s")


def _full_name(ent: Span) -> str:
    """A PERSON entity with the titles written just before it ("Defense Secretary ...")."""
    doc = ent.doc
    first = ent.start
    while first > 0 and first > ent.start - 4:
        prev = doc[first - 1]
        if not prev.text[:1].isupper() or prev.ent_type_ not in ("", "ORG", "NORP", "GPE"):
            break
        if prev.lower_.rstrip(".") not in TITLE_WORDS and prev.dep_ != "compound":
            break
        first -= 1
    return doc[first : ent.end].text


def _remember_names(span: Span, state: _ArticleState) -> None:
    for ent in span.ents:
        if ent.label_ != "PERSON":
            continue
        key = person_key(ent.text).split()
        if len(key) > 1:
            state.names.setdefault(key[-1], _full_name(ent))


def _resolve_speaker(speaker: str | None, span: Span, state: _ArticleState) -> str | None:
    if speaker is None:
        return None
    low = speaker.lower()
    if low in _PRONOUNS:
        return state.last_person or speaker
    key = person_key(speaker).split()
    if len(key) == 1 and key[0] in state.names:
        resolved = state.names[key[0]]
        state.last_person = resolved
        return resolved
    for ent in span.ents:
        if ent.label_ == "PERSON" and ent.text in speaker and len(person_key(ent.text).split()) > 1:
            state.last_person = speaker
    return speaker


def _is_agent(tok: Token) -> bool:
    """``tok`` is the object of "by" after a passive verb ("was attacked by Moscow")."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _char_span(doc: Doc, rel: tuple[int, int] | None) -> Span | None:
    if rel is None:
        return None
    return doc.char_span(rel[0], rel[1], alignment_mode="expand")


def _build(article: Article, sent: SentenceSpan, doc: Doc, rng: tuple[int, int],
           state: _ArticleState, quotes: list[tuple[int, int]],
           options: ClaimOptions) -> list[Claim]:  # fmt: skip
    """The claims of the clause ``rng`` (token range of ``doc``, the sentence ``sent``)."""
    span = doc[rng[0] : rng[1]]
    base = sent.start
    start, end = base + span.start_char, base + span.end_char
    text = article.text[start:end]
    inside = [(max(s, start), min(e, end)) for s, e in quotes if s < end and e > start]
    inside = [(s, e) for s, e in inside if article.text[s:e].strip(" ,.")]
    quoted = [(s - base, e - base) for s, e in inside]
    frame = find_frame(span, state.abbrs, has_quote=bool(inside), quoted=quoted)
    if not _states_something(doc, frame, options.min_words):
        frame = Frame(None, None, span.start_char, span.end_char, None)
    for ent in span.ents:  # remember full names before resolving "he said"
        if ent.label_ == "PERSON" and len(person_key(ent.text).split()) > 1 and not frame.speaker:
            state.last_person = _full_name(ent)
    speaker = _resolve_speaker(frame.speaker, span, state)
    _remember_names(span, state)
    speaker_tokens = _char_span(doc, frame.speaker_span)
    entities = tuple(
        Entity(e.text, base + e.start_char, base + e.end_char, e.label_,
               actor_key(entity_key(e.text, e.label_, state.abbrs, state.persons), e.label_,
                         e.root.dep_, _is_agent(e.root)))
        for e in span.ents
        if e.label_ in ENTITY_LABELS
    )  # fmt: skip

    def shift(rel: tuple[int, int] | None) -> tuple[int | None, int | None]:
        return (None, None) if rel is None else (base + rel[0], base + rel[1])

    cue_start, cue_end = shift(frame.cue_span)
    parts = tuple((base + s, base + e) for s, e in frame.parts)
    claim = Claim(
        id=Claim.make_id(article.id, start, end, parts),
        article=article.id,
        text=text,
        start=start,
        end=end,
        content=article.text[base + frame.content_start : base + frame.content_end],
        content_start=base + frame.content_start,
        content_end=base + frame.content_end,
        speaker=speaker,
        via=frame.via,
        quote=bool(inside),
        quote_text=" … ".join(article.text[s:e].strip() for s, e in inside) or None,
        hedge=_hedge(text, frame),
        negated=_negated(span, frame.content_start, frame.content_end),
        quantities=tuple(parse_quantities(text, start)),
        dates=tuple(parse_dates(text, article.published, start)),
        entities=entities,
        speaker_start=shift(frame.speaker_span)[0],
        speaker_end=shift(frame.speaker_span)[1],
        cue=None if cue_start is None else article.text[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        anonymous=speaker_tokens is not None and is_anonymous(speaker_tokens),
        parts=parts,
        via_start=shift(frame.via_span)[0],
        via_end=shift(frame.via_span)[1],
    )
    if not options.propositions or (claim.quote and not options.split_quotes):
        return _statements([claim], span, base)
    attributed = frame.verb is not None or frame.via is not None
    prop_options = (
        options.attributed_proposition_options if attributed else options.proposition_options
    )
    props = content_propositions(span, frame, prop_options, options.min_words)
    found = proposition_claims(claim, span, base, frame, article.text, props,
                               lambda words: _hedge(words, frame))  # fmt: skip
    return _statements(found, span, base)


def _statements(claims: list[Claim], span: Span, base: int) -> list[Claim]:
    """The claims that state something, each marked when it is an opinion: questions and,
    outside quotes, calls to action are left out (see ``stance``)."""
    out = []
    for claim in claims:
        regions = claim.parts or ((claim.content_start, claim.content_end),)
        tokens = span_tokens(span, [(s - base, e - base) for s, e in regions])
        words = claim.statement
        asked = claim.quote_text is not None and is_question(claim.quote_text)
        if (
            is_question(claim.content)
            or (asked and (claim.cue is not None or claim.speaker is not None))
            or (not claim.quote and is_imperative(tokens))
        ):
            continue
        cue = opinion_cue(tokens, words, claim.hedge)
        out.append(replace(claim, opinion=True) if cue else claim)
    return out


_OPEN_QUOTES = "“\"‘'"
_KEY_WORD = re.compile(r"\w+")


def statement_key(text: str) -> str:
    """The words of a statement, lower-cased, without punctuation: two claims with the
    same key say the same thing."""
    return " ".join(_KEY_WORD.findall(text.lower()))


def _continued_quote(claim: Claim, previous: Claim, text: str, line_start: int) -> Claim:
    """A quote that goes on past the sentence that attributes it, in the same paragraph:
    "“We will rebuild,” she said. “It will take years.”" -> the second has the same speaker."""
    if claim.speaker or claim.via or not claim.quote or previous.start < line_start:
        return claim
    if previous.speaker is None or not previous.quote:
        return claim
    if text[claim.start] not in _OPEN_QUOTES:
        return claim
    return replace(claim, speaker=previous.speaker, anonymous=previous.anonymous,
                   hedge=claim.hedge or previous.hedge)  # fmt: skip


def _processes(n_texts: int, options: ClaimOptions) -> int:
    if options.processes > 0:
        return options.processes
    cores = os.cpu_count() or 1
    return 2 if cores >= 2 and n_texts >= options.parallel_from else 1


def _claims_of(
    chunk: tuple[Sequence[Article], list[list[SentenceSpan]]],
    resources: Resources,
    options: ClaimOptions,
) -> tuple[list[Claim], float, float]:
    """Claims of a run of articles whose sentences are known, with seconds in spaCy and
    in the rules. A sentence written twice (a wire copy in two articles) is parsed once."""
    articles, sentences = chunk
    t1 = time.perf_counter()
    texts = [
        a.text[s.start : s.end] for a, sents in zip(articles, sentences, strict=True) for s in sents
    ]
    unique = list(dict.fromkeys(texts))
    parsed = dict(
        zip(unique, resources.nlp.pipe(unique, batch_size=options.batch_size), strict=True)
    )
    t2 = time.perf_counter()
    claims: list[Claim] = []
    k = 0
    for article, sents in zip(articles, sentences, strict=True):
        state = _ArticleState(abbreviations(article.text))
        quotes = quoted_regions(article.text)
        said: set[tuple[str, str]] = set()
        for sent in sents:
            doc = parsed[texts[k]]
            k += 1
            if not any(t.pos_ in ("VERB", "AUX") for t in doc):
                continue  # a label or list of names, not a statement
            inside = [(s - sent.start, e - sent.start) for s, e in quotes
                      if s < sent.end and e > sent.start]  # fmt: skip
            ranges = clause_ranges(doc, options.min_words, inside) if options.split_clauses else []
            for rng in ranges or [(0, len(doc))]:
                for claim in _build(article, sent, doc, rng, state, quotes, options):
                    if claims and claims[-1].article == article.id:
                        claim = _continued_quote(claim, claims[-1], article.text, sent.line_start)
                    key = (statement_key(claim.statement), claim.speaker or "")
                    if key in said:
                        continue  # the article says the same thing twice: one claim
                    said.add(key)
                    claims.append(claim)
    return claims, t2 - t1, time.perf_counter() - t2


def extract_claims_timed(
    articles: Sequence[Article], resources: Resources, options: ClaimOptions = ClaimOptions()
) -> tuple[list[Claim], ClaimTimings]:
    """``extract_claims`` with the time spent in each part.

    With more than one process, the articles are cut into runs of about equal sentence
    counts and each run is parsed and turned into claims in its own forked worker
    (``workers.fork_map``); the claims are the same as with one process."""
    if options.min_words < 1 or options.batch_size < 1:
        raise ConfigError("claim options: min_words and batch_size must be at least 1")
    timings = ClaimTimings()
    t0 = time.perf_counter()
    sentences = [
        split_sentences(a.text, options.min_words, options.heading_words) for a in articles
    ]
    timings.words = sum(
        len(a.text[s.start : s.end].split())
        for a, sents in zip(articles, sentences, strict=True)
        for s in sents
    )
    t1 = time.perf_counter()
    sizes = [len(sents) for sents in sentences]
    processes = _processes(sum(sizes), options)
    chunks = [(articles[i:j], sentences[i:j]) for i, j in split_even(sizes, processes)]
    if len(chunks) > 1:
        resources.nlp  # noqa: B018  (load the model once, before the workers fork)
    results = fork_map(partial(_claims_of, resources=resources, options=options), chunks)
    claims = [c for chunk_claims, _, _ in results for c in chunk_claims]
    timings.sentences = t1 - t0
    timings.spacy = sum(r[1] for r in results)  # summed over the workers (CPU seconds)
    timings.rules = sum(r[2] for r in results)
    timings.extra["workers"] = float(len(chunks))
    timings.extra["parallel_wall"] = time.perf_counter() - t1
    timings.claims = len(claims)
    return claims, timings


def extract_claims(
    articles: Sequence[Article], resources: Resources, options: ClaimOptions = ClaimOptions()
) -> list[Claim]:
    """Claims of every article, in article order and then text order."""
    return extract_claims_timed(articles, resources, options)[0]
