"""One document in, a draft action out: the steps in the order they depend on each other.

The main act fills the draft's own fields. Another act the text reports, by someone not acting in the main one
("The Kremlin denied the accusations" in a report of a US warning), becomes a draft of its own in
`further_acts`, read from the sentences that report it.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from service.extraction import actors, dates, layout, officials, resolutions, targets
from service.extraction.classify import Cue, classify
from service.extraction.classify import cues as all_cues
from service.extraction.gazetteer import Entity, matcher
from service.extraction.names import Matcher
from service.extraction.schemas import ActDraft, ActorMention, Draft, KnownActor, OfficialMention, Passage
from service.extraction.sentences import Sentence, split
from service.vocabulary import ActionType, ActorKind, Role

# Acts that may stand beside the main one. "other" is no act, and a report is what the others cite.
_FURTHER_TYPES = {
    ActionType.denial, ActionType.veto, ActionType.designation, ActionType.delisting, ActionType.condemnation,
    ActionType.warning, ActionType.joint_statement,
}  # fmt: skip
# A cue weighing less than this is background ("after Russia vetoed ...") or in a far paragraph: no act of its own.
_FURTHER_MIN_WEIGHT = 1.0
_MAX_FURTHER = 3

_Act = TypeVar("_Act", bound=ActDraft)
_Passage = TypeVar("_Passage", bound=Passage)


@dataclass(frozen=True)
class _Document:
    text: str
    sentences: list[Sentence]
    names: Matcher[Entity]
    placed: list[actors.Placed]
    people: list[OfficialMention]
    published_on: dt.date | None
    url: str | None
    cues: list[tuple[Cue, float]]  # every cue of every type, read once
    dates: tuple  # every date phrase, read once (dates.candidates_of)


def _acting(parties: list[ActorMention]) -> set[str]:
    """The states and bodies that impose or co-sign the act."""
    return {a.name for a in parties if a.role in (Role.imposer, Role.co_signatory)}


def _sides(person: OfficialMention, names: Matcher[Entity]) -> set[str]:
    """The states and bodies an official's organisation names ("Kremlin" is Russia's)."""
    return {m.value.name for m in names.find(person.organisation or "", capitalised=True)}


def _speaking_for_the_act(
    people: list[OfficialMention], parties: list[ActorMention], names: Matcher[Entity], header: set[int]
) -> list[OfficialMention]:
    """Leave out officials of the side the act is aimed at: in a warning to Russia, the Kremlin spokesman's
    reply is another action (a denial), not part of this one. Where a body acts (the Council adopting sanctions),
    leave out too those the body of the text quotes for states that do not act in it: "U.S. President Barack Obama
    welcomed the U.N. action" is the United States' word on it (a speaker the header names, whose statement the
    text is, stays). `header` holds where the header's sentences start."""
    subjects = {a.name for a in parties if a.role is Role.subject}
    acting = _acting(parties)
    a_body_acts = any(a.kind is ActorKind.body for a in parties if a.name in acting)
    kept = []
    for person in people:
        sides = _sides(person, names)
        reacting = a_body_acts and person.span[0] not in header
        if sides and not sides & acting and (sides & subjects or reacting):
            continue
        kept.append(person)
    return kept


def _act(
    doc: _Document, kind: ActionType, cues: list[Cue], people: list[OfficialMention], official_warnings: list[str]
) -> dict:
    """Every field of one act, read from the sentences its cues stand in."""
    act_sentences = {cue.sentence for cue in cues}
    when = dates.find(
        doc.text,
        doc.sentences,
        published_on=doc.published_on,
        url=doc.url,
        act_sentences=act_sentences,
        kind=kind,
        found=doc.dates,
    )
    designated, target_keys, target_warnings = targets.find(kind, cues, doc.sentences, doc.placed, doc.names)
    parties = actors.roles(
        [p for p in doc.placed if p.mention.value.key not in target_keys],
        doc.sentences,
        kind,
        cues,
        people,
        doc.names,
        doc.url,
    )
    header = {s.start for s in doc.sentences if s.in_header}
    people = _speaking_for_the_act(people, parties, doc.names, header)
    warnings = [*when.warnings, *official_warnings, *target_warnings]
    if not cues:
        warnings.append("No act recognised (designation, condemnation, statement, ...); the type is 'other'.")
    if not any(a.role == "imposer" for a in parties):
        warnings.append("No state or body could be identified as the one acting.")
    top = cues[0].sentence if cues else None
    return {
        "type": kind,
        "type_quote": top.text if top else None,
        "type_span": (top.start, top.end) if top else None,
        "date": when.date,
        "date_precision": when.precision,
        "date_text": when.text,
        "date_span": when.span,
        "resolutions": resolutions.find(doc.sentences),
        "officials": people,
        "actors": parties,
        "targets": designated,
        "warnings": warnings,
    }


def _further_acts(doc: _Document, main_type: ActionType, main_actors: list[ActorMention]) -> list[ActDraft]:
    """Acts of another type whose agent takes no part in the main act, each with the sentences where that
    agent does it and the officials who speak for it."""
    acting = _acting(main_actors)
    found: list[tuple[float, ActDraft]] = []
    for kind, weighted in _further_cues(doc, main_type).items():
        ranked = [cue for cue, _ in sorted(weighted, key=lambda pair: (-pair[1], pair[0].start))]
        agent = _outside_doer(doc, ranked, acting)
        if agent is None:
            continue
        own = [c for c in ranked if any(p.sentence == c.sentence and p.mention.value == agent for p in doc.placed)]
        act = ActDraft(**_act(doc, kind, own, _speaking_for(doc, agent), []))
        found.append((sum(w for c, w in weighted if c in own), act))
    found.sort(key=lambda pair: -pair[0])
    return [act for _, act in found[:_MAX_FURTHER]]


