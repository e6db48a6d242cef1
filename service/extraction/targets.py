"""Targets: the persons, entities and vessels a designation (or delisting) names, and a warning when it only
counts them.

Only sentences that report a designation are read, and only names the text writes in a recognisable shape:
a vessel with its IMO number, a company with its legal form ("Limited Liability Company Sfera",
"Korea Sobaeksu Trading Company"), a person introduced as a national ("Russian national Ivan Petrov",
"Kim Chol, a DPRK national"), or a known actor of those kinds. "five Russia-based individuals and entities"
names no one: it becomes a warning, never invented names.
"""

import re
from dataclasses import dataclass

from service.extraction.actors import Placed
from service.extraction.classify import Cue
from service.extraction.gazetteer import Entity
from service.extraction.names import Matcher
from service.extraction.schemas import ActorMention
from service.extraction.sentences import Sentence
from service.vocabulary import ActionType, ActorKind, Role

_WORD = r"[A-Z0-9][\w&’'.-]*"
_NAME_RUN = rf"{_WORD}(?:\s+(?:of|and|&|for|de|the)?\s*{_WORD}){{0,7}}"
_VESSEL = re.compile(
    r"(?:\b(?:vessels?|ship|tanker|M/V|MV)\s+)?(?P<name>[A-Z0-9][A-Z0-9 .’'-]{1,40}?)\s*"
    r"\((?:IMO(?:\s+(?:No\.|number))?[:\s]*)(?P<imo>\d{7})\)"
)
_LEGAL_FORM_FIRST = re.compile(
    rf"\b(?P<name>(?:Limited\s+Liability\s+Company|Joint\s+Stock\s+Company|Joint-Stock\s+Company|OOO|AO|JSC|LLC)\s+"
    rf"{_NAME_RUN})"
)
_LEGAL_FORM_LAST = re.compile(
    rf"\b(?P<name>{_NAME_RUN}\s+(?:Limited\s+Liability\s+Company|Co\.,?\s+Ltd\.?|LLC|Ltd\.?|Limited|Company|"
    rf"Corporation|Corp\.?|Inc\.?|JSC|GmbH|Group|Bank|General\s+Bureau|Bureau|Industries|Enterprise|Shipping|"
    rf"Holdings?|Trading|JVC|JV))\b"
)
_LEGAL_FORM_AND = re.compile(
    r"(?:(?<=Company)|(?<=Corporation)|(?<=Limited)|(?<=LLC)|(?<=Ltd\.)|(?<=Ltd)|(?<=Inc\.)|(?<=JSC)|(?<=GmbH)|"
    r"(?<=Group)|(?<=Bank)|(?<=Bureau)|(?<=Trading)|(?<=JVC))\s+and\s+(?=[A-Z])"
)
_DESCRIBED = re.compile(
    rf"\b(?P<name>{_NAME_RUN}),\s+an?\s+(?:[\w-]+\s+){{0,3}}?(?:company|firm|entity|bank|network|group|"
    rf"ship\s+manager|organi[sz]ation)\b"
)
# A finding under Section 311 of the USA PATRIOT Act: "found the Bank of Dandong to be a foreign financial
# institution of primary money laundering concern".
_OF_CONCERN = re.compile(
    rf"\b(?:found|finds|identified|identifies)\s+(?:the\s+)?(?P<name>{_NAME_RUN})\s+to\s+be\s+an?\s+[^.]{{0,80}}?"
    r"\bprimary\s+money\s+laundering\s+concern"
)
# One listed, named in apposition after being counted: "added 16 persons and one entity, the Ministry of the
# People’s Armed Forces (MPAF), to the lists".
_APPOSED_AFTER_COUNT = re.compile(
    rf"\b(?:one|an?)\s+(?:entity|individual|person|company|bank|vessel),\s+(?:the\s+)?"
    rf"(?P<name>{_WORD}(?:\s+(?:of\s+the|of|and|for|the)?\s*{_WORD}){{0,7}})\s*[(,]"
)
_GROUP = re.compile(
    r"\b(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:hacking|cyber|espionage|hacker)\s+(?:group|unit)\b"
)
_PERSON = [
    re.compile(r"\bnational\s+(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3})"),
    re.compile(r"\b(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3}),\s+an?\s+(?:[\w-]+\s+){0,2}national\b"),
]
_COUNT = re.compile(
    r"\b(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens\s+of)\s+"
    r"(?:(?:additional|more|new|other)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?P<what>individuals?|entit(?:y|ies)|persons?|companies|vessels?|ships|aircraft|people|banks|firms|"
    r"organi[sz]ations)(?:\s+and\s+(?:[\w-]+\s+)?(?:entit(?:y|ies)|individuals?|vessels?|companies))?\b",
    re.IGNORECASE,
)
# Sentences of a designation that may name its targets: "Those listed include", "The designated vessels are".
_TARGET_SENTENCE = re.compile(
    r"\b(?:list\w*|designat\w*|sanction\w*|targets?|blocked|identified|named|include[sd]?|among|individuals?|"
    r"entit(?:y|ies)|vessels?|tankers?|ships?|companies|firms|persons?|banks?)\b",
    re.IGNORECASE,
)
# Names right after the act's verb: "is designating Ivan Petrov", "sanctioned Bank Alpha and Omega Trading",
# "designating for sanctions Air Koryo Trading Corporation, a DPRK entity ...; Jong Yong Nam, a ...; and ...".
_AFTER_VERB = re.compile(
    # not an earlier listing written as an adjective: "the UN- and U.S.-designated Second Academy of Natural Sciences"
    r"(?<!-)\b(?:rule\s+against|designat(?:ed|es|ing)|sanction(?:ed|s|ing)|blacklisted|targeting|targeted|listed)\s+"
    # the list runs to the sentence's end, through the points of "U.S.-designated"
    r"(?:(?:for\s+sanctions|today|also)\s+)?(?P<list>[A-Z](?:[^.]|\.(?!\s+[A-Z]|\s*$))*)"
)
# The name as the subject of a passive: "Wu Huihui (Wu) is being designated pursuant to E.O. 13722".
_DESIGNATED_SUBJECT = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'.-]+)){1,5})\s+(?:\([^)]{1,40}\)\s+)?"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+)?(?:being\s+)?designated\b"
)
# An item is a name, not one described by an earlier listing ("U.S.-designated Second Academy of Natural Sciences").
_ITEM = re.compile(
    rf"^(?![\w.’'-]*-(?:designated|listed|sanctioned)\b)(?P<name>{_WORD}(?:\s+(?:of|for|de|the|and|&)?\s*{_WORD}){{1,6}})"
)
# Capitalised words that start no target: "sanctioned North Korean banks", "designated Today's ...".
_NOT_A_TARGET = re.compile(
    r"^(?:The|This|These|Those|Today|Treasury|OFAC|State|Department|United|US|U\.S\.|Executive|E\.O\.|Section|"
    r"Under|Pursuant|Individuals?|Entities|Vessels?|Persons?|Companies|Banks?|Russia\w*|North|South|DPRK|Chinese|"
    r"China|Iran\w*|Japan\w*|Korea\w*)\b"
)
# An organisation named as someone's employer or owner is not thereby designated ("who heads the ... Bureau").
_OWNER_BEFORE = re.compile(r"\b(?:heads?|headed|leads?|led|of|for|at|from|with|under)\s+(?:the\s+)?$", re.IGNORECASE)
# Nor is one that a target supports: "for providing material support to the Lazarus Group".
_SUPPORTED_BEFORE = re.compile(r"\bsupport\s+(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
# Words a capitalised run may start with that are not part of the target's name.
_LEADING = re.compile(
    r"^(?:(?:The|Today|Treasury|OFAC|(?:[A-Z][\w]*\s+)*[A-Z][\w]*-(?:based|registered|flagged)|Russian|"
    r"North\s+Korean|DPRK|Chinese)\s+)+"
)
# "The individuals are Han Kwang Chol, Jong Song Ho and Ri Un Hui": a list after the kind of target it names.
_LISTED = re.compile(
    r"\b(?P<kind>individuals?|persons?|entit(?:y|ies)|companies|firms|vessels|tankers|ships)\s+"
    r"(?:designated\s+)?(?:are|is|were|was|include[sd]?|comprise)\s+(?:the\s+)?(?P<list>[^.;:]+)"
)
# "They include:" then one bullet a target: "• Natalya Budarina, CEC Secretary, ...". The name runs to the first
# comma or bracket.
_INTRODUCES_LIST = re.compile(
    r"\b(?:include[sd]?|including|are|were|designated|sanctioned|listed|targets?|following)\s*:\s*$|"
    # "OFAC's action today designates a network that consists of ... and a Chinese company supplying ...:"
    r"\b(?:designat|sanction)\w*\b[^:]*:\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•●▪◦·*-]|\d+[.)])\s*(?:The\s+)?(?P<name>[A-Z][^,;(:\n]{2,80}?)\s*(?:[,;(:]|$)")
# The first line after the introducing one, bulleted or not: "Department 53 of The Ministry of ... (Department 53)".
_FIRST_ITEM = re.compile(r"^\s*(?:The\s+)?(?P<name>[A-Z][^,;(:\n]{2,80}?)\s*(?:[,;(:]|$)")
# "sanctioned five individuals, including Ivan Petrov and Bank Alpha"
_INCLUDING = re.compile(r"\b(?:including|namely|among\s+them)\s+(?P<list>[A-Z][^.;:]*)")
_LIST_ITEM = re.compile(r"^[A-Z][\w’'-]*(?:\s+[A-Z][\w’'.-]*){1,5}$")
_LIST_KIND = {"individual": ActorKind.person, "person": ActorKind.person, "vessel": ActorKind.vessel,
              "tanker": ActorKind.vessel, "ship": ActorKind.vessel}  # fmt: skip
_TARGET_KINDS = {ActorKind.person, ActorKind.organization, ActorKind.vessel, ActorKind.aircraft}


@dataclass(frozen=True)
class _Target:
    name: str
    kind: ActorKind
    sentence: Sentence
    entity: Entity | None = None


def _kind_of(name: str) -> ActorKind:
    return ActorKind.organization if _LEGAL_FORM_LAST.search(name) else ActorKind.person


def _names_listed(listing: str, separator: str) -> list[str]:
    """The names a list after "including" or the act's verb gives, up to the first item that is no name."""
    names = []
    for part in re.split(separator, listing):
        head = _ITEM.match(part.strip())
        if head is None:
            break
        if not _NOT_A_TARGET.match(head.group("name")):
            names.append(re.split(r"\s+and\s+", head.group("name"))[0])
    return names


def _written(sentence: Sentence) -> list[_Target]:
    """The names the sentence writes in a recognisable shape, shape by shape."""
    return [
        *_vessels(sentence),
        *_organisations(sentence),
        *_nationals(sentence),
        *_named_after(sentence),
        *_listed_after_kind(sentence),
    ]


def _vessels(sentence: Sentence) -> list[_Target]:
    return [_Target(m.group("name").strip(" .-"), ActorKind.vessel, sentence) for m in _VESSEL.finditer(sentence.text)]


def _organisations(sentence: Sentence) -> list[_Target]:
    found = []
    text = sentence.text
    for pattern in (_LEGAL_FORM_FIRST, _LEGAL_FORM_LAST, _DESCRIBED, _GROUP, _OF_CONCERN, _APPOSED_AFTER_COUNT):
        for match in pattern.finditer(text):
            if _OWNER_BEFORE.search(text[: match.start()]) or _SUPPORTED_BEFORE.search(text[: match.start()]):
                continue
            # "Korea Kwangson Banking Corporation and Hana Electronics JVC" are two companies.
            for name in _LEGAL_FORM_AND.split(_LEADING.sub("", match.group("name")).strip()):
                if name and (" " in name or pattern is _GROUP):
                    found.append(_Target(name, ActorKind.organization, sentence))
    return found


def _nationals(sentence: Sentence) -> list[_Target]:
    return [
        _Target(match.group("name"), ActorKind.person, sentence)
        for pattern in _PERSON
        for match in pattern.finditer(sentence.text)
    ]


def _named_after(sentence: Sentence) -> list[_Target]:
    """The names listed after "including" or after the act's verb."""
    found = []
    for match in _INCLUDING.finditer(sentence.text):
        for name in _names_listed(match.group("list"), r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])"):
            found.append(_Target(name, _kind_of(name), sentence))
    for match in _DESIGNATED_SUBJECT.finditer(sentence.text):
        name = _LEADING.sub("", match.group("name"))
        if " " in name and not _NOT_A_TARGET.match(name):
            found.append(_Target(name, _kind_of(name), sentence))
    for match in _AFTER_VERB.finditer(sentence.text):
        # Items are separated by semicolons, or by commas where no description follows.
        for name in _names_listed(match.group("list"), r";\s*(?:and\s+)?|,\s*(?:and\s+)?(?=[A-Z])|\s+and\s+(?=[A-Z])"):
            found.append(_Target(name, _kind_of(name), sentence))
    return found


