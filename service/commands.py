"""What the commands of the command line share: results on stdout, each error as one line on stderr (never
wrapped, never a traceback), and the check that the database is migrated."""

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


def require_migrated(engine: "Engine") -> None:
    from service import migrations  # Alembic: imported by the commands that use the database, not at start-up

    with engine.connect() as connection:
        current = migrations.current_revision(connection)
    if current != migrations.head_revision():
        fail(f"the database is at revision {current or 'none'}: run `sanctions-tracker db upgrade` first")
