"""Actions as FollowTheMoney entities (JSON lines), the shape the sanctions-data ecosystem reads.

Each action is an `Event` (FtM's schema for something that happened on a date, with an organizer and the
parties involved); a designation or delisting that names its targets is also a `Sanction` on them. Each actor
is a `Person`, `Organization`, `PublicBody` (states and international bodies), `Vessel` or `Airplane`, with
its aliases, identifiers (native properties such as `imoNumber`, and an `Identification` or `Passport` per
identifier of a person or organisation) and addresses. Each role is an `UnknownLink` from the actor to the
Event carrying the role and its quote; each source an `Article` (the document, text included) that the
entities cite as `proof`. docs/export.md gives the whole mapping and the reasons for it.

Ids are ours under a prefix (`tracker-action-act-2024-…`), so they are stable across runs and the import
finds our records again; links get a digest of what they join.
"""

import base64
import binascii
import hashlib
import json
import re
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.schemas import ActionOut
from service.importers.countries import COUNTRY_CODES, country_code
from service.models import ActorAddress, ActorAlias, ActorIdentifier, ActorWeakAlias, Official, Source
from service.vocabulary import ActionType, ActorKind, AuthorityKind, DatePrecision, IdentifierScheme, Role

NAMESPACE = "tracker"
# FtM's entity id pattern: ids of ours outside it are written base32-encoded, under a kind ending in "x".
_SAFE_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")

SCHEMA_OF_KIND = {
    ActorKind.person: "Person",
    ActorKind.organization: "Organization",
    ActorKind.state: "PublicBody",
    ActorKind.body: "PublicBody",
    ActorKind.vessel: "Vessel",
    ActorKind.aircraft: "Airplane",
}
# PublicBody stands for both; the topic tells a state's government from an international body.
TOPIC_OF_KIND = {ActorKind.state: "gov.national", ActorKind.body: "gov.igo"}
# Kinds that FtM counts as legal entities: the range of Event:organizer, Event:involved, Identification:holder.
LEGAL_ENTITY_KINDS = {ActorKind.person, ActorKind.organization, ActorKind.state, ActorKind.body}
# Identifiers that have a property of their own on the actor's schema (what screening tools match on).
NATIVE_IDENTIFIERS = {
    "Vessel": {
        IdentifierScheme.imo: "imoNumber",
        IdentifierScheme.mmsi: "mmsi",
        IdentifierScheme.call_sign: "callSign",
    },
    "Organization": {IdentifierScheme.imo: "imoNumber", IdentifierScheme.national_id: "idNumber"},
    "PublicBody": {IdentifierScheme.imo: "imoNumber", IdentifierScheme.national_id: "idNumber"},
    "Person": {IdentifierScheme.passport: "passportNumber", IdentifierScheme.national_id: "idNumber"},
}
SANCTION_TYPES = {ActionType.designation, ActionType.delisting}
PROGRAM_ID_MAX = 64  # FtM's limit on Sanction:programId
OFFICIAL_ROLE = "announced"
WINDOW = 10_000  # actors, sources and officials remembered as written, so that each is written once


def entity_id(kind: str, record_id: str) -> str:
    """The FtM id of one of our records (kind: action, sanction, actor, source, official)."""
    if _SAFE_ID.match(record_id):
        return f"{NAMESPACE}-{kind}-{record_id}"
    encoded = base64.b32encode(record_id.encode()).decode().rstrip("=").lower()
    return f"{NAMESPACE}-{kind}x-{encoded}"


def record_id(kind: str, ftm_id: str) -> str | None:
    """Our id behind an FtM id that entity_id(kind, …) made; None for any other id."""
    plain, encoded = f"{NAMESPACE}-{kind}-", f"{NAMESPACE}-{kind}x-"
    if ftm_id.startswith(plain):
        return ftm_id.removeprefix(plain)
    if ftm_id.startswith(encoded):
        text = ftm_id.removeprefix(encoded).upper()
        try:
            return base64.b32decode(text + "=" * (-len(text) % 8)).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
    return None


