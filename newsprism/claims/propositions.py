"""Split one parsed sentence into atomic propositions (sets of its words, not always a span).

"X, who founded Y in 1990, died in 2001" -> "X died in 2001" / "X founded Y in 1990".
A proposition is returned as the token indices it keeps; ``proposition_parts`` turns them
into the character spans (``Claim.parts`` style) that a person can read back in the text.

The rules work on the dependency parse:

* satellites come out of the main statement and become propositions of their own, each
  joined to the noun or subject they describe: non-restrictive relative clauses ("X, who
  ..."), appositions ("X, a painter,"), brackets, and participle clauses after a comma
  ("..., grossing $758 million");
* coordinated verbs ("premiered in May and was released in June") give one proposition per
  verb, sharing the subject;
* coordinated nouns in an object or complement ("starring A, B and C") give one proposition
  per noun.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class PropositionOptions:
    split_lists: bool = True  # "starring A, B and C" -> three propositions
    split_appositions: bool = True  # "X, a painter, ..." -> "X a painter" of its own
    split_brackets: bool = True  # "(born 1970)" -> a proposition of its own
    split_participles: bool = True  # "..., grossing $758 million" -> its own proposition
    max_propositions: int = 16  # per sentence; more variants are cut (longest kept first)
    min_words: int = 2  # a proposition needs at least this many words


_REL_WORDS = frozenset(["who", "which", "whom", "whose"])
_LIST_DEPS = frozenset(["dobj", "pobj", "attr", "oprd", "acomp", "npadvmod", "nsubj"])


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _comma_before(tok: Token) -> bool:
    left = min(t.i for t in tok.subtree)
    return left > 0 and tok.doc[left - 1].text in (",", "(", "—", "–")


def _core(tok: Token, drop: set[int]) -> set[int]:
    """A noun phrase without its clauses and satellites: the words that name it."""
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "case", "flat"):
            keep |= _subtree(child)
    return keep - drop


def _subject_words(verb: Token, drop: set[int]) -> set[int]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _core(child, drop) if child.lower_ not in _REL_WORDS else set()
    if verb.dep_ in ("conj", "advcl", "relcl", "acl") and verb.head.i != verb.i:
        if verb.dep_ == "relcl" or verb.dep_ == "acl":
            return _core(verb.head, drop)
        return _subject_words(verb.head, drop)
    return set()


_SINGULAR_VERBS = frozenset(["VBZ"])
_PLURAL_VERBS = frozenset(["VBP"])


def _finite(verb: Token) -> Token:
    """The word that carries tense and number in a verb group: its first auxiliary, else
    the verb itself."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return min(auxes, key=lambda t: t.i) if auxes else verb


def _relative_fits(rel: Token) -> bool:
    """Whether a relative clause can be read as a statement about the noun the parser hung
    it on: the relative word is its subject ("X, who founded Y"; an object relative,
    "X, whom he knew", has no subject of its own to lend), the verb agrees in number with
    the noun ("a mine, which are set" is hung on the wrong noun), and "which" does not
    describe a person (", which could be an asset" after a name is about the clause)."""
    subjects = [c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].lower_ not in _REL_WORDS | {"that"}:
        return False
    head = rel.head
    finite = _finite(rel).tag_
    if head.tag_ in ("NN", "NNP") and finite in _PLURAL_VERBS:
        return False
    if head.tag_ in ("NNS", "NNPS") and finite in _SINGULAR_VERBS:
        return False
    return not (subjects[0].lower_ == "which" and head.ent_type_ == "PERSON")


def _satellites(sent: Span, options: PropositionOptions) -> list[tuple[Token, set[int]]]:
    """(satellite head, words it is about) for every satellite of the sentence."""
    out: list[tuple[Token, set[int]]] = []
    deps = ("relcl", "appos") if options.split_appositions else ("relcl",)
    for tok in sent:
        if tok.dep_ in deps and _comma_before(tok):
            if tok.dep_ == "relcl" and not _relative_fits(tok):
                continue
            out.append((tok, _core(tok.head, set())))
        elif (
            options.split_participles
            and tok.dep_ in ("advcl", "acl")
            and tok.tag_ in ("VBG", "VBN")
            and _comma_before(tok)
        ):
            out.append((tok, _subject_words(tok.head, set()) or _core(tok.head, set())))
    return out


def _brackets(sent: Span) -> list[set[int]]:
    out: list[set[int]] = []
    opened: int | None = None
    for tok in sent:
        if tok.text == "(":
            opened = tok.i
        elif tok.text == ")" and opened is not None:
            out.append(set(range(opened, tok.i + 1)))
            opened = None
    return out


