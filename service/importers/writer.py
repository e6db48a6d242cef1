"""Writing list entries: each one a target actor, a source document (the entry's own text) and a designation
action that quotes it; entries a newer list no longer has become delisting actions.

Every write goes through put_actor, put_actions (put_action for what exists, multi-row inserts for what is new)
and put_row, which skip what is unchanged and record each change. Entries are written in batches whose stored
records are read in a few queries first; the caller holds the one transaction and commits (or rolls back) once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_action, put_actions
from service.actors.writes import put_actor
from service.importers.entries import REMOVED, Entry, ImportFailure, ImportReport, sha256_of
from service.models import Action, ActionSource, Actor, Authority, ListEntry, Source
from service.models.vocabulary import ActionStatus, ActionType, DatePrecision, ListingStatus, Relation, Role
from service.writes import Outcome, put_row

BATCH = 250


@dataclass(frozen=True)
class Body:
    """The body that keeps a list: the imposer of its designations. Created if absent, never overwritten."""

    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ListKind:
    """What differs between lists: names, the keeper, and how a regime code becomes an authority."""

    name: str  # SanctionsList value
    label: str  # 'UN Security Council Consolidated List'
    publisher: str
    url: str
    keeper: Body
    main_file: str  # what the removal notices call the file whose digest they give: 'XML file', 'sdn.csv'
    authority: Callable[[Session, str, ImportReport], str]  # regime code -> authority id, created if absent
    designation_title: Callable[[Entry], str]


class Scope:
    """The regimes (UN list types) or programs (OFAC tags) an import covers; None: all of them."""

    def __init__(self, codes: Iterable[str] | None):
        codes = None if codes is None else {code.strip().casefold() for code in codes}
        self.codes = None if not codes or "all" in codes else frozenset(codes)

    def covers(self, regimes: Iterable[str]) -> bool:
        return self.codes is None or any(regime.casefold() in self.codes for regime in regimes)

    def __str__(self) -> str:
        return "all" if self.codes is None else ", ".join(sorted(self.codes))


def ensure_authority(session: Session, report: ImportReport, id: str, values: dict) -> str:
    """The id of the authority of this kind and code, creating it (as `id`) when there is none."""
    found = session.scalar(
        select(Authority.id).where(Authority.kind == values["kind"], Authority.code == values["code"])
    )
    if found:
        return found
    report.count("authorities", put_row(session, Authority, "authority", id, values))
    session.flush()  # programs point at their executive order
    return id


def _designation_id(key: str, day: date) -> str:
    return f"act-{key}-listed-{day.isoformat()}"


@dataclass
class _Stored:
    """A batch's records as the database has them, read in a few queries before the batch is written (the
    actors are held so that the writers find them in the session rather than query them one by one)."""

    actors: list[Actor]
    entries: dict[str, ListEntry]  # by reference
    source_ids: dict[str, str]  # the id each entry's text gets, by entry key
    sources: set[str]  # those of them already stored
    actions: dict[str, Action]  # the designations the entries had or will have
    action_sources: dict[str, set[SourceRef]]

    @classmethod
    def read(cls, session: Session, list_name: str, entries: list[Entry]) -> "_Stored":
        actors = session.scalars(select(Actor).where(Actor.id.in_([e.key for e in entries]))).all()
        references = [e.reference for e in entries]
        stored = {
            row.reference: row
            for row in session.scalars(
                select(ListEntry).where(ListEntry.list_name == list_name, ListEntry.reference.in_(references))
            )
        }
        source_ids = {e.key: f"src-{e.key}-{sha256_of(e.text)[:8]}" for e in entries}
        sources = set(session.scalars(select(Source.id).where(Source.id.in_(source_ids.values()))))
        wanted = [_designation_id(e.key, e.listed_on) for e in entries if e.listed_on]
        wanted += [row.listed_action_id for row in stored.values() if row.listed_action_id]
        actions = {action.id: action for action in session.scalars(select(Action).where(Action.id.in_(wanted)))}
        action_sources: dict[str, set[SourceRef]] = {}
        query = select(ActionSource.action_id, ActionSource.source_id, ActionSource.quote).where(
            ActionSource.action_id.in_(list(actions))
        )
        for action_id, source_id, quote in session.execute(query):
            action_sources.setdefault(action_id, set()).add(SourceRef(source_id, quote))
        return cls(list(actors), stored, source_ids, sources, actions, action_sources)


class ListWriter:
    def __init__(
        self,
        session: Session,
        kind: ListKind,
        scope: Scope,
        report: ImportReport,
        *,
        file: str,
        list_date: date | None,
        today: date,
    ):
        self.session, self.kind, self.scope, self.report = session, kind, scope, report
        self.file, self.list_date, self.today = file, list_date, today
        self._batch: list[Entry] = []
        self._written: set[str] = set()
        self._authorities: dict[str, str] = {}
        self._keeper_ready = False

    def add(self, entry: Entry) -> None:
        self._batch.append(entry)
        if len(self._batch) >= BATCH:
            self._write_batch()

    def finish(self, file_sha256: str) -> ImportReport:
        """Write what is left, then record as delisted every entry in scope that this file no longer has."""
        self._write_batch()
        self.report.file_sha256 = file_sha256
        absent = [
            row
            for row in self.session.execute(
                select(ListEntry.id, ListEntry.reference, ListEntry.regimes, ListEntry.actor_id)
                .where(ListEntry.list_name == self.kind.name, ListEntry.status == ListingStatus.listed)
                .order_by(ListEntry.reference)
                .execution_options(yield_per=1000)  # the list's every entry, in a few rows at a time
            )
            if row.reference not in self._written and self.scope.covers(row.regimes.split())
        ]
        if absent and not self._written:
            raise ImportFailure(
                self.file,
                f"no entry of {self.scope} in the file, which would delist all {len(absent)} of them; "
                "is it the right file?",
            )
        for row in absent:
            self._delist(row, file_sha256)
        return self.report

    def _keeper(self) -> str:
        keeper = self.kind.keeper
        if not self._keeper_ready and self.session.get(Actor, keeper.id) is None:
            outcome = put_actor(
                self.session,
                keeper.id,
                name=keeper.name,
                kind="body",
                country=keeper.country,
                aliases=list(keeper.aliases),
            )
            self.report.count("actors", outcome)
        self._keeper_ready = True
        return keeper.id

    def _authority(self, code: str) -> str:
        if code not in self._authorities:
            self._authorities[code] = self.kind.authority(self.session, code, self.report)
        return self._authorities[code]

    def _write_batch(self) -> None:
        entries, self._batch = self._batch, []
        if not entries:
            return
        session, keeper = self.session, self._keeper()
        stored = _Stored.read(session, self.kind.name, entries)
        # The writers flush where they need to; an autoflush before each of their reads would double the flushes.
        with session.no_autoflush:
            designations = [self._write_target(entry, stored, keeper) for entry in entries]
        session.flush()  # the actors and sources, before the designations point at them
        for outcome, times in put_actions(session, designations).items():
            self.report.count("actions", outcome, times)
        with session.no_autoflush:
            for entry, designation in zip(entries, designations, strict=True):
                values = {
                    "list_name": self.kind.name,
                    "reference": entry.reference,
                    "regimes": " ".join(entry.regimes),
                    "status": ListingStatus.listed,
                    "actor_id": entry.key,
                    "source_id": stored.source_ids[entry.key],
                    "listed_action_id": designation.id,
                    "delisted_action_id": None,
                }
                self.report.count("entries", put_row(session, ListEntry, "list_entry", f"entry-{entry.key}", values))
        session.flush()
        session.expunge_all()  # flushed is in the database: memory stays flat whatever the list's size

    def _write_target(self, entry: Entry, stored: _Stored, keeper: str) -> ActionRecord:
        """Write the entry's actor and source; return its designation, to be written with the batch's."""
        session, source_id = self.session, stored.source_ids[entry.key]
        self._written.add(entry.reference)
        self.report.count(
            "actors",
            put_actor(
                session,
                entry.key,
                name=entry.name,
                kind=entry.kind,
                country=entry.country,
                aliases=list(entry.aliases),
                identifiers=entry.identifiers,
                addresses=entry.addresses,
            ),
        )
        if source_id in stored.sources:
            self.report.count("sources", Outcome.unchanged)  # the same text: the same document, kept as first seen
        else:
            self.report.count("sources", put_row(session, Source, "source", source_id, self._source(entry)))
        action_id, day, date_text = self._listing(entry, stored.entries.get(entry.reference), stored.actions)
        # An entry's earlier texts stay among the designation's sources: each said it was listed.
        sources = {ref for ref in stored.action_sources.get(action_id, ()) if ref.source_id != source_id}
        sources.add(SourceRef(source_id, entry.narrative))
        authorities = {self._authority(code) for code in entry.regimes}
        return ActionRecord(
            id=action_id,
            type=ActionType.designation,
            status=ActionStatus.published,
            title=self.kind.designation_title(entry),
            summary=None,
            date=day,
            date_precision=DatePrecision.day,
            date_text=date_text,
            sources=frozenset(sources),
            citations=frozenset(
                CitationRef(authority, Relation.regime, entry.regime_quote, source_id) for authority in authorities
            ),
            actors=frozenset(
                {
                    ActorRef(entry.key, Role.target, entry.name_quote, source_id),
                    ActorRef(keeper, Role.imposer, entry.list_quote, source_id),
                }
            ),
        )

    def _source(self, entry: Entry) -> dict:
        return {
            "url": self.kind.url,
            "publisher": self.kind.publisher,
            "title": entry.title,
            "published_on": self.list_date,
            "text": entry.text,
            "sha256": sha256_of(entry.text),
        }

    def _listing(self, entry: Entry, previous: ListEntry | None, actions: dict[str, Action]) -> tuple[str, date, str]:
        """The designation's id, date and date words: the list's listing date where it gives one; else the date of
        the list (or of the import) that first had the entry, kept on every later import."""
        if entry.listed_on:
            return _designation_id(entry.key, entry.listed_on), entry.listed_on, entry.listed_on_text
        if previous and previous.status == ListingStatus.listed and previous.listed_action_id in actions:
            action = actions[previous.listed_action_id]
            return action.id, action.date, action.date_text
        if self.list_date:
            day, words = (
                self.list_date,
                f"not given by the list; the entry is on the {self.kind.label} of {self.list_date}",
            )
        else:
            day = self.today
            words = f"not given by the list, nor the list's date; the entry was on the list imported on {self.today}"
        return _designation_id(entry.key, day), day, words

    def _delist(self, row, file_sha256: str) -> None:
        session, label = self.session, self.kind.label
        name = session.get(Actor, row.actor_id).name
        day = self.list_date or self.today
        which = f"of {self.list_date}" if self.list_date else f"read on {self.today} (the list gives no date)"
        text = (
            f"{row.reference} ({name}) was on the {label} as last imported, and is not on the {label} {which}, "
            f"whose {self.kind.main_file} has the SHA-256 {file_sha256}."
        )
        source_id = f"src-{row.actor_id}-removed-{sha256_of(text)[:8]}"
        values = {
            "url": self.kind.url,
            "publisher": "sanctions-tracker import (a comparison of two imports of the list)",
            "title": f"{row.reference} no longer on the {label}",
            "published_on": self.list_date,
            "text": text,
            "sha256": sha256_of(text),
        }
        self.report.count("sources", put_row(session, Source, "source", source_id, values))
        action_id = f"act-{row.actor_id}-delisted-{day.isoformat()}"
        record = ActionRecord(
            id=action_id,
            type=ActionType.delisting,
            status=ActionStatus.published,
            title=f"{name} ({row.reference}) no longer on the {label}",
            summary=None,
            date=day,
            date_precision=DatePrecision.day,
            date_text=f"the {label} {which} no longer has the entry",
            sources=frozenset({SourceRef(source_id, text)}),
            citations=frozenset(
                CitationRef(self._authority(code), Relation.regime, text, source_id)
                for code in set(row.regimes.split())
            ),
            actors=frozenset(
                {
                    ActorRef(row.actor_id, Role.target, text, source_id),
                    ActorRef(self._keeper(), Role.imposer, text, source_id),
                }
            ),
        )
        self.report.count("actions", put_action(session, record))
        entry = session.get(ListEntry, row.id)
        values = {
            column: getattr(entry, column)
            for column in ("list_name", "reference", "regimes", "actor_id", "source_id", "listed_action_id")
        }
        put_row(
            session,
            ListEntry,
            "list_entry",
            row.id,
            values | {"status": ListingStatus.delisted, "delisted_action_id": action_id},
        )
        self.report.count("entries", REMOVED)
