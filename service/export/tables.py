"""Actions as CSV (one row per action, its links flattened into the columns below) and as JSON lines (one
action per line, exactly as GET /v1/actions/{id} answers it), for spreadsheets and pipelines."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from service.actions.schemas import ActionOut
from service.models.vocabulary import Role
from service.schemas import UtcDatetime

SEPARATOR = "; "  # between the values of a list column
_timestamp = TypeAdapter(UtcDatetime)


def _joined(values) -> str:
    return SEPARATOR.join(str(value) for value in values)


def _names(role: Role) -> Callable[[ActionOut], str]:
    return lambda action: _joined(a.name for a in action.actors if a.role == role)


def _official(official) -> str:
    spoke_as = ", ".join(part for part in (official.title, official.organisation) if part)
    name = official.name or "(unnamed)"
    return f"{name} ({spoke_as})" if spoke_as else name


# name, what it holds (docs/export.md lists the same), how it is read from the action
COLUMNS: list[tuple[str, str, Callable[[ActionOut], object]]] = [
    ("id", "the action's stable id", lambda a: a.id),
    (
        "type",
        "designation, delisting, condemnation, joint_statement, warning, veto, report, denial, other",
        lambda a: a.type,
    ),
    ("status", "published or draft", lambda a: a.status),
    ("date", "ISO date; a month or a year is written as its first day", lambda a: a.date.isoformat()),
    ("date_precision", "day, month or year", lambda a: a.date_precision),
    ("date_text", "the words the date was read from", lambda a: a.date_text),
    ("title", "", lambda a: a.title),
    ("summary", "", lambda a: a.summary),
    (
        "resolutions",
        "numbers of the UN Security Council resolutions invoked",
        lambda a: _joined(r.number for r in a.resolutions),
    ),
    (
        "resolution_relations",
        "number:relation for each resolution (relation: cites, alleges_violation, implements, regime)",
        lambda a: _joined(f"{r.number}:{r.relation}" for r in a.resolutions),
    ),
    (
        "authorities",
        "kind:code:relation for each other authority (executive order, sanctions program, regime)",
        lambda a: _joined(f"{x.kind}:{x.code}:{x.relation}" for x in a.authorities),
    ),
    ("imposers", "names of the actors in the role imposer", _names(Role.imposer)),
    ("co_signatories", "names of the co-signatories", _names(Role.co_signatory)),
    ("targets", "names of the targets (designated persons, entities, vessels)", _names(Role.target)),
    ("subjects", "names of the actors whose conduct is at issue", _names(Role.subject)),
    ("mentioned", "names of the actors mentioned", _names(Role.mentioned)),
    ("actor_ids", "id:role for every actor", lambda a: _joined(f"{x.id}:{x.role}" for x in a.actors)),
    (
        "actor_countries",
        "id:country for every actor with a country",
        lambda a: _joined(f"{x.id}:{x.country}" for x in a.actors if x.country),
    ),
    (
        "officials",
        "name (title at the time, organisation) of who announced it",
        lambda a: _joined(map(_official, a.officials)),
    ),
    ("official_ids", "ids of those officials", lambda a: _joined(o.id for o in a.officials)),
    ("source_ids", "ids of the sources that report it", lambda a: _joined(s.id for s in a.sources)),
    ("source_urls", "their URLs, where known", lambda a: _joined(s.url for s in a.sources if s.url)),
    ("created_at", "UTC, as the API writes it", lambda a: _timestamp.dump_python(a.created_at, mode="json")),
    ("updated_at", "UTC, as the API writes it", lambda a: _timestamp.dump_python(a.updated_at, mode="json")),
]


# A spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(…) in a title, say).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """The value as a spreadsheet will show it and never run it: text that could start a formula gets a
    leading apostrophe, which spreadsheets hide and read as "this is text" (OWASP's advice for CSV files)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(action: ActionOut) -> list:
    return [_cell(read(action)) for _, _, read in COLUMNS]


def csv_chunks(_session: Session, pages: Iterable[list[ActionOut]]) -> Iterator[str]:
    """The header, then a page of rows per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow([name for name, _, _ in COLUMNS])
    yield buffer.getvalue()
    for actions in pages:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(csv_row(action) for action in actions)
        yield buffer.getvalue()


def jsonl_chunks(_session: Session, pages: Iterable[list[ActionOut]]) -> Iterator[str]:
    """One action per line, as the API answers it; a page of lines per chunk."""
    for actions in pages:
        yield "".join(action.model_dump_json() + "\n" for action in actions)
