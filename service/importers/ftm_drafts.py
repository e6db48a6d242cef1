"""Mapping FollowTheMoney entities to actions for `import ftm`: each `Sanction` a designation (or a delisting) of
its entities, each `Event` of this tracker's export the action it was; each a Draft that holds the action and what
has to exist before it is written (its actors, its source, its authorities)."""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef
from service.actors.writes import Address, Identifier
from service.export.ftm import OFFICIAL_ROLE, entity_id, record_id
from service.folding import slug
from service.importers.entries import ImportReport
from service.importers.ftm_file import FtmFile
from service.models import Actor
from service.sources.service import sha256_of
from service.vocabulary import (
    ActionStatus,
    ActionType,
    ActorKind,
    AuthorityKind,
    DatePrecision,
    IdentifierScheme,
    Relation,
    Role,
)

# What an entity's source document keeps of its JSON: not the publisher's bookkeeping (last_seen…), which
# changes with every release and would make each re-import change every source.
KEPT_KEYS = ("id", "schema", "caption", "properties", "datasets", "first_seen")
NATIVE_SCHEMES = {
    "imoNumber": IdentifierScheme.imo,
    "mmsi": IdentifierScheme.mmsi,
    "callSign": IdentifierScheme.call_sign,
    "passportNumber": IdentifierScheme.passport,
    "idNumber": IdentifierScheme.national_id,
}
NOT_IDENTITY = {"programId", "wikidataId"}  # identifiers that say nothing about who the actor is
MAX_NAME, MAX_DETAIL = 500, 200

Citation = tuple[str, str, str | None, str]  # authority kind, code, title, relation
Imposer = tuple[str, str, str]  # actor id, the property that names it, its name
FindImposer = Callable[[str | None, str | None], tuple[str, str]]  # (authority, country) -> (actor id, name)


@dataclass
class ActorData:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    weak_aliases: list[str] = field(default_factory=list)
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


def bounded_slug(text: str) -> str:
    """The text's slug within 60 characters (a digest stands for what is cut, or for a text with no slug)."""
    made = slug(text) or hashlib.sha1(text.encode()).hexdigest()[:12]
    return made if len(made) <= 60 else f"{made[:50]}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


def first(properties: dict, name: str) -> Any:
    return (properties.get(name) or [None])[0]


