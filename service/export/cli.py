"""`sanctions-tracker export`: a thin shell over the exporters, which service/cli.py mounts."""

import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from service.commands import database, err, fail
from service.export.formats import Format

# The exporters and the database are imported when the command runs: every command starts faster. For the same
# reason the options below are declared here rather than made from ExportFilters, whose import loads the models.
FILTERS = ("type", "resolution", "actor", "role", "country", "official", "date_from", "date_to", "q", "status", "sort")


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
    from service.changes.queries import last_change
    from service.export.pages import export_filters, read_snapshot
    from service.export.service import export_chunks

    # The options are the filters of ExportFilters, by the same names (tests/export/test_cli.py holds them equal).
    given = {name: value for name, value in locals().items() if name in FILTERS and value is not None}
    try:
        filters = export_filters(ActionFilters.model_validate(given))
    except ValidationError as error:
        fail("; ".join(f"--{'-'.join(map(str, e['loc'])).replace('_', '-')}: {e['msg']}" for e in error.errors()))
    count: Counter[str] = Counter()
    part = output.with_name(output.name + ".part") if output else None
    with database() as engine:
        try:
            try:
                target = open(part, "w", encoding="utf-8", newline="") if part else nullcontext(sys.stdout)  # noqa: SIM115
            except OSError as problem:
                fail(f"--output {output}: cannot write there: {problem.strerror}")
            with Session(engine) as session:
                feed_seq = last_change(session)  # before the export's reads: the export holds every change up to it
            with Session(engine) as session, target as file:
                read_snapshot(session)
                for chunk in export_chunks(session, format, filters, lambda n: count.update(actions=n)):
                    file.write(chunk)
            if part and output:
                part.replace(output)
        finally:
            if part and part.exists():
                part.unlink()
    err.print(
        f"exported {count['actions']} action(s) as {format} to {output or 'stdout'}, as of change feed seq {feed_seq}",
        highlight=False,
    )
