"""What a load (the seed files, a list's import) says of a file it refuses: where, down to the record and its
field, and what is wrong, as one line."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    file: str
    line: int | None
    record: str | None  # a seed record's id, or a list entry's reference
    field: str | None
    message: str
    kind: str = "record"  # what the file calls its records: a seed file's records, a list's entries

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = (self.record and f"{self.kind} {self.record}", self.field and f"field {self.field}")
        what = ", ".join(part for part in parts if part)
        return f"{where}: {what + ': ' if what else ''}{self.message}"
