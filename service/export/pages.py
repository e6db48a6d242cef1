"""Every action a filter selects, one keyset page at a time: the read path of /v1/actions, with bigger pages."""

from collections.abc import Iterator

from sqlalchemy.orm import Session

from service.actions.queries import list_actions
from service.actions.schemas import ActionFilters, ActionOut

PAGE_SIZE = 1000


def export_filters(filters: ActionFilters) -> ActionFilters:
    """The filters of an export: those of /v1/actions, without paging (an export walks every page itself)."""
    return filters.model_copy(update={"cursor": None})


def action_pages(session: Session, filters: ActionFilters, page_size: int = PAGE_SIZE) -> Iterator[list[ActionOut]]:
    """The matching actions in the order of `filters.sort`, a page at a time: page_query's one range scan and
    load_actions' one statement per page, and nothing kept from one page to the next."""
    # model_copy skips validation: the 500 cap of the HTTP lists does not bind an export's pages.
    filters = export_filters(filters).model_copy(update={"limit": page_size})
    while True:
        page = list_actions(session, filters)
        if page.items:
            yield page.items
        if page.next_cursor is None:
            return
        filters = filters.model_copy(update={"cursor": page.next_cursor})


def read_snapshot(session: Session) -> None:
    """On PostgreSQL, read every page in one REPEATABLE READ transaction: the export is the database as of
    its first page, whatever is written meanwhile. (SQLite's driver opens no transaction for reads: there,
    each page sees the writes committed before it; keyset pages still give no action twice.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
