"""`import ftm`: FollowTheMoney entities (JSON lines) into actions, so that data flows both ways.

Each `Sanction` becomes a designation: its `entity` the target actor (with its names, identifiers and addresses),
its `programId` (or `program`) a `sanctions_program` authority cited as the regime, its `authority` (or its
`country`) the imposer, and the entity's own JSON a source document that every quote is a passage of. The
`Event`s of this tracker's FtM export (ids `tracker-action-…`) come back as the actions they were, with their
roles (the `UnknownLink`s to them) and citations; a Sanction of ours whose Event is in the file adds nothing.

The file is read twice: first every line is parsed and checked against FtM's model and the place of each entity
noted (any problem names the line and field, before anything is written); then the actions are written in
batches through put_actor, put_actions and put_row, in the caller's transaction. Records that exist already and
that no FtM import created (curated or listed data under the same ids) are left as they are.
"""

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_actions
from service.actors.resolution import resolve
from service.actors.search import search_key
from service.actors.writes import Address, Identifier, put_actor
from service.export.ftm import OFFICIAL_ROLE, entity_id, record_id
from service.importers.entries import ImportFailure, ImportReport
from service.importers.writer import ensure_authority
from service.models import Action, Actor, ActorAlias, Authority, Change, ChangeSet, Source
from service.models.vocabulary import (
    ActionStatus,
    ActionType,
    ActorKind,
    AuthorityKind,
    DatePrecision,
    IdentifierScheme,
    Operation,
    Relation,
    Role,
)
from service.writes import acting_as, put_row

WHO = "import ftm"
BATCH = 500
KEPT = "kept"  # an existing record this import did not create: left as it is
# What an entity's source document keeps of its JSON: not the publisher's bookkeeping (last_seen…), which
# changes with every release and would make each re-import change every source.
KEPT_KEYS = ("id", "schema", "caption", "properties", "datasets", "first_seen")
ENTITY_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")
NATIVE_SCHEMES = {
    "imoNumber": IdentifierScheme.imo,
    "mmsi": IdentifierScheme.mmsi,
    "callSign": IdentifierScheme.call_sign,
    "passportNumber": IdentifierScheme.passport,
    "idNumber": IdentifierScheme.national_id,
}
NOT_IDENTITY = {"programId", "wikidataId"}  # identifiers that say nothing about who the actor is
AUTHORITY_PREFIX = {
    AuthorityKind.un_resolution: "unscr",
    AuthorityKind.executive_order: "us-eo",
    AuthorityKind.sanctions_program: "program",
    AuthorityKind.regime: "regime",
}
MAX_NAME, MAX_DETAIL = 500, 200
CHECKED_TYPES = {"entity", "date"}


@dataclass
class ActorData:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    identifiers: dict[tuple[str, str], Identifier] = field(default_factory=dict)
    addresses: dict[str, Address] = field(default_factory=dict)
    stored_only: bool = False  # an actor the file refers to but does not hold: used, never written


@dataclass
class Draft:
    """An action read from the file, with what has to exist before it is written."""

    record: ActionRecord
    source_id: str
    source: dict[str, Any]
    actors: list[ActorData]
    authorities: list[tuple[str, str, str | None]]  # kind, code, title
    undated: bool = False


def canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def passage(properties: dict, name: str) -> str:
    """A property as it reads in canonical(entity): `"program": ["…"]`, a passage of the source's text."""
    return canonical({name: properties[name]})[1:-1]


def short_id(prefix: str, ftm_id: str) -> str:
    """An id of ours made from an FtM id, within our 100 characters."""
    made = f"{prefix}-{ftm_id}"
    return made if len(made) <= 100 else f"{prefix}-{hashlib.sha1(ftm_id.encode()).hexdigest()}"


def slug(text: str) -> str:
    made = re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:12]
    return made if len(made) <= 60 else f"{made[:50]}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