def link_id(kind: str, *parts: str) -> str:
    """The id of an entity that joins records (a role, an identifier): a digest of what it joins."""
    return f"{NAMESPACE}-{kind}-" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def ftm_date(day: date, precision: str) -> str:
    """FtM dates are ISO prefixes: a month is written 2024-03, a year 2024."""
    if precision == DatePrecision.year:
        return f"{day.year:04d}"
    if precision == DatePrecision.month:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def program_id(relation: str, kind: str, code: str) -> str | None:
    """How a citation is written in `programId`: relation, authority kind and code, which the import reads
    back; None when that would pass FtM's length limit."""
    value = f"{relation}:{kind}:{code}"
    return value if len(value) <= PROGRAM_ID_MAX else None


def program_label(kind: str, code: str, symbol: str | None, title: str | None) -> str:
    if symbol:
        return symbol
    if title:
        return title
    if kind == AuthorityKind.un_resolution:
        return f"UN Security Council resolution {code}"
    if kind == AuthorityKind.executive_order:
        return f"Executive Order {code}"
    return code


def entity(id: str, schema: str, properties: Mapping[str, Iterable[object]]) -> dict[str, Any]:
    """An entity as FtM stores it: each value a string trimmed of surrounding whitespace, empty and missing
    values left out, no repeats."""
    cleaned = {}
    for name, values in properties.items():
        kept = list(dict.fromkeys(text for value in values if value is not None and (text := str(value).strip())))
        if kept:
            cleaned[name] = kept
    return {"id": id, "schema": schema, "properties": cleaned}


class Window:
    """The most recently written keys, up to a bound: memory stays flat; a key written long ago is written
    again (FtM readers merge fragments of one id, as `ftm aggregate` does)."""

    def __init__(self, size: int):
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def first_time(self, key: str) -> bool:
        if key in self._keys:
            self._keys.move_to_end(key)
            return False
        self._keys[key] = None
        if len(self._keys) > self.size:
            self._keys.popitem(last=False)
        return True


