"""Officials who announced or spoke for the action: name, title and organisation, as the press writes them.

Press texts name an official in a few fixed shapes, all built from a *title phrase* (words around a head
noun such as spokesperson, minister, secretary) next to a *name* (two or three capitalised words):

- title then name: "Department Spokesperson Matthew Miller", "Kremlin spokesman Dmitry Peskov",
  "US Under Secretary of State for Arms Control and International Security Bonnie Jenkins";
- name, then title in apposition: "Miller, a State Department spokesperson, said";
- title, then name in apposition: "The spokesperson, Matthew Miller, said";
- a title with no name: "a spokesperson for the U.S. State Department said", kept with name null.

Only people the text has speaking (said, told, announced, a statement by ...) are officials of the action:
"talks between Russian President Vladimir Putin and Kim Jong-un" names no spokesperson. Later mentions by
surname ("Miller said") are the same person.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from service.extraction.gazetteer import Entity
from service.extraction.names import Matcher, fold
from service.extraction.schemas import OfficialMention
from service.extraction.sentences import MILITARY_RANKS, Sentence, first_turn, signed_at_the_white_house
from service.vocabulary import ActorKind

_HEADS = {
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "secretary", "secretary-general", "minister",
    "ambassador", "director", "representative", "envoy", "coordinator", "president", "chancellor", "chair",
    "chairman", "chairwoman", "chairperson", "commissioner", "adviser", "advisor", "counselor", "counsellor",
    "administrator", "undersecretary", "under-secretary-general", "official", "premier", "chief", "ministers",
    "secretaries", "spokespersons", "chargé", "chargée", "hrvp", "vp", "governor", "head",
}  # fmt: skip
# Lower-case words that may stand inside a title phrase ("national security spokesperson").
_TITLE_WORDS = _HEADS | {
    "deputy", "vice", "senior", "principal", "assistant", "acting", "chief", "special", "permanent", "press",
    "national", "security", "foreign", "defense", "defence", "state", "department", "ministry", "government",
    "administration", "treasury", "affairs", "high", "general", "prime", "under", "executive", "political",
    "policy", "cabinet", "d’affaires", "d'affaires", "a.i.",  # "U.S. Chargé d’Affaires a.i." (ad interim)
}  # fmt: skip
_CONNECTORS = {"of", "for", "to", "the", "and"}
_PEERS = {"Lord", "Lady", "Baroness", "Baron", "Viscount", "Earl"}
# Letters after a name close it: "Foreign Office Minister Hugo Swire MP said".
_POST_NOMINALS = {"MP", "MEP", "QC", "KC", "OBE", "CBE", "MBE", "CMG", "KCMG", "DCMG", "GCMG", "KBE", "DBE"}
_DETERMINERS = {"the", "a", "an"}
_COMPASS = {"North", "South", "East", "West"}
# Military ranks, abbreviated, stand where an honorific does: "Pentagon spokesman Maj. Gen. Pat Ryder".
_HONORIFICS = {"Mr", "Ms", "Mrs", "Dr", "H.E.", "Honorable", "Honourable", "Sir", "Dame", "Rt", "Hon"} | MILITARY_RANKS
# the same words in a pattern, between a verb or a comma and a name: "with the Honorable", ", the Rt Hon"
# "the Hon Winston Peters", "the Rt Hon", "the Honourable"
_HONORIFIC = (
    r"(?:H\.E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Sir|Dame|(?:the\s+)?(?:Rt\.?\s+)?Hon(?:ou?rable)?\b\.?|"
    rf"(?:{'|'.join(sorted(MILITARY_RANKS))})\.)"
)
# Capitalised words that belong to titles and organisations, never to a person's name.
_ORG_WORDS = {
    "affairs", "arms", "control", "security", "international", "policy", "terrorism", "financial", "intelligence",
    "nonproliferation", "proliferation", "economic", "political", "military", "public", "diplomacy", "asian",
    "pacific", "east", "european", "eurasian", "energy", "resources", "counterterrorism", "sanctions",
    "coordination", "operations", "treasury", "state", "defense", "defence", "justice", "commerce", "department",
    "ministry", "office", "bureau", "council", "committee", "house", "nations", "union", "government", "foreign",
    "assets", "enforcement", "industry", "trade", "unification", "peninsula", "peace", "relations", "human",
    "rights", "global", "strategic", "communications", "press", "white", "united", "states", "kremlin", "national",
    "deputy", "vice", "senior", "principal", "assistant", "acting", "chief", "special", "permanent", "high",
    "general", "prime", "under", "executive", "north", "south", "west", "central", "northeast", "agency",
    "administration", "federal", "republic", "people", "democratic", "korean", "korea", "disarmament", "legal",
    "mission", "regime", "trading", "corporation", "company", "bank", "group", "institute", "commission", "forces",
    "army", "party", "centre", "center", "association", "organization", "organisation", "authority", "service",
    "services", "fund", "shipping", "industries", "limited", "embassy", "team", "panel", "experts", "agreement",
    "council's", "statement", "remarks", "activities", "abuses", "indo-pacific", "terrorist", "financing", "crimes",
    "staff", "delegation", "planning",
}  # fmt: skip
# A headline's verb after a name: "Foreign Secretary Boris Johnson Calls For A United Front".
_HEADLINE_VERBS = {
    "calls", "tells", "says", "warns", "urges", "slams", "condemns", "welcomes", "briefs", "meets", "deplores",
    "denounces", "rejects", "vows", "backs", "praises", "criticizes", "criticises", "blasts", "hails", "demands",
}  # fmt: skip
_DOCUMENT_OPENING = re.compile(
    r"(?:Joint\s+)?(?:Statement|Remarks|Press\s+Availability|Press\s+Conference)\s+(?:of|by|with)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_HEADLINE_PREPOSITIONS = {"After", "Before", "Following", "During", "On", "At", "In"}
_NOT_NAMES = {
    "the", "a", "an", "his", "her", "their", "its", "we", "our", "it", "he", "she", "they", "this", "that", "these",
    "those", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today",
    "mr", "mrs", "ms", "dr", "later", "earlier", "meanwhile", "however", "also", "then", "separately", "yesterday",
    "asked", "speaking", "according", "but", "and", "while", "when", "after", "before", "since", "as", "if",
    "furthermore", "moreover", "additionally", "finally", "firstly", "secondly", "thirdly",
    # a headline's occasion: "Japan-Mongolia Foreign Ministers' Telephone Talk", "... North Korea Rocket Launch"
    "talk", "talks", "telephone", "meeting", "summit", "call", "conference", "dialogue", "launch", "launches",
    "rocket", "missile", "missiles", "test", "tests", "sanctions",
} | {rank.lower() for rank in MILITARY_RANKS}  # fmt: skip

_TOKEN = re.compile(r"a\.i\.|(?:[A-Z]\.){2,}|[A-Z]\.|[^\W\d_][\w’'-]*|\d+")
# "held a phone call", "held a Japan-U.S.-ROK Foreign Ministers' Telephone Talk"
_HELD = r"held\s+(?:an?\s+)?(?:[\w’'.-]+\s+){0,5}?"
_SPEECH = (
    r"said|says|say|told|tells|stated|states|added|adds|noted|notes|announced|announces|tweeted|wrote|writes|"
    r"warned|warns|claimed|claims|stressed|stresses|highlighted|emphasi[sz]ed|urged|urges|called|calls|condemned|"
    r"condemns|made|remarked|reiterated|commented|declared|explained|insisted|welcomed|briefed|informed|posted|"
    r"issued|underscored|affirmed|expressed|echoed|indicated|confirmed|denied|dismissed|criticized|criticised|"
    r"accused|vowed|pledged|rejected|reaffirmed|observed|replied|answered|responded|argued|asserted|spoke|agreed|met|"
    r"quoted\s+as\s+saying|met\s[^.;]{0,60}?\band\s+(?:issued|released|adopted|signed)|"
    # the act itself, done by the official: "Foreign Minister Jane Roe deplored ...", "... summoned the ambassador"
    r"deplored|deplores|denounced|denounces|demanded|demands|protested|protests|lodged|conveyed|conveys|summoned|"
    r"designated|designates|imposed|imposes|ordered|approved|decided|"
    # "Mr. KISHIDA Fumio, Prime Minister of Japan, held a telephone talk with ... and condemned"; not "held an
    # emergency meeting of his advisers", nor the meeting others held
    rf"{_HELD}(?:call|talks?|conversation)\s+with"
)
# "Kirby had earlier said" reports an earlier statement, not this act: "had" and "earlier" are not let through.
_SPEECH_AFTER = re.compile(
    rf"^[\s,]*(?:\([^)]*\)[\s,]*)?(?:(?:{'|'.join(sorted(_POST_NOMINALS))})[\s,]+)?"
    rf"(?:(?:also|further|then|later|today|yesterday|jointly|again|has|have|was|on\s+\w+|in\s+a\s+\w+|"
    rf"\w+ly)\s+)*(?:(?:{_SPEECH})\b|:(?!\S*//))",  # a transcript's "Minister Kishida: First, ..." (not a URL)
    re.IGNORECASE,
)
# "Remarks with Republic of Korea Foreign Minister Yun Byung-se and ...", "Joint Press Availability with ...": a
# joint appearance, all of whose guests speak (and act for their states: actors.py).
JOINT_APPEARANCE = r"(?:remarks|press\s+availability|press\s+conference)\s+with"
_SPEECH_BEFORE = re.compile(
    rf"\b(?:{_SPEECH}|according\s+to|by|from|quoted|quoting|statement\s+(?:by|of)|remarks\s+by|testimony\s+of|"
    rf"on\s+behalf\s+of|author|interview\s+with|"  # "Author: Jane Roe, Minister ...", "Interview with ..."
    rf"{JOINT_APPEARANCE})"
    rf"(?:\s+(?:the|a|an|{_HONORIFIC}))*[\s,:]*$",
    re.IGNORECASE,
)
# The cue before a name stands within this many characters of it ("met ... and issued" the longest): a search of
# the whole sentence before every name would try the pattern at every character of it.
_SPEECH_BEFORE_REACH = 160

_ORGANISATIONS = [
    (re.compile(r"\bstate\s+department\b|\bdepartment\s+of\s+state\b|\bsecretary\s+of\s+state\b|"
                r"^department\s+spokesperson$", re.IGNORECASE), "U.S. Department of State"),
    (re.compile(r"\bOFAC\b|office\s+of\s+foreign\s+assets\s+control", re.IGNORECASE),
     "Office of Foreign Assets Control"),
    (re.compile(r"\btreasury\b", re.IGNORECASE), "U.S. Department of the Treasury"),
    (re.compile(r"\bwhite\s+house\b|\bnational\s+security\s+council\b", re.IGNORECASE), "White House"),
    (re.compile(r"\bkremlin\b", re.IGNORECASE), "Kremlin"),
    # Japan's government spokesman, an office no other state has
    (re.compile(r"\bchief\s+cabinet\s+secretary\b", re.IGNORECASE), "Government of Japan"),
    (re.compile(r"\bpentagon\b|department\s+of\s+defen[cs]e\b", re.IGNORECASE), "U.S. Department of Defense"),
    (re.compile(r"\bEU\b|\bE\.U\.|european\s+union|high\s+representative|\bHR/?VP\b", re.IGNORECASE), "European Union"),
    (re.compile(r"\bUN\b|\bU\.N\.|united\s+nations|secretary-general", re.IGNORECASE), "United Nations"),
]  # fmt: skip
_MINISTRIES = [
    (re.compile(r"foreign\s+minist|minist\w*\s+of\s+foreign\s+affairs|\bFM\b|\bMOFA\b", re.IGNORECASE),
     "Ministry of Foreign Affairs"),
    (re.compile(r"defen[cs]e\s+minist|minist\w*\s+of\s+(?:national\s+)?defen[cs]e", re.IGNORECASE),
     "Ministry of Defense"),
    (re.compile(r"unification\s+minist|minist\w*\s+of\s+unification", re.IGNORECASE), "Ministry of Unification"),
]  # fmt: skip
_INSTITUTION = re.compile(r"department|treasury|house|kremlin|pentagon|ministry|office|OFAC|council", re.IGNORECASE)
_FOREIGN_SECRETARY = re.compile(r"\bforeign\s+secretary\b", re.IGNORECASE)
_SPOKES = re.compile(r"spokes|press\s+secretary", re.IGNORECASE)


@dataclass
class _Found:
    name: str | None
    title: str
    organisation: str | None
    sentence: Sentence
    speaking: bool
    start: int = 0  # where the title and name stand in the sentence
    end: int = 0
    apposed: bool = False  # "Name, Title": how a transcript or a byline gives the official title


_INITIAL = re.compile(r"(?:[A-Z]\.)+")  # "Janet L. Yellen", "Karel J.G. van Oosterom"
# Lower-case words inside a family name: "Karel J.G. van Oosterom", "Ursula von der Leyen".
_PARTICLES = {"van", "von", "der", "den", "de", "du", "da", "di", "del", "della", "bin", "al", "le", "la"}
_POSSESSIVE = re.compile(r"['’]s$")


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() or _INITIAL.fullmatch(token) is not None


@lru_cache(maxsize=65536)
def _is_name_token(token: str) -> bool:
    word = token.lower().rstrip(".")
    if _INITIAL.fullmatch(token):
        return True
    return (
        token[0].isupper()
        and not token.isupper()
        and word not in _ORG_WORDS
        and word not in _NOT_NAMES
        and not _is_head(token)
        and word not in _HEADLINE_VERBS
        and not _POSSESSIVE.search(token)
    )


def _chunks(sentence: Sentence) -> list[list[re.Match]]:
    """Runs of capitalised words, title words and connectors, broken by punctuation or other words."""
    chunks: list[list[re.Match]] = []
    current: list[re.Match] = []
    previous_end = None
    for token in _TOKEN.finditer(sentence.text):
        word = token.group()
        particle = (
            word in _PARTICLES
            and bool(current)
            and (_is_capitalised(current[-1].group()) or current[-1].group() in _PARTICLES)  # "von der"
        )
        # "Chair of the 1718 Committee": a committee named by its resolution's number
        number = word.isdigit() and bool(current) and current[-1].group().lower() == "the"
        fits = (
            _is_capitalised(word) or word.lower() in _TITLE_WORDS or word.lower() in _CONNECTORS or particle or number
        )
        gap = sentence.text[previous_end : token.start()] if previous_end is not None else " "
        if fits and (not current or _continues(current, word, gap)):
            current.append(token)
        else:
            if current:
                chunks.append(current)
            current = [token] if fits else []
        previous_end = token.end()
    if current:
        chunks.append(current)
    # Connectors and determiners at the edges belong to the sentence, not to the chunk.
    trimmed: list[list[re.Match]] = []
    for chunk in _portfolios_joined(sentence.text, chunks):
        while chunk and chunk[-1].group().lower() in _CONNECTORS:
            chunk = chunk[:-1]
        while chunk and (
            chunk[0].group().lower() in _CONNECTORS | _DETERMINERS | {"by", "according"} or _honorific(chunk[0])
        ):
            # "By Ambassador Jeffrey DeLaurentis": the byline's "By" introduces the name, as "According to" does
            chunk = chunk[1:]
        if chunk:
            trimmed.append(chunk)
    return trimmed


def _portfolios_joined(text: str, chunks: list[list[re.Match]]) -> list[list[re.Match]]:
    """ "Minister of State for Asia and the Pacific" is one title: after a portfolio's "for", "and the" goes on with
    it unless an office follows ("the Minister for Trade and the Foreign Secretary" are two), and so does a list
    of the portfolio's parts ("Minister of State for South Asia, United Nations and the Commonwealth")."""
    joined: list[list[re.Match]] = []
    for chunk in chunks:
        previous = joined[-1] if joined else []
        portfolio = "for" in (t.group() for t in previous) and not _has_head(chunk)
        gap = text[previous[-1].end() : chunk[0].start()] if previous else ""
        if portfolio and (
            (previous[-1].group() == "and" and chunk[0].group() == "the" and not gap.strip())
            or (gap.strip() == "," and chunk[0].group() not in _CONNECTORS and "and" in (t.group() for t in chunk))
        ):
            previous.extend(chunk)
        else:
            joined.append(chunk)
    return joined


