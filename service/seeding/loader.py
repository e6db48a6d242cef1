"""Validate a directory of seed files completely, then write it by stable id.

Nothing is written unless every file, record and reference is sound; the caller commits once.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.writes import ActionRecord, ActorRef, CitationRef, OfficialRef, SourceRef, put_action
from service.actors.writes import put_actor
from service.models import Actor, Authority, Official, Source
from service.models.vocabulary import AuthorityKind, DatePrecision
from service.seeding.schema import (
    SEED_FILES,
    ActionSeed,
    Evidence,
    SeedModel,
)
from service.seeding.yaml_lines import duplicate_keys, line_of, parse
from service.writes import Outcome, acting_as, put_row


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = " ".join(
            part
            for part in (f"record {self.record}" if self.record else "", f"field {self.field}" if self.field else "")
            if part
        )
        return f"{where}: {what + ': ' if what else ''}{self.message}"


class SeedError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seed files")


@dataclass
class SeedFile:
    name: str
    records: list[SeedModel]
    node: yaml.Node | None

    def line(self, index: int, *loc: int | str) -> int | None:
        return line_of(self.node, (index, *loc))


@dataclass
class Report:
    counts: dict[str, Counter] = field(default_factory=dict)

    def count(self, kind: str, outcome: Outcome) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1


def load_seeds(session: Session, directory: Path) -> Report:
    """Check everything, then upsert everything. Raises SeedError, having written nothing, on any problem."""
    files = read_seed_files(directory)
    texts = _read_texts(directory, files["sources.yaml"])
    _check_references(session, files, texts)
    acting_as(session, "seed")
    return _write(session, files, texts)


def read_seed_files(directory: Path) -> dict[str, SeedFile]:
    if not directory.is_dir():
        raise SeedError([Problem(str(directory), None, None, None, "not a directory")])
    problems: list[Problem] = []
    files: dict[str, SeedFile] = {}
    for name, model in SEED_FILES.items():
        path = directory / name
        if not path.exists():
            files[name] = SeedFile(name, [], None)
            continue
        try:
            data, node = parse(path)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            reason = getattr(error, "problem", None) or str(error)
            problems.append(Problem(name, mark.line + 1 if mark else None, None, None, f"not valid YAML: {reason}"))
            continue
        problems += [Problem(name, line, None, key, "key written twice") for line, key in duplicate_keys(node)]
        if data is None:
            data = []
        if not isinstance(data, list):
            problems.append(Problem(name, 1, None, None, "must be a list of records"))
            continue
        seed_file = SeedFile(name, [], node)
        for index, item in enumerate(data):
            record_name = str(item.get("id", f"#{index + 1}")) if isinstance(item, dict) else f"#{index + 1}"
            try:
                seed_file.records.append(model.model_validate(item))
            except ValidationError as error:
                for detail in error.errors():
                    loc = tuple(detail["loc"])
                    problems.append(
                        Problem(name, seed_file.line(index, *loc), record_name, _dotted(loc), detail["msg"])
                    )
        ids = [record.id for record in seed_file.records]
        for index, record_id in enumerate(ids):
            if ids.index(record_id) != index:
                line = seed_file.line(index, "id")
                problems.append(Problem(name, line, record_id, "id", "id already used by an earlier record"))
        files[name] = seed_file
    if problems:
        raise SeedError(problems)
    return files


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or None


def _read_texts(directory: Path, sources: SeedFile) -> dict[str, str]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for index, source in enumerate(sources.records):
        path = directory / source.file
        try:
            texts[source.id] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(
                Problem(sources.name, sources.line(index, "file"), source.id, "file", f"cannot read {path}: {error}")
            )
    digests = Counter(_sha256(text) for text in texts.values())
    for index, source in enumerate(sources.records):
        if source.id in texts and digests[_sha256(texts[source.id])] > 1:
            problems.append(
                Problem(sources.name, sources.line(index, "file"), source.id, "file", "same text as another source")
            )
    if problems:
        raise SeedError(problems)
    return texts


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Known:
    """Ids defined by the seed files or already in the database."""

    def __init__(self, session: Session, files: dict[str, SeedFile], texts: dict[str, str]):
        self.session = session
        self.authorities = {r.id: r for r in files["authorities.yaml"].records}
        self.resolutions = {
            r.number: (r.id, r.adopted_on) for r in self.authorities.values() if r.kind is AuthorityKind.un_resolution
        }
        self.actors = {r.id for r in files["actors.yaml"].records}
        self.officials = {r.id for r in files["officials.yaml"].records}
        self.sources = {r.id: r for r in files["sources.yaml"].records}
        self.texts = dict(texts)

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
        if source_id in self.sources:
            return self.sources[source_id].published_on
        row = self.session.get(Source, source_id)
        return row.published_on if row else None


def _check_references(session: Session, files: dict[str, SeedFile], texts: dict[str, str]) -> None:
    known = _Known(session, files, texts)
    problems: list[Problem] = []
    today = date.today()

    authorities = files["authorities.yaml"]
    for index, authority in enumerate(authorities.records):
        if authority.parent and not known.authority(authority.parent):
            problems.append(
                Problem(
                    authorities.name,
                    authorities.line(index, "parent"),
                    authority.id,
                    "parent",
                    f"unknown authority {authority.parent!r}",
                )
            )
        if authority.adopted_on and authority.adopted_on > today:
            problems.append(
                Problem(
                    authorities.name,
                    authorities.line(index, "adopted_on"),
                    authority.id,
                    "adopted_on",
                    "date in the future",
                )
            )

    sources = files["sources.yaml"]
    for index, source in enumerate(sources.records):
        if source.published_on and source.published_on > today:
            problems.append(
                Problem(
                    sources.name, sources.line(index, "published_on"), source.id, "published_on", "date in the future"
                )
            )

    actions = files["actions.yaml"]
    for index, action in enumerate(actions.records):
        problems += [
            Problem(actions.name, actions.line(index, *loc), action.id, _dotted(loc), message)
            for loc, message in _action_problems(action, known, today)
        ]
    if problems:
        raise SeedError(problems)


def _action_problems(action: ActionSeed, known: _Known, today: date):
    """(location, message) of everything wrong with one action's references, quotes and dates."""
    if action.date > today:
        yield ("date",), "date in the future"
    source_ids = [s.source for s in action.sources]
    for position, source_id in enumerate(source_ids):
        if source_ids.count(source_id) > 1:
            yield ("sources", position, "source"), f"source {source_id!r} listed twice"
        elif known.text(source_id) is None:
            yield ("sources", position, "source"), f"unknown source {source_id!r}"
        else:
            yield from _quote_problems(("sources", position), action.sources[position].quote, source_id, known)
            published = known.published_on(source_id)
            if published and _first_day(action.date, action.date_precision) > published:
                yield ("date",), f"after the publication of its source {source_id!r} ({published})"

    def evidence(path: tuple, link: Evidence):
        if link.source is None and len(source_ids) > 1:
            yield (*path, "source"), "the action has several sources: name the one this quote comes from"
            return
        source_id = link.source or source_ids[0]
        if source_id not in source_ids:
            yield (*path, "source"), f"source {source_id!r} is not among the action's sources"
        elif known.text(source_id) is not None:
            yield from _quote_problems(path, link.quote, source_id, known)

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
        yield from evidence(path, citation)
    yield from _duplicates("citations", [c.resolution or c.authority for c in action.citations])

    for position, link in enumerate(action.actors):
        if not known.actor(link.actor):
            yield ("actors", position, "actor"), f"unknown actor {link.actor!r}"
        yield from evidence(("actors", position), link)
    yield from _duplicates("actors", [link.actor for link in action.actors])

    for position, link in enumerate(action.officials):
        if not known.official(link.official):
            yield ("officials", position, "official"), f"unknown official {link.official!r}"
        yield from evidence(("officials", position), link)
    yield from _duplicates("officials", [link.official for link in action.officials])


