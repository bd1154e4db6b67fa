"""Attribution frames: who said it, through which outlet, and what was said.

Works on the dependency parse of one sentence: "X said (that) C", "C, X said.",
"According to X, C", "C, according to X", "X told Reuters C", "X, citing Y, reported that C".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .entities import abbreviations, is_outlet

# Reporting verbs: speech, writing and the stances that PolNeAR-style attribution counts.
_BASES = (
    "say tell state announce report add explain note claim warn confirm reveal argue insist "
    "acknowledge assert declare deny indicate estimate believe highlight stress emphasize "
    "suggest predict allege tweet post write describe disclose testify concede admit think "
    "know want hope expect fear doubt feel show find accuse urge recall conclude agree respond "
    "promise vow pledge propose learn contend maintain complain recommend speculate caution "
    "remark observe mention reiterate repeat boast counter assure ask question acknowledge "
    "signal hint"
).split()
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write",
              "denied": "deny", "denies": "deny", "admitted": "admit", "admitting": "admit",
              "thought": "think", "knew": "know", "known": "know", "felt": "feel",
              "found": "find", "shown": "show", "learnt": "learn", "replied": "reply",
              "replies": "reply", "reply": "reply", "replying": "reply", "worried": "worry",
              "worries": "worry", "worry": "worry", "worrying": "worry",
              "testified": "testify", "testifies": "testify"}  # fmt: skip


def _forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for base in _BASES:
        stem = base[:-1] if base.endswith("e") else base
        for form in (base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d"):
            out.setdefault(form, base)
    out.update(_IRREGULAR)
    return out


_FORMS = _forms()  # a constant table: every inflected form -> its base
# verbs whose content the speaker does not assert as fact, with the hedge it gets
VERB_HEDGES = {"report": "reported", "deny": "denied", "expect": "expected", "predict":
               "expected", "want": "expected", "hope": "expected", "promise": "expected",
               "vow": "expected", "pledge": "expected", "propose": "expected",
               "think": "opinion", "believe": "opinion", "feel": "opinion", "fear": "possible",
               "worry": "possible", "doubt": "possible", "speculate": "possible"}  # fmt: skip


def speech_lemma(word: str) -> str | None:
    """The base of a reporting verb form ("said" -> "say"), or None for other words."""
    return _FORMS.get(word.lower())


@dataclass(frozen=True)
class Frame:
    speaker: str | None
    via: str | None
    content_start: int  # character offsets relative to the span's doc
    content_end: int
    verb: str | None  # base of the reporting verb ("say", "report") or "according to"
    verb_negated: bool = False
    speaker_span: tuple[int, int] | None = None  # character offsets relative to the doc
    cue_span: tuple[int, int] | None = None
    via_span: tuple[int, int] | None = None
    parts: tuple[tuple[int, int], ...] = ()  # content fragments when the frame splits it


_STRIP = " \t,;:—–-\"“”‘’'"


def _trim(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a character span past commas, quotes and dashes at its edges."""
    while start < end and doc_text[start] in _STRIP:
        start += 1
    while end > start and doc_text[end - 1] in _STRIP:
        end -= 1
    if end > start and doc_text[end - 1] in ".!?" and end - 1 > start:
        end -= 1
        while end > start and doc_text[end - 1] in _STRIP:
            end -= 1
    return start, end


def _phrase(tok: Token) -> str:
    """The noun phrase of ``tok`` without a trailing clause after a comma or bracket."""
    s, e = _phrase_span(tok)
    return tok.doc.text[s:e]


def _phrase_span(tok: Token) -> tuple[int, int]:
    """Character span of ``_phrase``."""
    toks = list(tok.subtree)
    out: list[Token] = []
    for t in toks:
        if t.i > tok.i and t.text in (",", "(", "—", "–"):
            break
        if t.i < tok.i and t.text in (",",):
            out = []
            continue
        out.append(t)
    if not out:
        return tok.idx, tok.idx + len(tok.text)
    return _trim_edges(tok.doc.text, out[0].idx, out[-1].idx + len(out[-1].text))