def _an_office(chunk: list[re.Match[str]]) -> bool:
    """ "Office of the Spokesperson" is an office, no person ("By Office of the Spokesperson")."""
    return chunk[0].group() == "Office"


def _honorific(token: re.Match) -> bool:
    return token.group() in _HONORIFICS


def _continues(current: list[re.Match], word: str, gap: str) -> bool:
    """Whether the word joins the chunk before it: nothing but a space or a slash between ("High
    Representative/Vice-President" is one title), and not "the" after "and": "The Secretary and the Foreign
    Minister reaffirmed" are two offices, while a title's own "and" takes no article ("Minister for Foreign
    Affairs and Trade") unless its portfolio took one ("Minister of State for the Commonwealth and the United
    Nations")."""
    if gap.strip() == "." and _honorific(current[-1]):
        return True  # "Senior Official for the DPRK Dr. Jung Pak": the honorific joins the title to the name
    if gap.strip() not in ("", "/"):
        return False
    words = [token.group().lower() for token in current]
    portfolio = " for the " in f" {' '.join(words)} "
    return not (word.lower() == "the" and words[-1] == "and" and not portfolio)


@lru_cache(maxsize=65536)
def _is_head(word: str) -> bool:
    """ "minister", "Spokesperson's", and the last part of "Vice-President" or "HR/VP"-style compounds."""
    word = word.lower()
    return word in _HEADS or word.rstrip("’'s") in _HEADS or any(part in _HEADS for part in word.split("-"))


