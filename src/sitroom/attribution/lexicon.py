"""Word lists for attribution: reporting verbs (data/quotes_cues.tsv), pronouns, honorifics,
gendered role nouns."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """lemma (or "lemma particle") -> class ("speech" | "stance") for verbs."""
    return _read_cues()[0]


@lru_cache(maxsize=1)
def cue_nouns() -> dict[str, str]:
    """noun lemma -> class, for nouns that report a that-clause ("her claim that ...")."""
    return _read_cues()[1]


@lru_cache(maxsize=1)
def _read_cues() -> tuple[dict[str, str], dict[str, str]]:
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    text = (DATA / "quotes_cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        table = nouns if len(cols) > 2 and cols[2] == "noun" else verbs
        table[cols[0]] = cols[1]
    return verbs, nouns


def cue_class(token) -> str | None:
    """The reporting class of a verb token, or None when it is not a reporting verb."""
    if token.pos_ == "NOUN":
        return None
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        return None
    lemmas = cue_lemmas()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt":
            both = f"{lemma} {child.lower_}"
            if both in lemmas:
                return lemmas[both]
    return lemmas.get(lemma)


# Verbs whose object is the addressee, not the content ("told Reuters that ...").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "warn", "remind", "ask", "advise", "urge",
                             "email", "text"})
# Verbs that only report speech when a quotation or a clause follows.
WEAK_VERBS = frozenset({"read", "echo", "answer", "cry", "go", "snap", "continue", "add", "post", "call", "order", "question", "hold", "find",
                        "show", "know", "feel", "consider", "understand", "report", "charge",
                        "note", "state", "maintain", "observe", "counter", "signal", "text"})

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us"})
NEUTER_PRONOUNS = frozenset({"it", "its"})
SPEAKER_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS | {"i"}

HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
              "miss": "f", "sir": "m", "dr": None, "dr.": None, "prof": None, "prof.": None,
              "gen": None, "gen.": None, "col": None, "col.": None, "sen": None, "sen.": None,
              "rep": None, "rep.": None, "gov": None, "gov.": None, "lt": None, "lt.": None,
              "sgt": None, "sgt.": None, "capt": None, "capt.": None, "maj": None, "maj.": None,
              "president": None, "senator": None, "governor": None}

GENDERED_ROLES = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
                  "congressman": "m", "congresswoman": "f", "businessman": "m",
                  "businesswoman": "f", "husband": "m", "wife": "f", "mother": "f", "father": "m",
                  "son": "m", "daughter": "f", "brother": "m", "sister": "f", "king": "m",
                  "queen": "f", "prince": "m", "princess": "f", "man": "m", "woman": "f",
                  "boy": "m", "girl": "f", "councilman": "m", "councilwoman": "f",
                  "assemblyman": "m", "assemblywoman": "f", "grandmother": "f",
                  "grandfather": "m", "widow": "f", "actress": "f", "actor": "m"}

# Entity labels that name an organisation or a state speaking as one.
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})

# Common nouns that name an institution speaking as one ("the army said", "the ministry said").
ORG_NOUNS = frozenset({
    "army", "military", "ministry", "government", "police", "committee", "council", "agency",
    "department", "office", "observatory", "group", "coalition", "campaign", "party", "company",
    "corporation", "firm", "bank", "court", "parliament", "administration", "commission",
    "organization", "organisation", "union", "network", "newspaper", "institute", "foundation",
    "university", "embassy", "regime", "authority", "federation", "league", "alliance", "board",
    "bureau", "militia", "brigade", "battalion", "mission", "cabinet", "presidency", "senate",
    "assembly", "tribunal", "channel", "broadcaster", "station", "magazine", "website",
    "monitor", "command", "headquarters", "secretariat", "directorate", "navy"})

# Sources named by a common noun alone, as headlines do ("Poll: ...", "Officials: ...").
SOURCE_NOUNS = frozenset({"poll", "polls", "survey", "study", "report",
                          "officials", "experts", "analysts", "witnesses", "police",
                          "aides", "insiders", "newspaper", "documents", "memo", "lawsuit",
                          "data", "researchers", "scientists", "doctors", "diplomats"})

# Nouns for what carries words: the one who issues it is the speaker ("issued a statement saying").
MEDIUM_NOUNS = frozenset({"statement", "letter", "speech", "interview", "report", "ad",
                          "advertisement", "tweet", "post", "email", "e-mail", "memo", "video",
                          "message", "note", "column", "article", "book", "release", "filing",
                          "document", "op-ed", "editorial", "essay", "remark", "remarks",
                          "comment", "comments", "announcement", "broadcast", "appearance"})