class FtmWriter:
    """Turns pages of actions into entities; reads the actors', sources' and officials' details a page at a time."""

    def __init__(self, session: Session, window: int = WINDOW):
        self.session = session
        self.seen = Window(window)

    def country(self, text: str | None) -> str | None:
        """FtM's country code (ISO 3166-1 alpha-2 in lower case) for an ISO code or a country's name as the lists
        write it; None when unknown: a country is never guessed."""
        if not text:
            return None
        code = text if text in COUNTRY_CODES else country_code(text)
        return code.lower() if code else None

    def page(self, actions: list[ActionOut]) -> list[dict]:
        actors = {a.id: a for action in actions for a in action.actors}
        # In the page's order (not a set's): the same database gives the same bytes on every run.
        sources = dict.fromkeys(s.id for action in actions for s in action.sources)
        officials = dict.fromkeys(o.id for action in actions for o in action.officials)
        new_actors = [id for id in actors if self.seen.first_time("actor:" + id)]
        new_sources = [id for id in sources if self.seen.first_time("source:" + id)]
        new_officials = [id for id in officials if self.seen.first_time("official:" + id)]
        entities = self._actors(actors, new_actors) + self._sources(new_sources) + self._officials(new_officials)
        un_references = self._un_references(
            {
                a.id
                for action in actions
                if action.type in SANCTION_TYPES
                for a in action.actors
                if a.role == Role.target
            }
        )
        for action in actions:
            entities.extend(self.action(action, un_references))
        return entities

    def action(self, action: ActionOut, un_references: dict[str, list[str]]) -> list[dict]:
        """The action's Event, its Sanction (a designation or delisting with targets), and a link per actor and
        per named official."""
        day = ftm_date(action.date, action.date_precision)
        proof = {s.id: entity_id("source", s.id) for s in action.sources}
        # (kind, code, symbol, title, relation)
        citations: list[tuple[str, str, str | None, str | None, str]] = [
            ("un_resolution", str(r.number), r.symbol, None, r.relation) for r in action.resolutions
        ]
        citations += [(a.kind, a.code, None, a.title, a.relation) for a in action.authorities]
        programs: dict[str, list] = {
            "program": [program_label(kind, code, symbol, title) for kind, code, symbol, title, _ in citations],
            "programId": [program_id(relation, kind, code) for kind, code, _, _, relation in citations],
        }
        common: dict[str, list] = {
            "sourceUrl": [s.url for s in action.sources],
            "publisher": [s.publisher for s in action.sources],
            "proof": list(proof.values()),
            "recordId": [action.id],
        }
        found = [_event(action, day, programs | common)]
        targets = [a for a in action.actors if a.role == Role.target]
        if action.type in SANCTION_TYPES and targets:
            found.append(self._sanction(action, targets, day, programs | common, un_references))
        for actor in action.actors:
            role = {"role": [actor.role], "description": [actor.quote], "proof": [proof.get(actor.source_id)]}
            found.append(_link("role", action, entity_id("actor", actor.id), actor.id, day, role))
        for official in action.officials:
            if not official.name:
                continue  # FtM has no person without a name: an unnamed spokesperson is left out
            spoke = {
                "role": [OFFICIAL_ROLE],
                "summary": [", ".join(part for part in (official.title, official.organisation) if part)],
                "description": [official.quote],
                "proof": [proof.get(official.source_id)],
            }
            found.append(_link("announced", action, entity_id("official", official.id), official.id, day, spoke))
        return found

    def _sanction(
        self, action: ActionOut, targets: list, day: str | None, shared: dict, un_references: dict[str, list[str]]
    ) -> dict:
        imposers = [a for a in action.actors if a.role == Role.imposer]
        listed = "startDate" if action.type == ActionType.designation else "endDate"
        properties: dict[str, list] = {
            "entity": [entity_id("actor", a.id) for a in targets],
            "authority": [a.name for a in imposers],
            "country": [self.country(a.country) for a in imposers],
            "reason": [s.quote for s in action.sources],
            "summary": [action.title],
            "description": [action.summary],
            listed: [day],
            "listingDate": [day] if action.type == ActionType.designation else [],
            "unscId": [ref for a in targets for ref in un_references.get(a.id, [])],
        }
        return entity(entity_id("sanction", action.id), "Sanction", properties | shared)

    def _un_references(self, ids: set[str]) -> dict[str, list[str]]:
        """The UN list references of the page's targets: a Sanction's `unscId`."""
        found: dict[str, list[str]] = defaultdict(list)
        if ids:
            query = (
                select(ActorIdentifier.actor_id, ActorIdentifier.value)
                .where(ActorIdentifier.actor_id.in_(ids), ActorIdentifier.scheme == IdentifierScheme.un_reference)
                .order_by(ActorIdentifier.value)
            )
            for actor_id, value in self.session.execute(query):
                found[actor_id].append(value)
        return found

    def _actors(self, actors: dict, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        aliases, weak_aliases = self._aliases(ActorAlias, ids), self._aliases(ActorWeakAlias, ids)
        identifiers, addresses = defaultdict(list), defaultdict(list)
        for row in self.session.execute(
            select(ActorIdentifier.__table__)
            .where(ActorIdentifier.actor_id.in_(ids))
            .order_by(ActorIdentifier.scheme, ActorIdentifier.value)
        ):
            identifiers[row.actor_id].append(row)
        for row in self.session.execute(
            select(ActorAddress.__table__).where(ActorAddress.actor_id.in_(ids)).order_by(ActorAddress.address)
        ):
            addresses[row.actor_id].append(row)
        found = []
        for id in ids:
            found.extend(self._actor(actors[id], aliases[id], weak_aliases[id], identifiers[id], addresses[id]))
        return found

    def _aliases(self, model: type[ActorAlias | ActorWeakAlias], ids: list[str]) -> dict[str, list[str]]:
        aliases = defaultdict(list)
        query = select(model.actor_id, model.alias).where(model.actor_id.in_(ids)).order_by(model.alias)
        for actor_id, alias in self.session.execute(query):
            aliases[actor_id].append(alias)
        return aliases

    def _actor(
        self, actor, aliases: list[str], weak_aliases: list[str], identifiers: list, addresses: list
    ) -> list[dict]:
        schema = SCHEMA_OF_KIND[actor.kind]
        holder = entity_id("actor", actor.id)
        natives: dict[str, list[str]] = defaultdict(list)
        for identifier in identifiers:
            native = NATIVE_IDENTIFIERS.get(schema, {}).get(identifier.scheme)
            if native:
                # FtM writes an IMO number with its prefix (IMO8660313); the lists, and we, write the digits.
                imo = native == "imoNumber" and identifier.value.isdigit()
                natives[native].append(f"IMO{identifier.value}" if imo else identifier.value)
        found = [
            entity(
                holder,
                schema,
                {
                    "name": [actor.name],
                    "alias": aliases,
                    "weakAlias": weak_aliases,
                    "country": [self.country(actor.country)],
                    "topics": [TOPIC_OF_KIND.get(actor.kind)],
                    "address": [a.address for a in addresses],
                }
                | natives,
            )
        ]
        if actor.kind in LEGAL_ENTITY_KINDS:
            # Each identifier also as an entity of its own: its scheme, issuing country and note survive.
            for identifier in identifiers:
                passport = identifier.scheme == IdentifierScheme.passport and actor.kind == ActorKind.person
                found.append(
                    entity(
                        link_id("identification", actor.id, identifier.scheme, identifier.value),
                        "Passport" if passport else "Identification",
                        {
                            "holder": [holder],
                            "number": [identifier.value],
                            "type": [identifier.scheme],
                            "country": [self.country(identifier.country)],
                            "authority": [identifier.country],
                            "description": [identifier.note],
                        },
                    )
                )
        return found

    def _sources(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        columns = (Source.id, Source.url, Source.publisher, Source.title, Source.published_on, Source.text)
        rows = self.session.execute(select(*columns).where(Source.id.in_(ids)).order_by(Source.id))
        return [
            entity(
                entity_id("source", row.id),
                "Article",
                {
                    "title": [row.title],
                    "sourceUrl": [row.url],
                    "publisher": [row.publisher],
                    "publishedAt": [row.published_on.isoformat() if row.published_on else None],
                    "bodyText": [row.text],
                },
            )
            for row in rows
        ]

    def _officials(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        columns = (Official.id, Official.name, Official.title, Official.country)
        rows = self.session.execute(select(*columns).where(Official.id.in_(ids), Official.name.is_not(None)))
        return [
            entity(
                entity_id("official", row.id),
                "Person",
                {"name": [row.name], "position": [row.title], "country": [self.country(row.country)]},
            )
            for row in sorted(rows, key=lambda row: row.id)
        ]


def ftm_chunks(session: Session, pages: Iterable[list[ActionOut]]) -> Iterator[str]:
    """The export as JSON lines, a page of actions (and its entities) per chunk."""
    writer = FtmWriter(session)
    for actions in pages:
        yield "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in writer.page(actions))


def _event(action: ActionOut, day: str | None, shared: dict) -> dict:
    legal = [a for a in action.actors if a.kind in LEGAL_ENTITY_KINDS]
    properties: dict[str, list] = {
        "name": [action.title],
        "description": [action.summary],
        "date": [day],
        "keywords": [action.type] + (["draft"] if action.status == "draft" else []),
        "organizer": [entity_id("actor", a.id) for a in legal if a.role == Role.imposer],
        "involved": [entity_id("actor", a.id) for a in legal if a.role != Role.imposer],
    }
    return entity(entity_id("action", action.id), "Event", properties | shared)


def _link(kind: str, action: ActionOut, subject: str, subject_id: str, day: str | None, properties: dict) -> dict:
    """An UnknownLink from an actor or official (`subject`) to the action's Event."""
    event: dict[str, list] = {"subject": [subject], "object": [entity_id("action", action.id)], "date": [day]}
    return entity(link_id(kind, action.id, subject_id), "UnknownLink", event | properties)
