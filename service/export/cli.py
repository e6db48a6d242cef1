"""`sanctions-tracker export` and `sanctions-tracker import ftm`: thin shells over the exporters and the FtM
import, which service/cli.py mounts."""

import sys
from collections import Counter
from contextlib import nullcontext
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated

import typer

from service.commands import err, fail, out, require_migrated
from service.export.formats import Format

# The exporters, the FtM import and the database are imported when a command runs: every command starts faster.


def export(
    format: Annotated[Format, typer.Option("--format", "-f", help="ftm (FollowTheMoney entities), csv or jsonl.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    type: Annotated[str | None, typer.Option(help="Only actions of this type (designation, warning…).")] = None,
    resolution: Annotated[int | None, typer.Option(help="Only actions invoking this UN resolution.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only actions this actor (by id) takes part in.")] = None,
    role: Annotated[str | None, typer.Option(help="With --actor or --country: its role; alone: any actor's.")] = None,
    country: Annotated[str | None, typer.Option(help="Only actions with an actor of this country (ISO code).")] = None,
    official: Annotated[str | None, typer.Option(help="Only actions this official (by id) announced.")] = None,
    date_from: Annotated[str | None, typer.Option(help="On or after this date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option(help="On or before this date (YYYY-MM-DD).")] = None,
    q: Annotated[str | None, typer.Option(help="Words that must all appear in the title, summary or a quote.")] = None,
    status: Annotated[str, typer.Option(help="published, or draft.")] = "published",
    sort: Annotated[str, typer.Option(help="-date (newest first) or date.")] = "-date",
) -> None:
    """Stream every action the filters select (those of GET /v1/actions) as FollowTheMoney entities, CSV or
    JSON lines; memory stays flat whatever the size."""
    from pydantic import ValidationError
    from sqlalchemy.orm import Session

    from service.actions.schemas import ActionFilters
    from service.config import Settings
    from service.db import make_engine
    from service.export.pages import export_filters, read_snapshot
    from service.export.service import export_chunks

    given = {
        "type": type,
        "resolution": resolution,
        "actor": actor,
        "role": role,
        "country": country,
        "official": official,
        "date_from": date_from,
        "date_to": date_to,
        "q": q,
        "status": status,
        "sort": sort,
    }
    try:
        filters = export_filters(ActionFilters.model_validate({k: v for k, v in given.items() if v is not None}))
    except ValidationError as error:
        fail("; ".join(f"--{'-'.join(map(str, e['loc'])).replace('_', '-')}: {e['msg']}" for e in error.errors()))
    engine = make_engine(Settings())
    require_migrated(engine)
    count: Counter[str] = Counter()
    part = output.with_name(output.name + ".part") if output else None
    try:
        try:
            target = open(part, "w", encoding="utf-8", newline="") if part else nullcontext(sys.stdout)  # noqa: SIM115
        except OSError as problem:
            fail(f"--output {output}: cannot write there: {problem.strerror}")
        with Session(engine) as session, target as file:
            read_snapshot(session)
            for chunk in export_chunks(session, format, filters, lambda n: count.update(actions=n)):
                file.write(chunk)
        if part and output:
            part.replace(output)
    finally:
        if part and part.exists():
            part.unlink()
        engine.dispose()
    err.print(f"exported {count['actions']} action(s) as {format} to {output or 'stdout'}", highlight=False)


def import_ftm(
    file: Annotated[Path, typer.Argument(help="FollowTheMoney entities, one JSON object per line.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Import and report, then roll back.")] = False,
) -> None:
    """Import FollowTheMoney Sanction entities (with their targets), and the Events of this tracker's own FtM
    export, as actions: idempotent, in one transaction; a bad line is reported and nothing is written."""
    if not file.is_file():
        fail(f"{file}: {'is a directory' if file.is_dir() else 'no such file'}")
    if find_spec("followthemoney") is None:
        fail("import ftm reads files with the followthemoney package: pip install -c requirements.lock -e '.[ftm]'")
    from rich.table import Table
    from sqlalchemy.orm import Session

    from service.config import Settings
    from service.db import make_engine
    from service.importers.entries import ImportFailure
    from service.importers.ftm import KEPT
    from service.importers.ftm import import_ftm as run_import

    engine = make_engine(Settings())
    require_migrated(engine)
    with Session(engine) as session:
        try:
            report = run_import(session, file)
        except ImportFailure as failure:
            session.rollback()
            fail(f"{failure}; nothing was written")
        if dry_run:
            session.rollback()
        else:
            session.commit()
    engine.dispose()
    verb = " (dry run: nothing written)" if dry_run else ""
    table = Table(title=f"FollowTheMoney: {report.read} entities, {report.selected} action(s) imported{verb}")
    outcomes = ("added", "changed", "unchanged", KEPT)
    table.add_column("records")
    for outcome in outcomes:
        table.add_column(outcome, justify="right")
    for kind in ("actions", "actors", "sources", "authorities"):
        if kind in report.counts:
            table.add_row(kind, *(str(report.get(kind, outcome)) for outcome in outcomes))
    out.print(table)
    for note in report.notes:
        out.print(f"note: {note}", highlight=False)
