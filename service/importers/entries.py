"""What a list reader hands the writer: one entry, already mapped, with the text of the source it becomes;
and what it raises when a file is not what it should be."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from service.actors.writes import ActorRecord
from service.loads import FileProblem
from service.writes import Outcome


class ImportFailure(Exception):
    """A file that cannot be imported, and where: the file, the line, the entry and the field."""

    def __init__(
        self,
        file: Path | str,
        message: str,
        *,
        line: int | None = None,
        entry: str | None = None,
        field: str | None = None,
    ):
        self.problem = FileProblem(str(file), line, entry, field, message, kind="entry")
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class Entry:
    """One list entry: the actor it designates, under which regimes, and the plain text of the entry that
    becomes its source document (every quote below is a passage of `text`)."""

    reference: str  # the list's own key: 'KPi.001', or OFAC's ent_num '17069'
    regimes: tuple[str, ...]  # the UN list type, or the OFAC program tags
    actor: ActorRecord  # its id ('un-kpi.001', 'ofac-17069') is the stem of every id made from the entry
    text: str
    title: str  # the source document's title
    narrative: str  # the entry's own words about the listing (COMMENTS1, Remarks): the action's quote
    name_quote: str  # the passage that names the target
    list_quote: str  # the passage that names the list, hence the imposer
    regime_quote: str  # the passage that names the regimes
    listed_on: date | None = None  # the listing date, where the list gives one
    listed_on_text: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        return self.actor.id

    @property
    def name(self) -> str:
        return self.actor.name


REMOVED = "removed"


@dataclass
class ImportReport:
    """What an import did, per kind of record: added, changed, unchanged, and (list entries only) removed."""

    read: int = 0  # entries read from the file
    selected: int = 0  # of which in the regimes or programs asked for
    list_date: date | None = None
    file_sha256: str | None = None
    counts: dict[str, Counter] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: Outcome | str, times: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[str(outcome)] += times

    def get(self, kind: str, outcome: Outcome | str) -> int:
        return self.counts.get(kind, Counter())[str(outcome)]
