"""The admin command line: each command parses its arguments, calls one domain function and reports."""

import logging
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.actors.cli import merge, not_same, unmerge, xref
from service.commands import database, err, error_line, fail, out, print_counts, revisions
from service.export.cli import ExportCommand, export
from service.importers.cli import import_app
from service.vocabulary import Scope

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection

    from service.seeding.loader import Report

# The database, Alembic, the extractor, the seed loader and uvicorn are imported by the commands that use them,
# so that every command (and --help) starts without loading all of them.

app = typer.Typer(
    help="Sanctions-action tracker: load, maintain and serve the data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Migrations of the database at DATABASE_URL.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys: the secret is shown once and stored hashed.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")
app.add_typer(import_app, name="import")
app.command("export", cls=ExportCommand)(export)
app.command("xref")(xref)
app.command("merge")(merge)
app.command("not-same")(not_same)
app.command("unmerge")(unmerge)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database up to REVISION (default: the latest)."""
    from service import migrations

    _migrate(migrations.upgrade, revision)


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or -1.")]) -> None:
    """Migrate the database down to REVISION."""
    from service import migrations

    _migrate(migrations.downgrade, revision)


def _migrate(move: "Callable[[Connection, str], None]", revision: str) -> None:
    from alembic.util import CommandError

    from service import migrations

    with database(migrated=False) as engine:
        try:
            with engine.begin() as connection:
                move(connection, revision)
                out.print(f"database at revision {migrations.current_revision(connection)}")
        except CommandError as problem:
            fail(f"revision {revision}: {problem}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision and the latest one."""
    with database(migrated=False) as engine:
        current, head = revisions(engine)
    out.print(f"current: {current or 'none (empty database)'}   latest: {head}")
    if current != head:
        raise typer.Exit(1)


