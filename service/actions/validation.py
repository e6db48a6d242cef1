"""Checking a new or changed action against what exists, and resolving it to ids: one path for the seed
loader and the API."""

from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.schemas import ActionIn, CitationIn, Evidence
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
        self.resolutions: dict[int, tuple[str, date | None] | None] = {
            number: (id, adopted_on)
            for id, kind, number, adopted_on in authorities
            if kind == AuthorityKind.un_resolution and number is not None
        }
        self.actors = set(actors)
        self.officials = set(officials)
        self.texts: dict[str, str | None] = {id: text for id, text, _ in sources}
        self.publication_dates = {id: published_on for id, _, published_on in sources}

    def authority(self, id: str) -> bool:
        return id in self.authorities or self.session.get(Authority, id) is not None

    def resolution(self, number: int) -> tuple[str, date | None] | None:
        if number not in self.resolutions:
            self.resolutions[number] = self.session.execute(
                select(Authority.id, Authority.adopted_on).where(
                    Authority.kind == AuthorityKind.un_resolution, Authority.number == number
                )
            ).first()
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
    source_ids = [s.source for s in action.sources]
    for position, source_id in enumerate(source_ids):
        if source_ids.count(source_id) > 1:
            yield ("sources", position, "source"), f"source {source_id!r} listed twice"
        elif (text := known.text(source_id)) is None:
            yield ("sources", position, "source"), f"unknown source {source_id!r}"
        else:
            yield from _quote_problems(("sources", position), action.sources[position].quote, source_id, text)
            published = known.published_on(source_id)
            if published and first_day(action.date, action.date_precision) > published:
                yield ("date",), f"after the publication of its source {source_id!r} ({published})"

    def evidence(path: Location, link: Evidence) -> Iterator[tuple[Location, str]]:
        if link.source is None and len(source_ids) > 1:
            yield (*path, "source"), "the action has several sources: name the one this quote comes from"
            return
        source_id = link.source or source_ids[0]
        if source_id not in source_ids:
            yield (*path, "source"), f"source {source_id!r} is not among the action's sources"
        elif (text := known.text(source_id)) is not None:
            yield from _quote_problems(path, link.quote, source_id, text)

    for position, citation in enumerate(action.citations):
        path = ("citations", position)
        if citation.resolution is not None:
            found = known.resolution(citation.resolution)
            if found is None:
                yield (*path, "resolution"), f"unknown resolution {citation.resolution}"
            elif found[1] and action.date < found[1]:
                yield ("date",), f"before resolution {citation.resolution} was adopted ({found[1]})"
        elif citation.authority is not None and not known.authority(citation.authority):
            yield (*path, "authority"), f"unknown authority {citation.authority!r}"
        yield from evidence(path, citation)
    yield from _duplicates("citations", [c.resolution or c.authority for c in action.citations])

    for position, link in enumerate(action.actors):
        if not known.actor(link.actor):
            yield ("actors", position, "actor"), f"unknown actor {link.actor!r}"
        yield from evidence(("actors", position), link)
    yield from _duplicates("actors", [link.actor for link in action.actors])

    for position, spokesperson in enumerate(action.officials):
        if not known.official(spokesperson.official):
            yield ("officials", position, "official"), f"unknown official {spokesperson.official!r}"
        yield from evidence(("officials", position), spokesperson)
    yield from _duplicates("officials", [spokesperson.official for spokesperson in action.officials])


def _quote_problems(path: Location, quote: str, source_id: str, text: str) -> Iterator[tuple[Location, str]]:
    if quote not in text:
        yield (*path, "quote"), f"not found word for word in source {source_id!r}"


def _duplicates(field: str, keys: list[str | int | None]) -> Iterator[tuple[Location, str]]:
    for position, key in enumerate(keys):
        if keys.index(key) != position:
            yield (field, position), f"{key!r} appears twice in {field}"


def first_day(day: date, precision: str) -> date:
    if precision == DatePrecision.month:
        return day.replace(day=1)
    if precision == DatePrecision.year:
        return day.replace(month=1, day=1)
    return day


def resolution_ids(session: Session, numbers: Iterable[int]) -> dict[int, str]:
    """The authority id of each UN resolution among `numbers` that exists."""
    rows = session.execute(
        select(Authority.number, Authority.id).where(
            Authority.kind == AuthorityKind.un_resolution, Authority.number.in_(set(numbers))
        )
    )
    return {number: id for number, id in rows if number is not None}


def action_record(action_id: str, action: ActionIn, resolution_ids: dict[int, str]) -> ActionRecord:
    """The action as `put_action` writes it, under `action_id` (the body's own id may be absent)."""
    only_source = action.sources[0].source

    def source_of(link: Evidence) -> str:
        return link.source or only_source

    def authority_of(citation: CitationIn) -> str:
        if citation.resolution is not None:
            return resolution_ids[citation.resolution]
        # CitationIn's own validator admits exactly one of resolution and authority.
        assert citation.authority is not None
        return citation.authority

    return ActionRecord(
        id=action_id,
        type=action.type,
        status=action.status,
        title=action.title,
        summary=action.summary,
        date=action.date,
        date_precision=action.date_precision,
        date_text=action.date_text,
        sources=frozenset(SourceRef(s.source, s.quote) for s in action.sources),
        citations=frozenset(CitationRef(authority_of(c), c.relation, c.quote, source_of(c)) for c in action.citations),
        actors=frozenset(ActorRef(a.actor, a.role, a.quote, source_of(a)) for a in action.actors),
        officials=frozenset(
            OfficialRef(o.official, o.title, o.organisation, o.quote, source_of(o)) for o in action.officials
        ),
    )
