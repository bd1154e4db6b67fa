"""Named entities with normalised keys, outlet detection and abbreviations defined in text."""

from __future__ import annotations

import re
import unicodedata

from ..outlets import looks_like_outlet

ENTITY_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"])
ALIASES = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "un": "united nations", "eu": "european union",
    "uae": "united arab emirates", "dprk": "north korea", "prc": "china",
    # a seat of power named for the institution it houses
    # (keys are normalised: no leading "the"; "The Hill" is also an outlet, so not here)
    "capitol hill": "congress", "pentagon": "defense department",
    "foggy bottom": "state department", "kremlin": "russian government",
    "downing street": "british government", "whitehall": "british government",
}  # fmt: skip
# Titles written short before a name ("Gov. Rick Perry", "Sen. Warren"), in full; the
# one home of title abbreviations (TITLE_WORDS holds both forms)
TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "adm": "admiral", "sec": "secretary",
    "pres": "president", "atty": "attorney", "supt": "superintendent", "cmdr": "commander",
    "sgt": "sergeant", "capt": "captain",
}  # fmt: skip
TITLE_WORDS = (
    frozenset(
        [
            "president",
            "vice",
            "secretary",
            "minister",
            "prime",
            "gen",
            "general",
            "mr",
            "mrs",
            "ms",
            "dr",
            "sen",
            "senator",
            "rep",
            "gov",
            "governor",
            "chancellor",
            "king",
            "queen",
            "prince",
            "pope",
            "sir",
            "lt",
            "col",
            "colonel",
            "adm",
            "admiral",
            "defense",
            "defence",
            "foreign",
            "state",
            "former",
            "then-president",
            "chief",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "ambassador",
            "mayor",
            "judge",
            "justice",
        ]
    )
    | frozenset(TITLE_ABBREVIATIONS)
    | frozenset(TITLE_ABBREVIATIONS.values())
)
# A capital that acts ("Washington said", "Kyiv's forces") stands for its government.
CAPITALS = {
    "washington": "united states", "kyiv": "ukraine", "kiev": "ukraine", "moscow": "russia",
    "beijing": "china", "london": "united kingdom", "paris": "france", "berlin": "germany",
    "tokyo": "japan", "seoul": "south korea", "pyongyang": "north korea", "tehran": "iran",
    "ankara": "turkey", "new delhi": "india", "ottawa": "canada", "canberra": "australia",
    "rome": "italy", "madrid": "spain", "warsaw": "poland", "minsk": "belarus",
    "damascus": "syria", "riyadh": "saudi arabia", "cairo": "egypt", "taipei": "taiwan",
    "islamabad": "pakistan", "kabul": "afghanistan", "baghdad": "iraq", "caracas": "venezuela",
    "havana": "cuba", "tbilisi": "georgia", "yerevan": "armenia", "baku": "azerbaijan",
}  # fmt: skip
ACTOR_DEPS = frozenset(["nsubj", "nsubjpass", "poss"])
_ABBR = re.compile(r"((?:[A-Z][\w&.'’-]*\s+){0,6}[A-Z][\w&.'’-]*)\s*\(([A-Z][A-Za-z]{1,7})\)")


def normalise(text: str) -> str:
    """Lowercase, no leading article, no possessive, no punctuation."""
    t = text.strip().lower()
    t = re.sub(r"['’]s?$", "", t)
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"[^\w\s-]", "", t)
    return re.sub(r"\s+", " ", t).strip()


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations defined in parentheses: "The Washington Post (WP)" -> {"WP": ...}."""
    found: dict[str, str] = {}
    for m in _ABBR.finditer(text):
        words, abbr = m.group(1).split(), m.group(2)
        letters = abbr.upper()
        # the shortest tail of the words whose capital initials spell the abbreviation
        for i in range(len(words) - 1, -1, -1):
            initials = "".join(w[0] for w in words[i:] if w[0].isupper() and w.lower() != "the")
            if initials == letters:
                start = i - 1 if i > 0 and words[i - 1].lower() == "the" else i
                found.setdefault(abbr, " ".join(words[start:]))
                break
    return found


def is_outlet(text: str, abbrs: dict[str, str]) -> bool:
    """Whether a name looks like a news outlet or agency ("The Washington Post", "AFP"),
    an abbreviation the text defines read as what it stands for."""
    name = text.strip()
    return looks_like_outlet(abbrs.get(name, name))


def person_key(text: str) -> str:
    words = normalise(text).split()
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname_key(person: str) -> str:
    """The surname of a person's name or key, without accents or a generational suffix, to
    tell whether two outlets name the same person ("Hillary Rodham Clinton" / "Hillary
    Clinton", "Felipe Calderón" / "Calderon", "William W. Taylor III" / "William Taylor")."""
    plain = unicodedata.normalize("NFKD", person)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = [w for w in person_key(plain).replace(".", " ").split() if w not in NAME_SUFFIXES]
    return words[-1] if words else ""


def entity_key(text: str, label: str, abbrs: dict[str, str], persons: dict[str, str]) -> str:
    """Key shared by surface forms of one entity within an article.

    ``persons`` maps a surname to the full-name key seen earlier in the article; it is
    updated here when a full name appears.
    """
    stripped = re.sub(r"['’]s?$", "", text.strip())
    if stripped in abbrs:
        stripped = abbrs[stripped]
    if label == "PERSON":
        key = person_key(stripped)
        parts = key.split()
        if len(parts) >= 2:
            persons[parts[-1]] = key
            return key
        return persons.get(key, key)
    key = normalise(stripped)
    if label == "ORG" and key in persons:
        return persons[key]  # a bare surname that NER took for an organisation
    return ALIASES.get(key.replace(" ", "") if len(key) <= 4 else key, ALIASES.get(key, key))


def actor_key(key: str, label: str, dep: str, agent: bool = False) -> str:
    """The government's key for a capital used as an actor: the subject of a verb, a
    possessor or the agent of a passive ("Washington warned", "Kyiv's troops", "by Moscow");
    a capital as a place ("in Kyiv") keeps its own key."""
    if label == "GPE" and (dep in ACTOR_DEPS or agent) and key in CAPITALS:
        return CAPITALS[key]
    return key