def _has_head(tokens: list[re.Match]) -> bool:
    return any(_is_head(t.group()) for t in tokens)


def _names_in(chunk: list[re.Match], states: Matcher[Entity]) -> list[tuple[int, int]]:
    """Index ranges of person names in a chunk: name-like words closing the chunk or an "and" inside it.

    A surname written in capitals stands in a name next to a given name ("HAYASHI Yoshimasa"), a peer's title
    takes its place ("Lord Ahmad of Wimbledon"), and a title word may introduce a surname alone ("Secretary
    Blinken", "Foreign Minister Park").
    """
    words = [t.group() for t in chunk]

    def plain(i: int) -> bool:
        return _is_name_token(words[i]) and not _is_place(words[i], states)

    def capitals(i: int) -> bool:
        word = words[i]
        return (
            len(word) >= 3
            and word.isalpha()
            and word.isupper()
            and word.lower() not in _ORG_WORDS
            and not _is_head(word)
            and not _is_place(word, states)
            and ((i > 0 and plain(i - 1)) or (i + 1 < len(words) and plain(i + 1)))
        )

    def particle(i: int) -> bool:
        """Inside a run of particles with a name on either side: "Ursula von der Leyen"."""
        if words[i] not in _PARTICLES:
            return False
        start, end = i, i + 1
        while start > 0 and words[start - 1] in _PARTICLES:
            start -= 1
        while end < len(words) and words[end] in _PARTICLES:
            end += 1
        return start > 0 and end < len(words) and plain(start - 1) and plain(end)

    def starts_with_a_given_initial(i: int, j: int) -> bool:
        """ "J. Christopher Giancarlo", "C. S. Eliot Kang": one-letter initials, then two words of the name; a
        dotted acronym ending a title ("Ambassador to the U.N. Linda Thomas-Greenfield") is no initial of it."""
        rest = [word for word in words[i:j] if not _INITIAL.fullmatch(word)]
        return len(words[i]) == 2 and len(rest) >= 2 and all(len(w) == 2 for w in words[i:j] if w not in rest)

    def compass_surname(i: int) -> bool:
        # "Minister for the Indo-Pacific Catherine West said": a compass word closing a chunk after a given name
        last = i == len(words) - 1 or (i == len(words) - 2 and words[-1] in _POST_NOMINALS)  # "Catherine West MP"
        return last and i > 0 and words[i] in _COMPASS and plain(i - 1)

    def is_name(i: int) -> bool:
        return plain(i) or capitals(i) or particle(i) or compass_surname(i)

    names: list[tuple[int, int]] = []
    i = 0
    while i < len(chunk):
        if not is_name(i):
            i += 1
            continue
        j = i
        while j < len(chunk) and is_name(j):
            j += 1
        while i < j - 1 and _INITIAL.fullmatch(words[i]) and not starts_with_a_given_initial(i, j):
            i += 1  # "Ambassador to the U.N. Linda Thomas-Greenfield": the initials end the title
        # "Lord Ahmad of Wimbledon": a peer's territorial designation belongs to the name.
        if words[i] in _PEERS and j + 1 < len(chunk) and words[j] == "of" and is_name(j + 1):
            j += 2
        closes = (
            j == len(chunk)
            or words[j] == "and"
            or words[j] in _HEADLINE_PREPOSITIONS  # "... Foreign Minister Yun Byung-se After Their Meeting"
            or words[j].lower() in _HEADLINE_VERBS
            or words[j] in _POST_NOMINALS
            or _served_after(words, j, states) is not None
        )
        # A name starts and ends with a word, not an initial: "Janet L. Yellen"; particles make it no longer.
        length = sum(word not in _PARTICLES for word in words[i:j])
        after_title = _after_title(words, i, names)
        starts_well = not _INITIAL.fullmatch(words[i]) or starts_with_a_given_initial(i, j)
        if closes and (2 <= length <= 4 or (length == 1 and after_title)) and starts_well:
            names.append((i, j))
        i = j
    return names


def _served_after(words: list[str], j: int, states: Matcher[Entity]) -> str | None:
    """The state a name is followed by, as the one its bearer serves: "Prime Minister Shinzo Abe of Japan"."""
    if j + 1 < len(words) and words[j] == "of":
        rest = words[j + 1 :] if words[j + 1] != "the" else words[j + 2 :]
        # "President Jane Roe of the United States of America and Chairman ...": the state ends at "and"
        ends = [k for k in range(len(rest), 0, -1) if k == len(rest) or rest[k] == "and"]
        for k in ends:
            served = " ".join(rest[:k])
            if served and _is_place(served, states):
                return served
    return None


def _after_title(words: list[str], i: int, names: list[tuple[int, int]]) -> bool:
    """Whether the word at `i` follows a title, so that a surname alone is a name there ("Secretary Blinken")."""
    if i == 0:
        return False
    # "Director General Funakoshi": "General" ends that title though it heads none alone ("General Assembly")
    if _is_head(words[i - 1]) or (words[i - 1] == "General" and i > 1 and _is_head(words[i - 2])):
        return True
    # "Vice Ministers Cho and Mori": a plural title lists surnames
    return bool(names) and names[-1][1] == i - 1 and words[i - 1] == "and" and _plural_title(words, names[-1][0])


def _plural_title(words: list[str], name_start: int) -> bool:
    """Whether the word before a name is a plural title ("Ministers", "Secretaries")."""
    return name_start > 0 and _is_head(words[name_start - 1]) and words[name_start - 1].lower().endswith(("s", "ies"))


def _text(sentence: Sentence, tokens: list[re.Match]) -> str:
    return sentence.text[tokens[0].start() : tokens[-1].end()]


def _strip_prefix(title: str, states: Matcher[Entity]) -> str:
    """Drop a leading country from a title ("South Korean Vice Foreign Minister" is a Vice Foreign Minister),
    but keep the institution words the press uses as part of it ("Kremlin spokesman", "State Department Press
    Secretary")."""
    while True:
        article = re.match(r"the\s+", title, re.IGNORECASE)
        lead = article.end() if article else 0
        mention = next(iter(states.find(title[lead:], capitalised=True)), None)
        end = None
        # "the Treasury's deputy assistant secretary": an institution's possessive is whose the title is
        owner = mention is not None and _POSSESSIVE.match(title[lead + mention.end : lead + mention.end + 2])
        if mention is not None and mention.start == 0 and (owner or not _INSTITUTION.search(mention.text)):
            end = lead + mention.end
        elif match := re.match(r"(?:UN|U\.N\.|United\s+Nations)\b", title[lead:]):
            end = lead + match.end()
        if end is None:
            return title
        gap = re.compile(r"\.?(?:['’]s)?\s+").match(title, end)
        rest = title[gap.end() :] if gap else ""
        if not _has_head_word(rest):
            return title
        title = rest