def _trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _cue_span(verb: Token) -> tuple[int, int]:
    """The reporting verb with the auxiliaries and negation written just before it."""
    first = verb
    for child in sorted(verb.children, key=lambda t: -t.i):
        if child.i == first.i - 1 and child.dep_ in ("aux", "auxpass", "neg"):
            first = child
    return first.idx, verb.idx + len(verb.text)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in ("who", "which", "that", "it"):
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


@dataclass(frozen=True)
class _Who:
    """A named source split into speaker and cited outlet, with where each is written."""

    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    via: str | None = None
    via_span: tuple[int, int] | None = None

    def merged(self, other: _Who) -> _Who:
        if self.speaker is None and other.speaker is not None:
            self = replace(self, speaker=other.speaker, speaker_span=other.speaker_span)
        if self.via is None and other.via is not None:
            self = replace(self, via=other.via, via_span=other.via_span)
        return self


def _source(text: str, span: tuple[int, int], abbrs: dict[str, str]) -> _Who:
    """A named source: outlets go to via, with abbreviations expanded."""
    name = text[span[0] : span[1]]
    if is_outlet(name, abbrs):
        return _Who(via=abbrs.get(name, name), via_span=span)
    return _Who(speaker=name, speaker_span=span)


def _citing(span: Span, abbrs: dict[str, str]) -> _Who:
    for tok in span:
        if tok.lower_ == "citing":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj", "obj")]
            if objs:
                return _source(span.doc.text, _phrase_span(objs[0]), abbrs)
    return _Who()


def _according(span: Span, abbrs: dict[str, str]) -> Frame | None:
    doc = span.doc
    for tok in span:
        if tok.lower_ != "according" or tok.i + 1 >= span.end or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        obj_toks = list(objs[0].subtree)
        frame_end = obj_toks[-1].idx + len(obj_toks[-1].text)
        who = _source(doc.text, _trim_edges(doc.text, obj_toks[0].idx, frame_end), abbrs)
        if tok.i - span.start <= 1:  # "According to X, C"
            start, end = _trim(doc.text, frame_end, span.end_char)
        else:  # "C, according to X"
            start, end = _trim(doc.text, span.start_char, tok.idx)
        if end <= start:
            return None
        return Frame(who.speaker, who.via, start, end, "according to",
                     speaker_span=who.speaker_span, cue_span=(tok.idx, to.idx + len(to.text)),
                     via_span=who.via_span)  # fmt: skip
    return None


def _speaker_of(verb: Token, subj: Token | None, abbrs: dict[str, str]) -> _Who:
    if subj is None:
        return _Who()
    text = verb.doc.text
    s, e = _phrase_span(subj)
    abbr = _abbr_in(subj)
    who = _source(text, (s, e), abbrs)
    if abbr and who.speaker is not None:  # "the Daily Herald (DH)": the name before
        cut = text.find(f" ({abbr})", s, e)
        if cut > s:
            who = _source(text, (s, cut), abbrs)
    return who


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _candidates(span: Span, quoted: Sequence[tuple[int, int]]) -> list[Token]:
    """Reporting verbs of the span, those outside quotes and nearest the root first. Inside
    quotation marks only a plain reporting verb counts (a nested "he told us ..."), not a
    phrasal one: "“We will find out what happened.”" has no frame of its own."""
    verbs = []
    for t in span:
        if t.pos_ not in ("VERB", "AUX") or not speech_lemma(t.text):
            continue
        inside = any(s <= t.idx < e for s, e in quoted)
        if inside and any(c.dep_ == "prt" for c in t.children):
            continue
        verbs.append((inside, _depth(t), t.i, t))
    return [t for *_, t in sorted(verbs, key=lambda v: v[:3])]