def _verb_variants(words: set[int], sent: Span) -> list[set[int]]:
    """One variant per coordinated verb of the main clause."""
    root = sent.root
    conjs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not conjs:
        return [words]
    drop = set().union(*(_subtree(c) for c in conjs))
    drop |= {c.i for c in root.children if c.dep_ == "cc" or (c.is_punct and c.i > conjs[0].i)}
    variants = [words - drop]
    for conj in conjs:
        inner = [c for c in conj.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        own = _subtree(conj) - set().union(set(), *(_subtree(c) for c in inner))
        subject = (
            set()
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children)
            else (_subject_words(root, set()))
        )
        variants.append((own | subject) & words | subject)
        for deeper in inner:
            variants.append((_subtree(deeper) | subject) & (words | subject))
    return variants


def _list_variants(words: set[int], sent: Span) -> list[set[int]]:
    """One variant per noun of a coordinated list in ``words``."""
    doc = sent.doc
    for tok in sent:
        if tok.i not in words or tok.dep_ not in _LIST_DEPS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        conjs = [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in _chain(tok)]
        if not conjs:
            continue
        members = [tok, *conjs]
        nors = [t.i for t in tok.subtree if t.dep_ == "cc" and t.lower_ == "nor"]
        spans = []
        for m in members:
            own = {m.i} | {t.i for c in m.children if c.dep_ not in ("conj", "cc", "punct")
                           for t in c.subtree}  # fmt: skip
            before = [i for i in nors if i < min(own)]
            if m is not tok and before:  # "neither A nor B": B's proposition keeps "nor"
                own.add(max(before))
            spans.append(own)
        everything = set().union(*spans) | {
            t.i for t in tok.subtree if t.dep_ == "cc" or (t.is_punct and t.head.i in _chain(tok))
        }
        out = []
        for own in spans:
            out.append((words - everything) | own)
        if doc[tok.i].i in words:
            return out
    return [words]


def _chain(tok: Token) -> set[int]:
    """``tok`` and its conjuncts, transitively."""
    seen = {tok.i}
    todo = [tok]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.i not in seen:
                seen.add(c.i)
                todo.append(c)
    return seen


def split_propositions(sent: Span | Doc, options: PropositionOptions = PropositionOptions()
                       ) -> list[list[int]]:  # fmt: skip
    """Atomic propositions of one parsed sentence, as sorted token indices (no punctuation)."""
    span = sent[:] if isinstance(sent, Doc) else sent
    words = {t.i for t in span if not t.is_punct}
    props: list[set[int]] = []
    main = set(words)
    for head, about in _satellites(span, options):
        sub = _subtree(head) & words
        main -= sub
        props.append((sub | about) - {t.i for t in head.subtree if t.lower_ in _REL_WORDS})
    for group in _brackets(span) if options.split_brackets else []:
        main -= group
        inner = group & words
        if inner:
            props.append(inner)
    variants = _verb_variants(main, span)
    if options.split_lists:
        variants = [v for var in variants for v in _list_variants(var, span)]
    props = variants + props
    out: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    for p in props:
        key = _trim_joiners(span.doc, sorted(p & words))
        if len(key) >= options.min_words and key not in seen:
            seen.add(key)
            out.append(list(key))
    return out[: options.max_propositions] or [sorted(words)]


_JOINERS = frozenset(["cc", "mark", "prep"])


def _trim_joiners(doc: Doc, indices: list[int]) -> tuple[int, ...]:
    """Drop a conjunction or marker left dangling at either edge ("... at 07:15 but"), but
    not a leading "nor", which carries the negation of "neither A nor B", nor a leading
    subordinator other than "that" ("While X, Y" without its "While" reads as two facts)."""
    lo, hi = 0, len(indices)
    while (
        hi > lo
        and doc[indices[hi - 1]].dep_ in _JOINERS
        and not any(t.i in indices for t in doc[indices[hi - 1]].children)
    ):
        hi -= 1
    while lo < hi and (
        (doc[indices[lo]].dep_ == "cc" and doc[indices[lo]].lower_ != "nor")
        or (doc[indices[lo]].dep_ == "mark" and doc[indices[lo]].lower_ == "that")
    ):
        lo += 1
    return tuple(indices[lo:hi])


def proposition_parts(doc: Doc, indices: list[int]) -> tuple[tuple[int, int], ...]:
    """Character spans (relative to ``doc``) of the runs of kept tokens; punctuation between
    two kept tokens does not break a run."""
    keep = set(indices)
    runs: list[list[int]] = []  # [start char, end char, index after the last token]
    for i in sorted(keep):
        tok = doc[i]
        if runs and all(doc[j].is_punct for j in range(runs[-1][2], i)):
            runs[-1][1] = tok.idx + len(tok.text)
            runs[-1][2] = i + 1
        else:
            runs.append([tok.idx, tok.idx + len(tok.text), i + 1])
    return tuple((r[0], r[1]) for r in runs)
