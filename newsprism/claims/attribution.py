"""Attribution frames: who said it, through which outlet, and what was said.

Works on the dependency parse of one sentence: "X said (that) C", "C, X said.",
"According to X, C", "C, according to X", "X told Reuters C", "X, citing Y, reported that C".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .entities import abbreviations, is_outlet

_BASES = [
    "say",
    "tell",
    "state",
    "announce",
    "report",
    "add",
    "explain",
    "note",
    "claim",
    "warn",
    "confirm",
    "reveal",
    "argue",
    "insist",
    "acknowledge",
    "assert",
    "declare",
    "deny",
    "indicate",
    "estimate",
    "believe",
    "highlight",
    "stress",
    "emphasize",
    "suggest",
    "predict",
    "allege",
    "tweet",
    "post",
    "write",
    "describe",
    "tell",
    "disclose",
    "testify",
    "concede",
]
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write",
              "denied": "deny", "denies": "deny", "admitted": "admit"}  # fmt: skip


def speech_lemma(word: str) -> str | None:
    """The base of a reporting verb form ("said" -> "say"), or None for other words."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for base in _BASES:
        stem = base[:-1] if base.endswith("e") else base
        if w in (base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d"):
            return base
    return None


@dataclass(frozen=True)
class Frame:
    speaker: str | None
    via: str | None
    content_start: int  # character offsets relative to the span's doc
    content_end: int
    verb: str | None  # base of the reporting verb ("say", "report") or "according to"
    verb_negated: bool = False


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
        return tok.text
    doc = tok.doc
    return doc.text[out[0].idx : out[-1].idx + len(out[-1].text)].strip(_STRIP)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in ("who", "which", "that", "it"):
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _source(name: str, abbrs: dict[str, str]) -> tuple[str | None, str | None]:
    """(speaker, via) for a named source: outlets go to via, with abbreviations expanded."""
    if is_outlet(name, abbrs):
        return None, abbrs.get(name, name)
    return name, None


def _citing(span: Span, abbrs: dict[str, str]) -> tuple[str | None, str | None]:
    for tok in span:
        if tok.lower_ == "citing":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj", "obj")]
            if objs:
                return _source(_phrase(objs[0]), abbrs)
    return None, None


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
        name = doc.text[obj_toks[0].idx : obj_toks[-1].idx + len(obj_toks[-1].text)]
        speaker, via = _source(name.strip(_STRIP), abbrs)
        frame_end = obj_toks[-1].idx + len(obj_toks[-1].text)
        if tok.i - span.start <= 1:  # "According to X, C"
            start, end = _trim(doc.text, frame_end, span.end_char)
        else:  # "C, according to X"
            start, end = _trim(doc.text, span.start_char, tok.idx)
        if end <= start:
            return None
        return Frame(speaker, via, start, end, "according to")
    return None


def _verb_frame(span: Span, abbrs: dict[str, str], has_quote: bool) -> Frame | None:
    doc = span.doc
    for verb in span:
        lemma = speech_lemma(verb.text)
        if lemma is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children):
            continue  # "Since X declared ...": a subordinate clause, not a frame
        subj = _subject(verb)
        negated = any(c.dep_ == "neg" for c in verb.children)
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i >= span.start]
        speaker = _phrase(subj) if subj is not None else None
        via = None
        if speaker is not None:
            speaker, via = _source(speaker.replace(f" ({_abbr_in(subj)})", ""), abbrs)
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and verb.lower_ in ("told", "tells", "tell"):
                _, told_via = _source(_phrase(child), abbrs)
                via = via or told_via
        cite_speaker, cite_via = _citing(span, abbrs)
        speaker = speaker or cite_speaker
        via = via or cite_via
        if negated:
            return Frame(speaker, via, *_trim(doc.text, span.start_char, span.end_char), lemma,
                         True)  # fmt: skip
        if comps and subj is not None:
            comp = comps[0]
            sub = [t for t in comp.subtree if span.start <= t.i < span.end]
            first = sub[0]
            if first.lower_ == "that" and first.dep_ == "mark":
                sub = sub[1:]
            if not sub:
                continue
            if comp.i > verb.i:
                start, end = _trim(doc.text, sub[0].idx, span.end_char)
            else:
                start, end = _trim(doc.text, sub[0].idx, sub[-1].idx + len(sub[-1].text))
            if end > start:
                return Frame(speaker, via, start, end, lemma)
        if verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and verb.i > verb.head.i:
            left = min(t.i for t in verb.subtree)
            if left > span.start and subj is not None:
                start, end = _trim(doc.text, span.start_char, doc[left].idx)
                if end > start:
                    return Frame(speaker, via, start, end, lemma)
        if subj is not None and (has_quote or lemma in ("describe", "report")):
            return Frame(speaker, via, *_trim(doc.text, span.start_char, span.end_char), lemma)
    return None


def _abbr_in(tok: Token | None) -> str:
    if tok is None:
        return ""
    for t in tok.subtree:
        if t.i > 0 and tok.doc[t.i - 1].text == "(" and t.text.isupper():
            return t.text
    return ""


def find_frame(span: Span, abbrs: dict[str, str], has_quote: bool = False) -> Frame:
    """The attribution frame of a claim span (content == span when there is none)."""
    frame = _according(span, abbrs) or _verb_frame(span, abbrs, has_quote)
    if frame is not None:
        return frame
    return Frame(None, None, span.start_char, span.end_char, None)


__all__ = ["Frame", "abbreviations", "find_frame", "speech_lemma"]