def _verb_frame(span: Span, abbrs: dict[str, str], has_quote: bool,
                quoted: Sequence[tuple[int, int]]) -> Frame | None:  # fmt: skip
    doc = span.doc
    for verb in _candidates(span, quoted):
        lemma = speech_lemma(verb.text) or ""
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
        if any(m not in ("that", "as") for m in marks):
            continue  # "Since X declared ...": a subordinate clause, not a frame
        if verb.dep_ in ("relcl", "acl", "amod"):
            continue  # "The system he vowed to fix has ...": it describes a noun
        subj = _subject(verb)
        negated = any(c.dep_ == "neg" for c in verb.children)
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i >= span.start]
        who = _speaker_of(verb, subj, abbrs)
        told_end = verb.i
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and lemma == "tell":
                told = _source(doc.text, _phrase_span(child), abbrs)
                who = who.merged(_Who(via=told.via, via_span=told.via_span))
                told_end = max(told_end, max(t.i for t in child.subtree))
        who = who.merged(_citing(span, abbrs))
        cue = _cue_span(verb)

        def frame(start: int, end: int, parts: tuple[tuple[int, int], ...] = (),
                  who: _Who = who, cue: tuple[int, int] = cue, lemma: str = lemma,
                  negated: bool = negated) -> Frame:  # fmt: skip
            return Frame(who.speaker, who.via, start, end, lemma, negated, who.speaker_span,
                         cue, who.via_span, parts)  # fmt: skip

        if negated:
            return frame(*_trim(doc.text, span.start_char, span.end_char))
        left = min(t.i for t in verb.subtree)
        right = max(t.i for t in verb.subtree)
        if "as" in marks and subj is not None and right + 1 < span.end:  # "As X said, C"
            start, end = _trim(doc.text, doc[right].idx + len(doc[right].text), span.end_char)
            if end > start:
                return frame(start, end)
            continue
        if comps and subj is not None:
            comp = comps[0]
            sub = [t for t in comp.subtree if span.start <= t.i < span.end]
            if sub and sub[0].lower_ == "that" and sub[0].dep_ == "mark":
                sub = sub[1:]
            if not sub:
                continue
            if comp.i > verb.i:
                start, end = _trim(doc.text, sub[0].idx, span.end_char)
            else:
                start, end = _trim(doc.text, sub[0].idx, sub[-1].idx + len(sub[-1].text))
            if end > start:
                return frame(start, end)
        if verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and subj is not None:
            if verb.i > verb.head.i and left > span.start:  # "C, X said."
                start, end = _trim(doc.text, span.start_char, doc[left].idx)
                if end > start:
                    return frame(start, end)
            if verb.i < verb.head.i and left > span.start and right + 1 < span.end:
                # "C1, X said, C2": the content is both sides of the frame
                before = _trim(doc.text, span.start_char, doc[left].idx)
                after = _trim(doc.text, doc[right].idx + len(doc[right].text), span.end_char)
                if before[1] > before[0] and after[1] > after[0]:
                    return frame(before[0], after[1], (before, after))
        if subj is not None and verb.dep_ == "ROOT" and lemma in _DECLARE:
            rest = [t for t in doc[told_end + 1 : span.end] if not t.is_punct]
            if len(rest) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in rest):
                start, end = _trim(doc.text, rest[0].idx, span.end_char)  # a misparsed "X said C"
                if end > start:
                    return frame(start, end)
        if subj is not None and (has_quote or lemma in ("describe", "report")):
            return frame(*_trim(doc.text, span.start_char, span.end_char))
    return None


_DECLARE = frozenset(["say", "tell", "state", "announce", "report", "add", "claim", "warn",
                      "confirm", "argue", "insist", "write", "note", "explain"])  # fmt: skip


def _abbr_in(tok: Token | None) -> str:
    if tok is None:
        return ""
    for t in tok.subtree:
        if t.i > 0 and tok.doc[t.i - 1].text == "(" and t.text.isupper():
            return t.text
    return ""


def find_frame(span: Span, abbrs: dict[str, str], has_quote: bool = False,
               quoted: Sequence[tuple[int, int]] = ()) -> Frame:  # fmt: skip
    """The attribution frame of a claim span (content == span when there is none).

    ``quoted`` are the character spans (relative to the doc) inside quotation marks: a
    reporting verb there belongs to the quote, not to the frame.
    """
    frame = _according(span, abbrs) or _verb_frame(span, abbrs, has_quote, quoted)
    if frame is not None:
        return frame
    return Frame(None, None, span.start_char, span.end_char, None)


__all__ = ["Frame", "abbreviations", "find_frame", "speech_lemma"]