class FtmFile:
    """The file, checked line by line against FtM's model, and where each entity (and its fragments) is."""

    def __init__(self, path: Path):
        from followthemoney import model  # imported here: loading FtM takes seconds

        self.path, self.model = path, model
        self.places: dict[str, list[tuple[int, int]]] = defaultdict(list)  # id -> (offset, line) of each fragment
        self.actions: list[str] = []  # Sanction and Event ids, in file order
        self.holders: dict[str, set[str]] = defaultdict(set)  # actor id -> its Identification/Passport ids
        self.links: dict[str, set[str]] = defaultdict(set)  # Event id -> the UnknownLinks to it
        self.un_references: dict[str, set[str]] = defaultdict(set)  # actor id -> unscId of Sanctions on it alone
        self.counts: dict[str, int] = defaultdict(int)  # entities read, by schema
        self._index()
        self._reader = open(path, "rb")  # noqa: SIM115 - closed by close(), after the import's second pass

    def close(self) -> None:
        self._reader.close()

    def fail(self, message: str, *, line: int | None = None, entity: str | None = None, field: str | None = None):
        return ImportFailure(self.path, message, line=line, entry=entity, field=field)

    def _index(self) -> None:
        offset = 0
        with open(self.path, "rb") as file:
            for number, raw in enumerate(file, start=1):
                here, offset = offset, offset + len(raw)
                if not raw.strip():
                    continue
                data = self._parse(raw, number)
                id, schema = data["id"], data["schema"]
                if not self.places[id]:
                    self.counts[schema] += 1
                    if schema in ("Sanction", "Event"):
                        self.actions.append(id)
                self.places[id].append((here, number))
                properties = data["properties"]
                if schema in ("Identification", "Passport"):
                    for holder in properties.get("holder", []):
                        self.holders[holder].add(id)
                if schema == "UnknownLink":
                    for target in properties.get("object", []):
                        self.links[target].add(id)
                if schema == "Sanction" and len(properties.get("entity", [])) == 1:
                    self.un_references[properties["entity"][0]].update(properties.get("unscId", []))
        if not self.actions:
            raise self.fail("no Sanction entity in the file; is it FollowTheMoney JSON lines?")

    def _parse(self, raw: bytes, number: int) -> dict:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as error:
            raise self.fail(f"not a JSON object: {error}", line=number) from None
        if not isinstance(data, dict):
            raise self.fail("not a JSON object", line=number)
        id = data.get("id")
        if not isinstance(id, str) or not ENTITY_ID.match(id):
            raise self.fail("missing, or not an FtM entity id", line=number, field="id")
        schema = self.model.get(data.get("schema")) if isinstance(data.get("schema"), str) else None
        if schema is None or schema.abstract:
            raise self.fail(
                f"{data.get('schema')!r} is no FtM schema of entities", line=number, entity=id, field="schema"
            )
        properties = data.get("properties", {})
        if not isinstance(properties, dict):
            raise self.fail("not an object", line=number, entity=id, field="properties")
        for name, values in properties.items():
            where = {"line": number, "entity": id, "field": f"properties.{name}"}
            prop = schema.get(name)
            if prop is None:
                raise self.fail(f"no property of the schema {schema.name}", **where)
            if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
                raise self.fail("not a list of strings", **where)
            # Only the values the import reads are held to FtM's parsers: real data has phone numbers and such
            # that a strict check refuses, and those are kept as given, in the source text.
            problem = prop.validate(values) if prop.type.name in CHECKED_TYPES else None
            if problem:
                raise self.fail(str(problem), **where)
        for name in {"Sanction": ["entity"], "Event": ["name"], "UnknownLink": ["subject", "object"]}.get(
            schema.name, []
        ):
            if not properties.get(name):
                raise self.fail(
                    f"required by {schema.name}, and missing", line=number, entity=id, field=f"properties.{name}"
                )
        return data

    def line(self, id: str) -> int:
        return self.places[id][0][1]

    def get(self, id: str) -> dict | None:
        """The entity, its fragments merged (FtM writers may write one id on several lines)."""
        places = self.places.get(id)
        if not places:
            return None
        merged: dict | None = None
        for offset, _ in places:
            self._reader.seek(offset)
            data = json.loads(self._reader.readline())
            data["properties"] = {name: list(dict.fromkeys(v)) for name, v in data.get("properties", {}).items()}
            if merged is None:
                merged = data
                continue
            for name, values in data["properties"].items():
                merged["properties"][name] = list(dict.fromkeys(merged["properties"].get(name, []) + values))
        return merged

    def schema(self, data: dict):
        return self.model.get(data["schema"])


