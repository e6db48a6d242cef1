"""What the commands of the command line share: results on stdout, each error as one line on stderr (never
wrapped, never a traceback), the database a command opens (checked to be migrated, disposed of after), and the
table that reports what a load did."""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from sqlalchemy import Engine

# soft_wrap: a line longer than the terminal (or than 80 columns, off a terminal) is not broken.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def error_line(message: str) -> Text:
    """`error: ` and the message on one line (its own line breaks become spaces), never read as Rich markup:
    messages quote paths and file contents."""
    return Text.assemble(("error: ", "red"), " ".join(message.split()))


def fail(message: str) -> NoReturn:
    """Print what is wrong as one line on stderr and exit with code 1."""
    err.print(error_line(message))
    raise typer.Exit(1)


@contextmanager
def database(migrated: bool = True) -> Iterator["Engine"]:
    """The engine of DATABASE_URL, disposed of when the command is done; unless told otherwise, the command stops
    first when the database is not at the latest revision."""
    from service.config import Settings
    from service.db import make_engine

    engine = make_engine(Settings())
    try:
        if migrated:
            require_migrated(engine)
        yield engine
    finally:
        engine.dispose()


def revisions(engine: "Engine") -> tuple[str | None, str | None]:
    """The database's revision (None when it has none) and the latest one."""
    from service import migrations  # Alembic: imported by the commands that use the database, not at start-up

    with engine.connect() as connection:
        current = migrations.current_revision(connection)
    return current, migrations.head_revision()


def require_migrated(engine: "Engine") -> None:
    current, head = revisions(engine)
    if current != head:
        fail(f"the database is at revision {current or 'none'}: run `sanctions-tracker db upgrade` first")


def print_counts(
    title: str | None,
    counts: Mapping[str, Counter],
    kinds: Iterable[str],
    outcomes: Sequence[str],
    notes: Iterable[str] = (),
) -> None:
    """What a load did: a row per kind of record it touched, a column per outcome (added, changed…); then its
    notes."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column("records")
    for outcome in outcomes:
        table.add_column(outcome, justify="right")
    for kind in kinds:
        if kind in counts:
            table.add_row(kind, *(str(counts[kind][outcome]) for outcome in outcomes))
    out.print(table)
    for note in notes:
        out.print(f"note: {note}", highlight=False)
