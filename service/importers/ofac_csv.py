"""OFAC's legacy SDN CSV set: sdn.csv (one row per entry) and, when present, add.csv (addresses), alt.csv (other
names) and sdn_comments.csv (the rest of long remarks). No header; `-0-` marks an empty field.

Each entry of the programs asked for becomes a target designated by OFAC under each of its programs. The
companion files are not sorted by entry, so their rows are first put aside in a temporary SQLite file keyed by
ent_num; sdn.csv is then read as a stream and each batch of entries fetches its rows from there. Memory stays
flat whatever the size of the files.
"""

import csv
import hashlib
import json
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from service.actors.writes import ActorRecord, Address, BirthDate, Identifier, WeakAlias
from service.folding import slug
from service.importers.countries import country_code, only_country
from service.importers.entries import Entry, ImportFailure, ImportReport
from service.importers.writer import Body, Coverage, ListKind, ListWriter, check_list_date, ensure_authority
from service.vocabulary import ActorKind, AuthorityKind, IdentifierScheme, SanctionsList
from service.writes import acting_as

URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
LABEL = "OFAC Specially Designated Nationals (SDN) List"
EMPTY = "-0-"
# The legacy CSV layout, as OFAC documents it (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas).
FILES = {
    "sdn.csv": (
        "ent_num",
        "SDN_Name",
        "SDN_Type",
        "Program",
        "Title",
        "Call_Sign",
        "Vess_type",
        "Tonnage",
        "GRT",
        "Vess_flag",
        "Vess_owner",
        "Remarks",
    ),
    "add.csv": ("Ent_num", "Add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks"),
    "alt.csv": ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    "sdn_comments.csv": ("ent_num", "Remarks_Extension"),
}
RELATED = ("add.csv", "alt.csv", "sdn_comments.csv")
KINDS = {
    None: ActorKind.organization,  # OFAC leaves the type of an entity empty
    "individual": ActorKind.person,
    "vessel": ActorKind.vessel,
    "aircraft": ActorKind.aircraft,
}
# Programs whose executive order is known: each program authority points at it (`parent`). A tag that names
# its order (UKRAINE-EO13662) points at that one.
PROGRAM_ORDERS = {"DPRK2": 13687, "DPRK3": 13722, "DPRK4": 13810, "RUSSIA-EO14024": 14024, "NPWMD": 13382}
ORDER_IN_TAG = re.compile(r"-EO(\d{5})$")

ALIAS = re.compile(r"^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '(.+)'$")
# A document number: words of capitals, digits and . / - ending with one that holds a digit ('PS 472330208',
# '265 216', 'AB149814'), then perhaps the issuing country in brackets.
_NUMBER = r"((?:[A-Z0-9./-]+ )*[A-Z0-9./-]*\d[A-Z0-9./-]*)(?: \(([^)]+)\))?"
PASSPORT = re.compile(r"^(?:alt\. )?Passport " + _NUMBER)
NATIONAL_ID = re.compile(r"^(?:alt\. )?National ID No\. " + _NUMBER)
# An exact date of birth: '09 Feb 1963', 'Feb 1963' or '1963' ('circa 1960' and ranges are not kept).
BIRTH_DATE = re.compile(r"^(?:alt\. )?DOB ((?:(\d{2}) )?(?:([A-Z][a-z]{2}) )?(\d{4}))\.?$")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
IMO = re.compile(r"\bIMO (\d{7})\b")
MMSI = re.compile(r"\bMMSI (\d{9})\b")
NATIONALITY = re.compile(r"^(?:alt\. )?(?:nationality|citizen) (.+)$")