def _has_head_word(text: str) -> bool:
    return any(word.lower() in _HEADS for word in re.findall(r"[\w-]+", text))


def _organisation(title: str, states: Matcher[Entity]) -> tuple[str | None, str]:
    """Split a title phrase into the organisation it names and the title proper."""
    written = title
    organisation = next((name for pattern, name in _ORGANISATIONS if pattern.search(title)), None)
    # The state an official serves, not the one their portfolio is about ("Special Representative for the DPRK").
    country = next(
        (
            m.value
            for m in states.find(title, capitalised=True)
            if m.value.kind is ActorKind.state and not re.search(r"\b(?:for|to|on)\s+(?:the\s+)?$", title[: m.start])
        ),
        None,
    )
    # "a spokesperson for the U.S. State Department": the organisation follows the title word.
    trailing = re.match(r"^(.*?\b(?:spokes\w+|official))\s+(?:for|of|at)\s+(?:the\s+)?\S.*$", title, re.IGNORECASE)
    if trailing:
        title = trailing.group(1)
    title = _strip_prefix(title, states)
    for pattern, ministry in _MINISTRIES:
        if pattern.search(written):
            if country is not None and organisation is None:
                organisation = f"{country.name} {ministry}"
            break
    # "The Foreign Secretary" names the UK's office without naming the UK, as "Secretary of State" names the US one.
    if organisation is None and country is None and _FOREIGN_SECRETARY.search(written):
        organisation = "Foreign Office"
    # "U.S. Representative to the United Nations", "UK Permanent Representative to the UN": the country they
    # speak for, not the body they are posted to.
    # "Secretary of State for Foreign, Commonwealth and Development Affairs of the United Kingdom": another state
    # named in the title outweighs a US department's words.
    if country is not None and (
        organisation is None
        or organisation in ("United Nations", "European Union")
        or (organisation.startswith("U.S.") and country.name != "United States")
    ):
        organisation = country.name
    return organisation, title.strip()


def _is_place(name: str, states: Matcher[Entity]) -> bool:
    """ "the representative of the Russian Federation": a state, not a person."""
    return states.covers(name)


# Between two officials of one list: ", and the", and a country the title left out ("Sung Kim, the Republic of
# Korea (ROK) Special Representative ...").
_LIST_GAP = re.compile(
    r"\s*,?\s*(?:and\s+)?(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of|\([A-Z.]+\))\s+){0,6}"
    # "President Jane Roe of the United States of America and Chairman Kim": the state served, then the next
    r"|\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of)\s+){1,6}and\s+"
)


def _share_speech(found: list[_Found]) -> None:
    """Officials listed together share one verb: "Foreign Minister Yoko Kamikawa, Minister ... Cho Tae-yul and
    Secretary of State Antony Blinken met in New York today and issued the following joint statement"."""
    for previous, current in zip(found, found[1:], strict=False):
        if previous.sentence != current.sentence:
            continue
        gap = previous.sentence.text[previous.end : current.start]
        if _LIST_GAP.fullmatch(gap) and (previous.speaking or current.speaking):
            previous.speaking = current.speaking = True
    for previous, current in reversed(list(zip(found, found[1:], strict=False))):
        gap = previous.sentence.text[previous.end : current.start] if previous.sentence == current.sentence else "."
        if _LIST_GAP.fullmatch(gap) and current.speaking:
            previous.speaking = True


# "As President Trump stated in his speech ...", "as agreed to by Chairman Kim", "you heard from Director General
# Ihara": an earlier statement the text recalls, not one made for this act ("as well as" lists officials; "Remarks
# as delivered by Ambassador X" are the speaker's own).
_RECALLED = re.compile(
    r"(?:(?<!well\s)\b[Aa]s\s+(?:(?:agreed|stated|said|noted|announced|declared|pledged|promised|called\s+for)\s+"
    r"(?:to\s+)?by\s+)?|"
    # "as you heard from Vice Foreign Minister Sugiyama": what another said before the speaker spoke
    # ("as President Trump and Chairman Kim agreed to in Singapore": both recalled)
    r"\bheard\s+from\s+)(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|and)\s+){0,6}$"
    # "Earlier this month, John Kirby, ... said": a statement made before the one reported
    r"|^\s*(?:Earlier|Previously|Last\s+(?:week|month|year))\b(?:\s+this\s+(?:week|month|year))?\s*,[^.;]*$"
)
# "Secretary Blinken spoke with Foreign Minister Hayashi and they jointly condemned": the one spoken with speaks too.
_TALKS = rf"(?:spoke|speaks|met|meets|talked|hosted|hosts|received|{_HELD}(?:call|talks?|conversation|meeting))"
_SPOKEN_WITH = re.compile(
    rf"\b(?:{_TALKS}\s+(?:in\s+(?P<city>[A-Z][\w-]+)\s+)?(?:today\s+|by\s+(?:tele)?phone\s+)?with|hosted|hosts|"
    r"received)\s+"
    r"(?:the\s+)?"
    r"(?:new\s+|newly\s+appointed\s+)?"
    rf"(?:{_HONORIFIC}\s+)*$",
    re.IGNORECASE,
)
# "Foreign Minister Cho held a phone call with ...", "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held
# a telephone talk with ...": the one who called, the other side of the talks.
_CALLED = re.compile(rf"^\s*,?\s*(?:today\s+|on\s+\w+\s+)?{_TALKS}\b", re.IGNORECASE)
# A readout's "The two leaders condemned ...", "The three sides underscored ...", "The two also spoke about ...": both
# sides of the call act.
BOTH_SIDES = re.compile(
    r"\b(?:the|both)\s+(?:(?:two\s+|three\s+|four\s+)?(?:leaders|sides|ministers|presidents)|two|three|four)\s+"
    r"(?:\w+ly\s+)?"
    r"(?:also\s+)?(?:[a-z]+ed|spoke)\b"  # "The two also spoke about the need for ..."
    # a readout's next sentence, "They strongly condemned ...", though not "They launched": a verb of the talks
    r"|^\s*They\s+(?:\w+ly\s+)?(?:also\s+)?(?:condemned|agreed|discussed|reaffirmed|underscored|emphasi[sz]ed|"
    r"stressed|expressed|welcomed|noted|spoke|pledged|committed|shared|called|highlighted|affirmed|denounced)\b",
    re.IGNORECASE,
)
_THEY_TOO = re.compile(
    rf"^[\s,]*(?:(?:today|yesterday|on\s+\w+(?:\s+\d{{1,2}})?)\s+)?and\s+(?:they|the\s+two|both)\s+(?:\w+ly\s+)?"
    rf"(?:{_SPEECH})\b",
    re.IGNORECASE,
)


# "Kim Hong-kyun, South Korea's special representative for Korean Peninsula peace and security affairs, said": a
# description between commas, holding a title word, stands between a name and its verb.
# "Secretary of State Jane Roe, speaking in Tokyo, said"
_ASIDE = re.compile(r"(?:speaking|writing|responding|addressing|asked|in|at|during|after|on)\b", re.IGNORECASE)
_DESCRIBED = re.compile(r"^\s*,\s*([^,;:.()“”\"]{3,150}?)\s*(?=,)")


def _speaking(sentence: Sentence, start: int, end: int) -> bool:
    before, after = sentence.text[:start], sentence.text[end:]
    if _RECALLED.search(before):
        return False
    if _SPOKEN_WITH.search(before) and _THEY_TOO.match(after):
        return True
    described = _DESCRIBED.match(after)
    if described and (
        any(_is_head(t.group()) for t in _TOKEN.finditer(described.group(1))) or _ASIDE.match(described.group(1))
    ):
        after = after[described.end() :]
    return bool(_SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before[-_SPEECH_BEFORE_REACH:]))