def _outside_doer(doc: _Document, ranked: list[Cue], acting: set[str]) -> Entity | None:
    """The doer of the strongest cue that has one taking no part in the main act."""
    return next((a for cue in ranked if (a := _doer(doc, cue)) is not None and a.name not in acting), None)


def _further_cues(doc: _Document, main_type: ActionType) -> dict[ActionType, list[tuple[Cue, float]]]:
    """The weighty cues of each type that may stand beside the main act."""
    by_type: dict[ActionType, list[tuple[Cue, float]]] = {}
    for cue, weight in doc.cues:
        if cue.type in _FURTHER_TYPES and cue.type is not main_type and weight >= _FURTHER_MIN_WEIGHT:
            by_type.setdefault(cue.type, []).append((cue, weight))
    return by_type


def _speaking_for(doc: _Document, agent: Entity) -> list[OfficialMention]:
    """The officials whose organisation names the agent."""
    return [person for person in doc.people if agent.name in _sides(person, doc.names)]


# Between the doer and its verb: "Kremlin spokesman Dmitry Peskov denied", "Moscow and Pyongyang have denied";
# a longer stretch holds another verb ("the DPRK launched a missile without warning").
_DOER_GAP = 50


def _doer(doc: _Document, cue: Cue) -> Entity | None:
    """The state or body written as the subject of this very cue, standing just before it."""
    sentence = cue.sentence
    here = [p for p in doc.placed if p.sentence == sentence]
    doers = actors.agents_of(cue.start - sentence.start, sentence, here)
    if not doers or cue.start - doers[-1].mention.end > _DOER_GAP:
        return None
    return doers[0].mention.value


# The acts several governments may state together in one text.
_STATED = {ActionType.condemnation, ActionType.warning}


_STATING = r"(?:condemn|denounc|deplor|warn|strongly|won|will|not)"


def _one_voice(kind: ActionType, cues: list[Cue], placed: list[actors.Placed]) -> bool:
    """Several states written as the one subject of the text's condemnation or warning, in the present tense in its
    lead ("The United States, the Republic of Korea (ROK), and Japan strongly condemn"), state it
    jointly: a joint statement, whether or not it calls itself one. A report of it ("South Korea and the United
    States warned Russia"), a headline's ("China, Russian Federation Denounce Sanctions") and a designation several
    states impose together stay what they are."""
    if kind not in _STATED or not cues or not cues[0].sentence.in_lead:
        return False
    verb = cues[0].sentence.text[cues[0].start - cues[0].sentence.start : cues[0].end - cues[0].sentence.start]
    if re.search(r"(?:ed|ing)$", verb, re.IGNORECASE) or not re.match(_STATING, verb, re.IGNORECASE):
        return False  # a report of it, or no verb at all ("tests ... in violation of")
    here = [p for p in placed if p.sentence == cues[0].sentence]
    doers = actors.agents_of(cues[0].start - cues[0].sentence.start, cues[0].sentence, here)
    states = {p.mention.value.key for p in doers if p.mention.value.kind is ActorKind.state}
    return len(states) >= 2


def extract(
    text: str,
    *,
    published_on: dt.date | None = None,
    url: str | None = None,
    known_actors: Sequence[KnownActor] = (),
    names: Matcher[Entity] | None = None,
) -> Draft:
    """Read a press statement, briefing or news report into a draft action, each field with its passage.
    `names` is `matcher(known_actors)` built beforehand, for a caller that extracts many times."""
    submitted, text = text, layout.for_reading(text)
    sentences = split(text)
    names = names if names is not None else matcher(known_actors)
    found_cues = all_cues(sentences, url)
    kind, cues = classify(sentences, found_cues)
    people, official_warnings = officials.find(sentences, names)
    placed = actors.locate(text, sentences, names)
    if _one_voice(kind, cues, placed):
        kind = ActionType.joint_statement
    doc = _Document(
        text, sentences, names, placed, people, published_on, url, found_cues, dates.candidates_of(sentences)
    )
    main = _act(doc, kind, cues, people, official_warnings)
    draft = Draft(**main, further_acts=_further_acts(doc, kind, main["actors"]))
    if text == submitted:
        return draft
    return _quoted_from(submitted, draft).model_copy(
        update={"further_acts": [_quoted_from(submitted, act) for act in draft.further_acts]}
    )


def _quoted_from(submitted: str, act: _Act) -> _Act:
    """The act with every quote copied from the submitted text, where the rules read its layout.for_reading copy:
    the spans hold in both, the characters may not (a line break read as a space)."""

    def passages(found: list[_Passage]) -> list[_Passage]:
        return [p.model_copy(update={"quote": submitted[p.span[0] : p.span[1]]}) for p in found]

    def at(span: tuple[int, int] | None) -> str | None:
        return submitted[span[0] : span[1]] if span else None

    return act.model_copy(
        update={
            "type_quote": at(act.type_span),
            "date_text": at(act.date_span) if act.date_span else act.date_text,
            "resolutions": passages(act.resolutions),
            "officials": passages(act.officials),
            "actors": passages(act.actors),
            "targets": passages(act.targets),
        }
    )
