"""The exports by format: what streams each, its media type and its file name; for the routes and the CLI."""

from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

from service.actions.schemas import ActionFilters, ActionOut
from service.export.formats import Format
from service.export.ftm import ftm_chunks
from service.export.pages import action_pages
from service.export.tables import csv_chunks, jsonl_chunks

MEDIA_TYPES = {
    Format.ftm: "application/x-ndjson",
    Format.csv: "text/csv; charset=utf-8",
    Format.jsonl: "application/x-ndjson",
}
FILE_NAMES = {Format.ftm: "actions.ftm.json", Format.csv: "actions.csv", Format.jsonl: "actions.jsonl"}
_WRITERS = {Format.ftm: ftm_chunks, Format.csv: csv_chunks, Format.jsonl: jsonl_chunks}


def export_chunks(
    session: Session, format: Format, filters: ActionFilters, on_page: Callable[[int], None] | None = None
) -> Iterator[str]:
    """The export as text chunks (a page of actions each); `on_page` hears how many actions each page held."""
    pages = action_pages(session, filters)
    if on_page is not None:
        pages = _counted(pages, on_page)
    return _WRITERS[format](session, pages)


def _counted(pages: Iterator[list[ActionOut]], on_page: Callable[[int], None]) -> Iterator[list[ActionOut]]:
    for page in pages:
        on_page(len(page))
        yield page