def _listed_after_kind(sentence: Sentence) -> list[_Target]:
    found = []
    for match in _LISTED.finditer(sentence.text):
        kind = next((k for word, k in _LIST_KIND.items() if match.group("kind").startswith(word)), None)
        items = re.split(
            r",\s*(?:and\s+)?|\s+and\s+", re.split(r",\s*(?:each|all|both|who|which)\b", match.group("list"))[0]
        )
        for item in items:
            item = _LEADING.sub("", re.sub(r"\s*\([^)]*\)", "", item).strip())
            if _LIST_ITEM.match(item):
                found.append(_Target(item, kind or ActorKind.organization, sentence))
    return found


def _bulleted(sentences: list[Sentence]) -> list[_Target]:
    """Bullets under a line that introduces the targets ("They include:", "The following were designated:")."""
    found = []
    listing = first = False
    for sentence in sentences:
        bullet = _BULLET.match(sentence.text) or (_FIRST_ITEM.match(sentence.text) if first else None)
        first = False
        if listing and bullet:
            name = bullet.group("name").strip()
            # A bullet that is a sentence ("UK sanctions Russian officials involved in ...") is no name.
            if len(name.split()) <= 10 and not re.search(r"\b[a-z]{4,}\b", name):
                found.append(_Target(name, _kind_of(name), sentence))
            continue
        listing = first = bool(_INTRODUCES_LIST.search(sentence.text))
    return found


