"""Checking a new or changed action against what exists, and resolving it to ids: one path for the seed
loader and the API."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.schemas import ActionIn, ActorLinkIn, Evidence, OfficialLinkIn
from service.actions.writes import ActionRecord, ActorRef, CitationRef, OfficialRef, SourceRef
from service.models import Actor, Authority, Official, Source
from service.vocabulary import AuthorityKind, DatePrecision

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
        self.authorities = {id: kind for id, kind, *_ in authorities}
        self.resolutions: dict[int, tuple[str, date | None] | None] = {
            number: (id, adopted_on)
            for id, kind, number, adopted_on in authorities
            if kind == AuthorityKind.un_resolution and number is not None
        }
        self.actors = set(actors)
        self.officials = set(officials)
        self.texts: dict[str, str | None] = {id: text for id, text, _ in sources}
        self.publication_dates = {id: published_on for id, _, published_on in sources}

    def authority(self, id: str) -> str | None:
        """The authority's kind; None when there is no such authority."""
        if id not in self.authorities:
            row = self.session.get(Authority, id)
            if row is None:
                return None
            self.authorities[id] = row.kind
        return self.authorities[id]

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
    yield from _source_problems(action, known)
    source_ids = [s.id for s in action.sources]
    for position, resolution in enumerate(action.resolutions):
        path = ("resolutions", position)
        found = known.resolution(resolution.number)
        if found is None:
            yield (*path, "number"), f"unknown resolution {resolution.number}"
        elif found[1] and action.date < found[1]:
            yield ("date",), f"before resolution {resolution.number} was adopted ({found[1]})"
        yield from _evidence_problems(path, resolution, source_ids, known)
    yield from _duplicates("resolutions", [r.number for r in action.resolutions])

    for position, authority in enumerate(action.authorities):
        path = ("authorities", position)
        kind = known.authority(authority.id)
        if kind is None:
            yield (*path, "id"), f"unknown authority {authority.id!r}"
        elif kind == AuthorityKind.un_resolution:
            yield (*path, "id"), f"{authority.id!r} is a resolution: cite it under resolutions, by its number"
        yield from _evidence_problems(path, authority, source_ids, known)
    yield from _duplicates("authorities", [a.id for a in action.authorities])

    linked: list[tuple[str, Sequence[ActorLinkIn | OfficialLinkIn], Callable[[str], bool]]] = [
        ("actors", action.actors, known.actor),
        ("officials", action.officials, known.official),
    ]
    for field, links, exists in linked:
        for position, link in enumerate(links):
            if not exists(link.id):
                yield (field, position, "id"), f"unknown {field[:-1]} {link.id!r}"
            yield from _evidence_problems((field, position), link, source_ids, known)
        yield from _duplicates(field, [link.id for link in links])


def _source_problems(action: ActionIn, known: Known) -> Iterator[tuple[Location, str]]:
    """Each source named once, known, with its quote, and published no earlier than the action."""
    source_ids = [s.id for s in action.sources]
    for position, source_id in enumerate(source_ids):
        if source_ids.count(source_id) > 1:
            yield ("sources", position, "id"), f"source {source_id!r} listed twice"
        elif (text := known.text(source_id)) is None:
            yield ("sources", position, "id"), f"unknown source {source_id!r}"
        else:
            yield from _quote_problems(("sources", position), action.sources[position].quote, source_id, text)
            published = known.published_on(source_id)
            if published and first_day(action.date, action.date_precision) > published:
                yield ("date",), f"after the publication of its source {source_id!r} ({published})"


def _evidence_problems(
    path: Location, link: Evidence, source_ids: list[str], known: Known
) -> Iterator[tuple[Location, str]]:
    """A fact's quote is a passage of one of the action's sources: the one it names, or the only one."""
    if link.source_id is None and len(source_ids) > 1:
        yield (*path, "source_id"), "the action has several sources: name the one this quote comes from"
        return
    source_id = link.source_id or source_ids[0]
    if source_id not in source_ids:
        yield (*path, "source_id"), f"source {source_id!r} is not among the action's sources"
    elif (text := known.text(source_id)) is not None:
        yield from _quote_problems(path, link.quote, source_id, text)


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
    only_source = action.sources[0].id

    def source_of(link: Evidence) -> str:
        return link.source_id or only_source

    return ActionRecord(
        id=action_id,
        type=action.type,
        status=action.status,
        title=action.title,
        summary=action.summary,
        date=action.date,
        date_precision=action.date_precision,
        date_text=action.date_text,
        sources=frozenset(SourceRef(s.id, s.quote) for s in action.sources),
        citations=frozenset(
            [CitationRef(resolution_ids[r.number], r.relation, r.quote, source_of(r)) for r in action.resolutions]
            + [CitationRef(a.id, a.relation, a.quote, source_of(a)) for a in action.authorities]
        ),
        actors=frozenset(ActorRef(a.id, a.role, a.quote, source_of(a)) for a in action.actors),
        officials=frozenset(
            OfficialRef(o.id, o.title, o.organisation, o.quote, source_of(o)) for o in action.officials
        ),
    )