def import_ofac_csv(
    session: Session,
    directory: Path,
    *,
    programs: list[str] | None = None,
    list_date: date | None = None,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the entries of `programs` (default: every program). The legacy CSV gives no date: `list_date`, the
    list's publication date, is required, and may not be older than the last OFAC list imported unless `force`.
    Writes in the caller's transaction, commits nothing; raises ImportFailure naming file, line, entry and field
    on any malformed row."""
    acting_as(session, "import ofac-csv")
    coverage = Coverage(programs)
    paths = list_files(directory)
    list_date = check_list_date(session, OFAC_LIST, str(paths["sdn.csv"]), list_date, force)
    report = ImportReport(list_date=list_date)
    writer = ListWriter(session, OFAC_LIST, coverage, report, file=str(paths["sdn.csv"]), list_date=list_date)
    with SdnReader(paths, coverage, progress) as reader:
        for entry in reader:
            if entry is not None:
                report.selected += 1
                writer.add(entry)
        report.read = reader.read
        if reader.orphans:
            report.notes.append(f"{reader.orphans} row(s) of add/alt/comments name no entry of sdn.csv: skipped")
        assert reader.sha256 is not None  # the loop above read the file to its end
        return writer.finish(reader.sha256)


def list_files(directory: Path) -> dict[str, Path]:
    """The set's files in `directory`, whatever their case; sdn.csv is required, the others optional."""
    if not directory.is_dir():
        raise ImportFailure(directory, "not a directory")
    found = {path.name.casefold(): path for path in directory.iterdir() if path.is_file()}
    if "sdn.csv" not in found:
        raise ImportFailure(directory, "no sdn.csv in this directory")
    return {name: found[name] for name in FILES if name in found}


def total_size(directory: Path) -> int:
    return sum(path.stat().st_size for path in list_files(directory).values())


def _program_authority(session: Session, tag: str, report: ImportReport) -> str:
    order = PROGRAM_ORDERS.get(tag.upper())
    if order is None and (match := ORDER_IN_TAG.search(tag.upper())):
        order = int(match.group(1))
    parent = None
    if order is not None:
        values = {"kind": AuthorityKind.executive_order, "code": str(order), "number": order}
        parent = ensure_authority(
            session, report, f"us-eo-{order}", values | {"issuer": "President of the United States"}
        )
    values = {
        "kind": AuthorityKind.sanctions_program,
        "code": tag,
        "issuer": "U.S. Treasury, OFAC",
        "parent_id": parent,
    }
    return ensure_authority(session, report, f"ofac-program-{slug(tag)}", values)


def _title(entry: Entry) -> str:
    return f"OFAC lists {entry.name[:400]} (SDN entry {entry.reference}) under {', '.join(entry.regimes)}"


OFAC_LIST = ListKind(
    name=SanctionsList.ofac_sdn,
    label=LABEL,
    publisher="U.S. Treasury, OFAC",
    url=URL,
    keeper=Body(
        "body-us-ofac",
        "Office of Foreign Assets Control",
        "US",
        ("OFAC", "U.S. Treasury's Office of Foreign Assets Control", "US Treasury OFAC"),
    ),
    main_file="sdn.csv",
    authority=_program_authority,
    designation_title=_title,
)


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: dict[str, str]  # the non-empty fields, stripped


class SdnReader:
    """Yields an Entry for each sdn.csv row in coverage and None for each other one."""

    BATCH = 500

    def __init__(self, paths: dict[str, Path], coverage: Coverage, progress: Callable[[int], None] | None = None):
        self.paths, self.coverage, self.progress = paths, coverage, progress
        self.read = 0
        self.orphans = 0
        self.sha256: str | None = None
        self._temporary = tempfile.TemporaryDirectory(prefix="ofac-import-")
        self._related = sqlite3.connect(Path(self._temporary.name) / "related.db")

    def __enter__(self) -> "SdnReader":
        return self

    def __exit__(self, *_: object) -> None:
        self._related.close()
        self._temporary.cleanup()

    def __iter__(self) -> Iterator[Entry | None]:
        self._stage_related()
        digest = hashlib.sha256()
        seen: set[int] = set()
        batch: list[tuple[int, Row]] = []
        for row in self._rows("sdn.csv", digest):
            ent_num = self._ent_num(row, "ent_num")
            if ent_num in seen:
                raise self._fail(row, "ent_num", "the entry number appears twice in sdn.csv", ent_num)
            seen.add(ent_num)
            self.read += 1
            batch.append((ent_num, row))
            if len(batch) >= self.BATCH:
                yield from self._entries(batch)
                batch = []
        yield from self._entries(batch)
        self.sha256 = digest.hexdigest()
        self.orphans = sum(count for ent_num, count in self._related.execute(_COUNTS) if ent_num not in seen)

    def _stage_related(self) -> None:
        self._related.execute("CREATE TABLE rows (ent_num INTEGER, file TEXT, line INTEGER, fields TEXT)")
        for name in RELATED:
            if name not in self.paths:
                continue
            pending = []
            key = FILES[name][0]
            for row in self._rows(name, None):
                pending.append((self._ent_num(row, key), name, row.line, json.dumps(row.fields)))
                if len(pending) >= 5000:
                    self._related.executemany("INSERT INTO rows VALUES (?, ?, ?, ?)", pending)
                    pending = []
            self._related.executemany("INSERT INTO rows VALUES (?, ?, ?, ?)", pending)
        self._related.execute("CREATE INDEX rows_ent_num ON rows (ent_num)")

    def _rows(self, name: str, digest) -> Iterator[Row]:
        """The rows of one file, each with the line it starts on. Lines are decoded one by one: UTF-8, or
        Windows-1252 (the legacy files' own) for a line that is not UTF-8."""
        path, fields = self.paths[name], FILES[name]

        def lines(file):
            for line in file:
                if digest is not None:
                    digest.update(line)
                if self.progress:
                    self.progress(len(line))
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    text = line.decode("cp1252", errors="replace")
                yield text.removeprefix("\ufeff")  # a byte-order mark, if an editor added one

        with open(path, "rb") as file:
            reader = csv.reader(lines(file))
            end = 0
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise ImportFailure(path, f"not valid CSV: {error}", line=reader.line_num) from None
                start, end = end + 1, reader.line_num
                if not values or values == ["\x1a"]:  # blank lines, and the DOS end-of-file mark
                    continue
                if len(values) != len(fields):
                    raise ImportFailure(
                        path,
                        f"{len(values)} fields where {len(fields)} were expected ({', '.join(fields)})",
                        line=start,
                        entry=values[0].strip() or None,
                    )
                stripped = {field: value.strip() for field, value in zip(fields, values, strict=True)}
                yield Row(name, start, {field: value for field, value in stripped.items() if value and value != EMPTY})

    def _ent_num(self, row: Row, field: str) -> int:
        value = row.fields.get(field, "")
        if not value.isdigit():
            raise self._fail(row, field, f"not an entry number: {value!r}", value or None)
        return int(value)

    def _fail(self, row: Row, field: str, message: str, entry: int | str | None) -> ImportFailure:
        return ImportFailure(
            self.paths[row.file], message, line=row.line, entry=str(entry) if entry else None, field=field
        )

    def _entries(self, batch: list[tuple[int, Row]]) -> Iterator[Entry | None]:
        chosen = [(ent_num, row) for ent_num, row in batch if self.coverage.covers(self._programs(ent_num, row))]
        related: dict[int, list[Row]] = {}
        numbers = [ent_num for ent_num, _ in chosen]
        if numbers:
            query = f"SELECT ent_num, file, line, fields FROM rows WHERE ent_num IN ({', '.join('?' * len(numbers))})"
            for ent_num, file, line, fields in self._related.execute(query, numbers):
                related.setdefault(ent_num, []).append(Row(file, line, json.loads(fields)))
        chosen_numbers = set(numbers)
        for ent_num, row in batch:
            yield self._entry(ent_num, row, related.get(ent_num, [])) if ent_num in chosen_numbers else None

    def _programs(self, ent_num: int, row: Row) -> tuple[str, ...]:
        raw = row.fields.get("Program", "")
        tags = tuple(sorted({tag.strip() for tag in raw.strip("[] ").split("] [") if tag.strip()}))
        if not tags:
            raise self._fail(row, "Program", "no program", ent_num)
        return tags

    def _addresses(self, ent_num: int, related: list[Row]) -> list[Address]:
        addresses = []
        for item in related:
            address = _address(item.fields) if item.file == "add.csv" else None
            if address and len(address.address) > 500:
                raise self._fail(item, "Address", "an address longer than 500 characters", ent_num)
            addresses += [address] if address else []
        return addresses

    def _entry(self, ent_num: int, row: Row, related: list[Row]) -> Entry:
        fields = row.fields
        name = fields.get("SDN_Name")
        if not name:
            raise self._fail(row, "SDN_Name", "missing or empty", ent_num)
        sdn_type = fields.get("SDN_Type")
        if sdn_type not in KINDS:
            raise self._fail(
                row, "SDN_Type", f"not one of individual, vessel, aircraft or {EMPTY}: {sdn_type!r}", ent_num
            )
        kind = KINDS[sdn_type]
        related.sort(key=lambda item: (RELATED.index(item.file), _number(item.fields, item.file), item.line))
        for item in related:
            if item.file == "alt.csv" and not item.fields.get("alt_name"):
                raise self._fail(item, "alt_name", "missing or empty", ent_num)

        header = f"{LABEL}: entry {ent_num}"
        blocks = [header, _block("sdn.csv", fields)]
        blocks += [_block(item.file, item.fields, skip=FILES[item.file][0]) for item in related]
        text = "\n".join(blocks)

        remarks = fields.get("Remarks", "")
        extension = "".join(
            item.fields.get("Remarks_Extension", "") for item in related if item.file == "sdn_comments.csv"
        )
        items = [item.strip() for item in (remarks + extension).rstrip(".").split(";") if item.strip()]
        aliases = [item.fields["alt_name"] for item in related if item.file == "alt.csv"]
        # The a.k.a.s of the remarks are OFAC's weak AKAs, those of alt.csv its strong ones (OFAC FAQ 123).
        weak_aliases = [match.group(1) for item in items if (match := ALIAS.match(item))]
        identifiers, nationalities = _identifiers(ent_num, fields, items)
        addresses = self._addresses(ent_num, related)
        country = _country(kind, fields, nationalities, addresses)
        for value in (name, *aliases, *weak_aliases):
            if len(value) > 500:
                raise self._fail(row, "SDN_Name", f"a name longer than 500 characters: {value[:40]!r}…", ent_num)

        name_quote = f"SDN_Name: {name}"
        programs = self._programs(ent_num, row)
        return Entry(
            reference=str(ent_num),
            regimes=programs,
            actor=ActorRecord(
                f"ofac-{ent_num}",
                name,
                kind,
                country,
                tuple(dict.fromkeys(aliases)),
                tuple(identifiers),
                tuple(addresses),
                _birth_dates(items),
                tuple(map(WeakAlias, dict.fromkeys(weak_aliases))),
            ),
            text=text,
            title=f"OFAC SDN List: {name[:400]} (entry {ent_num})",
            narrative=remarks or name_quote,
            name_quote=name_quote,
            list_quote=header,
            regime_quote=f"Program: {fields['Program']}",
            line=row.line,
        )


_COUNTS = "SELECT ent_num, COUNT(*) FROM rows GROUP BY ent_num"


def _birth_dates(remarks: list[str]) -> tuple[BirthDate, ...]:
    """The exact birth dates the remarks give ('DOB 09 Feb 1963', 'DOB Feb 1963', 'DOB 1963'), once each."""
    found = [_birth_date(*match.group(2, 3, 4)) for item in remarks if (match := BIRTH_DATE.match(item))]
    return tuple(dict.fromkeys(born for born in found if born))


def _birth_date(day: str | None, month: str | None, year: str) -> BirthDate | None:
    """'1963-02-09', '1963-02' or '1963'; None for a day without its month, or a date that does not exist."""
    if month is None:
        return None if day else BirthDate(year)
    if month not in MONTHS:
        return None
    stamp = f"{year}-{MONTHS.index(month) + 1:02d}"
    if day is None:
        return BirthDate(stamp)
    try:
        return BirthDate(date.fromisoformat(f"{stamp}-{day}").isoformat())
    except ValueError:
        return None


def _identifiers(ent_num: int, fields: dict[str, str], remarks: list[str]) -> tuple[list[Identifier], list[str]]:
    """The entry's identifiers (its number, its call sign, and the passports, national ids, IMO and MMSI numbers
    its remarks give) and the nationalities its remarks give."""
    identifiers = [Identifier(IdentifierScheme.ofac_ent_num, str(ent_num))]
    if fields.get("Call_Sign"):
        identifiers.append(Identifier(IdentifierScheme.call_sign, fields["Call_Sign"]))
    nationalities = []
    for item in remarks:
        if match := PASSPORT.match(item):
            identifiers.append(Identifier(IdentifierScheme.passport, match.group(1), match.group(2)))
        elif match := NATIONAL_ID.match(item):
            identifiers.append(Identifier(IdentifierScheme.national_id, match.group(1), match.group(2)))
        elif match := NATIONALITY.match(item):
            nationalities.append(match.group(1))
        identifiers += [Identifier(IdentifierScheme.imo, number) for number in IMO.findall(item)]
        identifiers += [Identifier(IdentifierScheme.mmsi, number) for number in MMSI.findall(item)]
    return identifiers, nationalities


def _country(kind: str, fields: dict[str, str], nationalities: list[str], addresses: list[Address]) -> str | None:
    """A vessel's flag, a person's one nationality, an organization's one country of address; else none."""
    if kind is ActorKind.vessel:
        return country_code(fields.get("Vess_flag"))
    if kind is ActorKind.person:
        return only_country(nationalities)
    if kind is ActorKind.organization:
        return only_country(address.country for address in addresses if address.country)
    return None


def _number(fields: dict[str, str], file: str) -> int:
    value = fields.get({"add.csv": "Add_num", "alt.csv": "alt_num"}.get(file, ""), "")
    return int(value) if value.isdigit() else 0


def _block(file: str, fields: dict[str, str], skip: str | None = None) -> str:
    """One CSV row as plain text: the file it is from, then `field: value` for each field that is not empty."""
    return "\n".join([f"[{file}]", *(f"{field}: {value}" for field, value in fields.items() if field != skip)])


def _address(fields: dict[str, str]) -> Address | None:
    parts = [fields.get(name) for name in ("Address", "City/State/Province/Postal Code", "Country")]
    line = ", ".join(part for part in parts if part)
    return Address(line, fields.get("Country"), fields.get("Add_remarks")) if line else None
