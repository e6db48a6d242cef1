"""Actions as CSV (one row per action, its links flattened into the columns below) and as JSON lines (one
action per line, exactly as GET /v1/actions/{id} answers it), for spreadsheets and pipelines."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from service.actions.schemas import ActionOut, OfficialInAction
from service.schemas import UtcDatetime
from service.vocabulary import Role

SEPARATOR = "; "  # between the values of a list column
_timestamp = TypeAdapter(UtcDatetime)


def _joined(values: Iterable[object]) -> str:
    return SEPARATOR.join(str(value) for value in values)


def _names(role: Role) -> Callable[[ActionOut], str]:
    return lambda action: _joined(a.name for a in action.actors if a.role == role)


def _official(official: OfficialInAction) -> str:
    spoke_as = ", ".join(part for part in (official.title, official.organisation) if part)
    name = official.name or "(unnamed)"
    return f"{name} ({spoke_as})" if spoke_as else name


# name and how it is read from the action; docs/export.md says what each holds (a test keeps the two in step)
COLUMNS: list[tuple[str, Callable[[ActionOut], object]]] = [
    ("id", lambda a: a.id),
    ("type", lambda a: a.type),
    ("status", lambda a: a.status),
    ("date", lambda a: a.date.isoformat()),
    ("date_precision", lambda a: a.date_precision),
    ("date_text", lambda a: a.date_text),
    ("title", lambda a: a.title),
    ("summary", lambda a: a.summary),
    ("resolutions", lambda a: _joined(r.number for r in a.resolutions)),
    ("resolution_relations", lambda a: _joined(f"{r.number}:{r.relation}" for r in a.resolutions)),
    ("authorities", lambda a: _joined(f"{x.kind}:{x.code}:{x.relation}" for x in a.authorities)),
    ("imposers", _names(Role.imposer)),
    ("co_signatories", _names(Role.co_signatory)),
    ("targets", _names(Role.target)),
    ("subjects", _names(Role.subject)),
    ("mentioned", _names(Role.mentioned)),
    ("actor_ids", lambda a: _joined(f"{x.id}:{x.role}" for x in a.actors)),
    ("actor_countries", lambda a: _joined(f"{x.id}:{x.country}" for x in a.actors if x.country)),
    ("officials", lambda a: _joined(map(_official, a.officials))),
    ("official_ids", lambda a: _joined(o.id for o in a.officials)),
    ("source_ids", lambda a: _joined(s.id for s in a.sources)),
    ("source_urls", lambda a: _joined(s.url for s in a.sources if s.url)),
    ("created_at", lambda a: _timestamp.dump_python(a.created_at, mode="json")),
    ("updated_at", lambda a: _timestamp.dump_python(a.updated_at, mode="json")),
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
    return [_cell(read(action)) for _, read in COLUMNS]


def csv_chunks(_session: Session, pages: Iterable[list[ActionOut]]) -> Iterator[str]:
    """The header, then a page of rows per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow([name for name, _ in COLUMNS])
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
