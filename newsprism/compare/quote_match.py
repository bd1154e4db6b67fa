"""The same quote in two articles: found in the text, matched word by word, diffed.

Real disagreements between outlets are most often a quote transcribed two ways: one word
swapped ("destructive to" / "destructive of"), added ("both"), dropped ("that") or moved.
Quotes are read from the clean text of each article, not from the claims, so a quote that
claim extraction cut in two is still compared whole:

* a quote is the text between a pair of quotation marks inside one paragraph (an opening
  mark left open runs to the end of its paragraph, as news style writes a quote that goes
  on in the next paragraph); it is cut into **segments** at an ellipsis and at an editor's
  bracket ("[for]", "(local)"), since what stands there was left out or added by the outlet;
* words are compared after the differences that are not rewording are taken out: case,
  punctuation, curly or straight apostrophes, dots in abbreviations ("U.N."), hyphens
  ("tax-filing"), contractions ("I'd" / "I would"), number words ("one" / "1"), and a
  censored word ("f***ing") matches any word with its first letter;
* two segments of different articles are **the same quote** when they share a run of at
  least ``min_run`` words and most of the shorter one's words (``min_share``) in order. A
  shorter excerpt of the other is the same quote, worded the same; words that differ
  inside the shared stretch are a rewording, when they are few (``max_changed``): many
  changes mean two different sentences that share a phrase, not one quote transcribed twice;
* when both quotes have a known speaker and the speakers differ, they are not the same quote.

``match_quotes`` returns every pair of segments that are the same quote, with the
rewording (if any); compare turns the reworded ones into ``quote`` discrepancies and uses
all of them to group the claims that hold them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..claims.entities import surname_key
from ..model import Article, Claim
from .findings import Finding
from .options import CompareOptions
from .pairs import speaker_person
from .quotes import word_diff

OPEN_CLOSE = {"“": "”", '"': '"'}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.*\-]*|&|%|\$")
_LINK = re.compile(r"\[([^\]\[]*)\]\([^)\s]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CUT = re.compile(r"\.\.\.|…|\[[^\]]*\]|\([^)]*\)")
CONTRACTIONS = {
    "n't": ["not"],
    "'re": ["are"],
    "'ve": ["have"],
    "'ll": ["will"],
    "'d": ["would"],
    "'m": ["am"],
}
SPECIAL = {"can't": ["can", "not"], "won't": ["will", "not"], "cannot": ["can", "not"]}
NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
SYMBOLS = {"&": "and", "%": "percent", "$": "dollars"}


@dataclass(frozen=True)
class Segment:
    """One stretch of quoted words in one article."""

    article: str
    start: int  # article offsets of the segment text
    end: int
    words: tuple[str, ...]  # normalised words
    spans: tuple[tuple[int, int], ...]  # article offsets of each normalised word
    quote: int  # index of the quote (within the article) the segment belongs to


@dataclass(frozen=True)
class QuoteMatch:
    a: Segment
    b: Segment
    changed: int  # normalised words that differ inside the shared stretch (0: same wording)
    a_text: str  # the shared stretch as written in each article
    b_text: str
    a_words: tuple[int, int] = (0, 0)  # the shared stretch as word indexes of each segment
    b_words: tuple[int, int] = (0, 0)
    a_changed: tuple[int, int] = (0, 0)  # word indexes of the first change on each side
    b_changed: tuple[int, int] = (0, 0)
    shared: int = 0  # words the two segments share, in order

    @property
    def strong(self) -> bool:
        """Whether the match is enough to say that the claims holding the two segments
        quote the same words: most of the shorter segment, and not just a phrase."""
        shorter = min(len(self.a.words), len(self.b.words))
        return self.shared >= 6 and self.shared >= 0.8 * shorter


Held = tuple[QuoteMatch, Claim | None, Claim | None]  # a match and the claims holding it


def _normal(token: str) -> list[str]:
    word = token.replace("’", "'").lower().strip("'-.")
    # Markdown emphasis ("**flames**") is not a censored word ("f***", "sh*t"): stars at
    # the end of a word of two letters or more go
    if word.rstrip("*") != word and len(word.rstrip("*")) >= 2 and "*" not in word.rstrip("*"):
        word = word.rstrip("*")
    if not word:
        return []
    if word in SYMBOLS:
        return [SYMBOLS[word]]
    if word in SPECIAL:
        return list(SPECIAL[word])
    for suffix, full in CONTRACTIONS.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return _normal(word[: -len(suffix)]) + full
    if word.endswith("'s"):
        word = word[:-2] + "s"
    word = word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word) else word
    parts = [p for p in word.split("-") if p] if "*" not in word else [word]
    return [NUMBER_WORDS.get(p, p.replace("'", "")) for p in parts]


def _tokens(text: str, offset: int) -> tuple[list[str], list[tuple[int, int]]]:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        for w in _normal(m.group(0)):
            words.append(w)
            spans.append((offset + m.start(), offset + m.end()))
    return words, spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, paragraph by
    paragraph; an opening mark with no closing mark runs to the end of its paragraph."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in OPEN_CLOSE:
                close = OPEN_CLOSE[ch]
                j = para.find(close, i + 1)
                if ch == '"' and j < 0 or ch == "“" and j < 0:
                    j = len(para)
                out.append((pos + i + 1, pos + j))
                i = j + 1
                continue
            i += 1
        pos += len(para) + 1
    return [(s, e) for s, e in out if e > s]


def segments(article: Article, min_words: int = 3) -> list[Segment]:
    found: list[Segment] = []
    for n, (start, end) in enumerate(quote_spans(article.text)):
        # a Markdown link keeps its words and loses its target, at the same offsets
        inner = _LINK.sub(
            lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1),
            article.text[start:end],
        )
        inner = _TAG.sub(lambda m: " " * len(m.group(0)), inner)  # HTML tags left in text
        pieces: list[tuple[int, int]] = []
        last = 0
        for cut in _CUT.finditer(inner):
            pieces.append((last, cut.start()))
            last = cut.end()
        pieces.append((last, len(inner)))
        for lo, hi in pieces:
            words, spans = _tokens(inner[lo:hi], start + lo)
            if len(words) >= min_words:
                found.append(
                    Segment(article.id, spans[0][0], spans[-1][1], tuple(words), tuple(spans), n)
                )
    return found


def readable(text: str) -> str:
    """Quoted words as a reader sees them: a Markdown link's words without its target,
    no HTML tags, no Markdown emphasis (for the word diff)."""
    text = _TAG.sub(" ", _LINK.sub(lambda m: m.group(1), text))
    return re.sub(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)", "", text)


def _wild(word: str) -> bool:
    return "*" in word


def _same_word(x: str, y: str) -> bool:
    if x == y:
        return True
    if _wild(x) or _wild(y):
        return x[:1] == y[:1]
    return False


def _key(words: Sequence[str]) -> list[str]:
    """Words with censored ones written as their first letter and a star, so that the
    matcher pairs "f***ing" with "fucking"."""
    return [w[:1] + "*" if _wild(w) else w for w in words]


def compare_segments(
    a: Segment, b: Segment, min_run: int, min_share: float, max_changed: int
) -> tuple[int, int, int, int, int, tuple[int, int], tuple[int, int], int] | None:
    """(changed words, a_lo, a_hi, b_lo, b_hi, a_at, b_at, shared words) when the segments
    are the same quote: the shared stretch as word indexes, and the word indexes of the
    first change on each side; None when they are not the same quote."""
    ka, kb = _key(a.words), _key(b.words)
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks or max(m.size for m in blocks) < min_run:
        return None
    shared = sum(m.size for m in blocks)
    a_lo, a_hi = blocks[0].a, blocks[-1].a + blocks[-1].size
    b_lo, b_hi = blocks[0].b, blocks[-1].b + blocks[-1].size
    shorter = min(len(ka), len(kb))
    if shared < min_share * shorter:
        return None
    changed = 0
    a_at, b_at = (a_lo, a_lo), (b_lo, b_lo)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or i2 <= a_lo or i1 >= a_hi:
            continue
        left, right = ka[i1:i2], kb[j1:j2]
        if "".join(left) == "".join(right):  # "work force" / "workforce"
            continue
        pairs = zip(left, right, strict=False)
        if len(left) == len(right) and all(_same_word(x, y) for x, y in pairs):
            continue
        if not changed:
            a_at, b_at = (i1, max(i2, i1 + 1)), (j1, max(j2, j1 + 1))
        changed += max(len(left), len(right))
    if changed > max_changed or changed > 0.3 * max(1, a_hi - a_lo):
        return None
    return changed, a_lo, a_hi, b_lo, b_hi, a_at, b_at, shared


def _speaker_key(claim: Claim | None) -> str | None:
    """The surname of the person who speaks in ``claim`` (None when no person is named)."""
    if claim is None:
        return None
    person = speaker_person(claim)
    return surname_key(person[0]) or None if person else None


def holder(
    seg: Segment, claims: Sequence[Claim], at: tuple[int, int] | None = None
) -> Claim | None:
    """The claim of the segment's article that holds the words at ``at`` (article offsets;
    the differing words of a rewording), else the one that holds most of the segment."""
    best: tuple[int, int, int, Claim] | None = None
    for c in claims:
        if c.article != seg.article:
            continue
        parts = c.parts or ((c.start, c.end),)
        inside = sum(max(0, min(e, seg.end) - max(s, seg.start)) for s, e in parts)
        if inside <= 0:
            continue
        hits = 0
        if at is not None:
            hits = sum(max(0, min(e, at[1]) - max(s, at[0])) for s, e in parts)
        rank = (hits, inside, 1 if c.quote_text else 0)
        if best is None or rank > best[:3]:
            best = (*rank, c)
    return best[3] if best else None


def _changed_at(seg: Segment, lo: int, hi: int) -> tuple[int, int]:
    """Article offsets of the words ``lo:hi`` of a segment (at least one word)."""
    lo = min(max(lo, 0), len(seg.spans) - 1)
    hi = min(max(hi, lo + 1), len(seg.spans))
    return seg.spans[lo][0], seg.spans[hi - 1][1]


def match_quotes(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    *,
    options: CompareOptions = CompareOptions(),  # noqa: B008 (frozen, safe default)
) -> list[Held]:
    """Every pair of segments of different articles that are the same quote, with the
    claims that hold them (for a rewording, the claims that hold the words that differ;
    None where no claim holds the segment)."""
    min_run, min_share = options.quote_min_words, options.quote_min_ratio
    max_changed = options.quote_max_changed
    segs = [s for a in articles for s in segments(a)]
    texts = {a.id: a.text for a in articles}
    speakers = {n: _speaker_key(holder(s, claims)) for n, s in enumerate(segs)}
    index: dict[str, set[int]] = {}
    for n, s in enumerate(segs):
        for w in set(s.words):
            index.setdefault(w, set()).add(n)
    out: list[Held] = []
    for i, sa in enumerate(segs):
        counts: dict[int, int] = {}
        for w in set(sa.words):
            if len(w) < 3:
                continue
            for j in index.get(w, ()):
                if j > i:
                    counts[j] = counts.get(j, 0) + 1
        for j in sorted(counts):
            sb = segs[j]
            if sb.article == sa.article or counts[j] < min_run - 1:
                continue
            ka, kb = speakers[i], speakers[j]
            if ka and kb and ka != kb:
                continue
            found = compare_segments(sa, sb, min_run, min_share, max_changed)
            if found is None:
                continue
            changed, a_lo, a_hi, b_lo, b_hi, a_at, b_at, shared = found
            ca = holder(sa, claims, _changed_at(sa, *a_at) if changed else None)
            cb = holder(sb, claims, _changed_at(sb, *b_at) if changed else None)
            ta = texts[sa.article][sa.spans[a_lo][0] : sa.spans[a_hi - 1][1]]
            tb = texts[sb.article][sb.spans[b_lo][0] : sb.spans[b_hi - 1][1]]
            match = QuoteMatch(
                sa, sb, changed, ta, tb, (a_lo, a_hi), (b_lo, b_hi), a_at, b_at, shared
            )
            out.append((match, ca, cb))
    return out


def _speaker_name(claims: Sequence[Claim]) -> str:
    """The speaker most of the claims name (a name, not a pronoun), as written in full."""
    votes: dict[str, list[str]] = {}
    for c in claims:
        key = _speaker_key(c)
        if key and c.speaker:
            votes.setdefault(key, []).append(c.speaker)
    if not votes:
        return ""
    best = max(votes.values(), key=lambda names: (len(names), max(len(n) for n in names)))
    return max(best, key=len)


def quote_findings(matches: Sequence[Held]) -> list[Finding]:
    """``quote`` findings for the matches that reword a quote, one key per quote (every
    segment linked by a match belongs to it), so that the findings of one quote merge into
    one discrepancy. A rewording is not reported when the article that words it one way
    also quotes it the other way, word for word: the speaker said both."""
    parent: dict[tuple[str, int, int], tuple[str, int, int]] = {}

    def ident(s: Segment) -> tuple[str, int, int]:
        return (s.article, s.start, s.end)

    def find(x: tuple[str, int, int]) -> tuple[str, int, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m, _, _ in matches:
        ra, rb = find(ident(m.a)), find(ident(m.b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    # (article, segment of another article) -> word ranges of that segment the article
    # quotes word for word
    verbatim: dict[tuple[str, tuple[str, int, int]], list[tuple[int, int]]] = {}
    for m, _, _ in matches:
        if m.changed == 0:
            verbatim.setdefault((m.a.article, ident(m.b)), []).append(m.b_words)
            verbatim.setdefault((m.b.article, ident(m.a)), []).append(m.a_words)

    def quoted_both_ways(article: str, seg: Segment, at: tuple[int, int]) -> bool:
        ranges = verbatim.get((article, ident(seg)), [])
        return any(lo <= at[0] and at[1] <= hi for lo, hi in ranges)

    holders: dict[tuple[str, int, int], list[Claim]] = {}
    for m, ca, cb in matches:
        holders.setdefault(find(ident(m.a)), []).extend(c for c in (ca, cb) if c is not None)
    found: list[Finding] = []
    for m, ca, cb in matches:
        if m.changed == 0 or ca is None or cb is None:
            continue
        if quoted_both_ways(m.a.article, m.b, m.b_changed) or quoted_both_ways(
            m.b.article, m.a, m.a_changed
        ):
            continue
        root = find(ident(m.a))
        key = f"quote:{root[0]}:{root[1]}"
        who = _speaker_name(holders[root])
        diff = word_diff(readable(m.a_text), readable(m.b_text))
        found.append(Finding("quote", key, ca, cb, m.a_text, m.b_text, what=who, diff=diff))
    return found


def with_claim_text(article: Article, claims: Sequence[Claim]) -> Article:
    """The article itself, or, when it carries no text (claims built by hand or from one
    sentence), a text with each claim written at its own offsets."""
    own = [c for c in claims if c.article == article.id]
    if article.text or not own:
        return article
    chars = [" "] * max(c.end for c in own)
    for c in own:
        chars[c.start : c.end] = list(c.text[: c.end - c.start].ljust(c.end - c.start))
    return replace(article, text="".join(chars))


def claim_pair_quotes(
    a: Claim,
    b: Claim,
    options: CompareOptions = CompareOptions(),  # noqa: B008 (frozen, safe default)
) -> list[Finding]:
    """``quote`` findings between two claims alone (``newsprism.compare_claims``)."""
    arts = [with_claim_text(Article(id=c.article, source=c.article, text=""), [c]) for c in (a, b)]
    if a.article == b.article:
        return []
    return quote_findings(match_quotes(arts, [a, b], options=options))
