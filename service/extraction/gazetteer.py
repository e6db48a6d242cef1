"""The built-in gazetteer (gazetteer.yaml) joined with the caller's known actors, as one name matcher.

A gazetteer entry and a known actor are the same actor when they share a name or alias of the same kind, or
when both are states of one country: then the text's "Pyongyang" links to the database's DPRK even if the
database lists no such alias.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from service.extraction.names import Matcher, fold
from service.extraction.schemas import KnownActor
from service.vocabulary import ActorKind

_DATA = Path(__file__).with_name("gazetteer.yaml")


@dataclass(frozen=True)
class Entity:
    key: str  # unique within one extraction: the known actor's id, or the gazetteer's own id
    name: str
    kind: ActorKind
    country: str | None = None
    actor_id: str | None = None


@cache
def _builtin() -> tuple[tuple[Entity, tuple[str, ...]], ...]:
    # Every value is text: the base loader reads no booleans or numbers, so YAML 1.1 cannot turn Norway's "NO"
    # into False (or a code "ON", "Y" into anything but a code).
    data = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    entries = []
    for code, name, aliases, demonyms in data["states"]:
        entity = Entity(key=f"state:{code}", name=name, kind=ActorKind.state, country=code)
        entries.append((entity, (name, *aliases, *demonyms)))
    for key, name, kind, aliases in data["bodies"]:
        entries.append((Entity(key=f"body:{key}", name=name, kind=ActorKind(kind)), (name, *aliases)))
    return tuple(entries)


@cache
def demonyms() -> frozenset[str]:
    """The folded adjectives of the states ("iranian", "south korean"): a state written so is described, not named."""
    data = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return frozenset(fold(word) for *_, words in data["states"] for word in words)


@cache
def acronyms() -> frozenset[str]:
    """The words the gazetteer writes in capitals ("DPRK", "UN", "EEAS"): a headline in capitals keeps them so."""
    return frozenset(
        word for _, names in _builtin() for name in names for word in re.findall(r"\b[A-Z][A-Z0-9]+\b", name)
    )


def _links(known_actors: Sequence[KnownActor]) -> dict[str, KnownActor]:
    """Gazetteer key -> the known actor it is: a state by its country, any other by a shared name of a kind
    on the same side (a known organisation named "Treasury" is not the United States)."""
    states = {k.country.upper(): k for k in reversed(known_actors) if k.kind is ActorKind.state and k.country}
    by_name: dict[tuple[bool, str], KnownActor] = {}
    for known in reversed(known_actors):
        for name in (known.name, *known.aliases):
            by_name[(known.kind is ActorKind.state, fold(name))] = known
    links = {}
    for entity, names in _builtin():
        is_state = entity.kind is ActorKind.state
        linked = states.get(entity.country or "") if is_state else None
        linked = linked or next((by_name[(is_state, fold(n))] for n in names if (is_state, fold(n)) in by_name), None)
        if linked is not None:
            links[entity.key] = linked
    return links


def matcher(known_actors: Sequence[KnownActor]) -> Matcher[Entity]:
    """Known actors first, so that their own names win over the gazetteer's reading of the same words."""
    return _build(tuple(known_actors)) if known_actors else _gazetteer_only()


@cache
def _gazetteer_only() -> Matcher[Entity]:
    """Built once: most calls pass no known actors, and building the index is most of a short text's cost."""
    return _build(())


def _build(known_actors: Sequence[KnownActor]) -> Matcher[Entity]:
    found: Matcher[Entity] = Matcher()
    linked = _links(known_actors)
    for known in known_actors:
        entity = Entity(known.id, known.name, known.kind, known.country and known.country.upper(), known.id)
        for name in (known.name, *known.aliases):
            found.add(name, entity)
    for entity, names in _builtin():
        linked_actor = linked.get(entity.key)
        if linked_actor is not None:
            entity = Entity(linked_actor.id, linked_actor.name, linked_actor.kind, entity.country, linked_actor.id)
        for name in names:
            found.add(name, entity)
    return found