def _designation_sentences(cues: list[Cue], sentences: list[Sentence]) -> list[Sentence]:
    told = {cue.sentence for cue in cues if cue.type in (ActionType.designation, ActionType.delisting)}
    # Headlines are left out: in title case every word looks like a name ("Treasury Sanctions North Korean Bank").
    return [s for s in sentences if not s.in_header and (s in told or _TARGET_SENTENCE.search(s.text))]


def find(
    kind: ActionType, cues: list[Cue], sentences: list[Sentence], placed: list[Placed], names: Matcher[Entity]
) -> tuple[list[ActorMention], set[str], list[str]]:
    """The targets, the keys of known actors now listed as targets, and warnings about unnamed ones."""
    if kind not in (ActionType.designation, ActionType.delisting):
        return [], set(), []
    chosen = _designation_sentences(cues, sentences)
    found = _known(placed, set(chosen))
    written = [target for sentence in chosen for target in _written(sentence)]
    found += _linked([*written, *_bulleted(sentences)], names)
    targets = _one_per_target(found)
    counted = {} if targets else {m.group().lower(): m.group() for s in chosen for m in _COUNT.finditer(s.text)}
    warnings = [
        f"The text reports '{phrase}' designated without naming them; no targets are listed."
        for phrase in counted.values()
    ]
    known_keys = {t.entity.key for t in found if t.entity is not None}
    return targets, known_keys, warnings


