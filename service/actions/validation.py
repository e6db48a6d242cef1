"""Checking a new or changed action against what exists, and resolving it to ids: one path for the seed
loader and the API."""

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.schemas import ActionIn, Evidence
from service.actions.writes import ActionRecord, ActorRef, CitationRef, OfficialRef, SourceRef
from service.models import Actor, Authority, Official, Source
from service.models.vocabulary import AuthorityKind, DatePrecision

Location = tuple[str | int, ...]


class Known:
    """What references can point at: records about to be written with the action (`pending`) and those
    already in the database."""

    def __init__(
        self,
        session: Session,
        *,
        authorities: Iterable[tuple[str, str, int | None, date | None]] = (),
        actors: Iterable[str] = (),
        officials: Iterable[str] = (),
        sources: Iterable[tuple[str, str, date | None]] = (),
    ):
        """authorities as (id, kind, number, adopted_on); sources as (id, text, published_on)."""
        self.session = session
        self.authorities = {id for id, *_ in authorities}
        self.resolutions = {
            number: (id, adopted_on)
            for id, kind, number, adopted_on in authorities
            if kind == AuthorityKind.un_resolution
        }
        self.actors = set(actors)
        self.officials = set(officials)
        self.texts = {id: text for id, text, _ in sources}
        self.publication_dates = {id: published_on for id, _, published_on in sources}

    def authority(self, id: str) -> bool:
        return id in self.authorities or self.session.get(Authority, id) is not None

    def resolution(self, number: int) -> tuple[str, date | None] | None:
        if number not in self.resolutions:
            row = self.session.execute(
                select(Authority.id, Authority.adopted_on).where(
                    Authority.kind == AuthorityKind.un_resolution, Authority.number == number
                )
            ).first()
            self.resolutions[number] = tuple(row) if row else None
        return self.resolutions[number]

    def actor(self, id: str) -> bool:
        return id in self.actors or self.session.get(Actor, id) is not None

    def official(self, id: str) -> bool:
        return id in self.officials or self.session.get(Official, id) is not None

    def text(self, source_id: str) -> str | None:
        if source_id not in self.texts:
            row = self.session.get(Source, source_id)
            self.texts[source_id] = row.text if row else None
        return self.texts[source_id]

    def published_on(self, source_id: str) -> date | None:
        if source_id in self.publication_dates:
            return self.publication_dates[source_id]
        row = self.session.get(Source, source_id)
        return row.published_on if row else None


def action_problems(action: ActionIn, known: Known, today: date) -> Iterator[tuple[Location, str]]:
    """(location, message) of everything wrong with one action's references, quotes and dates."""
    if action.date > today:
        yield ("date",), "date in the future"
    yield from _source_problems(action, known)
    source_ids = [s.source for s in action.sources]
    for position, citation in enumerate(action.citations):
        path = ("citations", position)
        if citation.resolution is not None:
            found = known.resolution(citation.resolution)
            if found is None:
                yield (*path, "resolution"), f"unknown resolution {citation.resolution}"
            elif found[1] and action.date < found[1]:
                yield ("date",), f"before resolution {citation.resolution} was adopted ({found[1]})"
        elif not known.authority(citation.authority):
            yield (*path, "authority"), f"unknown authority {citation.authority!r}"
        yield from _evidence_problems(path, citation, source_ids, known)
    yield from _duplicates("citations", [c.resolution or c.authority for c in action.citations])
    for position, link in enumerate(action.actors):
        if not known.actor(link.actor):
            yield ("actors", position, "actor"), f"unknown actor {link.actor!r}"
        yield from _evidence_problems(("actors", position), link, source_ids, known)
    yield from _duplicates("actors", [link.actor for link in action.actors])
    for position, official in enumerate(action.officials):
        if not known.official(official.official):
            yield ("officials", position, "official"), f"unknown official {official.official!r}"
        yield from _evidence_problems(("officials", position), official, source_ids, known)
    yield from _duplicates("officials", [link.official for link in action.officials])


def _source_problems(action: ActionIn, known: Known) -> Iterator[tuple[Location, str]]:
    """Each source named once, known, with its quote, and published no earlier than the action."""
    source_ids = [s.source for s in action.sources]
    for position, source_id in enumerate(source_ids):
        if source_ids.count(source_id) > 1:
            yield ("sources", position, "source"), f"source {source_id!r} listed twice"
        elif known.text(source_id) is None:
            yield ("sources", position, "source"), f"unknown source {source_id!r}"
        else:
            yield from _quote_problems(("sources", position), action.sources[position].quote, source_id, known)
            published = known.published_on(source_id)
            if published and first_day(action.date, action.date_precision) > published:
                yield ("date",), f"after the publication of its source {source_id!r} ({published})"


def _evidence_problems(
    path: Location, link: Evidence, source_ids: list[str], known: Known
) -> Iterator[tuple[Location, str]]:
    """A fact's quote is a passage of one of the action's sources: the one it names, or the only one."""
    if link.source is None and len(source_ids) > 1:
        yield (*path, "source"), "the action has several sources: name the one this quote comes from"
        return
    source_id = link.source or source_ids[0]
    if source_id not in source_ids:
        yield (*path, "source"), f"source {source_id!r} is not among the action's sources"
    elif known.text(source_id) is not None:
        yield from _quote_problems(path, link.quote, source_id, known)


def _quote_problems(path: tuple, quote: str, source_id: str, known: Known):
    if quote not in known.text(source_id):
        yield (*path, "quote"), f"not found word for word in source {source_id!r}"


def _duplicates(field: str, keys: list):
    for position, key in enumerate(keys):
        if keys.index(key) != position:
            yield (field, position), f"{key!r} appears twice in {field}"


def first_day(day: date, precision: str) -> date:
    if precision == DatePrecision.month:
        return day.replace(day=1)
    if precision == DatePrecision.year:
        return day.replace(month=1, day=1)
    return day


# The fields of an action that are its own, not links to other records: the same in every form of it.
OWN_FIELDS = ("id", "type", "status", "title", "summary", "date", "date_precision", "date_text")


def own_fields(action: object) -> dict[str, Any]:
    return {name: getattr(action, name) for name in OWN_FIELDS}


def action_record(action: ActionIn, resolution_ids: dict[int, str]) -> ActionRecord:
    only_source = action.sources[0].source

    def source_of(link: Evidence) -> str:
        return link.source or only_source

    return ActionRecord(
        **own_fields(action),
        sources=frozenset(SourceRef(s.source, s.quote) for s in action.sources),
        citations=frozenset(
            CitationRef(
                resolution_ids[c.resolution] if c.resolution else c.authority, c.relation, c.quote, source_of(c)
            )
            for c in action.citations
        ),
        actors=frozenset(ActorRef(a.actor, a.role, a.quote, source_of(a)) for a in action.actors),
        officials=frozenset(
            OfficialRef(o.official, o.title, o.organisation, o.quote, source_of(o)) for o in action.officials
        ),
    )