class Drafts:
    """Makes the Draft of each action entity of the file. `find_imposer` gives the actor that imposes a Sanction
    of an authority or a country (creating it when there is none)."""

    def __init__(self, session: Session, file: FtmFile, report: ImportReport, find_imposer: FindImposer, today: date):
        self.session, self.file, self.report, self.today = session, file, report, today
        self._find_imposer = find_imposer
        self._imposers: dict[tuple[str | None, str | None], tuple[str, str]] = {}

    def of(self, id: str) -> Draft | None:
        """The draft of the Sanction or Event `id`; None for one that adds nothing (noted in the report)."""
        data = self.file.entity(id)
        if data["schema"] == "Event":
            ours = record_id("action", id)
            if ours is None:
                self.report.notes.append(f"Event {id} (line {self.file.line(id)}) is not of this tracker: skipped")
                return None
            return self._event(data, ours)
        ours = record_id("sanction", id)
        if ours is not None and entity_id("action", ours) in self.file.places:
            return None  # the Event of the same action, in the file too, carries all of it
        return self._sanction(data, ours)

    # Sanctions

    def _sanction(self, data: dict, ours: str | None) -> Draft | None:
        id, properties = data["id"], data["properties"]
        targets = self._targets(data)
        if targets is None:
            return None
        imposer = self._imposer(properties)
        codes = properties.get("programId") or properties.get("program") or []
        cited_by = "programId" if properties.get("programId") else "program"
        citations = self._our_citations(data) if ours is not None else _program_citations(properties, codes)
        ended = ours is not None and properties.get("endDate") and not _listed(properties)
        day, precision, date_text, undated = self._sanction_date(data, "endDate" if ended else None)
        title, summary = _title_and_summary(properties, targets, imposer, codes, ours is not None)
        source_id = short_id("src-ftm", id)
        quoted = [name for name in ("reason", "listingDate", "startDate") if properties.get(name)]
        quote = passage(properties, quoted[0] if quoted else "entity")
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
            sources=frozenset({SourceRef(source_id, quote)}),
            citations=_citation_refs(citations, properties, cited_by, source_id),
            actors=frozenset(actors),
        )
        return Draft(record, source_id, _source_values(data), targets, [c[:3] for c in citations], undated)

    def _targets(self, data: dict) -> list[ActorData] | None:
        """The actors a Sanction names; None when one of them is no actor (noted in the report)."""
        id, line = data["id"], self.file.line(data["id"])
        targets: dict[str, ActorData] = {}
        for target_id in data["properties"]["entity"]:
            target = self._actor(target_id, line, id, "properties.entity")
            if target is None:
                self.report.notes.append(f"Sanction {id} (line {line}): its entity {target_id} is no actor: skipped")
                return None
            targets.setdefault(target.id, target)
        return list(targets.values())

    def _imposer(self, properties: dict) -> Imposer | None:
        """(actor id, the property naming it, its name): the authority as a body of its country; else the
        country's state; else nobody (the entity does not say)."""
        authority = first(properties, "authority")
        country = _single_country(properties.get("country", []))
        if authority is None and country is None:
            return None
        key = (authority, country)
        if key not in self._imposers:
            self._imposers[key] = self._find_imposer(authority, country)
        actor_id, name = self._imposers[key]
        return actor_id, "authority" if authority else "country", name

    def _our_citations(self, data: dict) -> list[Citation]:
        """The citations our export writes in programId: relation:kind:code."""
        citations: list[Citation] = []
        for value in data["properties"].get("programId", []):
            relation, _, rest = value.partition(":")
            kind, _, code = rest.partition(":")
            if relation not in Relation.__members__ or kind not in AuthorityKind.__members__ or not code:
                raise self.file.fail_at(data["id"], "properties.programId", f"{value!r} is not relation:kind:code")
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

    # Events of this tracker's export

    def _event(self, data: dict, action_id: str) -> Draft:
        id, properties = data["id"], data["properties"]
        types = [k for k in properties.get("keywords", []) if k in ActionType.__members__]
        if len(types) != 1:
            raise self.file.fail_at(id, "properties.keywords", "names no action type (or several)")
        dates = properties.get("date", [])
        if len(dates) != 1:
            raise self.file.fail_at(id, "properties.date", "an action has one date")
        day, precision = _day(dates[0])
        links = [self.file.entity(link) for link in sorted(self.file.links.get(id, ()))]
        source_id = short_id("src-ftm", id)
        actors, roles = self._roles(links, source_id)
        citations = self._our_citations(data)
        record = ActionRecord(
            id=action_id,
            type=types[0],
            title=properties["name"][0][:1000],
            summary=first(properties, "description"),
            date=day,
            date_precision=precision,
            date_text=f"date {dates[0]} in the FollowTheMoney export",
            status=ActionStatus.draft if "draft" in properties.get("keywords", []) else ActionStatus.published,
            sources=frozenset({SourceRef(source_id, passage(properties, "name"))}),
            citations=_citation_refs(citations, properties, "programId", source_id),
            actors=frozenset(roles),
        )
        text = "\n".join([canonical(data)] + [canonical(link) for link in links])
        return Draft(record, source_id, _source_values(data, text), actors, [c[:3] for c in citations])

    def _roles(self, links: list[dict], source_id: str) -> tuple[list[ActorData], list[ActorRef]]:
        """The actors of an Event, from the UnknownLinks to it, each with its role (officials are not read back:
        docs/export.md)."""
        actors: list[ActorData] = []
        roles: dict[str, ActorRef] = {}
        for link in links:
            link_id, properties = link["id"], link["properties"]
            role, subject = properties.get("role", [""])[0], properties["subject"][0]
            if role == OFFICIAL_ROLE and record_id("official", subject) is not None:
                continue
            if role not in Role.__members__:
                raise self.file.fail_at(link_id, "properties.role", f"{role!r} is no role")
            actor = self._actor(subject, self.file.line(link_id), link_id, "properties.subject")
            if actor is None:
                raise self.file.fail_at(link_id, "properties.subject", "is no actor")
            if actor.id in roles:
                raise self.file.fail_at(link_id, "properties.subject", "an actor has one role in an action")
            actors.append(actor)
            roles[actor.id] = ActorRef(actor.id, role, canonical(link), source_id)
        return actors, list(roles.values())

    # Actors

    def _actor(self, ftm_id: str, line: int, entity: str, field: str) -> ActorData | None:
        """The actor an entity of the file stands for; an id the file lacks must name an actor we have. None for
        an entity that is no actor (an FtM Thing that is not a vessel or an aircraft, say)."""
        our_id = record_id("actor", ftm_id) or short_id("ftm", ftm_id)
        data = self.file.get(ftm_id)
        if data is None:
            stored = self.session.get(Actor, our_id)
            if stored is None:
                raise self.file.fail(
                    f"{ftm_id} is neither in the file nor a known actor", line=line, entity=entity, field=field
                )
            return ActorData(stored.id, stored.name, stored.kind, stored.country, [], stored_only=True)
        schema, properties = self.file.schema(data), data["properties"]
        kind = _kind(schema, properties)
        if kind is None:
            return None
        names = list(dict.fromkeys(properties.get("name", [])))
        name = self._name(data, names)
        aliases = names + properties.get("alias", []) + properties.get("previousName", [])
        aliases = [a for a in dict.fromkeys(aliases) if a != name and len(a) <= MAX_NAME]
        weak_aliases = [a for a in dict.fromkeys(properties.get("weakAlias", [])) if len(a) <= MAX_NAME]
        actor = ActorData(our_id, name, kind, _country(properties), aliases, weak_aliases)
        actor.identifiers.update(_own_identifiers(schema, properties))
        actor.identifiers.update(self._documents(ftm_id))
        for value in sorted(self.file.un_references.get(ftm_id, ())):
            # A Sanction's UN reference (unscId), when the Sanction is on this entity alone
            actor.identifiers.setdefault((IdentifierScheme.un_reference, value), Identifier("un_reference", value))
        actor.addresses.update(self._addresses(properties))
        return actor

    def _name(self, data: dict, names: list[str]) -> str:
        caption = data.get("caption")
        name = caption if caption in names else (names[0] if names else None)
        if not name:
            raise self.file.fail_at(data["id"], "properties.name", "an actor needs a name")
        if len(name) > MAX_NAME:
            raise self.file.fail_at(data["id"], "properties.name", f"longer than {MAX_NAME} characters")
        return name

    def _documents(self, ftm_id: str) -> dict[tuple[str, str], Identifier]:
        """The identifiers of the Identification and Passport entities the actor holds."""
        found: dict[tuple[str, str], Identifier] = {}
        for document_id in sorted(self.file.holders.get(ftm_id, ())):
            document = self.file.entity(document_id)
            properties = document["properties"]
            kind_text = first(properties, "type")
            if kind_text in IdentifierScheme.__members__:
                scheme = IdentifierScheme(kind_text)
            elif document["schema"] == "Passport":
                scheme = IdentifierScheme.passport
            else:
                scheme = IdentifierScheme.document
            note = first(properties, "description")
            if note is None and scheme == IdentifierScheme.document:
                note = kind_text
            country = (properties.get("authority") or [c.upper() for c in properties.get("country", [])] or [None])[0]
            for value in properties.get("number", []):
                if len(value) <= MAX_DETAIL:
                    found[(scheme, value)] = Identifier(scheme, value, country, note)
        return found

    def _addresses(self, properties: dict) -> dict[str, Address]:
        """The addresses given as text, then those of the Address entities the file holds."""
        found = {text: Address(text) for text in properties.get("address", []) if len(text) <= MAX_NAME}
        for address_id in properties.get("addressEntity", []):
            address = self.file.get(address_id)
            if address is None:
                continue
            parts = address["properties"]
            joined = ", ".join(v[0] for k in ("street", "city", "region") if (v := parts.get(k)))
            text = (parts.get("full") or [joined])[0]
            country = first(parts, "country")
            if text and len(text) <= MAX_NAME:
                found.setdefault(text, Address(text, country.upper() if country else None))
        return found


