"""`sanctions-tracker export`: a thin shell over the exporters, which service/cli.py mounts."""

import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperOption

from service.commands import database, err, fail
from service.export.formats import Format

# The exporters and the database are imported when the command runs: every command starts faster.


class ExportCommand(TyperCommand):
    """`export`, whose filter options are made from ExportFilters (the filters of GET /v1/export, with their
    names and descriptions) when first asked for: when `export` parses its arguments or shows its help. The
    list of every command does not ask, so only `export` pays for importing the models (about a second)."""

    _filters: list[TyperOption] | None = None

    @property
    def params(self) -> list:
        if self._filters is None:
            from service.actions.schemas import ExportFilters

            self._filters = [
                TyperOption(
                    param_decls=[f"--{name.replace('_', '-')}", name],
                    type=str,  # ExportFilters validates each value, and names the option of a bad one
                    help=field.description,
                    show_default=False if field.default is None else str(field.default),
                )
                for name, field in ExportFilters.model_fields.items()
            ]
            self._declared.extend(self._filters)
        return self._declared

    @params.setter
    def params(self, declared: list) -> None:
        self._declared = declared

    def invoke(self, ctx: Any) -> Any:  # Any: the Context of click as Typer bundles it is not public
        # The filters reach `export` as one dict: its signature declares only its own options.
        assert self._filters is not None  # made when the arguments were parsed
        ctx.meta["filters"] = {option.name: ctx.params.pop(option.name) for option in self._filters if option.name}
        return super().invoke(ctx)


def export(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", "-f", help="ftm (FollowTheMoney entities), csv or jsonl.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Stream every action the filters select (those of GET /v1/actions) as FollowTheMoney entities, CSV or
    JSON lines; memory stays flat whatever the size."""
    from pydantic import ValidationError
    from sqlalchemy.orm import Session

    from service.actions.schemas import ActionFilters
    from service.changes.queries import last_change
    from service.export.pages import export_filters, read_snapshot
    from service.export.service import export_chunks

    given = {name: value for name, value in ctx.meta["filters"].items() if value is not None}
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