def _known(placed: list[Placed], chosen: set[Sentence]) -> list[_Target]:
    """The known actors that may be targets, named in the sentences of the designation."""
    return [
        _Target(p.mention.value.name, p.mention.value.kind, p.sentence, p.mention.value)
        for p in placed
        if p.sentence in chosen and p.mention.value.kind in _TARGET_KINDS and not _SUPPORTED_BEFORE.search(p.before)
    ]


def _linked(written: list[_Target], names: Matcher[Entity]) -> list[_Target]:
    """The written names, each linked to the known actor it names."""
    found = []
    for target in written:
        if any(m.start == 0 and m.end == len(target.name) for m in names.find(target.name)):
            continue  # "North Korean hacking group" names a state, not a target
        # A written name that is a known actor's links to it.
        entity = next((m.value for m in names.find(target.name) if m.text == target.name), None)
        found.append(_Target(entity.name if entity else target.name, target.kind, target.sentence, entity))
    return found


def _one_per_target(found: list[_Target]) -> list[ActorMention]:
    """A target once, by the first mention of it; a name inside one already taken is that one."""
    targets: dict[str, ActorMention] = {}
    for target in found:
        key = target.entity.key if target.entity else target.name.lower()
        if key in targets or any(key in other.lower() for other in targets if other != key):
            continue
        targets[key] = ActorMention(
            name=target.name,
            kind=target.kind,
            role=Role.target,
            country=target.entity.country if target.entity else None,
            actor_id=target.entity.actor_id if target.entity else None,
            quote=target.sentence.text,
            span=(target.sentence.start, target.sentence.end),
        )
    return list(targets.values())
