"""The extractor against the database: the known actors it links to, and `ingest`, which files a document
and its draft for review."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.actions.schemas import ActionCreate, ActorLinkIn, OfficialLinkIn, ResolutionLinkIn, SourceLinkIn
from service.actions.service import create_action
from service.actions.validation import first_day, resolution_ids
from service.extraction import Draft, KnownActor, extract
from service.extraction.gazetteer import matcher
from service.models import Action, ActionSource, Actor, ActorAlias, Official, Source
from service.sources.service import sha256_of
from service.versioned import PerDataVersion
from service.vocabulary import ActionStatus, ActorKind, DatePrecision
from service.writes import Outcome, put_row


def known_actors(session: Session) -> list[KnownActor]:
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in session.execute(select(ActorAlias.actor_id, ActorAlias.alias)):
        aliases.setdefault(actor_id, []).append(alias)
    return [
        KnownActor(id=id, name=name, kind=ActorKind(kind), country=country, aliases=aliases.get(id, []))
        for id, name, kind, country in session.execute(select(Actor.id, Actor.name, Actor.kind, Actor.country))
    ]


# The matcher of the known actors' names and the gazetteer's, for the newest version only: about 39 MB at 20,000
# actors.
name_index = PerDataVersion(lambda session: matcher(known_actors(session)))


def draft_of(session: Session, text: str, published_on: date | None, url: str | None) -> Draft:
    return extract(text, published_on=published_on, url=url, names=name_index.get(session))


class CannotIngest(Exception):
    """A document the extractor could not turn into a storable draft (no date anywhere)."""


@dataclass(frozen=True)
class Ingested:
    action_id: str
    outcome: Outcome
    draft: Draft
    source_id: str
    source_existed: bool  # the text was stored already (curated or ingested before): its record is left as it is
    published: list[str]  # the published actions that cite the same source


def ingest(session: Session, path: Path, text: str, published_on: date | None, url: str | None) -> Ingested:
    """Store the document as a source and its draft as an action of status `draft`: never published
    silently. A text stored already keeps its source record as it is (curated data is never edited); the
    published actions that cite it are named in the draft's summary. Only references the database knows are
    linked; the rest is listed in the summary for the reviewer. Ingesting the same text again changes nothing.
    `path` names the document (in messages and the summary); `text` is what it holds."""
    draft = draft_of(session, text, published_on, url)
    digest = sha256_of(text)
    stored = session.scalar(select(Source.id).where(Source.sha256 == digest))
    source_id = stored or f"src-{digest[:16]}"
    published = list(
        session.scalars(
            select(Action.id)
            .join(ActionSource, ActionSource.action_id == Action.id)
            .where(ActionSource.source_id == source_id, Action.status == ActionStatus.published)
            .order_by(Action.id)
        )
    )
    action_id = f"draft-{digest[:16]}"
    if session.get(Action, action_id) is not None:
        return Ingested(action_id, Outcome.unchanged, draft, source_id, stored is not None, published)
    dated = _dated(path, draft, published_on)
    if stored is None:
        values = {"url": url, "publisher": None, "title": _first_line(text), "published_on": published_on}
        put_row(session, Source, "source", source_id, values | {"text": text, "sha256": digest})
        session.flush()
    known = resolution_ids(session, [c.number for c in draft.resolutions])
    summary = _summary(path, draft, _unlinked(draft, known), published)
    create_action(session, _draft_body(session, draft, known, action_id, source_id, text, dated, summary))
    return Ingested(action_id, Outcome.added, draft, source_id, stored is not None, published)


def _dated(path: Path, draft: Draft, published_on: date | None) -> tuple[date, DatePrecision, str | None]:
    """The draft's date, precision and words; the publication date when the text gives none."""
    if draft.date is not None and draft.date_precision is not None:  # the extractor gives both or neither
        return first_day(draft.date, draft.date_precision), draft.date_precision, draft.date_text
    if published_on is None:
        raise CannotIngest(f"{path}: the text gives no date; pass --published YYYY-MM-DD")
    return published_on, DatePrecision.day, None


def _unlinked(draft: Draft, known: dict[int, str]) -> list[str]:
    """What the draft names that the database does not know (`known`: the resolutions it does), for the
    reviewer."""
    return [
        *(f"resolution {c.number}" for c in draft.resolutions if c.number not in known),
        *(f"{a.name} ({a.role})" for a in [*draft.actors, *draft.targets] if a.actor_id is None),
        *(f"{o.title or 'an official'} (unnamed)" for o in draft.officials if o.name is None),
    ]


def _draft_body(
    session: Session,
    draft: Draft,
    known: dict[int, str],
    action_id: str,
    source_id: str,
    text: str,
    dated: tuple[date, DatePrecision, str | None],
    summary: str,
) -> ActionCreate:
    """The draft as an action of status `draft`, linked to what the database knows (`known`: its resolutions)."""
    officials = _official_ids(session, draft)
    day, precision, date_text = dated
    return ActionCreate(
        id=action_id,
        type=draft.type,
        status=ActionStatus.draft,
        title=f"Draft {draft.type.replace('_', ' ')}: {_first_line(text)}"[:500],
        summary=summary,
        date=day,
        date_precision=precision,
        date_text=date_text,
        sources=[SourceLinkIn(id=source_id, quote=draft.type_quote or _first_line(text))],
        resolutions=[
            ResolutionLinkIn(number=c.number, relation=c.relation, quote=c.quote)
            for c in draft.resolutions
            if c.number in known
        ],
        actors=_actor_roles(draft),
        officials=[
            OfficialLinkIn(id=officials[o.name], title=o.title, organisation=o.organisation, quote=o.quote)
            for o in draft.officials
            if o.name is not None
        ],
    )


def _actor_roles(draft: Draft) -> list[ActorLinkIn]:
    roles: dict[str, ActorLinkIn] = {}
    for mention in [*draft.targets, *draft.actors]:
        if mention.actor_id and mention.actor_id not in roles:  # one role per actor: a target first
            roles[mention.actor_id] = ActorLinkIn(id=mention.actor_id, role=mention.role, quote=mention.quote)
    return list(roles.values())


def _official_ids(session: Session, draft: Draft) -> dict[str, str]:
    """The id of each named official: an existing one of that name, or a new record."""
    ids = {}
    for mention in draft.officials:
        if mention.name is None or mention.name in ids:
            continue
        found = session.scalar(select(Official.id).where(func.lower(Official.name) == mention.name.lower()).limit(1))
        if found is None:
            found = f"official-{sha256_of(mention.name.lower())[:16]}"
            values = {
                "name": mention.name,
                "title": mention.title,
                "organisation": mention.organisation,
                "country": None,
            }
            put_row(session, Official, "official", found, values)
        ids[mention.name] = found
    return ids


def _summary(path: Path, draft: Draft, unlinked: list[str], published: list[str]) -> str:
    parts = [f"Proposed by the extractor from {path.name}; review before publishing."]
    if published:
        parts.append(f"Its text is already the source of published action(s) {', '.join(published)}: compare first.")
    if unlinked:
        parts.append("Not linked (unknown to the database): " + "; ".join(unlinked) + ".")
    if draft.warnings:
        parts.append("Extractor warnings: " + " ".join(draft.warnings))
    return " ".join(parts)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:500]
