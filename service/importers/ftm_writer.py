"""Writing the drafts of `import ftm` a batch at a time, in the caller's transaction: their actors (put_actor),
sources (put_row), authorities (created when absent) and actions (put_actions). Records that exist already and
that no FtM import created (curated or listed data under the same ids) are left as they are."""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, CitationRef, put_actions
from service.actors.writes import WeakAlias, put_actor
from service.folding import fold
from service.importers.entries import ImportReport
from service.importers.ftm_drafts import MAX_NAME, ActorData, Draft, bounded_slug
from service.importers.writer import ensure_authority
from service.models import Action, Actor, ActorAlias, Authority, Base, Change, ChangeSet, Source
from service.vocabulary import ActorKind, AuthorityKind, Operation
from service.writes import put_row

WHO = "import ftm"
KEPT = "kept"  # an existing record this import did not create: left as it is
AUTHORITY_PREFIX: dict[str, str] = {
    AuthorityKind.un_resolution: "unscr",
    AuthorityKind.executive_order: "us-eo",
    AuthorityKind.sanctions_program: "program",
    AuthorityKind.regime: "regime",
}


@dataclass
class Stored:
    existing: set[str]
    created: set[str]
    kept: set[str]
    dates: dict[str, tuple[date, str | None]]


class FtmWriter:
    def __init__(self, session: Session, report: ImportReport):
        self.session, self.report = session, report
        self._authorities: dict[tuple[str, str], str] = {}
        self._actors_written: set[str] = set()

    def write(self, drafts: list[Draft]) -> None:
        if not drafts:
            return
        session = self.session
        actions = self._protect("action", Action, [d.record.id for d in drafts])
        wanted = [d for d in drafts if d.record.id not in actions.kept]
        if len(wanted) < len(drafts):
            self.report.count("actions", KEPT, len(drafts) - len(wanted))
        self._write_actors([actor for draft in wanted for actor in draft.actors])
        records = []
        for draft in wanted:
            records.append(self._record(draft, actions))
            self.report.count("sources", put_row(session, Source, "source", draft.source_id, draft.source))
            self.report.selected += 1
        session.flush()
        for outcome, n in put_actions(session, records).items():
            self.report.counts.setdefault("actions", Counter())[str(outcome)] += n
        session.flush()
        session.expunge_all()  # what is flushed is in the database: memory stays flat

    def imposer(self, authority: str | None, country: str | None) -> tuple[str, str]:
        """(id, name) of the actor that imposes a Sanction: the body named `authority` (of `country`, where
        given), or else the state of `country`; found among the actors, or created."""
        if authority:
            found = self._named_body(authority, country)
            if found:
                return found
            name = authority[:MAX_NAME]
            actor_id = f"ftm-authority-{bounded_slug(authority)}" + (f"-{country.lower()}" if country else "")
            kind = ActorKind.body
        else:
            assert country is not None  # an imposer is an authority, a country or both
            found = self.session.execute(
                select(Actor.id, Actor.name)
                .where(Actor.kind == ActorKind.state, Actor.country == country)
                .order_by(Actor.id)
            ).first()
            if found:
                return found.id, found.name
            from followthemoney.types import registry

            name = registry.country.caption(country.lower()) or country
            actor_id, kind = f"state-{country.lower()}", ActorKind.state
        if self.session.get(Actor, actor_id) is None:
            outcome = put_actor(self.session, actor_id, name=name, kind=kind, country=country, aliases=[])
            self.report.count("actors", outcome)
        stored = self.session.get(Actor, actor_id)
        assert stored is not None  # found, or put just now
        return actor_id, stored.name

    def _named_body(self, authority: str, country: str | None) -> tuple[str, str] | None:
        """A body or state known by this name (of this country, or of none)."""
        folded = fold(authority[:MAX_NAME])
        if not folded:
            return None
        named = union(
            select(Actor.id).where(Actor.search_key == folded),
            select(ActorAlias.actor_id).where(ActorAlias.search_key == folded),
        ).subquery()
        query = select(Actor.id, Actor.name).where(
            Actor.id.in_(select(named.c[0])), Actor.kind.in_([ActorKind.body, ActorKind.state])
        )
        if country:
            query = query.where((Actor.country == country) | Actor.country.is_(None))
        found = self.session.execute(query.order_by(Actor.id)).first()
        return (found.id, found.name) if found else None

    def _write_actors(self, actors: list[ActorData]) -> None:
        """The actors of a batch not written yet by this import, except those it finds and did not create."""
        new = [a for a in actors if not a.stored_only and a.id not in self._actors_written]
        kept = self._protect("actor", Actor, list(dict.fromkeys(a.id for a in new))).kept
        with self.session.no_autoflush:
            for actor in new:
                if actor.id in self._actors_written:
                    continue
                self._actors_written.add(actor.id)
                if actor.id in kept:
                    self.report.count("actors", KEPT)
                    continue
                outcome = put_actor(
                    self.session,
                    actor.id,
                    name=actor.name,
                    kind=actor.kind,
                    country=actor.country,
                    aliases=actor.aliases,
                    identifiers=list(actor.identifiers.values()),
                    addresses=list(actor.addresses.values()),
                    weak_aliases=[WeakAlias(alias) for alias in actor.weak_aliases],
                )
                self.report.count("actors", outcome)

    def _record(self, draft: Draft, actions: Stored) -> ActionRecord:
        """The draft's action with its authorities' ids; an undated one keeps the date it was first given."""
        for kind, code, title in draft.authorities:
            self._authority(kind, code, title)
        record = draft.record
        if draft.undated and record.id in actions.dates:
            day, words = actions.dates[record.id]
            record = ActionRecord(**{**vars(record), "date": day, "date_text": words})
        citations = frozenset(
            CitationRef(self._authorities[_kind_and_code(c.authority_id)], c.relation, c.quote, c.source_id)
            for c in record.citations
        )
        return ActionRecord(**{**vars(record), "citations": citations})

    def _authority(self, kind: str, code: str, title: str | None) -> str:
        """The authority of this kind and code, created when absent (never changed when present)."""
        key = (kind, code)
        if key not in self._authorities:
            id = f"{AUTHORITY_PREFIX[kind]}-{bounded_slug(code)}"
            found = self.session.get(Authority, id)
            if found is not None and (found.kind, found.code) != key:
                id = f"{id}-{hashlib.sha1(f'{kind}:{code}'.encode()).hexdigest()[:8]}"
            values = {
                "kind": kind,
                "code": code,
                "number": int(code) if kind == AuthorityKind.un_resolution and code.isdigit() else None,
                "title": title,
            }
            self._authorities[key] = ensure_authority(self.session, self.report, id, values)
        return self._authorities[key]

    def _protect(self, entity: str, model: type[Base], ids: list[str]) -> Stored:
        """Which of these records exist, and which of those no FtM import created (left as they are)."""
        existing: set[str] = set()
        created: set[str] = set()
        dates: dict[str, tuple[date, str | None]] = {}
        if ids and model is Action:
            for row in self.session.execute(select(Action.id, Action.date, Action.date_text).where(Action.id.in_(ids))):
                existing.add(row.id)
                dates[row.id] = (row.date, row.date_text)
        elif ids:
            id_column: Any = model.id  # type: ignore[attr-defined]  # every model of a record has one
            existing = set(self.session.scalars(select(id_column).where(id_column.in_(ids))))
        if existing:
            created = set(
                self.session.scalars(
                    select(Change.entity_id)
                    .join(ChangeSet, ChangeSet.id == Change.set_id)
                    .where(
                        Change.entity == entity,
                        Change.entity_id.in_(existing),
                        Change.operation == Operation.create,
                        ChangeSet.who == WHO,
                    )
                )
            )
        return Stored(existing, created, existing - created, dates)


def _kind_and_code(authority: str) -> tuple[str, str]:
    """The (kind, code) of a draft's citation, which names its authority `kind:code`."""
    kind, _, code = authority.partition(":")
    return kind, code