def _own_identifiers(schema: Any, properties: dict) -> dict[tuple[str, str], Identifier]:
    """The identifiers among the entity's own properties (an IMO number, a registration number…)."""
    found: dict[tuple[str, str], Identifier] = {}
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
                found[(scheme, value)] = Identifier(scheme, value, None, note)
    return found


def _program_citations(properties: dict, codes: list[str]) -> list[Citation]:
    """A Sanction's programs, each a sanctions_program authority cited as the regime, with the program's name
    where the entity gives it beside its one id (or in whole, when cut to a code)."""
    if properties.get("programId"):
        titles = [first(properties, "program") if len(codes) == 1 else None] * len(codes)
    else:
        titles = [code if len(code) > 100 else None for code in codes]
    return [
        (AuthorityKind.sanctions_program, _code(code), title, Relation.regime)
        for code, title in zip(codes, titles, strict=True)
    ]


def _citation_refs(
    citations: list[Citation], properties: dict, cited_by: str, source_id: str
) -> frozenset[CitationRef]:
    """The citations, quoting the property `cited_by`, each naming its authority as `kind:code` until the writer
    knows the authority's id."""
    return frozenset(
        CitationRef(f"{kind}:{code}", relation, passage(properties, cited_by), source_id)
        for kind, code, _, relation in citations
    )


