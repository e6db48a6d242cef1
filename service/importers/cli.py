"""`sanctions-tracker import …`: load an official list (UN, OFAC) or FollowTheMoney entities in one transaction,
with a progress bar and a summary."""

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.commands import database, err, fail, out, print_counts

# The importers and the database are imported when a command runs: every command starts faster.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from service.importers.entries import ImportReport

import_app = typer.Typer(help="Load an official sanctions list (idempotent; one transaction).", no_args_is_help=True)

ListDate = Annotated[
    datetime | None,
    typer.Option(
        "--list-date",
        formats=["%Y-%m-%d"],
        help="The list's publication date, when the file does not give it (OFAC's CSV: required).",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Import a list older than the last one imported from its source.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Import and report, then roll back: write nothing.")]
UnXmlFile = Annotated[Path, typer.Argument(help="The UN Security Council Consolidated List, as XML.")]
Regimes = Annotated[
    list[str] | None,
    typer.Option(help="A UN_LIST_TYPE to import (repeat for several; 'all' for every one). Default: DPRK."),
]
SdnFolder = Annotated[Path, typer.Argument(help="The folder of sdn.csv (and add.csv, alt.csv, sdn_comments.csv).")]
Programs = Annotated[
    list[str] | None, typer.Option(help="A program tag to import (repeat for several). Default: every program.")
]


@import_app.command("un-xml")
def un_xml(
    file: UnXmlFile, regime: Regimes = None, list_date: ListDate = None, force: Force = False, dry_run: DryRun = False
) -> None:
    """Import the entries of the UN list's regimes: each a target designated by the Security Council."""
    from service.importers.un_xml import import_un_xml

    _check_xml(file)
    _run("UN list", file.stat().st_size, partial(import_un_xml, path=file, regimes=regime), list_date, force, dry_run)


@import_app.command("ofac-csv")
def ofac_csv(
    directory: SdnFolder,
    program: Programs = None,
    list_date: ListDate = None,
    force: Force = False,
    dry_run: DryRun = False,
) -> None:
    """Import OFAC's SDN entries: each a target designated by OFAC under its programs."""
    from service.importers.entries import ImportFailure
    from service.importers.ofac_csv import import_ofac_csv, total_size

    try:
        size = total_size(directory)
    except ImportFailure as failure:
        fail(str(failure))
    _run("OFAC SDN", size, partial(import_ofac_csv, directory=directory, programs=program), list_date, force, dry_run)


def _run(
    label: str,
    size: int,
    load: "Callable[..., ImportReport]",
    list_date: datetime | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Import a list with a progress bar over its `size` bytes, and print its report; `load` is the importer,
    given the list's file and the entries to import."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from service.importers.entries import REMOVED

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    # Only on a terminal: elsewhere the bar would leave an empty line before the summary or the error.
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(f"importing the {label}", total=size)
        report = _load(
            lambda session: load(
                session, list_date=_day(list_date), force=force, progress=lambda read: progress.advance(task, read)
            ),
            dry_run,
        )
    dated = f", list of {report.list_date}" if report.list_date else ""
    out.print(f"{label}: {report.selected} of {report.read} entries imported{dated}{_verb(dry_run)}", highlight=False)
    kinds = ("entries", "actors", "sources", "actions", "authorities", "judgements")
    print_counts(None, report.counts, kinds, ("added", "changed", "unchanged", REMOVED), report.notes)


@import_app.command("ftm")
def ftm(
    file: Annotated[Path, typer.Argument(help="FollowTheMoney entities, one JSON object per line.")],
    dry_run: DryRun = False,
) -> None:
    """Import FollowTheMoney Sanction entities (with their targets), and the Events of this tracker's own FtM
    export, as actions: idempotent, in one transaction; a bad line is reported and nothing is written."""
    if not file.is_file():
        fail(f"{file}: {'is a directory' if file.is_dir() else 'no such file'}")
    if find_spec("followthemoney") is None:
        fail("import ftm reads files with the followthemoney package: pip install -c requirements.lock -e '.[ftm]'")
    from service.importers.ftm import KEPT, import_ftm

    report = _load(lambda session: import_ftm(session, file), dry_run)
    title = f"FollowTheMoney: {report.read} entities, {report.selected} action(s) imported{_verb(dry_run)}"
    kinds = ("actions", "actors", "sources", "authorities", "judgements")
    print_counts(title, report.counts, kinds, ("added", "changed", "unchanged", KEPT), report.notes)


def _load(load: "Callable[[Session], ImportReport]", dry_run: bool) -> "ImportReport":
    """Run an import in one transaction: committed, or rolled back when it fails (nothing written) or when it is
    a dry run."""
    from sqlalchemy.orm import Session

    from service.importers.entries import ImportFailure

    with database() as engine, Session(engine) as session:
        try:
            report = load(session)
        except ImportFailure as failure:
            session.rollback()
            fail(f"{failure}; nothing was written")
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return report


def _verb(dry_run: bool) -> str:
    return " (dry run: nothing written)" if dry_run else ""


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment else None


def _check_xml(file: Path) -> None:
    """Fail in one line when the path is not a file, or the file plainly not XML (a CSV, say): the importer's own
    errors are about a list's contents."""
    if file.is_dir():
        fail(f"{file}: is a directory; give the list's XML file")
    if not file.is_file():
        fail(f"{file}: no such file")
    with open(file, "rb") as stream:
        start = stream.read(200).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"<"):
        first = start.split(b"\n", 1)[0].decode("utf-8", "replace")[:60]
        fail(f"{file}: not XML (it begins {first!r}); the UN list is the XML file of the consolidated list")
