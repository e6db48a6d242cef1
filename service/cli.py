"""The admin command line: each command parses its arguments, calls one domain function and reports."""

from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import migrations
from service.config import Settings
from service.db import make_engine
from service.models import Action
from service.seeding.loader import Report, SeedError, load_seeds

app = typer.Typer(
    help="Sanctions-action tracker: load, maintain and serve the data.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(help="Migrations of the database at DATABASE_URL.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console()
err = Console(stderr=True)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database up to REVISION (default: the latest)."""
    with make_engine(Settings()).begin() as connection:
        migrations.upgrade(connection, revision)
        out.print(f"database at revision {migrations.current_revision(connection)}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or -1.")]) -> None:
    """Migrate the database down to REVISION."""
    with make_engine(Settings()).begin() as connection:
        migrations.downgrade(connection, revision)
        out.print(f"database at revision {migrations.current_revision(connection)}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision and the latest one."""
    with make_engine(Settings()).connect() as connection:
        current = migrations.current_revision(connection)
    head = migrations.head_revision()
    out.print(f"current: {current or 'none (empty database)'}   latest: {head}")
    if current != head:
        raise typer.Exit(1)


@app.command()
def seed(
    path: Annotated[Path | None, typer.Argument(help="Seed directory (default: the project's seeds/).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and report, write nothing.")] = False,
) -> None:
    """Validate every seed file, then load them all in one transaction (idempotent)."""
    settings = Settings()
    engine = make_engine(settings)
    _require_migrated(engine)
    with Session(engine) as session:
        try:
            report = load_seeds(session, path or settings.seed_path)
        except SeedError as error:
            for problem in error.problems:
                err.print(f"[red]error[/red] {problem}", highlight=False)
            err.print(f"{len(error.problems)} problem(s); nothing was written.")
            raise typer.Exit(1) from None
        if dry_run:
            session.rollback()
        else:
            session.commit()
    _print_report(report, "would be" if dry_run else "")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    init: Annotated[
        bool, typer.Option("--init", help="First migrate the database, and load the seed data if it holds no action.")
    ] = False,
) -> None:
    """Run the HTTP API with uvicorn."""
    if init:
        settings = Settings()
        engine = make_engine(settings)
        with engine.begin() as connection:
            migrations.upgrade(connection)
        with Session(engine) as session:
            if session.scalar(select(func.count()).select_from(Action)) == 0:
                report = load_seeds(session, settings.seed_path)
                session.commit()
                _print_report(report, "")
        engine.dispose()
    uvicorn.run("service.asgi:app", host=host, port=port, workers=workers)


def _require_migrated(engine) -> None:
    with engine.connect() as connection:
        current = migrations.current_revision(connection)
    if current != migrations.head_revision():
        err.print(f"the database is at revision {current or 'none'}: run `sanctions-tracker db upgrade` first")
        raise typer.Exit(1)


def _print_report(report: Report, verb: str) -> None:
    table = Table(title=f"seed records {verb}".strip())
    for column in ("records", "added", "changed", "unchanged"):
        table.add_column(column, justify="left" if column == "records" else "right")
    for kind, counts in report.counts.items():
        table.add_row(kind, *(str(counts[outcome]) for outcome in ("added", "changed", "unchanged")))
    out.print(table)