def _title_and_summary(
    properties: dict, targets: list[ActorData], imposer: Imposer | None, codes: list[str], ours: bool
) -> tuple[str, str | None]:
    made = _made_title(properties, targets, imposer, codes)
    if ours:  # our export writes the title and the summary as they were
        return (properties.get("summary") or [made])[0], first(properties, "description")
    return made, "\n".join(properties.get("reason", [])) or None


def _made_title(properties: dict, targets: list[ActorData], imposer: Imposer | None, codes: list[str]) -> str:
    by = first(properties, "authority") or (imposer and imposer[2]) or "an authority"
    program = first(properties, "program") if properties.get("programId") else None
    names = ", ".join(t.name for t in targets)
    return f"{by} sanctions {names}" + (f" under {program or codes[0]}" if codes else "")


def _listed(properties: dict) -> bool:
    return bool(properties.get("listingDate") or properties.get("startDate"))


def _source_values(data: dict, text: str | None = None) -> dict:
    """The source document of an entity: its JSON (as KEPT_KEYS keep it), unless `text` is given."""
    properties = data["properties"]
    if text is None:
        text = canonical({key: data[key] for key in KEPT_KEYS if key in data})
    datasets = data.get("datasets")
    named = ", ".join(map(str, datasets)) if isinstance(datasets, list) else ""
    publisher = (properties.get("publisher") or [named or None])[0]
    caption = data.get("caption") if isinstance(data.get("caption"), str) else None
    return {
        "url": first(properties, "sourceUrl"),
        "publisher": publisher[:300] if publisher else None,
        "title": f"FollowTheMoney {data['schema']} {data['id']}" + (f": {caption}" if caption else ""),
        "published_on": None,
        "text": text,
        "sha256": sha256_of(text),
    }


def _kind(schema: Any, properties: dict) -> str | None:
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
