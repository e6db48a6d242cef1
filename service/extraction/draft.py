"""One document in, one draft action out: the steps in the order they depend on each other."""

import datetime as dt
from collections.abc import Sequence

from service.extraction import actors, dates, officials, resolutions, targets
from service.extraction.classify import classify
from service.extraction.gazetteer import Entity, matcher
from service.extraction.names import Matcher
from service.extraction.schemas import ActorMention, Draft, KnownActor, OfficialMention
from service.extraction.sentences import split
from service.models.vocabulary import Role


def _speaking_for_the_act(
    people: list[OfficialMention], parties: list[ActorMention], names: Matcher[Entity]
) -> list[OfficialMention]:
    """Leave out officials of the side the act is aimed at: in a warning to Russia, the Kremlin spokesman's
    reply is another action (a denial), not part of this one."""
    subjects = {a.name for a in parties if a.role is Role.subject}
    acting = {a.name for a in parties if a.role in (Role.imposer, Role.co_signatory)}
    kept = []
    for person in people:
        sides = {m.value.name for m in names.find(person.organisation or "", capitalised=True)}
        if sides & subjects and not sides & acting:
            continue
        kept.append(person)
    return kept


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
    sentences = split(text)
    names = names if names is not None else matcher(known_actors)
    kind, cues = classify(sentences)
    people, official_warnings = officials.find(sentences, names)
    act_sentences = {cue.sentence for cue in cues}
    when = dates.find(text, sentences, published_on=published_on, url=url, act_sentences=act_sentences)
    placed = actors.locate(text, sentences, names)
    designated, target_keys, target_warnings = targets.find(kind, cues, sentences, placed, names)
    parties = actors.roles(
        [p for p in placed if p.mention.value.key not in target_keys], sentences, kind, cues, people, names
    )
    people = _speaking_for_the_act(people, parties, names)
    warnings = [*when.warnings, *official_warnings, *target_warnings]
    if not cues:
        warnings.append("No act recognised (designation, condemnation, statement, ...); the type is 'other'.")
    if not any(a.role == "imposer" for a in parties):
        warnings.append("No state or body could be identified as the one acting.")
    top = cues[0].sentence if cues else None
    return Draft(
        type=kind,
        type_quote=top.text if top else None,
        type_span=(top.start, top.end) if top else None,
        date=when.date,
        date_precision=when.precision,
        date_text=when.text,
        date_span=when.span,
        resolutions=resolutions.find(sentences),
        officials=people,
        actors=parties,
        targets=designated,
        warnings=warnings,
    )