def _quote_problems(path: tuple, quote: str, source_id: str, known: _Known):
    if quote not in known.text(source_id):
        yield (*path, "quote"), f"not found word for word in source {source_id!r}"


def _duplicates(field: str, keys: list):
    for position, key in enumerate(keys):
        if keys.index(key) != position:
            yield (field, position), f"{key!r} appears twice in {field}"


def _first_day(day: date, precision: str) -> date:
    if precision == DatePrecision.month:
        return day.replace(day=1)
    if precision == DatePrecision.year:
        return day.replace(month=1, day=1)
    return day


def _write(session: Session, files: dict[str, SeedFile], texts: dict[str, str]) -> Report:
    report = Report()
    # Parents first, so that a program's executive order exists before the program points at it.
    authorities = sorted(files["authorities.yaml"].records, key=lambda r: r.parent is not None)
    for authority in authorities:
        values = authority.model_dump(exclude={"id", "parent"}) | {"parent_id": authority.parent}
        report.count("authorities", put_row(session, Authority, "authority", authority.id, values))
    session.flush()
    for actor in files["actors.yaml"].records:
        report.count("actors", put_actor(session, actor.id, **actor.model_dump(exclude={"id"})))
    for official in files["officials.yaml"].records:
        values = official.model_dump(exclude={"id"})
        report.count("officials", put_row(session, Official, "official", official.id, values))
    for source in files["sources.yaml"].records:
        text = texts[source.id]
        values = source.model_dump(exclude={"id", "file"}) | {"text": text, "sha256": _sha256(text)}
        report.count("sources", put_row(session, Source, "source", source.id, values))
    session.flush()
    resolution_ids = dict(
        session.execute(
            select(Authority.number, Authority.id).where(Authority.kind == AuthorityKind.un_resolution)
        ).all()
    )
    for action in files["actions.yaml"].records:
        report.count("actions", put_action(session, _action_record(action, resolution_ids)))
    return report


def _action_record(action: ActionSeed, resolution_ids: dict[int, str]) -> ActionRecord:
    only_source = action.sources[0].source

    def source_of(link: Evidence) -> str:
        return link.source or only_source

    return ActionRecord(
        id=action.id,
        type=action.type,
        title=action.title,
        summary=action.summary,
        date=action.date,
        date_precision=action.date_precision,
        date_text=action.date_text,
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
