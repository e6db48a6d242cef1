"""`import ftm`: FollowTheMoney entities (JSON lines) into actions, so that data flows both ways.

Each `Sanction` becomes a designation: its `entity` the target actor (with its names, identifiers and addresses),
its `programId` (or `program`) a `sanctions_program` authority cited as the regime, its `authority` (or its
`country`) the imposer, and the entity's own JSON a source document that every quote is a passage of. The
`Event`s of this tracker's FtM export (ids `tracker-action-…`) come back as the actions they were, with their
roles (the `UnknownLink`s to them) and citations; a Sanction of ours whose Event is in the file adds nothing.

The file is read twice (ftm_file.py): first every line is parsed and checked against FtM's model and the place of
each entity noted (any problem names the line and field, before anything is written); then each action entity is
mapped to a draft (ftm_drafts.py) and the drafts written in batches (ftm_writer.py), in the caller's transaction.
"""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from service.actors.resolution import resolve
from service.importers.entries import ImportReport
from service.importers.ftm_drafts import Draft, Drafts
from service.importers.ftm_file import ACTION_SCHEMAS, FtmFile
from service.importers.ftm_writer import KEPT, WHO, FtmWriter
from service.writes import acting_as

__all__ = ["KEPT", "import_ftm"]

BATCH = 500


def import_ftm(session: Session, path: Path, *, today: date | None = None) -> ImportReport:
    """Import the file's Sanctions (and this tracker's Events) in the caller's transaction; commits nothing.
    Raises ImportFailure naming the file, line, entity and field of the first problem."""
    acting_as(session, WHO)
    file = FtmFile(path)
    report = ImportReport(read=sum(file.counts.values()))
    writer = FtmWriter(session, report)
    drafts = Drafts(session, file, report, writer.imposer, today or date.today())
    batch: list[Draft] = []
    try:
        for id in file.actions:
            draft = drafts.of(id)
            if draft is not None:
                batch.append(draft)
            if len(batch) >= BATCH:
                writer.write(batch)
                batch = []
        writer.write(batch)
    finally:
        file.close()
    if judged := resolve(session):  # one actor per party, as after the lists' imports
        report.count("judgements", "added", judged)
    skipped = {schema: n for schema, n in file.counts.items() if schema not in ACTION_SCHEMAS}
    if skipped:
        listed = ", ".join(f"{n} {schema}" for schema, n in sorted(skipped.items()))
        report.notes.append(f"read only as parts of the actions: {listed}")
    return report
