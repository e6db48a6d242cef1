"""Validate a directory of seed files completely, then write it by stable id.

Nothing is written unless every file, record and reference is sound; the caller commits once.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session

from service.actions.validation import Known, Location, action_problems, action_record, resolution_ids
from service.actions.writes import put_action
from service.actors.writes import put_actor
from service.loads import FileProblem
from service.models import Authority, Official, Source
from service.seeding.schemas import ActionSeed, ActorSeed, AuthoritySeed, OfficialSeed, SeedRecord, SourceSeed
from service.seeding.yaml_lines import duplicate_keys, line_of, parse
from service.sources.service import sha256_of
from service.writes import Outcome, acting_as, put_row


class SeedError(Exception):
    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seed files")


Record = TypeVar("Record", bound=SeedRecord)


@dataclass
class SeedFile(Generic[Record]):
    name: str
    records: list[Record]
    node: yaml.Node | None

    def line(self, index: int, *loc: int | str) -> int | None:
        return line_of(self.node, (index, *loc))


@dataclass(frozen=True)
class SeedFiles:
    """Each seed file holds a list of one kind of record; they load in this order."""

    authorities: SeedFile[AuthoritySeed]
    actors: SeedFile[ActorSeed]
    officials: SeedFile[OfficialSeed]
    sources: SeedFile[SourceSeed]
    actions: SeedFile[ActionSeed]


@dataclass
class Report:
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def count(self, kind: str, outcome: Outcome) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1


def load_seeds(session: Session, directory: Path) -> Report:
    """Check everything, then upsert everything. Raises SeedError, having written nothing, on any problem."""
    files = read_seed_files(directory)
    texts = _read_texts(directory, files.sources)
    _check_references(session, files, texts)
    acting_as(session, "seed")
    return _write(session, files, texts)


def read_seed_files(directory: Path) -> SeedFiles:
    if not directory.is_dir():
        raise SeedError([FileProblem(str(directory), None, None, None, "not a directory")])
    problems: list[FileProblem] = []
    files = SeedFiles(
        authorities=_read_seed_file(directory, "authorities.yaml", AuthoritySeed, problems),
        actors=_read_seed_file(directory, "actors.yaml", ActorSeed, problems),
        officials=_read_seed_file(directory, "officials.yaml", OfficialSeed, problems),
        sources=_read_seed_file(directory, "sources.yaml", SourceSeed, problems),
        actions=_read_seed_file(directory, "actions.yaml", ActionSeed, problems),
    )
    if problems:
        raise SeedError(problems)
    return files


def _read_seed_file(directory: Path, name: str, model: type[Record], problems: list[FileProblem]) -> SeedFile[Record]:
    """The file's valid records; what is wrong with it goes to `problems`. A missing file holds no records."""
    path = directory / name
    if not path.exists():
        return SeedFile(name, [], None)
    try:
        data, node = parse(path)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.append(FileProblem(name, mark.line + 1 if mark else None, None, None, f"not valid YAML: {reason}"))
        return SeedFile(name, [], None)
    problems += [FileProblem(name, line, None, key, "key written twice") for line, key in duplicate_keys(node)]
    if data is None:
        data = []
    if not isinstance(data, list):
        problems.append(FileProblem(name, 1, None, None, "must be a list of records"))
        return SeedFile(name, [], node)
    seed_file: SeedFile[Record] = SeedFile(name, [], node)
    for index, item in enumerate(data):
        record_name = str(item.get("id", f"#{index + 1}")) if isinstance(item, dict) else f"#{index + 1}"
        try:
            seed_file.records.append(model.model_validate(item))
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                problems.append(
                    FileProblem(name, seed_file.line(index, *loc), record_name, _dotted(loc), detail["msg"])
                )
    ids = [record.id for record in seed_file.records]
    for index, record_id in enumerate(ids):
        if ids.index(record_id) != index:
            line = seed_file.line(index, "id")
            problems.append(FileProblem(name, line, record_id, "id", "id already used by an earlier record"))
    return seed_file


def _dotted(loc: Location) -> str | None:
    return ".".join(str(part) for part in loc) or None


def _read_texts(directory: Path, sources: SeedFile[SourceSeed]) -> dict[str, str]:
    texts: dict[str, str] = {}
    problems: list[FileProblem] = []
    for index, source in enumerate(sources.records):
        path = directory / source.file
        try:
            texts[source.id] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(
                FileProblem(
                    sources.name, sources.line(index, "file"), source.id, "file", f"cannot read {path}: {error}"
                )
            )
    digests = Counter(sha256_of(text) for text in texts.values())
    for index, source in enumerate(sources.records):
        if source.id in texts and digests[sha256_of(texts[source.id])] > 1:
            problems.append(
                FileProblem(sources.name, sources.line(index, "file"), source.id, "file", "same text as another source")
            )
    if problems:
        raise SeedError(problems)
    return texts


def _check_references(session: Session, files: SeedFiles, texts: dict[str, str]) -> None:
    known = Known(
        session,
        authorities=[(r.id, r.kind, r.number, r.adopted_on) for r in files.authorities.records],
        actors=[r.id for r in files.actors.records],
        officials=[r.id for r in files.officials.records],
        sources=[(r.id, texts[r.id], r.published_on) for r in files.sources.records],
    )
    problems: list[FileProblem] = []
    today = date.today()

    authorities = files.authorities
    for index, authority in enumerate(authorities.records):
        if authority.parent_id and not known.authority(authority.parent_id):
            problems.append(
                FileProblem(
                    authorities.name,
                    authorities.line(index, "parent_id"),
                    authority.id,
                    "parent_id",
                    f"unknown authority {authority.parent_id!r}",
                )
            )
        if authority.adopted_on and authority.adopted_on > today:
            problems.append(
                FileProblem(
                    authorities.name,
                    authorities.line(index, "adopted_on"),
                    authority.id,
                    "adopted_on",
                    "date in the future",
                )
            )

    sources = files.sources
    for index, source in enumerate(sources.records):
        if source.published_on and source.published_on > today:
            problems.append(
                FileProblem(
                    sources.name, sources.line(index, "published_on"), source.id, "published_on", "date in the future"
                )
            )

    actions = files.actions
    for index, action in enumerate(actions.records):
        problems += [
            FileProblem(actions.name, actions.line(index, *loc), action.id, _dotted(loc), message)
            for loc, message in action_problems(action, known, today)
        ]
    if problems:
        raise SeedError(problems)


def _write(session: Session, files: SeedFiles, texts: dict[str, str]) -> Report:
    report = Report()
    # Parents first, so that a program's executive order exists before the program points at it.
    authorities = sorted(files.authorities.records, key=lambda r: r.parent_id is not None)
    for authority in authorities:
        values = authority.model_dump(exclude={"id"})
        report.count("authorities", put_row(session, Authority, "authority", authority.id, values))
    session.flush()
    for actor in files.actors.records:
        report.count("actors", put_actor(session, actor.id, **actor.model_dump(exclude={"id"})))
    for official in files.officials.records:
        values = official.model_dump(exclude={"id"})
        report.count("officials", put_row(session, Official, "official", official.id, values))
    for source in files.sources.records:
        text = texts[source.id]
        values = source.model_dump(exclude={"id", "file"}) | {"text": text, "sha256": sha256_of(text)}
        report.count("sources", put_row(session, Source, "source", source.id, values))
    session.flush()
    actions = files.actions.records
    ids = resolution_ids(session, [r.number for action in actions for r in action.resolutions])
    for action in actions:
        report.count("actions", put_action(session, action_record(action.id, action, ids)))
    return report