@app.command()
def seed(
    path: Annotated[Path | None, typer.Argument(help="Seed directory (default: the project's seeds/).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and report, write nothing.")] = False,
) -> None:
    """Validate every seed file, then load them all in one transaction (idempotent)."""
    from sqlalchemy.orm import Session

    from service.config import Settings
    from service.seeding.loader import SeedError, load_seeds

    with database() as engine, Session(engine) as session:
        try:
            report = load_seeds(session, path or Settings().seed_path)
        except SeedError as error:
            if len(error.problems) == 1:
                fail(f"{error.problems[0]}; nothing was written")
            for problem in error.problems:
                err.print(error_line(str(problem)))
            fail(f"{len(error.problems)} problems; nothing was written")
        if dry_run:
            session.rollback()
        else:
            session.commit()
    _print_report(report, "would be" if dry_run else "")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="A name that says whose key it is; shown in the audit trail.")],
    scope: Annotated[Scope, typer.Option(help="read, write (includes read) or admin (includes write).")],
) -> None:
    """Make a key and print its secret, once."""
    from sqlalchemy.orm import Session

    from service.keys.service import KeyProblem, create_key

    with database() as engine, Session(engine) as session:
        try:
            token = create_key(session, name, scope)
        except KeyProblem as problem:
            fail(str(problem))
        session.commit()
    out.print(f"key {name!r} ({scope}); keep this secret, it is not shown again:")
    print(token)


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key: requests carrying it are refused from now on."""
    from sqlalchemy.orm import Session

    from service.keys.service import KeyProblem, revoke_key

    with database(migrated=False) as engine, Session(engine) as session:
        try:
            revoke_key(session, name)
        except KeyProblem as problem:
            fail(str(problem))
        session.commit()
    out.print(f"key {name!r} revoked")


@keys_app.command("list")
def keys_list() -> None:
    """List the keys, active and revoked (never their secrets)."""
    from rich.table import Table
    from sqlalchemy.orm import Session

    from service.keys.service import list_keys

    table = Table()
    for column in ("name", "scope", "id", "created", "revoked"):
        table.add_column(column)
    with database(migrated=False) as engine, Session(engine) as session:
        for key in list_keys(session):
            revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else ""
            table.add_row(key.name, key.scope, key.id, key.created_at.isoformat(timespec="seconds"), revoked)
    out.print(table)


@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(help="A text file: press statement, briefing, news report.", exists=True, dir_okay=False)
    ],
    published: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Publication date, to resolve 'on Thursday'.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where the text comes from; may hold a date.")] = None,
) -> None:
    """Print, as JSON, the draft action read from a document (the body POST /v1/extract answers)."""
    from sqlalchemy.orm import Session

    from service.extraction.service import draft_of

    text = _read_text(file)
    with database() as engine, Session(engine) as session:
        draft = draft_of(session, text, published.date() if published else None, url)
    print(draft.model_dump_json(indent=2))


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="A text file to file as a source.", exists=True, dir_okay=False)],
    published: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Publication date.")] = None,
    url: Annotated[str | None, typer.Option(help="Where the text comes from.")] = None,
) -> None:
    """Store a document as a source and its draft as an action of status `draft`, for review (never
    published silently). Running it again on the same text changes nothing."""
    from sqlalchemy.orm import Session

    from service.errors import InvalidInput
    from service.extraction.service import CannotIngest
    from service.extraction.service import ingest as ingest_document
    from service.writes import acting_as

    text = _read_text(file)
    with database() as engine, Session(engine) as session:
        acting_as(session, "ingest")
        try:
            done = ingest_document(session, file, text, published.date() if published else None, url)
        except CannotIngest as problem:
            fail(str(problem))
        except InvalidInput as problem:  # the draft breaks a rule of actions (a date after its source's, say)
            fail(f"{file}: the draft cannot be stored: {problem}; nothing was written")
        session.commit()
    draft = done.draft
    out.print(f"{done.outcome} draft action {done.action_id} ({draft.type}, {len(draft.warnings)} warning(s))")
    for warning in draft.warnings:
        out.print(f"  - {warning}", highlight=False)
    if done.source_existed:
        out.print(f"the text is stored already, as source {done.source_id}: left unchanged", highlight=False)
    if done.published:
        cited = ", ".join(done.published)
        out.print(f"already published from this text: {cited} (named in the draft's summary)", highlight=False)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        fail(f"{file}: not UTF-8 text (byte {error.start})")


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
    import uvicorn
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from service import migrations
    from service.config import Settings
    from service.logs import configure_logging, logging_config
    from service.models import Action
    from service.seeding.loader import load_seeds

    _check_port_free(host, port)
    settings = Settings()
    if init:
        with database(migrated=False) as engine:
            with engine.begin() as connection:
                migrations.upgrade(connection)
            with Session(engine) as session:
                if session.scalar(select(func.count()).select_from(Action)) == 0:
                    report = load_seeds(session, settings.seed_path)
                    session.commit()
                    _print_report(report, "")
    configure_logging(settings.log_level)
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
    logging.getLogger("service.cli").info("serving %s: API docs at %s/docs, OpenAPI at %s/openapi.json", url, url, url)
    uvicorn.run(
        "service.asgi:app",
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # service.access logs each request, as JSON with its request id
        log_config=logging_config(settings.log_level),
        timeout_graceful_shutdown=20,
        timeout_keep_alive=settings.keep_alive_seconds,
        # uvicorn would believe X-Forwarded-* from 127.0.0.1 unless told otherwise: only TRUSTED_PROXIES.
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )


def _check_port_free(host: str, port: int) -> None:
    """Fail in one line when the address is taken, before migrating or starting workers (uvicorn would log the
    failure among its start-up and shutdown lines)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no obstacle
            probe.bind(address)
    except OSError as problem:
        fail(f"cannot listen on {host}:{port}: {problem.strerror or problem}")


def _print_report(report: "Report", verb: str) -> None:
    print_counts(f"seed records {verb}".strip(), report.counts, report.counts, ("added", "changed", "unchanged"))


def main() -> None:
    """`sanctions-tracker`: what fails for a known reason (a bad argument, an unreachable database) is one line
    on stderr and a non-zero exit code; only a bug shows a traceback."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as problem:  # Click's errors, as Typer raises them: a bad argument, an unknown command
        message = problem.format_message()
        context = getattr(problem, "ctx", None)
        if message.strip():  # empty when the error is the help that no arguments ask for, already printed
            see = f" (see {context.command_path} --help)" if context is not None else ""
            err.print(error_line(message + see))
        code = problem.exit_code
    except typer.Abort:
        err.print(error_line("aborted"))
        code = 1
    except Exception as problem:
        from sqlalchemy.exc import OperationalError  # loaded already by whatever reached the database

        if not isinstance(problem, OperationalError):
            raise
        err.print(error_line(f"the database: {problem.orig or problem}"))
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