class FtmImport:
    def __init__(self, session: Session, path: Path, today: date):
        self.session, self.file, self.today = session, FtmFile(path), today
        self.report = ImportReport()
        self.report.read = sum(self.file.counts.values())
        self._imposers: dict[tuple, str] = {}
        self._authorities: dict[tuple[str, str], str] = {}
        self._actors_written: set[str] = set()

    def run(self) -> ImportReport:
        batch: list[Draft] = []
        try:
            for id in self.file.actions:
                draft = self._draft(id)
                if draft is not None:
                    batch.append(draft)
                if len(batch) >= BATCH:
                    self._write(batch)
                    batch = []
            self._write(batch)
        finally:
            self.file.close()
        if judged := resolve(self.session):  # one actor per party, as after the lists' imports
            self.report.count("judgements", "added", judged)
        skipped = {schema: n for schema, n in self.file.counts.items() if schema not in ("Sanction", "Event")}
        if skipped:
            listed = ", ".join(f"{n} {schema}" for schema, n in sorted(skipped.items()))
            self.report.notes.append(f"read only as parts of the actions: {listed}")
        return self.report

    # Reading

    def _draft(self, id: str) -> Draft | None:
        data = self.file.get(id)
        if data["schema"] == "Event":
            ours = record_id("action", id)
            if ours is None:
                self.report.notes.append(f"Event {id} (line {self.file.line(id)}) is not of this tracker: skipped")
                return None
            return self._event(data, ours)
        ours = record_id("sanction", id)
        if ours is not None and entity_id("action", ours) in self.file.places:
            return None  # the Event of the same action, in the file too, carries all of it
        return self._sanction(data)

    def _sanction(self, data: dict) -> Draft | None:
        id, properties, line = data["id"], data["properties"], self.file.line(data["id"])
        text = canonical({key: data[key] for key in KEPT_KEYS if key in data})
        source_id = short_id("src-ftm", id)
        targets: dict[str, ActorData] = {}
        for target_id in properties["entity"]:
            target = self._actor(target_id, line, id, "properties.entity")
            if target is None:
                self.report.notes.append(f"Sanction {id} (line {line}): its entity {target_id} is no actor: skipped")
                return None
            targets.setdefault(target.id, target)
        targets = list(targets.values())
        imposer = self._imposer(properties)
        ours = record_id("sanction", id)
        codes = properties.get("programId") or properties.get("program") or []
        cited_by = "programId" if properties.get("programId") else "program"
        program = (properties.get("program") or [None])[0] if cited_by == "programId" else None
        if ours is not None:
            citations = self._our_citations(data)  # relation:kind:code, as our export writes them
        else:
            citations = []
            for code in codes:
                # The program's name, where the entity gives it beside its one id (or in whole, when cut to a code).
                if cited_by == "programId":
                    title = program if len(codes) == 1 else None
                else:
                    title = code if len(code) > 100 else None
                citations.append((AuthorityKind.sanctions_program, _code(code), title, Relation.regime))
        ended = ours is not None and properties.get("endDate") and not self._listed(properties)
        day, precision, date_text, undated = self._sanction_date(data, "endDate" if ended else None)
        names = [t.name for t in targets]
        by = (properties.get("authority") or [None])[0] or (imposer and imposer[2]) or "an authority"
        title = f"{by} sanctions {', '.join(names)}" + (f" under {program or codes[0]}" if codes else "")
        summary = "\n".join(properties.get("reason", [])) or None
        if ours is not None:  # our export writes the title and the summary as they were
            title = (properties.get("summary") or [title])[0]
            summary = (properties.get("description") or [None])[0]
        quote = next(
            (passage(properties, n) for n in ("reason", "listingDate", "startDate") if properties.get(n)), None
        )
        source_ref = SourceRef(source_id, quote or passage(properties, "entity"))
        actors = {ActorRef(t.id, Role.target, passage(properties, "entity"), source_id) for t in targets}
        if imposer and imposer[0] not in {t.id for t in targets}:
            actors.add(ActorRef(imposer[0], Role.imposer, passage(properties, imposer[1]), source_id))
        record = ActionRecord(
            id=ours or short_id("act-ftm", id),
            type=ActionType.delisting if ended else ActionType.designation,
            title=title[:1000],
            summary=summary,
            date=day,
            date_precision=precision,
            date_text=date_text,
            status=ActionStatus.published,
            sources=frozenset({source_ref}),
            citations=frozenset(
                CitationRef(f"{kind}:{code}", relation, passage(properties, cited_by), source_id)
                for kind, code, _, relation in citations
            ),
            actors=frozenset(actors),
        )
        source = self._source_values(data, text, properties)
        return Draft(record, source_id, source, targets, [c[:3] for c in citations], undated)

    @staticmethod
    def _listed(properties: dict) -> bool:
        return bool(properties.get("listingDate") or properties.get("startDate"))

    def _our_citations(self, data: dict) -> list[tuple[str, str, None, str]]:
        """The citations our export writes in programId: relation:kind:code."""
        citations = []
        for value in data["properties"].get("programId", []):
            relation, _, rest = value.partition(":")
            kind, _, code = rest.partition(":")
            if relation not in Relation.__members__ or kind not in AuthorityKind.__members__ or not code:
                raise self.file.fail(
                    f"{value!r} is not relation:kind:code",
                    line=self.file.line(data["id"]),
                    entity=data["id"],
                    field="properties.programId",
                )
            citations.append((kind, code, None, relation))
        return citations

    def _sanction_date(self, data: dict, dated_by: str | None = None) -> tuple[date, str, str | None, bool]:
        """The earliest listingDate or startDate (or `dated_by`); else the day the publisher first saw the entity;
        else today."""
        properties = data["properties"]
        names = (dated_by,) if dated_by else ("listingDate", "startDate")
        dated = [(value, name) for name in names for value in properties.get(name, [])]
        if dated:
            value, name = min(dated)
            day, precision = _day(value)
            return day, precision, f"{name} {value}", False
        seen = data.get("first_seen")
        if isinstance(seen, str) and re.match(r"^\d{4}-\d{2}-\d{2}", seen):
            return date.fromisoformat(seen[:10]), DatePrecision.day, f"not given; first_seen {seen}", False
        return self.today, DatePrecision.day, f"not given by the entity; imported on {self.today}", True

    def _event(self, data: dict, action_id: str) -> Draft:
        id, properties, line = data["id"], data["properties"], self.file.line(data["id"])
        types = [k for k in properties.get("keywords", []) if k in ActionType.__members__]
        if len(types) != 1:
            raise self.file.fail("names no action type (or several)", line=line, entity=id, field="properties.keywords")
        dates = properties.get("date", [])
        if len(dates) != 1:
            raise self.file.fail("an action has one date", line=line, entity=id, field="properties.date")
        day, precision = _day(dates[0])
        links = [self.file.get(link) for link in sorted(self.file.links.get(id, ()))]
        text = "\n".join([canonical(data)] + [canonical(link) for link in links])
        source_id = short_id("src-ftm", id)
        actors: list[ActorData] = []
        roles: dict[str, ActorRef] = {}
        for link in links:
            link_line = self.file.line(link["id"])
            role = link["properties"].get("role", [""])[0]
            subject = link["properties"]["subject"][0]
            if role == OFFICIAL_ROLE and record_id("official", subject) is not None:
                continue  # officials are not read back (docs/export.md)
            if role not in Role.__members__:
                raise self.file.fail(f"{role!r} is no role", line=link_line, entity=link["id"], field="properties.role")
            actor = self._actor(subject, link_line, link["id"], "properties.subject")
            if actor is None:
                raise self.file.fail("is no actor", line=link_line, entity=link["id"], field="properties.subject")
            if actor.id in roles:
                raise self.file.fail(
                    "an actor has one role in an action", line=link_line, entity=link["id"], field="properties.subject"
                )
            actors.append(actor)
            roles[actor.id] = ActorRef(actor.id, role, canonical(link), source_id)
        citations = self._our_citations(data)
        record = ActionRecord(
            id=action_id,
            type=types[0],
            title=properties["name"][0][:1000],
            summary=(properties.get("description") or [None])[0],
            date=day,
            date_precision=precision,
            date_text=f"date {dates[0]} in the FollowTheMoney export",
            status=ActionStatus.draft if "draft" in properties.get("keywords", []) else ActionStatus.published,
            sources=frozenset({SourceRef(source_id, passage(properties, "name"))}),
            citations=frozenset(
                CitationRef(f"{kind}:{code}", relation, passage(properties, "programId"), source_id)
                for kind, code, _, relation in citations
            ),
            actors=frozenset(roles.values()),
        )
        source = self._source_values(data, text, properties)
        return Draft(record, source_id, source, actors, [c[:3] for c in citations])

    def _source_values(self, data: dict, text: str, properties: dict) -> dict:
        datasets = data.get("datasets") if isinstance(data.get("datasets"), list) else []
        publisher = (properties.get("publisher") or [", ".join(map(str, datasets)) or None])[0]
        caption = data.get("caption") if isinstance(data.get("caption"), str) else None
        return {
            "url": (properties.get("sourceUrl") or [None])[0],
            "publisher": publisher[:300] if publisher else None,
            "title": f"FollowTheMoney {data['schema']} {data['id']}" + (f": {caption}" if caption else ""),
            "published_on": None,
            "text": text,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }

    def _actor(self, ftm_id: str, line: int, entity: str, field: str) -> ActorData | None:
        """The actor an entity of the file stands for; an id the file lacks must name an actor we have."""
        our_id = record_id("actor", ftm_id) or short_id("ftm", ftm_id)
        data = self.file.get(ftm_id)
        if data is None:
            stored = self.session.get(Actor, our_id)
            if stored is None:
                raise self.file.fail(
                    f"{ftm_id} is neither in the file nor a known actor", line=line, entity=entity, field=field
                )
            return ActorData(stored.id, stored.name, stored.kind, stored.country, [], stored_only=True)
        schema = self.file.schema(data)
        properties = data["properties"]
        kind = _kind(schema, properties)
        if kind is None:
            return None
        names = list(dict.fromkeys(properties.get("name", [])))
        caption = data.get("caption")
        name = caption if caption in names else (names[0] if names else None)
        if not name:
            raise self.file.fail(
                "an actor needs a name", line=self.file.line(ftm_id), entity=ftm_id, field="properties.name"
            )
        if len(name) > MAX_NAME:
            raise self.file.fail(
                f"longer than {MAX_NAME} characters",
                line=self.file.line(ftm_id),
                entity=ftm_id,
                field="properties.name",
            )
        aliases = names + properties.get("alias", []) + properties.get("previousName", [])
        aliases = [a for a in dict.fromkeys(aliases) if a != name and len(a) <= MAX_NAME]
        actor = ActorData(our_id, name, kind, _country(properties), aliases)
        for prop_name, values in properties.items():
            prop = schema.get(prop_name)
            if prop.type.name != "identifier" or prop_name in NOT_IDENTITY:
                continue
            scheme = NATIVE_SCHEMES.get(prop_name, IdentifierScheme.document)
            note = None if scheme != IdentifierScheme.document else f"{prop.label} ({prop_name})"
            for value in values:
                if scheme == IdentifierScheme.imo:
                    value = value.removeprefix("IMO")  # FtM's form of an IMO number: IMO8660313
                if len(value) <= MAX_DETAIL:
                    actor.identifiers[(scheme, value)] = Identifier(scheme, value, None, note)
        for identification_id in sorted(self.file.holders.get(ftm_id, ())):
            found = self.file.get(identification_id)["properties"]
            kind_text = (found.get("type") or [None])[0]
            if kind_text in IdentifierScheme.__members__:
                scheme = IdentifierScheme(kind_text)
            elif self.file.get(identification_id)["schema"] == "Passport":
                scheme = IdentifierScheme.passport
            else:
                scheme = IdentifierScheme.document
            note = (found.get("description") or [None])[0]
            if note is None and scheme == IdentifierScheme.document:
                note = kind_text
            country = (found.get("authority") or [c.upper() for c in found.get("country", [])] or [None])[0]
            for value in found.get("number", []):
                if len(value) <= MAX_DETAIL:
                    actor.identifiers[(scheme, value)] = Identifier(scheme, value, country, note)
        for value in sorted(self.file.un_references.get(ftm_id, ())):
            # A Sanction's UN reference (unscId), when the Sanction is on this entity alone
            actor.identifiers.setdefault((IdentifierScheme.un_reference, value), Identifier("un_reference", value))
        for text in properties.get("address", []):
            if len(text) <= MAX_NAME:
                actor.addresses.setdefault(text, Address(text))
        for address_id in properties.get("addressEntity", []):
            address = self.file.get(address_id)
            if address is None:
                continue
            parts = address["properties"]
            text = (
                parts.get("full") or [", ".join(v[0] for k in ("street", "city", "region") if (v := parts.get(k)))]
            )[0]
            country = (parts.get("country") or [None])[0]
            if text and len(text) <= MAX_NAME:
                actor.addresses.setdefault(text, Address(text, country.upper() if country else None))
        return actor

    def _imposer(self, properties: dict) -> tuple[str, str, str] | None:
        """(actor id, the property naming it, its name): the authority as a body of its country; else the
        country's state; else nobody (the entity does not say)."""
        authority = (properties.get("authority") or [None])[0]
        country = _single_country(properties.get("country", []))
        if authority is None and country is None:
            return None
        key = (authority, country)
        if key not in self._imposers:
            self._imposers[key] = self._find_or_create_imposer(authority, country)
        actor_id, name = self._imposers[key]
        return actor_id, "authority" if authority else "country", name

    def _find_or_create_imposer(self, authority: str | None, country: str | None) -> tuple[str, str]:
        session = self.session
        if authority:
            name = authority[:MAX_NAME]
            folded = search_key(name)
            named = union(
                select(Actor.id).where(Actor.search_key == folded),
                select(ActorAlias.actor_id).where(ActorAlias.search_key == folded),
            ).subquery()
            query = select(Actor.id, Actor.name).where(
                Actor.id.in_(select(named.c[0])), Actor.kind.in_([ActorKind.body, ActorKind.state])
            )
            if country:
                query = query.where((Actor.country == country) | Actor.country.is_(None))
            found = session.execute(query.order_by(Actor.id)).first() if folded else None
            if found:
                return found.id, found.name
            actor_id = f"ftm-authority-{slug(authority)}" + (f"-{country.lower()}" if country else "")
            kind = ActorKind.body
        else:
            found = session.execute(
                select(Actor.id, Actor.name)
                .where(Actor.kind == ActorKind.state, Actor.country == country)
                .order_by(Actor.id)
            ).first()
            if found:
                return found.id, found.name
            from followthemoney.types import registry

            name = registry.country.caption(country.lower()) or country
            actor_id, kind = f"state-{country.lower()}", ActorKind.state
        if session.get(Actor, actor_id) is None:
            outcome = put_actor(session, actor_id, name=name, kind=kind, country=country, aliases=[])
            self.report.count("actors", outcome)
        return actor_id, session.get(Actor, actor_id).name

    # Writing

    def _write(self, drafts: list[Draft]) -> None:
        if not drafts:
            return
        session = self.session
        actions = self._protect("action", Action, [d.record.id for d in drafts])
        wanted = [d for d in drafts if d.record.id not in actions.kept]
        for _ in range(len(drafts) - len(wanted)):
            self.report.count("actions", KEPT)
        actor_ids = [a.id for d in wanted for a in d.actors if not a.stored_only and a.id not in self._actors_written]
        actors = self._protect("actor", Actor, list(dict.fromkeys(actor_ids)))
        with session.no_autoflush:
            for draft in wanted:
                for actor in draft.actors:
                    if actor.stored_only or actor.id in self._actors_written:
                        continue
                    self._actors_written.add(actor.id)
                    if actor.id in actors.kept:
                        self.report.count("actors", KEPT)
                        continue
                    outcome = put_actor(
                        session,
                        actor.id,
                        name=actor.name,
                        kind=actor.kind,
                        country=actor.country,
                        aliases=actor.aliases,
                        identifiers=list(actor.identifiers.values()),
                        addresses=list(actor.addresses.values()),
                    )
                    self.report.count("actors", outcome)
        records = []
        for draft in wanted:
            for kind, code, title in draft.authorities:
                self._authority(kind, code, title)
            record = draft.record
            if draft.undated and record.id in actions.dates:
                day, words = actions.dates[record.id]
                record = ActionRecord(**{**vars(record), "date": day, "date_text": words})
            citations = frozenset(
                CitationRef(self._authorities[tuple(c.authority_id.split(":", 1))], c.relation, c.quote, c.source_id)
                for c in record.citations
            )
            records.append(ActionRecord(**{**vars(record), "citations": citations}))
            self.report.count("sources", put_row(session, Source, "source", draft.source_id, draft.source))
            self.report.selected += 1
        session.flush()
        for outcome, n in put_actions(session, records).items():
            self.report.counts.setdefault("actions", Counter())[str(outcome)] += n
        session.flush()
        session.expunge_all()  # what is flushed is in the database: memory stays flat

    def _authority(self, kind: str, code: str, title: str | None) -> str:
        """The authority of this kind and code, created when absent (never changed when present)."""
        key = (kind, code)
        if key not in self._authorities:
            id = f"{AUTHORITY_PREFIX[kind]}-{slug(code)}"
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

    def _protect(self, entity: str, model, ids: list[str]) -> "Stored":
        """Which of these records exist, and which of those no FtM import created (left as they are)."""
        existing, created, dates = set(), set(), {}
        if ids:
            if model is Action:
                for row in self.session.execute(
                    select(Action.id, Action.date, Action.date_text).where(Action.id.in_(ids))
                ):
                    existing.add(row.id)
                    dates[row.id] = (row.date, row.date_text)
            else:
                existing = set(self.session.scalars(select(model.id).where(model.id.in_(ids))))
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


