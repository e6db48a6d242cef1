"""Actors named in the text and the part each plays: imposer, co_signatory, subject or mentioned.

- imposer: the states and bodies written as the grammatical agent of the act ("the United States has
  sanctioned", "South Korean and US officials have warned", "Russia vetoed"), else the organisation of the
  official who spoke for it;
- co_signatory: on a joint statement, the states and bodies listed one by one with the first of them
  ("the U.S. Secretary of State and foreign ministers from Australia, Canada, ... and Britain, as well as
  the EU High Representative"); the first is the imposer;
- subject: whose conduct the act is about: the object of condemn / sanction / call on / urge, the owner of
  the conduct ("Russia's training", "North Korean arms transfers"), the doer of a violation;
- mentioned: everyone else named where the act is told (the lead, the sentences reporting it), victims
  included ("the war against Ukraine"); actors named only in background paragraphs are left out.
"""

import bisect
import re
from dataclasses import dataclass

from service.extraction.classify import AGENT_AFTER, CONDEMNED_OBJECT, Cue, names_its_kind
from service.extraction.gazetteer import Entity, demonyms
from service.extraction.names import Matcher, Mention, fold
from service.extraction.officials import BOTH_SIDES, JOINT_APPEARANCE, MINISTRY_SITE, holds, offices_acting
from service.extraction.schemas import ActorMention, OfficialMention
from service.extraction.sentences import Sentence, url_headline
from service.vocabulary import ActionType, ActorKind, Role

# The verbs whose grammatical subject is the one acting.
_AGENT_VERB = re.compile(
    r"\b(condemn\w*|denounc\w*|deplor\w*|sanctioned|sanctioning|designat\w*|impos\w*|warn\w*|hesitat\w*|vetoe[sd]|veto|den(?:y|ied|ies)|"
    r"blacklisted|listed|froze|frozen|slapped|summon\w*|"
    r"issued|says?|said|announc\w*|decided|adopted|call(?:s|ed)|urged?|demand\w*|stated|added|agreed|released|"
    r"published|rejected|dismissed|held|hosted|convened|failed|appreciat\w*|welcom\w*|lodged|protest\w*|approved|"
    r"reaffirm\w*|express(?:es|ed|ing)?|reiterat\w*|stands?|affirm\w*|co-?sponsored|emphasi[sz]ed|"
    r"strongly|firmly|remains?|is\s+(?:deeply|gravely)|are\s+(?:deeply|gravely)|extend\w*)\b",
    re.IGNORECASE,
)
_PRECEDENCE = [Role.imposer, Role.co_signatory, Role.target, Role.subject, Role.mentioned]
_PARTIES = {ActorKind.state, ActorKind.body}


@dataclass(frozen=True)
class Placed:
    """A mention and the sentence it stands in."""

    mention: Mention[Entity]
    sentence: Sentence

    @property
    def before(self) -> str:
        """The text of its sentence before the mention."""
        return self.sentence.text[: self.mention.start - self.sentence.start]


# Names inside other names: "East China Sea", "a Taiwan national", "a Hong Kong-based ship manager".
_NOT_AN_ACTOR_AFTER = re.compile(
    r"^(?:\s+(?:Sea|Ocean|Strait|Gulf|Peninsula|national|citizen)\b|-(?:based|registered)\b)"
)
# "the Sea of Japan", "resolutions of the Security Council", a state's own "National Security Council"
_NOT_AN_ACTOR_BEFORE = re.compile(r"\b(?:Sea|Gulf)\s+of\s+$|\bresolutions?\s+(?:of|by)\s+(?:the\s+)?$|\bNational\s+$")
# A dateline names where the text was written, not who acts: "SEOUL, Nov 8 (AP) —", "TOKYO (Reuters) -".
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]*\))?\s*[-—–]+\s"
    # a statement's place and day: "Vienna, 12.09.2023", "Brussels, 06/03/2017"
    r"|[A-Z][\w'-]+,\s+\d{1,2}[./]\d{1,2}[./]\d{4}\b"
)


def locate(text: str, sentences: list[Sentence], names: Matcher[Entity]) -> list[Placed]:
    """Every actor mention with its sentence; "Security Council" in "Security Council resolutions" names a
    document, not the Council, and "the Council" is whichever council the document names elsewhere."""
    starts = [s.start for s in sentences]
    placed = []
    mentions = list(names.find(text, capitalised=True))
    for mention in mentions:
        after, before = text[mention.end :], text[max(0, mention.start - 40) : mention.start]
        if (
            re.match(r"\s*[Rr]esolutions?\b", after)
            or _NOT_AN_ACTOR_AFTER.match(after)
            or _NOT_AN_ACTOR_BEFORE.search(before)
        ):
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        dateline = _DATELINE.match(text, line_start)
        if dateline and mention.end <= dateline.end():
            continue
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.end <= sentences[index].end:
            placed.append(Placed(mention, sentences[index]))
    # counted where they act, not in "Security Council resolution 1718"
    councils = [p.mention.value for p in placed if p.mention.value.key in ("body:un-security-council", "body:eu")]
    if councils:
        council = max(dict.fromkeys(councils), key=councils.count)  # on a tie the first named, on every run
        for match in re.finditer(r"\b[Tt]he (Council)\b", text):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and not any(p.mention.start <= match.start(1) < p.mention.end for p in placed):
                placed.append(Placed(Mention(match.start(1), match.end(1), "Council", council), sentences[index]))
    return sorted(placed, key=lambda p: p.mention.start)


def _by_sentence(placed: list[Placed]) -> dict[Sentence, list[Placed]]:
    grouped: dict[Sentence, list[Placed]] = {}
    for p in placed:
        grouped.setdefault(p.sentence, []).append(p)
    return grouped


_JOIN = re.compile(
    r"\b(?:align|associate)s?\s+(?:themselves|itself)\s+with\b|\bjoin(?:s|ed)?\s+(?:this|the)\s+(?:statement|declaration)\b",
    re.IGNORECASE,
)


def _portfolio(p: Placed) -> bool:
    """ "U.S. Senior Official for the DPRK Jung Pak": a state an official's title is about signs nothing."""
    return bool(re.search(r"\b(?:for|to|on)\s+(?:the\s+)?$", p.before))


