"""UN Security Council resolutions cited by number, and how the text uses each one.

Only a number introduced by a resolution word counts ("Resolution 1718", "UNSCRs 2270 and 2321",
"S/RES/2270 (2016)", "paragraph 11 of resolution 2375"), so years, soldier counts and executive order numbers
never do. A committee named after a resolution ("the 1718 Committee", "the Committee established pursuant to
resolution 1718 (2006)") names a body, not a citation.
"""

import re

from service.extraction.schemas import CitedResolution
from service.extraction.sentences import Sentence
from service.vocabulary import Relation

_NUMBER = r"\d{1,4}(?:\s*\(\d{4}\))?"
_CITATION = re.compile(
    # "several unanimous Security Council resolutions, including 1718, 1874, and 2087"
    r"(?:\bUNSCRs?|\b[Rr]esolutions?(?:\s*\(UNSCRs?\))?(?:,\s+including)?|\bS/RES/)\s*(?:No\.\s*)?"
    rf"(?P<numbers>{_NUMBER}(?:\s*,\s*(?:and\s+)?{_NUMBER})*(?:\s*,?\s*(?:and|or|&)\s+{_NUMBER})?)"
    r"(?![\d/])"
)


# The Council had adopted about 2,800 resolutions by 2025; a larger number is something else.
_HIGHEST_NUMBER = 3500
_ONE_NUMBER = re.compile(r"(\d{1,4})(?:\s*\((\d{4})\))?")


def _numbers(match: re.Match) -> list[int]:
    numbers = []
    for number, year in _ONE_NUMBER.findall(match.group("numbers")):
        if year and not 1946 <= int(year) <= 2100:
            continue
        if 1 <= int(number) <= _HIGHEST_NUMBER:
            numbers.append(int(number))
    return numbers


_VIOLATION = re.compile(
    r"\b(violat\w*|breach\w*|contraven\w*|in\s+defiance\s+of|flout\w*|defy\w*|defie[sd]|evad\w*|evasion|circumvent\w*)",
    re.IGNORECASE,
)
_IMPLEMENTS = re.compile(r"\b(implement\w*|enforc\w*|give[sn]?\s+effect\s+to|giving\s+effect\s+to)", re.IGNORECASE)
# A listing, not the noun "sanctions": "banned under resolution 2397" in a sentence about sanctions is no listing.
_LISTING = re.compile(r"\b(designat\w*|list(?:s|ed|ing)\b|asset\s+freeze|added|addition|subject\s+to)", re.IGNORECASE)
_UNDER = re.compile(
    r"\b(pursuant\s+to|under|in\s+accordance\s+with|imposed\s+by)\s+"
    r"(?:(?:operative\s+)?paragraphs?\s+[\w()]+(?:\s*\([a-z]\))?\s+of\s+)?"
    r"(?:the\s+)?(?:UN\s+|U\.N\.\s+|United\s+Nations\s+)?(?:Security\s+Council\s+)?$",
    re.IGNORECASE,
)


def _relation(sentence: Sentence, start: int, end: int) -> Relation:
    """The relation whose cue stands nearest the citation in its sentence."""
    local_start, local_end = start - sentence.start, end - sentence.start
    before = sentence.text[:local_start]
    if _UNDER.search(before) and _LISTING.search(sentence.text):
        return Relation.regime
    nearest, relation = None, Relation.cites
    for pattern, candidate in ((_VIOLATION, Relation.alleges_violation), (_IMPLEMENTS, Relation.implements)):
        for cue in pattern.finditer(sentence.text):
            distance = local_start - cue.end() if cue.end() <= local_start else cue.start() - local_end
            if nearest is None or abs(distance) < nearest:
                nearest, relation = abs(distance), candidate
    return relation


# Names of bodies built on a resolution's number, and resolutions of other UN organs ("77/1").
# "the Committee established pursuant to resolution 1718 (2006)", "the Panel of Experts established pursuant to
# resolution 1874 (2009)", "the Committee of the Security Council established by paragraph 12 of resolution 1718".
_COMMITTEE_BEFORE = re.compile(
    r"\b(?:Committee|Panel(?:\s+of\s+Experts)?|Group\s+of\s+Experts|Monitoring\s+Team|Working\s+Group)"
    r"(?:\s+of\s+the\s+(?:UN\s+|United\s+Nations\s+)?Security\s+Council)?\s*,?\s+"
    r"(?:(?:was|were|as)\s+)?(?:established|set\s+up|created|mandated)?\s*(?:pursuant\s+to|by|under)\s+"
    r"(?:(?:operative\s+)?paragraph\s+\d+\s+of\s+)?$",
    re.IGNORECASE,
)
_COMMITTEE_AFTER = re.compile(r"^\s*(?:Sanctions\s+)?Committee\b")
_OTHER_ORGAN = re.compile(r"(General\s+Assembly|Human\s+Rights\s+Council)\s*$", re.IGNORECASE)


def _citations(sentence: Sentence) -> list[tuple[int, Relation]]:
    found: list[tuple[int, Relation]] = []
    for match in _CITATION.finditer(sentence.text):
        before, after = sentence.text[: match.start()], sentence.text[match.end() :]
        if _COMMITTEE_BEFORE.search(before) or _COMMITTEE_AFTER.match(after) or _OTHER_ORGAN.search(before):
            continue
        relation = _relation(sentence, sentence.start + match.start(), sentence.start + match.end())
        found.extend((number, relation) for number in _numbers(match))
    return found


# Relations ranked by how much they say, for a number cited more than once.
_RANK = {Relation.cites: 0, Relation.implements: 1, Relation.regime: 2, Relation.alleges_violation: 3}


def find(sentences: list[Sentence]) -> list[CitedResolution]:
    """One citation per number, in order of first mention, with the most telling relation any mention gives."""
    by_number: dict[int, CitedResolution] = {}
    for sentence in sentences:
        for number, relation in _citations(sentence):
            known = by_number.get(number)
            if known is None or _RANK[relation] > _RANK[known.relation]:
                by_number[number] = CitedResolution(
                    number=number, relation=relation, quote=sentence.text, span=(sentence.start, sentence.end)
                )
    return list(by_number.values())