@dataclass
class Stored:
    existing: set[str]
    created: set[str]
    kept: set[str]
    dates: dict[str, tuple[date, str | None]]


def _kind(schema, properties: dict) -> str | None:
    if schema.is_a("Person"):
        return ActorKind.person
    if schema.is_a("Vessel"):
        return ActorKind.vessel
    if schema.is_a("Airplane"):
        return ActorKind.aircraft
    if schema.is_a("PublicBody"):
        return ActorKind.state if "gov.national" in properties.get("topics", []) else ActorKind.body
    if schema.is_a("LegalEntity"):
        return ActorKind.organization
    return None


def _single_country(codes: list[str]) -> str | None:
    """The ISO 3166-1 code when the values name exactly one (FtM also has 'eu', 'zz', 'suhh'…: not countries)."""
    found = {code.upper() for code in codes if len(code) == 2 and code.isalpha() and code.lower() not in ("eu", "zz")}
    return found.pop() if len(found) == 1 else None


def _country(properties: dict) -> str | None:
    for name in ("country", "jurisdiction", "nationality", "mainCountry"):
        found = _single_country(properties.get(name, []))
        if found:
            return found
    return None


def _day(value: str) -> tuple[date, str]:
    """An FtM date (an ISO prefix) as our date and precision: 2024-03 is March 2024, stored as its first day."""
    if len(value) == 4:
        return date(int(value), 1, 1), DatePrecision.year
    if len(value) == 7:
        return date(int(value[:4]), int(value[5:7]), 1), DatePrecision.month
    return date.fromisoformat(value[:10]), DatePrecision.day


def _code(text: str) -> str:
    """An authority code (100 characters at most) from a programId or program."""
    return text if len(text) <= 100 else f"{text[:91]}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


def import_ftm(session: Session, path: Path, *, today: date | None = None) -> ImportReport:
    """Import the file's Sanctions (and this tracker's Events) in the caller's transaction; commits nothing.
    Raises ImportFailure naming the file, line, entity and field of the first problem."""
    acting_as(session, WHO)
    return FtmImport(session, path, today or date.today()).run()