def _mentions(sentence: Sentence, states: Matcher[Entity]) -> list[_Found]:
    found = []
    chunks = _chunks(sentence)
    for index, chunk in enumerate(chunks):
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        names = _names_in(chunk, states)
        if names == [(0, len(chunk))] and (counterpart := _counterpart(sentence, chunk, states)):
            found.append(counterpart)
            continue
        if names:
            found.extend(_titled_names(sentence, chunk, names, following, states))
            continue
        if byline := _name_then_title(sentence, chunk, states):
            found.append(byline)
            continue
        # "Miller, a State Department spokesperson, said": a surname alone, named in full elsewhere or not at all.
        if len(chunk) == 1 and _is_name_token(chunk[0].group()) and following is not None:
            found.extend(_apposition(sentence, chunk[0].group(), chunk, following, states))
        if _has_head(chunk) and not _an_office(chunk):
            found.extend(_title_first(sentence, chunk, following, states))
    return found


# "Foreign Secretary David Lammy and his French counterpart Jean-Noel Barrot": the same office, of another state
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+((?:[A-Z][\w’'.-]*\s+){0,3}counterparts?)\s*,?\s*$")


def _counterpart(sentence: Sentence, chunk: list[re.Match], states: Matcher[Entity]) -> _Found | None:
    reach = max(0, chunk[0].start() - 80)
    match = _COUNTERPART.search(sentence.text, reach, chunk[0].start())
    if match is None:
        return None
    organisation, _ = _organisation(match.group(1), states)
    start, end = match.start(), chunk[-1].end()
    title = match.group(1).split()[-1]  # "counterpart": the state's own name for the office is not written
    return _Found(_text(sentence, chunk), title, organisation, sentence, _speaking(sentence, start, end), start, end)


_BYLINE_OPENING = re.compile(r"^\s*(?:by|testimony\s+of|remarks\s+by|statement\s+by)\s+$", re.IGNORECASE)


def _name_then_title(sentence: Sentence, chunk: list[re.Match], states: Matcher[Entity]) -> _Found | None:
    """A header's byline with no comma between the name and the title: "By Sung Kim Special Representative for North
    Korea Policy", "Testimony of Sigal Mandelker Under Secretary"."""
    words = [t.group() for t in chunk]
    if len(words) > 2 and words[0] in ("Testimony", "Remarks", "Statement") and words[1] in ("of", "by"):
        chunk, words = chunk[2:], words[2:]  # the opening is capitalised, so it starts the chunk
    if not (sentence.in_header and _BYLINE_OPENING.match(sentence.text[: chunk[0].start()])):
        return None
    length = next((n for n in range(len(words)) if not _is_name_token(words[n]) or _is_place(words[n], states)), 0)
    if not 2 <= length <= 4 or not _has_head(chunk[length:]):
        return None
    organisation, title = _organisation(_text(sentence, chunk[length:]), states)
    name = _text(sentence, chunk[:length])
    return _Found(name, title, organisation, sentence, True, chunk[0].start(), chunk[-1].end(), True)


def _titled_names(
    sentence: Sentence,
    chunk: list[re.Match],
    names: list[tuple[int, int]],
    following: list[re.Match] | None,
    states: Matcher[Entity],
) -> list[_Found]:
    """The names of a chunk, each with the title before it ("Secretary of State Antony Blinken") or, for a chunk
    that is a name alone, the title in apposition after it."""
    found = []
    start = 0
    previous_title: list[re.Match] = []
    for a, b in names:
        # "Foreign Ministers Penny Wong and Winston Peters": a plural title serves every name it lists.
        title_tokens = chunk[start:a] or previous_title
        previous_title = title_tokens
        start = b + 1
        while title_tokens and (title_tokens[-1].group().lower() in _CONNECTORS or _honorific(title_tokens[-1])):
            title_tokens = title_tokens[:-1]
        while title_tokens and title_tokens[0].group().lower() in _CONNECTORS | _DETERMINERS | {"as"}:
            title_tokens = title_tokens[1:]  # "As President Trump stated": "As" opens the clause, not the title
        # "Joint Statement of President Jane Roe ...", "Remarks With Republic of Korea Foreign Minister Yun ..."
        if opening := _DOCUMENT_OPENING.match(_text(sentence, title_tokens) if title_tokens else ""):
            title_tokens = [t for t in title_tokens if t.start() >= title_tokens[0].start() + opening.end()]
        name = _text(sentence, chunk[a:b])
        served = _served_after([t.group() for t in chunk], b, states)
        if served:
            # "President Jane Roe of the United States of America and Chairman Kim": the next title starts after
            # the state and its "and"
            start = b + 1 + (chunk[b + 1].group() == "the") + len(served.split(" "))
            start += 1 if start < len(chunk) and chunk[start].group() == "and" else 0
        if title_tokens and _has_head(title_tokens):
            if not _is_place(name, states):
                apposed = following if b == len(chunk) else None
                found.append(_title_then_name(sentence, name, title_tokens, chunk[b - 1], apposed, states, served))
        elif a == 0 and b == len(chunk) and following is not None:
            found.extend(_apposition(sentence, name, chunk, following, states))
    return found


# "Republic of Korea (ROK) Foreign Minister Park Jin": a state and its acronym in brackets before a title.
_STATE_AND_ACRONYM = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:of\s+(?:the\s+)?)?)*[A-Z][\w’'.-]*)\s*\([A-Z.]{2,}\)\s*$")


def _title_then_name(
    sentence: Sentence,
    name: str,
    title_tokens: list[re.Match],
    last: re.Match,
    apposed: list[re.Match] | None,
    states: Matcher[Entity],
    served: str | None = None,
) -> _Found:
    """ "Department Spokesperson Matthew Miller": `last` is the name's last word, `apposed` the chunk after the
    name when nothing else follows it in its own chunk, `served` the state written after the name ("... of Japan")."""
    written = _text(sentence, title_tokens)
    before = _STATE_AND_ACRONYM.search(sentence.text[: title_tokens[0].start()])
    served = served or (before.group(1) if before and _is_place(before.group(1), states) else None)
    if served:
        written = f"{served} {written}"  # the state the title left out: it is whom the official serves
    organisation, title = _organisation(written, states)
    first, end = title_tokens[0].start(), last.end()
    if served and (state := re.match(rf"\s+of\s+(?:the\s+)?{re.escape(served)}", sentence.text[end:])):
        end += state.end()  # "President Jane Roe of the Republic of Korea met": the verb comes after the state
    # A header line that is a title and a name alone, as a briefing lists its speakers ("Press Briefing with" /
    # "Acting Deputy Assistant Secretary Robert Scott," / "... Mark Lambert, and"): a byline.
    alone = re.fullmatch(r"[\s.,;]*(?:and)?\s*", sentence.text[end:]) is not None
    byline = sentence.in_header and first == 0 and alone and " " in name  # not a headline's last word ("... Abroad")
    mention = _Found(name, title, organisation, sentence, byline or _speaking(sentence, first, end), first, end)
    # "Ambassador Matthew Rycroft, UK Permanent Representative to the United Nations, on DPRK": the title in
    # apposition is the fuller one.
    if apposed is not None:
        gap = sentence.text[last.end() : apposed[0].start()]
        # the apposed title ends where the phrase does: "..., Japanese Ambassador in charge of Cyber Policy Kumagai
        # Naoki" is the next person's title
        closed = re.match(r"\s*(?:[,.;:)]|$)", sentence.text[apposed[-1].end() :])
        if re.fullmatch(r",\s*", gap) and closed and _has_head(apposed) and not _names_in(apposed, states):
            mention.organisation, mention.title = _organisation(_text(sentence, apposed), states)
            mention.end, mention.apposed = apposed[-1].end(), True
            # A byline of its own: "Ambassador Jeffrey DeLaurentis, Senior Advisor for Special Political Affairs."
            byline = first == 0 and re.fullmatch(r"[\s.]*", sentence.text[mention.end :]) is not None
            mention.speaking = mention.speaking or byline or _speaking(sentence, first, mention.end)
    return mention


def _apposition(sentence: Sentence, name: str, chunk: list, following: list, states: Matcher[Entity]) -> list[_Found]:
    """ "Miller, a State Department spokesperson, said", "said Adam J. Szubin, Acting Under Secretary ...",
    a transcript's "Mr. Fumio Kishida, Minister for Foreign Affairs: ...", or a byline: "Antony J. Blinken,
    Secretary of State" """
    gap = sentence.text[chunk[-1].end() : following[0].start()]
    rest = sentence.text[following[-1].end() :]
    # A byline is a line of its own: "Violating Resolutions, Assistant Secretary-General Warns Security Council"
    # ends a headline.
    opens = re.fullmatch(r"\s*(?:by\s+)?", sentence.text[: chunk[0].start()], re.IGNORECASE)
    byline = opens and re.fullmatch(r",\s*", gap) and re.fullmatch(r"[\s.;]*", rest)
    # "the ministry's spokesperson", "first vice department director of ..."
    described = re.fullmatch(r",\s*(?:(?:a|an|the)\s+(?:[a-z]+['’]s\s+)?|first\s+|second\s+)", gap, re.IGNORECASE)
    if not (byline or described or re.fullmatch(r",\s*", gap)) or not _has_head(following):
        return []
    if _is_place(name, states) or _names_in(following, states):
        return []  # "to Russia, Foreign Minister Penny Wong said": the title has its own name
    speaking = bool(byline) or any(_speaking(sentence, part[0].start(), part[-1].end()) for part in (chunk, following))
    # "Putin, President Xi and ..." is a list, not a name and its title; "Ms. KAMIKAWA Yoko, Minister for Foreign
    # Affairs of Japan, held a telephone talk" closes the title where the phrase ends
    closed = re.match(r"\s*(?:[,.;]|$)", rest)
    if not (byline or described or speaking or closed):
        return []
    organisation, title = _organisation(_text(sentence, following), states)
    return [_Found(name, title, organisation, sentence, speaking, chunk[0].start(), following[-1].end(), True)]


_APPOSED_GAP = re.compile(rf"\s*[,(]\s*(?:{_HONORIFIC}\s*)*", re.IGNORECASE)


def _title_first(sentence: Sentence, chunk: list, following: list | None, states: Matcher[Entity]) -> list[_Found]:
    """ "The spokesperson, Matthew Miller, said" or, with no name given, "a State Department spokesperson said" """
    organisation, title = _organisation(_text(sentence, chunk), states)
    if following is not None:
        gap = sentence.text[chunk[-1].end() : following[0].start()]
        names = _names_in(following, states)
        # "Minister for the Indo-Pacific, Catherine West MP, said:" (letters after the name are no part of it)
        letters = len(following) - (following[-1].group() in _POST_NOMINALS)
        if _APPOSED_GAP.fullmatch(gap) and names == [(0, letters)]:
            name = _text(sentence, following[:letters])
            speaking = _speaking(sentence, chunk[0].start(), following[-1].end())  # "by the Minister, Name,"
            return [_Found(name, title, organisation, sentence, speaking, chunk[0].start(), following[-1].end())]
        if _APPOSED_GAP.fullmatch(gap) and names and names[-1][1] == letters:
            # "Japan's top government spokesman, Chief Cabinet Secretary Yoshimasa Hayashi, said": one person,
            # found with the title written with the name
            return []
    # Only a singular title word makes an unnamed official: "officials have warned" is no one in particular.
    head = chunk[-1].group().lower() if chunk[-1].group().lower() in _HEADS else None
    if head is None:
        heads = [t for t in chunk if t.group().lower() in _HEADS]
        head = heads[-1].group().lower() if heads else None
    # An office one person holds, named with its article: "The Foreign Secretary said:", "Declaration by the
    # High Representative", "Comment by the Japanese Prime Minister".
    # Not a delegate ("the representative of China") nor one of a list of states' officials ("the EU High
    # Representative" among the foreign ministers issuing a joint statement).
    before, after = sentence.text[: chunk[0].start()], sentence.text[chunk[-1].end() :]
    # A headline naming the office's statement: "Foreign Secretary statement on adoption of UNSC resolution 2397".
    headed = sentence.in_header and re.match(r"\s+(?:statement|remarks|speech|declaration)\b", after, re.IGNORECASE)
    definite = (
        (re.search(r"\bthe\s+$", before, re.IGNORECASE) or headed)
        # "..., the Foreign Secretary said:" after an opening clause speaks; a list's ", the ..." does not
        and not re.search(r"(?:\band|\bas\s+well\s+as)\s+the\s+$", before, re.IGNORECASE)
        and not (re.search(r",\s+the\s+$", before) and not _SPEECH_AFTER.match(after))
        and len(chunk) >= 2
        and chunk[0].group()[0].isupper()
        and _office_ends(chunk, states)
    )
    office = head in {"secretary", "minister", "representative", "president", "premier", "chancellor"} and definite
    # "The Secretary and Foreign Minister condemned": two offices (named elsewhere), not one unnamed official
    words = [t.group() for t in chunk]
    if "and" in words and _has_head(chunk[: words.index("and")]) and _is_head(words[-1]):
        return []
    if head not in {"spokesperson", "spokesman", "spokeswoman", "official"} and not office:
        return []
    if head == "official" and chunk[-1].group().lower() != "official":
        return []  # "carried by the official Korean Central News Agency": an adjective
    if not (headed or _speaking(sentence, chunk[0].start(), chunk[-1].end())):
        return []
    return [_Found(None, title, organisation, sentence, True, chunk[0].start(), chunk[-1].end())]


def _office_ends(chunk: list[re.Match], states: Matcher[Entity]) -> bool:
    """An office's name ends with its title word or the state it serves: "Foreign Secretary", "the Prime Minister of
    Japan", "the Minister for Foreign Affairs of Japan", not "President of the Security Council"."""
    words = [t.group() for t in chunk]
    if _is_head(words[-1]):
        return True
    last_head = max(i for i, word in enumerate(words) if _is_head(word))
    last_of = max((i for i, word in enumerate(words) if word == "of"), default=-1)
    served = " ".join(words[last_of + 1 :])
    return last_of > last_head and bool(served) and _is_place(served, states)


def _blocks(sentences: list[Sentence], states: Matcher[Entity]) -> list[_Found]:
    """A name alone on its line with the title on the next: the byline of remarks ("Ambassador Kelly Craft" /
    "Permanent Representative") or the signature under a statement ("Nabila Massrali" / "Spokesperson for
    Foreign Affairs and Security Policy"). Whoever signs or delivers the text speaks for it."""
    found = []
    for line, following in zip(sentences, sentences[1:], strict=False):
        if following.paragraph != line.paragraph + 1 or line.text.endswith((".", ":")):
            continue
        chunks, title_chunks = _chunks(line), _chunks(following)
        if len(title_chunks) == 2 and _an_office(title_chunks[1]):
            title_chunks = title_chunks[:1]  # "Department Spokesperson, Office of the Spokesperson"
        if len(chunks) != 1 or len(title_chunks) != 1 or _text(line, chunks[0]) != line.text:
            continue
        names = _names_in(chunks[0], states)
        if not names or names[-1][1] != len(chunks[0]) or len(following.text.split()) > 12:
            continue
        title_chunk = title_chunks[0]
        title_line = re.sub(r",\s*Office\b.*$", "", following.text).rstrip(".")
        if _text(following, title_chunk) != title_line or not _has_head(title_chunk):
            continue
        if _an_office(title_chunk):
            continue  # "Media Note" / "Office of the Spokesperson": a kind of document and its issuer
        if _names_in(title_chunk, states):
            continue
        a, b = names[-1]
        name = _text(line, chunks[0][a:b])
        organisation, title = _organisation(title_line, states)
        found.append(_Found(name, title, organisation, line, True, chunks[0][a].start(), chunks[0][b - 1].end(), True))
    return found


_SIGNATURE = re.compile(r"(?:[A-Z][A-Z’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][A-Z’'-]+|[A-Z]\.|JR\.|SR\.)){1,4}")


def _presidential_signature(sentences: list[Sentence]) -> list[_Found]:
    """The name signed above "THE WHITE HOUSE," at the foot of a proclamation, order or notice is the President's."""
    return [
        _Found(name.text.strip(), "President", "White House", name, True, 0, len(name.text.strip()))
        for name, place in zip(sentences, sentences[1:], strict=False)
        if signed_at_the_white_house(place) and _SIGNATURE.fullmatch(name.text.strip())
    ]


_LABEL = re.compile(
    # "FOREIGN MINISTER KISHIDA:", "DEPUTY SECRETARY BLINKEN:", "CHIEF CABINET SECRETARY SUGA:" too
    r"^(?:(?P<title>(?:[A-Z]+\s+)*?(?:AMBASSADOR|SECRETARY|MINISTER|"
    r"SPOKESPERSON|UNDER\s+SECRETARY|PRESIDENT|CHAIR|REPRESENTATIVE))\s+|(?:MR|MS|MRS|DR)\.?\s+)"
    r"(?P<name>[A-Z][A-Z’'-]+)\s*:"
)


def _transcript_labels(sentences: list[Sentence], states: Matcher[Entity]) -> list[_Found]:
    """The speaker labels of a transcript in capitals: "AMBASSADOR KIM: Great, thank you". The surname joins
    the full name the text gives elsewhere ("Special Representative ... Ambassador Sung Kim")."""
    found = []
    for sentence in sentences:
        label = _LABEL.match(sentence.text)
        if label:
            name = label.group("name").title()
            organisation, title = _organisation((label.group("title") or "").title(), states)
            found.append(_Found(name, title, organisation, sentence, True, label.start(), label.end()))
    return found


_OFFICE_LABEL = re.compile(r"^THE\s+((?:VICE\s+|PRIME\s+)?(?:PRESIDENT|SECRETARY|MINISTER))\s*:")


def _office_labels_speak(found: list[_Found], sentences: list[Sentence]) -> None:
    """ "THE PRESIDENT: Good morning.": the first holder of the office the text names ("The White House - President
    George W. Bush") is the one speaking, not the presidents he says he called."""
    for office in {label.group(1).title() for s in sentences if (label := _OFFICE_LABEL.match(s.text))}:
        holder = next((m for m in found if m.name and fold(m.title) == fold(office)), None)
        if holder is not None:
            holder.speaking = True


# A headline naming the speaker's statement by a possessive: "President Bush's Statement on North Korea Nuclear Test",
# "Secretary Blinken's Remarks to the Press".
# "Secretary of State John Kerry's Statement on ...": the title's own "of" and a full name too.
# "Secretary Sean O'Neill's", "Ursula von der Leyen's": an apostrophe inside a name, particles between its words.
# "Readout of Secretary Blinken's Call with ...": the document's own word is no part of the title.
_HEADLINE_SPEAKER = re.compile(
    r"^(?:(?:Readout|Transcript|Text)\s+of\s+)?(?P<title>(?:(?:[A-Z][\w-]*|of|for|the)\s+){1,6}?)"
    rf"(?P<name>(?:(?:[A-Z][\w.-]*|{'|'.join(sorted(_PARTICLES))})\s+){{0,4}}[A-Z](?:[\w-]|['’](?!s\s))+)"
    # gov.uk's "Foreign Secretary James Cleverly statement on ...": the noun written in lower case, no possessive
    r"(?:['’]s\s+(?:[Ss]tatement|[Rr]emarks|Calls?|Press\s+Conference|[Ss]peech|Address)|\s+(?:statement|remarks|speech))"
    r"\b"
)


def _headline_speakers(sentences: list[Sentence], states: Matcher[Entity]) -> list[_Found]:
    found = []
    for sentence in sentences:
        match = _HEADLINE_SPEAKER.match(sentence.text) if sentence.in_header else None
        if match is None:
            continue
        # the words of the name that are no name's ("State" in "Secretary of State John Kerry") end the title
        title_words, name_words = match.group("title").split(), match.group("name").split()
        while len(name_words) > 1 and not _is_name_token(name_words[0]):
            title_words.append(name_words.pop(0))
        title_text, name = " ".join(title_words), " ".join(name_words)
        if (
            _has_head_word(title_text)
            and all(_is_name_token(w) or w in _PARTICLES for w in name_words[1:-1])
            and all(_is_name_token(w) for w in (name_words[0], name_words[-1]))
        ):
            organisation, title = _organisation(title_text, states)
            found.append(_Found(name, title, organisation, sentence, True, match.start(), match.end()))
    return found


_PEERAGE_PLACE = re.compile(r"^((?:Lord|Lady|Baroness|Baron)\s+\S+)\s+of\s+.+$")


def _same_person(a: str, b: str) -> bool:
    """ "Matthew Miller" and "Miller" are one person, "Park Jin" and "Park", "HAYASHI Yoshimasa" and "Hayashi"
    too (the family name may come first); "Matthew Miller" and "Mark Miller" are two; "Lord Ahmad of Wimbledon" and
    "Lord Ahmad" are one (a peer is named with or without the place of the title)."""
    a_words, b_words = _PEERAGE_PLACE.sub(r"\1", a).lower().split(), _PEERAGE_PLACE.sub(r"\1", b).lower().split()
    if len(a_words) == 1 or len(b_words) == 1:
        single, full = (a_words, b_words) if len(a_words) == 1 else (b_words, a_words)
        return single[0] in (full[0], full[-1])
    return a_words == b_words or (a_words[-1] == b_words[-1] and a_words[0] == b_words[0])


def _full_name(sentences: list[Sentence], surname: str) -> str:
    """The full name a text gives a person it titles only by surname: "Matthew Miller told reporters ...
    Miller, a State Department spokesperson, said"."""
    pattern = re.compile(rf"\b([A-Z][\w’'-]+(?:\s+[A-Z]\.)?)\s+{re.escape(surname)}\b")
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            if all(_is_name_token(word) for word in match.group(1).split()):
                return f"{match.group(1)} {surname}"
    return surname


def _surname_speaks(sentences: list[Sentence], name: str) -> bool:
    """Whether the person speaks by the family name alone, written last or, as in "Yoon Suk Yeol", first."""
    words = name.split()
    pattern = re.compile(
        rf"\b(?:{re.escape(words[-1])}|{re.escape(words[0])}(?!\s+{re.escape(words[1])}))\b"
        if len(words) > 1
        else rf"\b{re.escape(name)}\b"
    )
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            if _speaking(sentence, match.start(), match.end()):
                return True
    return False


def find(sentences: list[Sentence], states: Matcher[Entity]) -> tuple[list[OfficialMention], list[str]]:
    """The officials, one per person, and warnings about those left unnamed."""
    found = [mention for sentence in sentences for mention in _mentions(sentence, states)]
    if any(BOTH_SIDES.search(sentence.text) for sentence in sentences):
        for mention in found:  # "President Roe spoke today with Prime Minister Doe ... The two leaders agreed"
            text = mention.sentence.text
            with_whom = _SPOKEN_WITH.search(text[: mention.start]) or _CALLED.match(text[mention.end :])
            mention.speaking = mention.speaking or bool(with_whom)
    _share_speech(found)  # after, so that "met with A and B" has B speak with A
    turns = first_turn(sentences)
    for mention in found:
        # In a transcript the speakers are those its labels name ("Ambassador Roe: ..."); "the statement released
        # by Vice President Pence" in a speaker's answer is another's earlier word.
        label = mention.sentence.text[mention.end :].lstrip().startswith(":")
        if turns is not None and mention.sentence.paragraph >= turns and not label:
            mention.speaking = False
    found += _blocks(sentences, states) + _transcript_labels(sentences, states) + _headline_speakers(sentences, states)
    found += _presidential_signature(sentences)
    _office_labels_speak(found, sentences)
    people = _people(found)
    _office_holders_speak(found, people, sentences)
    # a speaker the text never titles ("MR ICE: Thank you, Operator", a briefing's moderator) is no official
    named = [p for name, p in people.items() if p.title and (p.speaking or _surname_speaks(sentences, name))]
    for person in named:
        if person.name is not None and " " not in person.name:
            person.name = _full_name(sentences, person.name)
        person.organisation = person.organisation or _served_by_place(person, sentences, states)
    unnamed = _unnamed(found, named)
    if (
        (minister := _from_minister(sentences))
        and not named
        and len(unnamed) == 1
        and not _SPOKES.search(unnamed[0].title)
    ):
        unnamed[0].name, named, unnamed = minister, unnamed, []
    warnings = [
        f"An unnamed {u.title}{f' ({u.organisation})' if u.organisation else ''} is quoted; the name is left empty."
        for u in unnamed
    ]
    officials = [
        OfficialMention(
            name=p.name,
            title=p.title,
            organisation=p.organisation,
            quote=p.sentence.text,
            span=(p.sentence.start, p.sentence.end),
        )
        for p in sorted(named + unnamed, key=lambda p: (p.sentence.start, p.start))
    ]
    return officials, warnings


# A foreign ministry's site names its state: "Ministry of Foreign Affairs, Republic of Korea"
MINISTRY_SITE = re.compile(r"^\s*Ministry\s+of\s+Foreign\s+Affairs(?:\s+and\s+Trade)?(?:,\s+|\s+of\s+)(.+)$", re.I)
_NATIONAL_OFFICE = re.compile(r"minister|spokes|press\s+secretary|cabinet\s+secretary", re.IGNORECASE)


def _served_by_place(person: _Found, sentences: list[Sentence], states: Matcher[Entity]) -> str | None:
    """The state an official the text gives no state serves, where the place says: the host of a meeting in its
    capital ("met in Seoul today with Minister of Foreign Affairs Chung Eui-yong"), or the state whose foreign
    ministry's site the text is (for its ministers and spokespersons)."""
    places = []
    if (met := _SPOKEN_WITH.search(person.sentence.text[: person.start])) and met.group("city"):
        places.append(met.group("city"))
    site = next((m.group(1) for s in sentences[:2] if s.in_header and (m := MINISTRY_SITE.match(s.text))), None)
    if site and _NATIONAL_OFFICE.search(person.title):
        places.append(site)
    for place in places:
        state = next((m.value for m in states.find(place, capitalised=True) if m.value.kind is ActorKind.state), None)
        if state is not None:
            return state.name
    return None


def _people(found: list[_Found]) -> dict[str, _Found]:
    """The named mentions, one per person, under the fullest name the text gives them."""
    people: dict[str, _Found] = {}
    # Full names first, so that a surname alone ("Miller, a spokesperson") joins the full name wherever it stands.
    with_names = [(m.name, m) for m in found if m.name]
    for name, mention in sorted(with_names, key=lambda pair: -len(pair[0].split())):
        key = next((k for k in people if _same_person(k, name)), None)
        if key is None:
            people[name] = mention
            continue
        known = people[key]
        if len(known.title.split()) == 1 and len(mention.title.split()) > 1 and _has_head_word(mention.title):
            # "Ambassador Kim" then "Special Representative for the DPRK, Ambassador Sung Kim": the full title
            known.title, known.organisation, known.sentence = mention.title, mention.organisation, mention.sentence
            known.start, known.end = mention.start, mention.end
        if mention.speaking:
            _speaks_again(known, mention)
    return people


def _speaks_again(known: _Found, mention: _Found) -> None:
    """A person already found speaks in `mention` too."""
    # The title a person gives in apposition where they speak ("Mr. HAYASHI Yoshimasa, Minister for Foreign
    # Affairs: ...") over the one a headline puts before the name ("Foreign Minister HAYASHI").
    if mention.apposed and not known.apposed and " " in (mention.name or ""):
        known.title, known.organisation, known.sentence = mention.title, mention.organisation, mention.sentence
        known.start, known.end, known.apposed = mention.start, mention.end, True
    known.speaking = True


def _office_holders_speak(found: list[_Found], people: dict[str, _Found], sentences: list[Sentence]) -> None:
    """ "Foreign Secretary Boris Johnson ..." then "The Foreign Secretary said:": the holder of the office speaks; so
    do "Secretary of State Antony J. Blinken" and the two foreign ministers he called, after "The Secretary and the
    Foreign Ministers strongly condemned" (offices named shorter, or in the plural for several holders)."""
    offices = {fold(m.title) for m in found if m.name is None and m.speaking}
    for sentence in sentences:
        offices |= offices_acting(sentence.text)
    for person in people.values():
        if holds(person.title, offices):
            person.speaking = True


def offices_acting(text: str) -> set[str]:
    """The offices a sentence opens with as the subject of its verb, folded: "The Secretary and the Foreign
    Ministers strongly condemned" gives "secretary" and "foreign ministers"."""
    match = _OFFICES_SPEAK.match(text)
    return {fold(office) for office in match.group("first", "second") if office} if match else set()


def holds(title: str | None, offices: set[str]) -> bool:
    """Whether a title is one of the offices, named in full, shorter ("Secretary" for "Secretary of State") or in
    the plural ("Foreign Ministers")."""
    title = fold(title or "")
    singular = offices | {re.sub(r"s$", "", office) for office in offices}
    return bool(title) and any(title == office or title.startswith(f"{office} of ") for office in singular)


# A readout's later sentence naming the officials of its lead by their offices: "The Secretary and the Foreign
# Ministers strongly condemned ...", "The Deputy Secretary and Vice Foreign Ministers denounced ...".
_OFFICE_WORDS = r"(?:[A-Z][\w-]*\s+){0,3}(?:Secretary|Ministers?|Secretaries|Advisors?|Representatives?|President)"
# ... an office may be followed by its holder's surname: "The Secretary and Foreign Minister Cho condemned".
_SURNAME = r"(?:\s+(?!General\b)[A-Z][\w’'-]+)?"
_OFFICES_SPEAK = re.compile(
    rf"^The\s+(?P<first>{_OFFICE_WORDS}){_SURNAME}(?:\s+and\s+(?:the\s+)?(?P<second>{_OFFICE_WORDS}){_SURNAME})?\s+"
    rf"(?:\w+ly\s+)?(?:{_SPEECH})\b"
)


# gov.uk's "From: Foreign & Commonwealth Office and The Rt Hon William Hague MP"
_FROM_LINE = re.compile(r"^From:\s*(.+)$", re.MULTILINE)
_DEPARTMENT = re.compile(r"\b(?:Office|Department|Ministry|Treasury|Mission|Cabinet|Government|Embassy)\b")


def _from_minister(sentences: list[Sentence]) -> str | None:
    """The one minister a gov.uk page names as its author ("From: ... and The Rt Hon William Hague MP"): the holder
    of the office the page then quotes unnamed ("the Foreign Secretary said:")."""
    for sentence, following in zip(sentences, [*sentences[1:], None], strict=False):
        line = _FROM_LINE.match(sentence.text)
        authors = line.group(1) if line else following.text if following and sentence.text.strip() == "From:" else None
        if authors is None:
            continue
        people = [
            re.sub(r"^(?:The\s+)?(?:Rt\s+Hon\s+)?|\s+(?:MP|KC|QC)$", "", part.strip())
            for part in re.split(r",\s*|\s+and\s+", re.sub(r"Foreign,\s+Commonwealth", "Foreign Commonwealth", authors))
            if part.strip() and not _DEPARTMENT.search(part)
        ]
        return people[0] if len(people) == 1 and len(people[0].split()) >= 2 else None
    return None


def _unnamed(found: list[_Found], named: list[_Found]) -> list[_Found]:
    """The unnamed officials who are none of the named ones, one per organisation."""
    unnamed: list[_Found] = []
    for mention in found:
        if mention.name is not None or not mention.speaking or any(_same_office(p, mention) for p in named):
            continue
        if not any(u.organisation == mention.organisation or mention.organisation is None for u in unnamed):
            unnamed.append(mention)
    return unnamed


def _same_office(person: _Found, mention: _Found) -> bool:
    """ "the department spokesperson said" after "Matthew Miller, a spokesperson" is Miller again; "a senior United
    Nations official told the Council" is the UN official the text names."""
    spokespeople = bool(_SPOKES.search(person.title) and _SPOKES.search(mention.title))
    same_organisation = mention.organisation is None or person.organisation in (None, mention.organisation)
    official = re.search(r"\bofficial$", mention.title, re.IGNORECASE) and person.organisation == mention.organisation
    # "The Deputy Secretary reaffirmed" after "Deputy Secretary of State Wendy Sherman": her office, named shorter
    shorter = mention.name is None and re.search(rf"\b{re.escape(fold(mention.title))}\b", fold(person.title))
    return (
        (spokespeople and same_organisation)
        or bool(official)
        or fold(person.title) == fold(mention.title)
        or bool(shorter)
    )