# What may stand between two co-signatories of a joint statement: "Australia, Canada", "Secretary of State
# and foreign ministers from", ", as well as the EU High Representative", "the Republic of Korea (ROK), and".
_SIGNATORY_GAP = re.compile(
    r"^(?:[\s,.()]|\b(?:and|as\s+well\s+as|along\s+with|together\s+with|joined\s+by|the|of|from|for|foreign|ministers?|governments?|leaders?|"
    # "Joint Statement Condemning", "Measures Taken by the Government of Japan Against North Korea" are no list
    r"representatives?|(?![A-Z]\w*ing\b|(?:Against|Concerning|Regarding|On|Over|To|With)\b)[A-Z][\w.’'-]*)\b)*$"
)
# Where a list of co-signers starts, whatever the act's type: "delivered ... on behalf of Albania, Australia, ...",
# "released by the Governments of Australia, Canada, ...", "The Ministers of Foreign Affairs of Australia, ...".
_SIGNERS_INTRO = re.compile(
    r"\b(?:on\s+behalf\s+of|(?:released|issued|signed|endorsed|delivered|statement)\s+by|(?:Governments?|Ministers?"
    r"(?:\s+of\s+Foreign\s+Affairs|\s+for\s+Foreign\s+Affairs)?|Foreign\s+Ministers|Leaders|participating\s+states)\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "Russia denounced the statement by the United States, Japan and ...": a statement the act is against, whose
# signers are its object.
_OBJECT_OF = re.compile(
    rf"\bwith\s+(?:the\s+)?$|{CONDEMNED_OBJECT}(?:(?:joint\s+)?(?:statement|declaration|communiqu[eé])\s+)?$",
    re.IGNORECASE,
)


def _introduces_signers(before: str) -> bool:
    """Whether the text before a state introduces a list of co-signers; "telephone talks with the Foreign Ministers
    of France and Italy" lists those met, and "denounced the statement by" those denounced, not those signing."""
    intro = _SIGNERS_INTRO.search(before)
    return intro is not None and not _OBJECT_OF.search(before[: intro.start()])


def _listed_signers(placed: list[Placed], sentences: list[Sentence]) -> list[Placed]:
    """States and bodies listed after "on behalf of" or "released by the Governments of" in the header or lead,
    in any type of text: they sign what is said. Those listed before "align themselves with" (the EU's
    alignment declarations) or "associate themselves with" join it, wherever that sentence stands."""
    grouped = _by_sentence(placed)
    for sentence in sentences:
        joining = _JOIN.search(sentence.text)
        if joining:
            # "Montenegro, Serbia and Albania align themselves with this Council Decision", or after a colon: "The
            # following countries align themselves with this statement: Türkiye, North Macedonia, ..."
            listed_after = sentence.text.find(":", joining.end()) >= 0
            joiners = [
                p
                for p in grouped.get(sentence, [])
                if p.mention.value.kind in _PARTIES
                and (
                    p.mention.start - sentence.start > joining.end()
                    if listed_after
                    else p.mention.end - sentence.start <= joining.start()
                )
                and not _portfolio(p)
            ]
            if joiners:
                return joiners
    for sentence in sentences:
        if sentence.weight < 2:
            continue
        parties = [p for p in grouped.get(sentence, []) if p.mention.value.kind in _PARTIES and not _portfolio(p)]
        for index, p in enumerate(parties):
            if not _introduces_signers(p.before):
                continue
            run = [p]
            for q in parties[index + 1 :]:
                gap = sentence.text[run[-1].mention.end - sentence.start : q.mention.start - sentence.start]
                if not (len(gap) <= 80 and _SIGNATORY_GAP.match(gap)):
                    break
                run.append(q)
            if len({q.mention.value.key for q in run}) >= 2:
                return run
    return []


def _signatories(placed: list[Placed], cues: list[Cue]) -> list[Placed]:
    """The longest run of states and bodies listed together in a sentence reporting the joint statement."""
    best: list[Placed] = []
    grouped = _by_sentence(placed)
    for sentence in dict.fromkeys(cue.sentence for cue in cues):
        parties = [p for p in grouped.get(sentence, []) if p.mention.value.kind in _PARTIES and not _portfolio(p)]
        run: list[Placed] = []
        for p in parties:
            gap = sentence.text[run[-1].mention.end - sentence.start : p.mention.start - sentence.start] if run else ""
            if run and not (len(gap) <= 80 and _SIGNATORY_GAP.match(gap)):
                run = []
            run.append(p)
            if len({q.mention.value.key for q in run}) > len({q.mention.value.key for q in best}):
                best = list(run)
    return best if len({p.mention.value.key for p in best}) >= 2 else []


# Where a clause begins, going left from its verb: the agent stands between this and the verb.
_CLAUSE_BREAK = re.compile(r"[,;:“”\"—–]|(?<!\w)[‘’']|[‘’'](?!\w)|\b(?:that|which|who|how|and\s+it)\b")


def agents_of(verb_start: int, sentence: Sentence, here: list[Placed]) -> list[Placed]:
    before = sentence.text[:verb_start]
    # "The Panel of Experts, which monitors sanctions for the 1718 Committee, said": skip the relative clause; in
    # "Norway, together with Denmark, condemns" the aside's partners act beside the subject.
    relative = re.search(r",\s*(?:which|who)\b[^,]*,\s*$", before)
    aside = _ALONGSIDE.search(before)
    end = relative.start() if relative else aside.start() if aside else verb_start
    breaks = list(_CLAUSE_BREAK.finditer(before, 0, end))
    parties = [p for p in here if p.mention.value.kind in _PARTIES]
    if breaks and not before[breaks[-1].end() : end].strip():
        # "The United States, the Republic of Korea (ROK), and Japan, issued": a comma after a list of subjects
        listed_last = [p for p in parties if p.mention.end - sentence.start == breaks[-1].start()]
        if listed_last and re.search(r"\band\s+(?:the\s+)?$", listed_last[0].before):
            breaks.pop()
    clause_start = breaks[-1].end() if breaks else 0
    agents = [
        p for p in parties if clause_start <= p.mention.start - sentence.start and p.mention.end - sentence.start <= end
    ]
    # "South Korea, the United States and Japan jointly imposed": a comma inside a list is no clause break; but in
    # "Like the speakers from the United States, Japan and France, the United Kingdom condemns" France ends
    # another list.
    for p in reversed([p for p in parties if p.mention.end - sentence.start <= clause_start]):
        first = agents[0].mention.start - sentence.start if agents else clause_start
        gap = sentence.text[p.mention.end - sentence.start : first]
        if agents and p.mention.value == agents[0].mention.value and re.fullmatch(r"\s*\(\s*", gap):
            agents[0] = p  # "the Republic of Korea (ROK)": one state, written twice
            continue
        # "The UK joined the US, Japan and the ROK in condemning": the one joining acts too
        joining = re.fullmatch(r"\s+join(?:s|ed)\s+(?:the\s+)?", gap)
        if not agents or not (joining or re.fullmatch(r"[\s)]*,\s*(?:and\s+)?(?:the\s+)?", gap)):
            break
        if re.search(r"\band\s+(?:the\s+)?$", p.before):
            break
        agents.insert(0, p)
        if joining:
            break
    # "... on the DPRK's ICBM Test The United States strongly condemns" (a headline run into the lead): an owner
    # written before another state or body nearer the verb is not an agent.
    # "Norway's Foreign Minister and Denmark's Foreign Minister condemned": an office's owner is its holder's state.
    agents = [
        p
        for p in agents[:-1]
        if not _POSSESSIVE_AFTER.match(sentence.text, p.mention.end - sentence.start)
        or _OFFICE_OWNED.match(sentence.text, p.mention.end - sentence.start)
    ] + agents[-1:]
    if agents and aside:
        agents += [p for p in parties if aside.start() <= p.mention.start - sentence.start < verb_start]
    return agents


_POSSESSIVE_AFTER = re.compile(r"\)?['’]s\b")
_OFFICE_OWNED = re.compile(
    r"\)?['’]s\s+(?:[A-Z]\w+\s+){0,2}(?:Minister|Secretary|President|Ambassador|Government|Spokes\w+|Representative)\b"
)
_ALONGSIDE = re.compile(
    r",\s*(?:together\s+with|along\s+with|alongside|jointly\s+with|in\s+concert\s+with)\b[^,]*,\s*$", re.IGNORECASE
)
# "Norway condemned the launch, as did Denmark and Iceland": those named after it did the same.
_AS_DID = re.compile(r",\s*as\s+(?:did|have|has|do|does)\s+(?:the\s+)?", re.IGNORECASE)


_VETOER = re.compile(r"\b(?:negative\s+vote|veto(?:es|ed)?)\s+(?:cast\s+)?(?:of|by)\s+(?:the\s+)?$", re.IGNORECASE)
# ... or before the veto: "failed to adopt a resolution after Russia cast a veto"
_CASTS_VETO = re.compile(r"\s+(?:cast|casts|casting|used|uses|exercised)\s+(?:a|its|their|the)\s+veto\b", re.IGNORECASE)
# The one acting, named by a passive: "Measures Taken by Japan", "sanctions imposed by the European Union", "the
# launch was condemned by Japan and South Korea" (with those listed after it).
_PASSIVE_AGENT = re.compile(
    r"\b(?:taken|imposed|announced|adopted|issued|released|decided|made|approved|condemned|denounced|deplored)\s+"
    r"by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+$")


# "Speaking after the UN Security Council unanimously adopted UNSCR 2375, the Foreign Secretary said": the one
# acting in a clause of time is background.
_TIME_CLAUSE = re.compile(r"\b(?:after|following|since|before|once|when|until)\s+(?:the\s+)?$", re.IGNORECASE)


def agents(
    placed: list[Placed], cues: list[Cue], kind: ActionType, lead: list[Sentence], others: frozenset[str] = frozenset()
) -> list[Placed]:
    """The states and bodies written as the subject of the act's verb: in the strongest cue sentence that has
    one, else in the lead ("The Ministry of Foreign Affairs of Japan announced"). `others` are those whose conduct
    the act is about: "Today, North Korea announced that it had conducted its fourth nuclear test" in a statement
    condemning it names no one acting."""
    grouped = _by_sentence(placed)
    sentences = list(dict.fromkeys([*(cue.sentence for cue in cues), *lead]))
    if kind is ActionType.veto:
        # "the Security Council failed to adopt a resolution ... vetoed by China": the Council casts no veto.
        vetoers = [
            p
            for p in placed
            if p.sentence in sentences
            and (_VETOER.search(p.before) or _CASTS_VETO.match(p.sentence.text, p.mention.end - p.sentence.start))
        ]
        if vetoers:
            return _with_listed(vetoers[0], placed)
    for sentence in sentences:
        here = grouped.get(sentence, [])
        for verb in _AGENT_VERB.finditer(sentence.text):
            if (
                # "Canada is imposing sanctions": after "is", a verb in -ing is an act under way, no passive
                (_PASSIVE.search(sentence.text[: verb.start()]) and not verb.group().lower().endswith("ing"))
                or AGENT_AFTER.match(sentence.text, verb.end())
                or _INFINITIVE.search(sentence.text[: verb.start()])
            ):
                continue  # "which is prohibited by ... North Korea will be designated", "a session called by
                # Russia", "summoned the North Korea Ambassador to protest": no agent right before it
            agents = agents_of(verb.start(), sentence, here) or _named_before(sentence, verb.start(), placed)
            if agents and agents[0].mention.value.key not in others and not _in_time_clause(agents[0]):
                return agents + _as_did(sentence, verb.end(), here)
        passive = [p for p in here if _PASSIVE_AGENT.search(p.before)]
        if passive and _is_party(passive[0]):
            return _with_listed(passive[0], here)
    return []


# "Japan, the United States and the ROK held a trilateral exercise. The three countries strongly condemned ..."
_THOSE_NAMED = re.compile(
    r"(?:^|[.;]\s*)(?:The|Both)\s+(?:two\s+|three\s+|four\s+)?(?:countries|governments|nations|allies|partners)\s+"
    r"(?:\w+ly\s+)?(?:also\s+)?$"
)


def _named_before(sentence: Sentence, verb_start: int, placed: list[Placed]) -> list[Placed]:
    """The states the sentence before names, where "The three countries" is the subject of the act's verb."""
    if not _THOSE_NAMED.search(sentence.text[:verb_start]):
        return []
    earlier = [p for p in placed if p.sentence.end <= sentence.start and p.mention.value.kind is ActorKind.state]
    last = earlier[-1].sentence if earlier else None
    return list({p.mention.value.key: p for p in earlier if p.sentence == last}.values())


def _as_did(sentence: Sentence, verb_end: int, here: list[Placed]) -> list[Placed]:
    """Those a sentence says did as its subject did, after the verb: ", as did Denmark and Iceland"."""
    same = _AS_DID.search(sentence.text, verb_end)
    first = next((p for p in here if same and p.mention.start - sentence.start == same.end()), None)
    return _with_listed(first, here) if first and _is_party(first) else []


def _with_listed(first: Placed, placed: list[Placed]) -> list[Placed]:
    """A state or body and those listed right after it: "vetoed by China and the Russian Federation"."""
    run = [first]
    for p in placed:
        gap = first.sentence.text[run[-1].mention.end - first.sentence.start : p.mention.start - first.sentence.start]
        if p.sentence == first.sentence and p.mention.start > run[-1].mention.start and _IN_A_LIST.fullmatch(gap):
            run.append(p)
    return run


_IN_A_LIST = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", re.IGNORECASE)


def _in_time_clause(p: Placed) -> bool:
    return bool(_TIME_CLAUSE.search(p.before))


def _is_party(p: Placed) -> bool:
    return p.mention.value.kind in _PARTIES


def _official_agents(
    sentences: list[Sentence], officials: list[OfficialMention], names: Matcher[Entity], placed: list[Placed]
) -> list[Placed]:
    """The states of the officials written as the act's agents: "Secretary Blinken, Foreign Minister Park, and
    Foreign Minister Hayashi strongly condemned the launches" is the United States, South Korea and Japan."""
    for sentence in dict.fromkeys(sentences):
        verb = _AGENT_VERB.search(sentence.text)
        if verb is None:
            continue
        before = sentence.text[: verb.start()]
        offices = offices_acting(sentence.text)  # "The Secretary and the Foreign Ministers strongly condemned"
        agents: list[Placed] = []
        for official in officials:
            words = (official.name or "").split()
            named = words and any(re.search(rf"\b{re.escape(w)}\b", before) for w in (words[0], words[-1]))
            # "Foreign Secretary welcomes new UN Security Council resolution": an unnamed office as the subject
            title = official.title or ""
            titled = not words and title[:1].isupper() and re.search(rf"\b{re.escape(title)}\s*$", before)
            if not (named or titled or (words and holds(official.title, offices))):
                continue
            for mention in names.find(f"{official.organisation or ''} {official.title or ''}", capitalised=True):
                if mention.value.kind in _PARTIES and mention.value.key not in {a.mention.value.key for a in agents}:
                    agents.append(_first_placed(mention.value, placed, sentence))
                    break
        if agents:
            return agents
    return []


def _first_placed(entity: Entity, placed: list[Placed], sentence: Sentence, text: str = "") -> Placed:
    """The text's first mention of the entity; where it is named only inside an official's title (as `text`), the
    start of `sentence`, which is the evidence."""
    same = [p for p in placed if p.mention.value.key == entity.key]
    return same[0] if same else Placed(Mention(sentence.start, sentence.start, text, entity), sentence)


def _sentence_of(official: OfficialMention) -> Sentence:
    """The sentence that quotes the official."""
    return Sentence(official.span[0], official.span[1], official.quote, 0, 1.0)


def _official_states(names: Matcher[Entity], officials: list[OfficialMention], placed: list[Placed]) -> list[Placed]:
    """The state or body each official speaks for, as far as the organisation names one."""
    found: list[Placed] = []
    for official in officials:
        mention = next(iter(names.find(official.organisation or "", capitalised=True)), None)
        if mention is None or mention.value.kind not in _PARTIES:
            continue
        found.append(_first_placed(mention.value, placed, _sentence_of(official)))
    return found


# A header that names its issuer: "UK Statement at the UN Security Council", "U.S. Mission to the United Nations",
# "UK sanctions on the Democratic People's Republic of Korea".
_ISSUER_AFTER = re.compile(
    # not the topic of a statement by another: "North Korea: Statement by the Spokesperson" (its URL drops the colon)
    r"^(?:['’]s)?\s+(?:(?:statement|remarks|speech)(?!\s+by\b)|mission|government|press\s+release|measures|"
    r"sanctions\s+(?:on|against))\b",
    re.IGNORECASE,
)


# ... or before it: "Statement by Norway", "Statement by the Government of Norway", "Declaration of the Ministry of
# Foreign Affairs of Norway".
_ISSUER_BEFORE = re.compile(
    r"\b(?:statement|declaration|communiqu[eé]|press\s+release|remarks)\s+(?:by|of|from)\s+(?:the\s+)?"
    r"(?:(?:Government|Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _named_issuer(
    placed: list[Placed], names: Matcher[Entity], sentences: list[Sentence], url: str | None
) -> list[Placed]:
    """The state or body a header names as the issuer: "UK Statement at the UN Security Council", "Statement by
    Norway"; for a copy that lost its header, the one the headline kept in its URL names, quoted where the text
    names it, else at its first sentence."""
    for p in placed:
        if p.sentence.in_header and p.mention.value.kind in _PARTIES:
            after = p.sentence.text[p.mention.end - p.sentence.start :]
            if _ISSUER_AFTER.match(after) or _ISSUER_BEFORE.search(p.before):
                return [p]
    headline = url_headline(url)
    for mention in names.find(headline, capitalised=True):
        if sentences and mention.value.kind in _PARTIES and _ISSUER_AFTER.match(headline[mention.end :]):
            return [_first_placed(mention.value, placed, sentences[0])]
    return []


# A state's government department or office, named for the state: the publisher speaking when nothing else acts.
_INSTITUTION = re.compile(
    r"\b(?:Office|Department|Ministry|Treasury|Government|White\s+House|Kantei|Downing\s+Street|OFAC|OFSI|FCDO|FCO)\b"
)


# An office named by the state it serves: "the Government of Japan", "Prime Minister of Japan and His Cabinet".
_OFFICE_OF = re.compile(
    r"\b(?:Government|Ministry(?:\s+of\s+[A-Z]\w+(?:\s+Affairs)?)?|Prime\s+Minister|President|Cabinet|Embassy|"
    r"Mission|Permanent\s+Representative)\s+of\s+(?:the\s+)?$"
)


def _institution(placed: list[Placed]) -> list[Placed]:
    """The state whose department or office the header or lead names ("Foreign & Commonwealth Office", "the State
    Department's Rewards for Justice program offers", "Prime Minister of Japan"), for a text that names no one
    acting."""
    for p in placed:
        if p.sentence.weight >= 2 and p.mention.value.kind is ActorKind.state:
            before = p.before
            recalled = _CALLED_FOR_BY.search(before)  # "as called for by the President of the Republic of Korea"
            blocked = _MEASURES_ON.search(before)  # "E.O. 13722 blocks the Government of North Korea"
            # a site's name: "Ministry of Foreign Affairs, Republic of Korea"
            site = MINISTRY_SITE.match(p.sentence.text)
            on_site = site is not None and p.mention.start - p.sentence.start >= site.start(1)
            if (
                _INSTITUTION.search(p.mention.text)
                or on_site
                or (_OFFICE_OF.search(before) and not (recalled or blocked))
            ):
                return [p]
    return []


_CALLED_FOR_BY = re.compile(r"\bby\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3}of\s+(?:the\s+)?$")
_MEASURES_ON = re.compile(
    r"\b(?:blocks?|blocked|blocking|sanctions?|sanctioned|targets?|targeted|designates?|designated|against)\s+"
    r"(?:the\s+)?[A-Z]\w+\s+of\s+(?:the\s+)?$"
)


# A government speaking of itself in the third person: "Japan intends to", "Japan will continue to", "The European
# Union, for its part, will consider".
_SELF_STATEMENT = re.compile(
    r"^(?:,\s*for\s+its\s+part,)?\s+(?:will|shall|intends?|is\s+(?:prepared|determined|ready|committed)|remains?|stands?|continues?|"
    r"reaffirms|reiterates|strongly|firmly|takes|lodge[sd])\b"
)


# "until such point that North Korea takes tangible steps", "unless Russia remains": a condition, no intent stated.
_SUBORDINATE = re.compile(
    r"\b(?:until|unless|if|once|whether)\s+(?:such\s+(?:a\s+)?(?:point|time)\s+(?:that|when|as)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def _self_named(placed: list[Placed], doers: frozenset[str], subjects: frozenset[str]) -> list[Placed]:
    """The state or body a text most often has state its own intent, for a text that names no one acting
    otherwise: the speaker's government in a press conference ("Japan is prepared to proceed with its own
    measures"), the EU in its spokesperson's statement. A state whose conduct the text is about ("The DPRK continues
    to implement its plan") must do so twice."""
    counts: dict[str, list[Placed]] = {}
    for p in placed:
        after = p.sentence.text[p.mention.end - p.sentence.start :]
        if (
            p.mention.value.kind in _PARTIES
            and p.mention.value.key not in doers
            and _SELF_STATEMENT.match(after)
            and not _SUBORDINATE.search(p.before)
        ):
            counts.setdefault(p.mention.value.key, []).append(p)
    found = [run for key, run in counts.items() if len(run) >= 2 or key not in subjects]
    return max(found, key=len)[:1] if found else []


_SUBJECT_BEFORE = re.compile(
    r"\b(condemn\w*|denounc\w*|deplor\w*|sanction(?:s|ed|ing)?(?:\s+(?:on|against))?|measures\s+(?:on|against)|"
    r"call(?:s|ed|ing)?\s+on|urg\w*|warn\w*|accus\w*|target\w*|press(?:es|ed)?|demand\w*\s+(?:that|of)|"
    # "cooperation with North Korea", but not "in close coordination with Washington"
    r"(?:cooperation|collaboration|relationship|ties|partnership|transfers?|trade|dealings|deals?|alliance)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:with|between)|"
    # the doer and the receiver of the conduct: "the launch of an ICBM by the DPRK", "supplied weapons to Russia"
    r"(?:launch\w*|tests?|test-fir\w*)\s+(?:[\w’'()-]+\s+){0,8}?by|"
    r"(?:transfers?|transferr\w*|suppl\w+|exports?|export\w*|shipments?|shipp\w*|deliver\w*|sales?|sold)\s+"
    r"(?:[\w-]+\s+){0,6}?(?:to|from)|"
    r"(?:programm?es?|hacking\s+group|hackers|regime)\s+of)"
    r"\s+(?:both\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^[\s)’'”]*(?:,|and|or|&|as\s+well\s+as)\s*(?:(?:,|and)\s*)?(?:the\s+)?$", re.IGNORECASE)
# A state's conduct, written as "Russia's training", "North Korean arms transfers", "DPRK-supplied missiles"
# ("Seoul's foreign ministry", "Japan's exclusive economic zone" are not conduct).
_CONDUCT_NOUN = re.compile(
    # "the DPRK's (DPRK) repeated and blatant violations": after a possessive, an acronym and three words may come first
    r"^(?:['’]s\s+(?:\([A-Z]+\)\s+)?(?:[\w-]+\s+){0,3}?|(?:-flagged|-registered|-made|-origin|-supplied|-produced)?\s+"
    r"(?:[\w-]+\s+){0,2}?)(?:training|cooperation|collaboration|launch\w*|tests?|transfers?|veto|"
    r"involvement|provocations?|support|suppl\w+|deployment|development|programm?es?|arms|weapons?|war|aggression|"
    r"invasion|violations?|activities|actions|conduct|purchases?|procurement|military|nuclear|missiles?|deals?|"
    r"exports?|imports?|attacks?|evasion|munitions|soldiers|troops|forces|entities|nationals|companies|banks?|"
    r"vessels?|tankers?|ships?|rockets|shells|regime|hackers|workers|networks?)\b",
    re.IGNORECASE,
)
_VICTIM_BEFORE = re.compile(
    r"\b(against|on|in|into|to|of|at|from|strike|struck|attack\w*|invad\w*|invasion\s+of|war\s+(?:on|in))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# In a condemnation, the one by whom the condemned thing was done: "the signing of a treaty by Russia",
# "sanctions imposed by the United States" (but "condemned by Japan" names who condemned).
_CONDEMNATION = re.compile(r"\b(condemn\w*|denounc\w*|deplor\w*|violat\w*)", re.IGNORECASE)
_CONDEMNED_BY = re.compile(
    r"(?<!condemned)(?<!denounced)(?<!criticized)(?<!criticised)(?<!issued)(?<!announced)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SUBJECT_AFTER = re.compile(
    r"^(?:\s*[-–]\s*(?!based\b)\w|\s+(?:is|was|has|have|had|will|would|could|continues?\s+to|continued\s+to)?\s*"
    r"(?:\w+ly\s+)?(?:been\s+)?(violat|breach|launch|fir|test|transfer|suppl|ship|export|import|provid|send|sent|"
    r"use|used|evad|vetoe|train|deploy|acquir|procur|buy|bought|sell|sold|pay|be\s+held|engag|develop|deepen|"
    r"advanc|escalat|depend|reli|rel[yi]))",
    re.IGNORECASE,
)


def _subject_signal(p: Placed, previous: Placed | None, previous_is_subject: bool) -> bool:
    sentence = p.sentence
    before = p.before
    after = sentence.text[p.mention.end - sentence.start :]
    if _SUBJECT_BEFORE.search(before):
        return True
    if previous is not None and previous_is_subject:
        gap = sentence.text[previous.mention.end - sentence.start : p.mention.start - sentence.start]
        if _COORDINATED.match(gap):
            return True
    # "linked to North Korea's missile programmes": the owner of the conduct, whatever preposition precedes it.
    if _CONDUCT_NOUN.match(after):
        return True
    if _VICTIM_BEFORE.search(before):
        return False
    if _CONDEMNED_BY.search(before) and _CONDEMNATION.search(sentence.text):
        return True
    return bool(_SUBJECT_AFTER.match(after))


# Where an actor is only a place or a partner: "a meeting in Seoul", "in close coordination with Washington and
# Tokyo", "a permanent member of the UNSC"; the places of a war stay ("the war in Ukraine").
_ASIDE_BEFORE = re.compile(
    r"\b(?:in|at|from|near|via|visit(?:ed|ing)?|including|member\s+of|"
    r"(?:coordinat\w*|consult\w*|meeting|met|work\w*|together|partner\w*)(?:\s+closely)?\s+with)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s*(?:,|and)\s+(?:the\s+)?)*$"
)
_WAR_BEFORE = re.compile(
    r"\b(?:war|use|targets?|fight\w*|combat|attacks?|strikes?|aggression|invasion|occupation|atrocities|"
    r"hostilities|conflict|operations?)\s+(?:\w+\s+)?in\s+(?:the\s+)?$",
    re.I,
)


def _is_aside(p: Placed) -> bool:
    before = p.before
    return bool(_ASIDE_BEFORE.search(before)) and not _WAR_BEFORE.search(before)


_CONDUCT = re.compile(
    r"\b(condemn\w*|violat\w*|breach\w*|contraven\w*|sanction\w*|call(?:s|ed)?\s+on|urg\w*|warn\w*|price|"
    r"accountable|concern\w*|unlawful|illicit|malign|veto\w*|denounc\w*|deplor\w*|destabili\w*|threat\w*|"
    r"designat\w*|transfer\w*|cooperation|provocation\w*|evad\w*|evasion|measures|impos\w*)\b",
    re.IGNORECASE,
)


_DONE_BY = re.compile(
    r"\b(?:launch\w*|tests?|test-fir\w*|provocations?|violations?)\s+(?:[\w’'()-]+\s+){0,8}?by\s+(?:the\s+)?$", re.I
)


def _doers_of_conduct(placed: list[Placed], kind: ActionType) -> frozenset[str]:
    """The states and bodies written as the doers of a launch or test ("the nuclear test by North Korea"), who do
    not act in the condemnation or warning that is about it; a veto's or a denial's doer acts."""
    if kind in (ActionType.veto, ActionType.denial):
        return frozenset()
    return frozenset(p.mention.value.key for p in placed if _DONE_BY.search(p.before))


def _subjects(placed: list[Placed]) -> dict[str, Placed]:
    found: dict[str, Placed] = {}
    previous: Placed | None = None
    previous_is_subject = False
    for p in placed:
        if previous is not None and previous.sentence != p.sentence:
            previous, previous_is_subject = None, False
        is_subject = _CONDUCT.search(p.sentence.text) is not None and _subject_signal(p, previous, previous_is_subject)
        if is_subject:
            found.setdefault(p.mention.value.key, p)
        previous, previous_is_subject = p, is_subject
    return found


_WITH = re.compile(r"\b(?:with|met|meets)\s+(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of|for)\s+){0,8}$")


def _name_at(official: OfficialMention) -> int:
    """Where the official's name stands in the quote; -1 for an unnamed one."""
    return official.quote.find(official.name) if official.name else -1


def _counterpart(official: OfficialMention) -> bool:
    """Whether the official is named as the one a call or a meeting is with."""
    at = _name_at(official)
    return at > 0 and _WITH.search(official.quote[:at]) is not None


def _issuer(names: Matcher[Entity], officials: list[OfficialMention], placed: list[Placed]) -> list[Placed]:
    """The state or body of the first official, the one speaking for the text, when the organisation names one
    ("Kremlin spokesman"); a minister the speaker reports meeting is not the text's issuer. A first official whose
    organisation the text does not give ("Spokesperson Matthew Miller") speaks for the next one's. The one a call or
    a meeting is with ("Readout of the President's Call with Prime Minister Hatoyama of Japan") is the other side."""
    for official in [o for o in officials if o.organisation and not _counterpart(o)][:1]:
        for mention in names.find(official.organisation or "", capitalised=True):
            return [_first_placed(mention.value, placed, _sentence_of(official), mention.text)]
    return []


# A government's own site is the text's publisher: usun.usmission.gov, home.treasury.gov, www.gov.uk, mofa.go.jp.
_PUBLISHER_SITES = (
    (re.compile(r"\.(?:gov|mil)$"), "United States"),
    (re.compile(r"(?:^|\.)gov\.uk$"), "United Kingdom"),
    (re.compile(r"\.go\.jp$"), "Japan"),
    (re.compile(r"\.go\.kr$"), "South Korea"),
    (re.compile(r"(?:^|\.)europa\.eu$"), "European Union"),
)


# The host of a URL, read by hand: urllib's parser raises on some malformed ones ("http://[").
_HOST = re.compile(r"^[a-z][\w+.-]*://(?:[^/@\s]*@)?([^/?#:\s]+)", re.IGNORECASE)


def _publisher(
    url: str | None, names: Matcher[Entity], placed: list[Placed], sentences: list[Sentence]
) -> list[Placed]:
    """The state or body whose government site the text comes from, quoted where the text names it, else at its
    first sentence; a copy on another site names none."""
    host = _HOST.match(url or "")
    host_name = host.group(1).lower() if host and sentences else ""
    for site, name in _PUBLISHER_SITES:
        if site.search(host_name):
            for mention in names.find(name, capitalised=True):
                return [_first_placed(mention.value, placed, sentences[0])]
    return []


# A government's release opens with its seat: "Washington, DC - Secretary Pompeo spoke with ...".
_SEAT = re.compile(r"^([A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s+D\.?C\.?\s*[-—–]\s")


def _seat(names: Matcher[Entity], placed: list[Placed], sentences: list[Sentence]) -> list[Placed]:
    """The state whose capital the body's first sentence opens with, as a government's release does."""
    for lede in [s for s in sentences if not s.in_header][:1]:
        seat = _SEAT.match(lede.text)
        for mention in names.find(seat.group(1) if seat else "", capitalised=True):
            if mention.value.kind is ActorKind.state:
                return [_first_placed(mention.value, placed, lede)]
    return []


def _speaker(
    url: str | None,
    officials: list[OfficialMention],
    names: Matcher[Entity],
    placed: list[Placed],
    sentences: list[Sentence],
) -> list[Placed]:
    """The state the speaker of remarks speaks for: the publishing government's, else the first official's that
    has one (the first official named is the speaker), else the one the header names as issuer ("Russia's veto is
    about ...: UK statement at the UN Security Council" is the UK's)."""
    return (
        _publisher(url, names, placed, sentences)
        or _issuer(names, officials, placed)
        or _named_issuer(placed, names, sentences, url)
    )


def _agents_or_issuer(
    placed: list[Placed],
    sentences: list[Sentence],
    kind: ActionType,
    cues: list[Cue],
    officials: list[OfficialMention],
    names: Matcher[Entity],
    conduct: frozenset[str],
    url: str | None = None,
) -> list[Placed]:
    """Who acts, when no list of signers says: the act's agents, else the text's issuer, whichever the text gives
    first in this order."""
    lead = [s for s in sentences if s.in_lead][:2]
    header = [s for s in sentences if s.in_header]
    return (
        # "Secretary Blinken and Foreign Minister Park jointly condemned": the officials written as the subject of
        # the strongest cue act for their states, before any state named as the subject of a weaker one; with no
        # cue (a call's readout: "Secretary Blinken and Foreign Minister Chung emphasized"), those of the lead
        _official_agents([cue.sentence for cue in cues[:1]] or lead, officials, names, placed)
        # in remarks, an explanation of vote or a stakeout the speaker acts for the state whose site publishes
        # them, else for the speaker's own; the Council or a delegation the speaker tells of ("your Chinese
        # colleagues said") is the occasion
        or (_speaker(url, officials, names, placed, sentences) if names_its_kind(sentences, url) else [])
        or agents(placed, cues, kind, lead + header, conduct)
        or _official_agents([cue.sentence for cue in cues], officials, names, placed)
        or _issuer(names, officials, placed)
        or _named_issuer(placed, names, sentences, url)
        or _institution(placed)
        or _self_named(placed, conduct, frozenset(_subjects(placed)))
        or _publisher(url, names, placed, sentences)
        or _seat(names, placed, sentences)
    )


def roles(
    placed: list[Placed],
    sentences: list[Sentence],
    kind: ActionType,
    cues: list[Cue],
    officials: list[OfficialMention],
    names: Matcher[Entity],
    url: str | None = None,
) -> list[ActorMention]:
    """One entry per actor with its strongest role, quoting the sentence that gave it that role; `url`, where
    the text was published, names the issuer when its site is a government's."""
    chosen: dict[str, tuple[Role, Placed]] = {}
    signatories = _signatories(placed, cues) if kind is ActionType.joint_statement else []
    signatories = signatories or _listed_signers(placed, sentences)
    joined = bool(signatories) and any(_JOIN.search(p.sentence.text) for p in signatories[:1])
    conduct = _doers_of_conduct(placed, kind)
    imposers = (signatories[:1] if not joined else []) or _agents_or_issuer(
        placed, sentences, kind, cues, officials, names, conduct, url
    )
    _assign(chosen, Role.imposer, imposers)
    _assign(chosen, Role.co_signatory, signatories[0 if joined else 1 :])
    if kind is ActionType.designation:
        _assign(chosen, Role.co_signatory, _designating_too(placed, cues, conduct))
    # "Remarks with Republic of Korea Foreign Minister Yun Byung-se and Japanese Foreign Minister Fumio Kishida",
    # "Joint Press Availability with ...": a joint appearance, whose guests speak for their states beside the host;
    # so does each chair of a meeting ("Led by Special Representative Jung Pak and ROK Director-General Lee Jun-il,
    # the meeting underscored ...")
    beside_the_host = [
        o for o in officials if _JOINT_APPEARANCE.search(o.quote) or _LED_BY.search(o.quote) or _met_together(o)
    ]
    _assign(chosen, Role.co_signatory, _official_states(names, beside_the_host, placed))
    if beside_the_host and any(_JOINT_APPEARANCE.search(o.quote) for o in beside_the_host):
        # "Remarks With Republic of Korea Foreign Minister Yun Byung-se": the host speaks for the act as the guest does
        _assign(chosen, Role.co_signatory, _official_states(names, officials, placed))
    if any(BOTH_SIDES.search(s.text) for s in sentences):
        # a readout's "The two leaders condemned ...": each side of the call or meeting acts for its state
        _assign(chosen, Role.co_signatory, _official_states(names, officials, placed))
    if kind is ActionType.joint_statement:
        # "Joint Statement by the High Representative Josep Borrell and Minister of Foreign Affairs of the Republic
        # of Korea Cho Tae-yul": each signing official's state or body signs.
        _assign(chosen, Role.co_signatory, _official_states(names, officials, placed))
    # A denial condemns no one: the others it names are mentioned.
    if kind is not ActionType.denial:
        _assign(chosen, Role.subject, list(_subjects(placed).values()))
    _assign(chosen, Role.mentioned, _told(placed, cues))
    return [
        ActorMention(
            name=p.mention.value.name,
            kind=p.mention.value.kind,
            role=role,
            country=p.mention.value.country,
            actor_id=p.mention.value.actor_id,
            quote=p.sentence.text,
            span=(p.sentence.start, p.sentence.end),
        )
        for role, p in sorted(chosen.values(), key=lambda pair: (_PRECEDENCE.index(pair[0]), pair[1].mention.start))
    ]


_JOINT_APPEARANCE = re.compile(
    rf"^(?:(?:Joint\s+)?{JOINT_APPEARANCE}|Joint\s+(?:remarks|press\s+availability|press\s+conference)\s+by)\b",
    re.IGNORECASE,
)  # "Joint Press Conference by Minister of Foreign Affairs Cho Tae-yul and U.S. Secretary of State ..."
_LED_BY = re.compile(r"\b(?:led|co-?chaired|chaired|co-?hosted)\s+by\b", re.IGNORECASE)
# "National Security Advisor Jake Sullivan, Republic of Korea National Security Advisor Shin Wonsik, and Japanese
# National Security Advisor Akiba Takeo met in Washington": officials listed as those who met are its sides.
_MET_TOGETHER = re.compile(r",?\s+and\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,10}met\b")


def _met_together(official: OfficialMention) -> bool:
    met = _MET_TOGETHER.search(official.quote)
    return met is not None and 0 <= _name_at(official) < met.end()


# A partner designating at the same time: "our Republic of Korea (ROK) partners, who are concurrently taking
# sanctions action ..., by jointly designating", "Japan and the Republic of Korea are each announcing designations".
_DESIGNATING_TOO = re.compile(
    # "..., and Australia, each of which is announcing its own designations"
    r"\b(?:jointly|concurrently|simultaneously|each(?:\s+of\s+which(?:\s+is|\s+are)?)?)\s+(?:designat\w*|sanctioning|"
    r"imposing|announcing\s+(?:\w+\s+){0,2}?(?:designations|sanctions)|taking\s+(?:\w+\s+){0,2}?action)\b",
    re.IGNORECASE,
)
_NEAR = 60  # characters between the partner's name and its designating
_OBJECT_BEFORE = re.compile(r"\b(?:against|on|targeting|of|to|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def _designating_too(placed: list[Placed], cues: list[Cue], conduct: frozenset[str]) -> list[Placed]:
    """In a designation, the state or body named right before a phrase saying it designates too."""
    found = []
    # the cue sentences and the lead ("Today's action is taken together with Japan, ..., each of which is announcing
    # its own designations")
    lead = [p.sentence for p in placed if p.sentence.in_lead]
    for sentence in dict.fromkeys([*(cue.sentence for cue in cues), *lead]):
        for match in _DESIGNATING_TOO.finditer(sentence.text):
            before = [
                p
                for p in placed
                if p.sentence == sentence
                and _is_party(p)
                and 0 <= match.start() - (p.mention.end - sentence.start) <= _NEAR
                and p.mention.value.key not in conduct
                and not _OBJECT_BEFORE.search(p.before)  # "action against overseas DPRK IT workers"
            ]
            if before:
                found.extend(_with_listed_before(before[-1], placed))
    return found


def _with_listed_before(last: Placed, placed: list[Placed]) -> list[Placed]:
    """A state or body and those listed right before it: "Australia, Japan, and the Republic of Korea"."""
    run = [last]
    for p in reversed([p for p in placed if p.sentence == last.sentence and p.mention.end <= run[0].mention.start]):
        gap = last.sentence.text[p.mention.end - last.sentence.start : run[0].mention.start - last.sentence.start]
        if not _IN_A_LIST.fullmatch(gap):
            break
        run.insert(0, p)
    return run


def _assign(chosen: dict[str, tuple[Role, Placed]], role: Role, placed: list[Placed]) -> None:
    """Give each actor the role, unless it has a stronger one already."""
    for p in placed:
        current = chosen.get(p.mention.value.key)
        if current is None or _PRECEDENCE.index(role) < _PRECEDENCE.index(current[0]):
            chosen[p.mention.value.key] = (role, p)


def _told(placed: list[Placed], cues: list[Cue]) -> list[Placed]:
    """The mentions that are part of the act: each is at least `mentioned`."""
    # Background mentions ("a permanent member of the UNSC", "Iranian drones") are not part of the act:
    # an actor is mentioned only where the act is told, in the lead or in a sentence that reports it.
    # A state named by its name further down is still part of the story (issue 18); an adjective ("Iranian
    # engineers were seen at the site") or a body there is background.
    told = {cue.sentence for cue in cues}
    adjectives = demonyms()
    found = []
    for p in placed:
        named_state = p.mention.value.kind is ActorKind.state and fold(p.mention.text) not in adjectives
        if (p.sentence.weight >= 2 or p.sentence in told or named_state) and not _is_aside(p):
            found.append(p)
    return found
