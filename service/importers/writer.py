"""Writing list entries: each one a target actor, a source document (the entry's own text) and a designation
action that quotes it; entries a newer list no longer has become delisting actions.

Entries are written in batches: a batch's stored records and links are read in a few `IN` queries, compared in
memory, and only what changed is written, with multi-row statements (put_actors, put_rows, put_actions), each
write recorded in the change feed: an unchanged re-import runs a few reads a batch and writes nothing. The caller
holds the one transaction and commits (or rolls back) once.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_actions
from service.actors.resolution import resolve
from service.actors.writes import put_actor, put_actors
from service.importers.entries import REMOVED, Entry, ImportFailure, ImportReport
from service.models import Action, ActionSource, Actor, Authority, ListEntry, ListImport, Quote, Source
from service.sources.service import sha256_of
from service.vocabulary import ActionStatus, ActionType, DatePrecision, ListingStatus, Relation, Role
from service.writes import Outcome, among, plan_for_each_batch, put_row, put_rows

# A batch is written when it has this many entries or this many characters of their texts, whichever comes
# first: few enough statements per entry that a database across a network keeps up, and memory bounded by the
# batch whatever the list's size.
BATCH = 250
BATCH_TEXT = 128_000


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


class Coverage:
    """The regimes (UN list types) or programs (OFAC tags) an import covers; None: all of them."""

    def __init__(self, codes: Iterable[str] | None):
        codes = None if codes is None else {code.strip().casefold() for code in codes}
        self.codes = None if not codes or "all" in codes else frozenset(codes)

    def covers(self, regimes: Iterable[str]) -> bool:
        return self.codes is None or any(regime.casefold() in self.codes for regime in regimes)

    def __str__(self) -> str:
        return "all" if self.codes is None else ", ".join(sorted(self.codes))


def ensure_authority(session: Session, report: ImportReport, id: str, values: dict[str, Any]) -> str:
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


def check_list_date(session: Session, kind: ListKind, file: str, list_date: date | None, force: bool) -> date:
    """The list's date. A list without one is refused, and so is one older than the list last imported from the
    same source (unless forced): its delistings would be dated before the listings they end."""
    if list_date is None:
        raise ImportFailure(file, "the file gives no date: say which day the list is of with --list-date YYYY-MM-DD")
    last = session.scalar(select(ListImport.list_date).where(ListImport.list_name == kind.name))
    if last is not None and list_date < last and not force:
        raise ImportFailure(
            file,
            f"this list is of {list_date}, older than the {kind.label} of {last} imported last; "
            "--force imports it anyway",
        )
    return list_date


@dataclass
class _Stored:
    """What a batch's entries had in the database before, read in four queries: their list entries, which of
    their texts are stored, and their designations (date, words and sources)."""

    entries: dict[str, Row]  # by reference
    source_ids: dict[str, str]  # the id each entry's text gets, by entry key
    sources: set[str]  # those of them already stored
    actions: dict[str, Row]  # the designations the entries had or will have: id, date, date_text
    action_sources: dict[str, set[SourceRef]]

    @classmethod
    def read(cls, session: Session, list_name: str, entries: list[Entry]) -> "_Stored":
        stored = {
            row.reference: row
            for row in session.execute(
                select(ListEntry.reference, ListEntry.status, ListEntry.listed_action_id).where(
                    ListEntry.list_name == list_name,
                    among(session, ListEntry.reference, [e.reference for e in entries]),
                )
            )
        }
        source_ids = {e.key: f"src-{e.key}-{sha256_of(e.text)[:8]}" for e in entries}
        sources = set(session.scalars(select(Source.id).where(among(session, Source.id, source_ids.values()))))
        wanted = [_designation_id(e.key, e.listed_on) for e in entries if e.listed_on]
        wanted += [row.listed_action_id for row in stored.values() if row.listed_action_id]
        # An empty IN is still a query: skipped, as for entries that are all new.
        actions = {
            row.id: row
            for row in (
                session.execute(
                    select(Action.id, Action.date, Action.date_text).where(among(session, Action.id, wanted))
                )
                if wanted
                else ()
            )
        }
        action_sources: dict[str, set[SourceRef]] = {}
        query = (
            select(ActionSource.action_id, ActionSource.source_id, Quote.text)
            .join(Quote, (Quote.source_id == ActionSource.source_id) & (Quote.id == ActionSource.quote_id))
            .where(among(session, ActionSource.action_id, actions))
        )
        for action_id, source_id, quote in session.execute(query) if actions else ():
            action_sources.setdefault(action_id, set()).add(SourceRef(source_id, quote))
        return cls(stored, source_ids, sources, actions, action_sources)


class ListWriter:
    """Writes a list's entries a batch at a time, in the caller's transaction: a batch's stored records are read
    in a few queries, compared in memory, and only what changed is written (put_actors, put_rows, put_actions)."""

    def __init__(
        self, session: Session, kind: ListKind, coverage: Coverage, report: ImportReport, *, file: str, list_date: date
    ):
        self.session, self.kind, self.coverage, self.report = session, kind, coverage, report
        self.file, self.list_date = file, list_date
        plan_for_each_batch(session)
        self._batch: list[Entry] = []
        self._batch_text = 0
        self._written: set[str] = set()
        self._authorities: dict[str, str] = {}
        self._keeper_ready = False

    def add(self, entry: Entry) -> None:
        self._batch.append(entry)
        self._batch_text += len(entry.text)
        if len(self._batch) >= BATCH or self._batch_text >= BATCH_TEXT:
            self._write_batch()

    def finish(self, file_sha256: str) -> ImportReport:
        """Write what is left, record as delisted every entry in coverage that this file no longer has, merge the
        actors that strong evidence shows to be one party (service/actors/resolution.py), and record the list's
        date as the last imported."""
        self._write_batch()
        self.report.file_sha256 = file_sha256
        absent = [
            row
            for row in self.session.execute(
                select(ListEntry.id, ListEntry.reference, ListEntry.regimes, ListEntry.actor_id, ListEntry.source_id)
                .add_columns(ListEntry.listed_action_id, Actor.name)
                .join(Actor, Actor.id == ListEntry.actor_id)
                .where(ListEntry.list_name == self.kind.name, ListEntry.status == ListingStatus.listed)
                .order_by(ListEntry.reference)
                .execution_options(yield_per=1000)  # the list's every entry, in a few rows at a time
            )
            if row.reference not in self._written and self.coverage.covers(row.regimes.split())
        ]
        if absent and not self._written:
            raise ImportFailure(
                self.file,
                f"no entry of {self.coverage} in the file, which would delist all {len(absent)} of them; "
                "is it the right file?",
            )
        for start in range(0, len(absent), BATCH):
            self._delist(absent[start : start + BATCH], file_sha256)
        if judged := resolve(self.session):
            self.report.count("judgements", Outcome.added, judged)
        put_rows(
            self.session,
            ListImport,
            "list_import",
            {self.kind.name: {"list_date": self.list_date, "file_sha256": file_sha256}},
        )
        return self.report

    def _tally(self, kind: str, outcomes: Counter) -> None:
        for outcome, times in outcomes.items():
            self.report.count(kind, outcome, times)

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
            self.session.flush()
        self._keeper_ready = True
        return keeper.id

    def _authority(self, code: str) -> str:
        if code not in self._authorities:
            self._authorities[code] = self.kind.authority(self.session, code, self.report)
        return self._authorities[code]

    def _write_batch(self) -> None:
        entries, self._batch, self._batch_text = self._batch, [], 0
        if not entries:
            return
        session, keeper = self.session, self._keeper()
        self._written.update(entry.reference for entry in entries)
        stored = _Stored.read(session, self.kind.name, entries)
        self._tally("actors", put_actors(session, [entry.actor for entry in entries]))
        new_sources = {
            stored.source_ids[e.key]: self._source(e) for e in entries if stored.source_ids[e.key] not in stored.sources
        }
        # A stored text is the same document (its id is its digest's): kept as first seen.
        self.report.count("sources", Outcome.unchanged, len(entries) - len(new_sources))
        self._tally("sources", put_rows(session, Source, "source", new_sources))
        designations = [self._designation(entry, stored, keeper) for entry in entries]
        self._tally("actions", put_actions(session, designations))
        values = {
            f"entry-{entry.key}": {
                "list_name": self.kind.name,
                "reference": entry.reference,
                "regimes": " ".join(entry.regimes),
                "status": ListingStatus.listed,
                "actor_id": entry.key,
                "source_id": stored.source_ids[entry.key],
                "listed_action_id": designation.id,
                "delisted_action_id": None,
            }
            for entry, designation in zip(entries, designations, strict=True)
        }
        self._tally("entries", put_rows(session, ListEntry, "list_entry", values))

    def _designation(self, entry: Entry, stored: _Stored, keeper: str) -> ActionRecord:
        source_id = stored.source_ids[entry.key]
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

    def _listing(self, entry: Entry, previous: Row | None, actions: dict[str, Row]) -> tuple[str, date, str | None]:
        """The designation's id, date and date words: the list's listing date where it gives one; else the date of
        the list that first had the entry, kept on every later import."""
        if entry.listed_on:
            return _designation_id(entry.key, entry.listed_on), entry.listed_on, entry.listed_on_text
        if previous and previous.status == ListingStatus.listed and previous.listed_action_id in actions:
            action = actions[previous.listed_action_id]
            return action.id, action.date, action.date_text
        words = f"not given by the list; the entry is on the {self.kind.label} of {self.list_date}"
        return _designation_id(entry.key, self.list_date), self.list_date, words

    def _delist(self, rows: list[Row], file_sha256: str) -> None:
        """Record each entry as delisted on the list's date: a source that says it is no longer on the list, a
        delisting action quoting it, and the entry marked delisted."""
        label, day, keeper = self.kind.label, self.list_date, self._keeper()
        sources, actions, entries = {}, [], {}
        for row in rows:
            text = (
                f"{row.reference} ({row.name}) was on the {label} as last imported, and is not on the {label} of "
                f"{day}, whose {self.kind.main_file} has the SHA-256 {file_sha256}."
            )
            source_id = f"src-{row.actor_id}-removed-{sha256_of(text)[:8]}"
            sources[source_id] = {
                "url": self.kind.url,
                "publisher": "sanctions-tracker import (a comparison of two imports of the list)",
                "title": f"{row.reference} no longer on the {label}",
                "published_on": day,
                "text": text,
                "sha256": sha256_of(text),
            }
            action_id = f"act-{row.actor_id}-delisted-{day.isoformat()}"
            actions.append(
                ActionRecord(
                    id=action_id,
                    type=ActionType.delisting,
                    status=ActionStatus.published,
                    title=f"{row.name} ({row.reference}) no longer on the {label}",
                    summary=None,
                    date=day,
                    date_precision=DatePrecision.day,
                    date_text=f"the {label} of {day} no longer has the entry",
                    sources=frozenset({SourceRef(source_id, text)}),
                    citations=frozenset(
                        CitationRef(self._authority(code), Relation.regime, text, source_id)
                        for code in set(row.regimes.split())
                    ),
                    actors=frozenset(
                        {
                            ActorRef(row.actor_id, Role.target, text, source_id),
                            ActorRef(keeper, Role.imposer, text, source_id),
                        }
                    ),
                )
            )
            entries[row.id] = {
                "list_name": self.kind.name,
                "reference": row.reference,
                "regimes": row.regimes,
                "status": ListingStatus.delisted,
                "actor_id": row.actor_id,
                "source_id": row.source_id,
                "listed_action_id": row.listed_action_id,
                "delisted_action_id": action_id,
            }
        self._tally("sources", put_rows(self.session, Source, "source", sources))
        self._tally("actions", put_actions(self.session, actions))
        put_rows(self.session, ListEntry, "list_entry", entries)
        self.report.count("entries", REMOVED, len(rows))
