"""The UN Security Council Consolidated List (XML): each INDIVIDUAL or ENTITY of the regimes asked for becomes a
target listed by the Security Council on its LISTED_ON date.

The file is read as a stream, a line at a time (so that errors can name their line), and each entry's element
is dropped once mapped: memory stays flat whatever the list's size.
"""

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypedDict, cast

from sqlalchemy.orm import Session

from service.actors.writes import ActorRecord, Address, BirthDate, Identifier, WeakAlias
from service.folding import slug
from service.importers.countries import only_country
from service.importers.entries import Entry, ImportFailure, ImportReport
from service.importers.writer import Body, Coverage, ListKind, ListWriter, check_list_date, ensure_authority
from service.vocabulary import ActorKind, AuthorityKind, IdentifierScheme, SanctionsList
from service.writes import acting_as

URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
LABEL = "UN Security Council Consolidated List"
ENTRY_TAGS = {"INDIVIDUAL": ActorKind.person, "ENTITY": ActorKind.organization}
NAME_FIELDS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
ADDRESS_FIELDS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
# An xs:date: the day, and perhaps its time zone ('2015-04-07-04:00'), which does not change the day.
XSD_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
IMO = re.compile(r"\bIMO\b(?:\s*(?:number|no\.?))?\s*:?\s*(\d{7})\b", re.IGNORECASE)


class FoundingResolution(TypedDict):
    id: str
    code: str
    number: int
    symbol: str
    year: int
    adopted_on: date


# The regimes whose founding resolution is known: a listing under them cites that resolution. Any other list
# type is kept as an authority of its own (kind regime, code the list type).
RESOLUTIONS: dict[str, FoundingResolution] = {
    "dprk": {
        "id": "unscr-1718",
        "code": "1718",
        "number": 1718,
        "symbol": "S/RES/1718 (2006)",
        "year": 2006,
        "adopted_on": date(2006, 10, 14),
    },
}


def import_un_xml(
    session: Session,
    path: Path,
    *,
    regimes: list[str] | None = None,
    list_date: date | None = None,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the entries of `regimes` (default DPRK; 'all' for every one). The list's date is the file's own
    (`dateGenerated`); `list_date` stands in for it in a file without one, and must agree with it otherwise. A
    list older than the last one imported is refused unless `force`. Writes in the caller's transaction and
    commits nothing; raises ImportFailure naming file, line, entry and field on any malformed entry."""
    acting_as(session, "import un-xml")
    coverage = Coverage(regimes or ["DPRK"])
    generated = generated_on(path)
    if generated and list_date and generated != list_date:
        raise ImportFailure(path, f"the list is dated {generated} (dateGenerated), not {list_date} (--list-date)")
    day = check_list_date(session, UN_LIST, str(path), generated or list_date, force)
    report = ImportReport(list_date=day)
    writer = ListWriter(session, UN_LIST, coverage, report, file=str(path), list_date=day)
    reader = UnXmlReader(path, coverage, progress)
    for entry in reader:
        if entry is not None:
            report.selected += 1
            writer.add(entry)
    report.read = reader.read
    assert reader.sha256 is not None  # the loop above read the file to its end
    return writer.finish(reader.sha256)


def generated_on(path: Path) -> date | None:
    """The list's generation date, from its root element's `dateGenerated`."""
    with open(path, "rb") as file:
        try:
            for _event, element in ET.iterparse(file, events=("start",)):
                stamp = element.get("dateGenerated")
                return date.fromisoformat(stamp[:10]) if stamp else None
        except (ET.ParseError, ValueError) as error:
            raise ImportFailure(path, f"cannot read the list's dateGenerated: {error}", line=1) from None
    return None


def _regime_authority(session: Session, code: str, report: ImportReport) -> str:
    known = RESOLUTIONS.get(code.casefold())
    if known:
        values = {key: value for key, value in known.items() if key != "id"}
        values |= {
            "kind": AuthorityKind.un_resolution,
            "issuer": "UN Security Council",
            "title": None,
            "parent_id": None,
        }
        return ensure_authority(session, report, known["id"], values)
    values = {"kind": AuthorityKind.regime, "code": code, "issuer": "UN Security Council", "title": None}
    return ensure_authority(session, report, f"un-regime-{slug(code)}", values)


def _title(entry: Entry) -> str:
    regimes = " and ".join(entry.regimes)
    return f"UN Security Council lists {entry.name[:400]} ({entry.reference}) under the {regimes} sanctions regime"


UN_LIST = ListKind(
    name=SanctionsList.un_sc,
    label=LABEL,
    publisher="UN Security Council",
    url=URL,
    keeper=Body(
        "body-unsc",
        "United Nations Security Council",
        None,
        ("UN Security Council", "U.N. Security Council", "UNSC", "Security Council"),
    ),
    main_file="XML file",
    authority=_regime_authority,
    designation_title=_title,
)


class UnXmlReader:
    """Yields an Entry for each entry in coverage and None for each other one; `sha256` is the file's once read."""

    def __init__(self, path: Path, coverage: Coverage, progress: Callable[[int], None] | None = None):
        self.path, self.coverage, self.progress = path, coverage, progress
        self.read = 0
        self.sha256: str | None = None
        self._seen: set[str] = set()

    def __iter__(self) -> Iterator[Entry | None]:
        parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        digest = hashlib.sha256()
        stack: list[ET.Element] = []
        lines: dict[ET.Element, int] = {}  # the line where each field of the current entry ends
        start = 0
        with open(self.path, "rb") as file:
            for number, line in enumerate(file, 1):
                digest.update(line)
                if self.progress:
                    self.progress(len(line))
                try:
                    parser.feed(line)
                    # Only start and end events are asked for, each (event, element); typeshed's type for the
                    # events covers every kind there is (namespace events carry tuples, not elements).
                    events = cast(list[tuple[str, ET.Element]], list(parser.read_events()))
                except ET.ParseError as error:
                    where = error.position[0] if error.position else number
                    raise ImportFailure(self.path, f"not well-formed XML: {error}", line=where) from None
                for event, element in events:
                    if event == "start":
                        stack.append(element)
                        if len(stack) == 3 and element.tag in ENTRY_TAGS:
                            start, lines = number, {}
                        continue
                    stack.pop()
                    if len(stack) >= 3:
                        lines[element] = number
                    elif len(stack) == 2 and element.tag in ENTRY_TAGS:
                        self.read += 1
                        yield self._entry(element, start, lines)
                        stack[1].remove(element)  # mapped: let it go
            try:
                parser.close()
            except ET.ParseError as error:
                raise ImportFailure(self.path, f"not well-formed XML: {error}", line=number) from None
        self.sha256 = digest.hexdigest()

    def _entry(self, element: ET.Element, start: int, lines: dict[ET.Element, int]) -> Entry | None:
        def fail(field: str, message: str, at: ET.Element | None = None, entry: str | None = None) -> ImportFailure:
            line = start if at is None else lines.get(at, start)
            return ImportFailure(self.path, message, line=line, entry=entry, field=field)

        def required(tag: str, entry: str | None) -> tuple[str, ET.Element]:
            child = element.find(tag)
            value = _text(child)
            if child is None or not value:
                raise fail(tag, "missing or empty", child, entry)
            return value, child

        reference, _ = required("REFERENCE_NUMBER", None)
        list_type, _ = required("UN_LIST_TYPE", reference)
        if not self.coverage.covers([list_type]):
            return None
        if reference in self._seen:
            raise fail("REFERENCE_NUMBER", "the reference number appears twice in the list", entry=reference)
        self._seen.add(reference)
        listed_on_text, listed_on_element = required("LISTED_ON", reference)
        listed_on = _xsd_date(listed_on_text)
        if listed_on is None:
            raise fail("LISTED_ON", f"not a date (YYYY-MM-DD): {listed_on_text!r}", listed_on_element, reference)
        required("FIRST_NAME", reference)

        header = f"{LABEL}: {element.tag} {reference}"
        rendered = [f"{path}: {value}" for path, value in _leaves(element)]
        name = " ".join(_text(element.find(tag)) for tag in NAME_FIELDS if _text(element.find(tag)))
        name_quote = _name_quote(rendered)
        narrative = _text(element.find("COMMENTS1"))
        identifiers, addresses = self._details(element, reference, narrative, start)
        kind = ENTRY_TAGS[element.tag]
        country = _country(element, kind, addresses)
        return Entry(
            reference=reference,
            regimes=(list_type,),
            actor=ActorRecord(
                f"un-{_slug(reference)}",
                name,
                kind,
                country,
                _aliases(element, weak=False),
                tuple(identifiers),
                tuple(addresses),
                tuple(dict.fromkeys(filter(None, map(_birth_date, element.findall("INDIVIDUAL_DATE_OF_BIRTH"))))),
                tuple(map(WeakAlias, _aliases(element, weak=True))),
            ),
            text="\n".join([header, *rendered]),
            title=f"{LABEL}: {name[:400]} ({reference})",
            narrative=narrative or name_quote,
            name_quote=name_quote,
            list_quote=header,
            regime_quote=f"UN_LIST_TYPE: {list_type}",
            listed_on=listed_on,
            listed_on_text=f"LISTED_ON: {listed_on_text}",
            line=start,
        )

    def _details(
        self, element: ET.Element, reference: str, narrative: str, line: int
    ) -> tuple[list[Identifier], list[Address]]:
        """The entry's identifiers (its UN reference, its documents, the IMO numbers its narrative gives) and
        addresses, each within the length the database keeps."""
        identifiers = [Identifier(IdentifierScheme.un_reference, reference)]
        identifiers += [found for document in element.findall("INDIVIDUAL_DOCUMENT") if (found := _document(document))]
        identifiers += [Identifier(IdentifierScheme.imo, number) for number in IMO.findall(narrative)]
        for identifier in identifiers:
            if len(identifier.value) > 200:
                message = f"number longer than 200 characters: {identifier.value[:40]!r}…"
                raise ImportFailure(self.path, message, line=line, entry=reference, field="INDIVIDUAL_DOCUMENT")
        addresses = [address for item in element if item.tag.endswith("_ADDRESS") and (address := _address(item))]
        for address in addresses:
            if len(address.address) > 500:
                message = "address longer than 500 characters"
                raise ImportFailure(self.path, message, line=line, entry=reference, field=f"{element.tag}_ADDRESS")
        return identifiers, addresses


def _country(element: ET.Element, kind: str, addresses: list[Address]) -> str | None:
    """A person's one nationality; an entity's one country of address."""
    if kind is ActorKind.person:
        return only_country(_text(value) for value in element.findall("NATIONALITY/VALUE"))
    return only_country(address.country for address in addresses)


def _aliases(element: ET.Element, *, weak: bool) -> tuple[str, ...]:
    """The entry's other names, each once: its aliases and its name in the original script; or, `weak`, the
    aliases the list gives as of low quality (QUALITY 'Low': too broad to identify the party alone)."""
    # Some entries give several spellings in one ALIAS_NAME, joined by ';' (27 in the list of 27 February 2026).
    aliases = [
        spelling.strip()
        for alias in element
        if alias.tag.endswith("_ALIAS") and (_text(alias.find("QUALITY")) == "Low") == weak
        for spelling in _text(alias.find("ALIAS_NAME")).split(";")
    ]
    if not weak:
        aliases += [_text(original) for original in element.findall("NAME_ORIGINAL_SCRIPT")]
    return tuple(dict.fromkeys(alias for alias in aliases if alias))


def _name_quote(rendered: list[str]) -> str:
    """The lines of the entry's text that give the name: its name fields when they stand together, else the
    first of them."""
    name_lines = [index for index, line in enumerate(rendered) if line.split(": ", 1)[0] in NAME_FIELDS]
    if name_lines == list(range(name_lines[0], name_lines[-1] + 1)):
        return "\n".join(rendered[name_lines[0] : name_lines[-1] + 1])
    return rendered[name_lines[0]]


def _xsd_date(text: str) -> date | None:
    matched = XSD_DATE.fullmatch(text)
    if matched is None:
        return None
    try:
        return date.fromisoformat(matched.group(1))
    except ValueError:
        return None


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _leaves(element: ET.Element, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every field with text, in the file's order: the entry as plain text, faithfully."""
    for child in element:
        path = prefix + child.tag
        if _text(child):
            yield path, _text(child)
        yield from _leaves(child, path + "/")


def _address(element: ET.Element) -> Address | None:
    parts = [_text(element.find(tag)) for tag in ADDRESS_FIELDS]
    line = ", ".join(part for part in parts if part)
    if not line:
        return None
    return Address(line, _text(element.find("COUNTRY")) or None, _text(element.find("NOTE")) or None)


def _birth_date(element: ET.Element) -> BirthDate | None:
    """An EXACT date or year of birth; approximate years and ranges are not kept (they are no evidence)."""
    if _text(element.find("TYPE_OF_DATE")) not in ("EXACT", ""):
        return None
    day, year = _text(element.find("DATE")), _text(element.find("YEAR"))
    if XSD_DATE.fullmatch(day):
        return BirthDate(day[:10])
    return BirthDate(year) if re.fullmatch(r"\d{4}", year) else None


def _document(element: ET.Element) -> Identifier | None:
    number = _text(element.find("NUMBER"))
    if not number:
        return None
    kind = " ".join(_text(element.find("TYPE_OF_DOCUMENT")).split())
    folded = kind.casefold()
    if any(word in folded for word in ("passport", "passeport", "pasaporte")):
        scheme = IdentifierScheme.passport
    elif "national identification" in folded:
        scheme = IdentifierScheme.national_id
    else:
        scheme = IdentifierScheme.document
    country = _text(element.find("ISSUING_COUNTRY")) or _text(element.find("COUNTRY_OF_ISSUE")) or None
    notes = [kind if scheme is IdentifierScheme.document else ""]
    notes += [" ".join(_text(element.find(tag)).split()) for tag in ("TYPE_OF_DOCUMENT2", "CITY_OF_ISSUE", "NOTE")]
    issued = _text(element.find("DATE_OF_ISSUE"))
    notes.append(f"issued {issued}" if issued else "")
    return Identifier(scheme, number, country, "; ".join(note for note in notes if note) or None)


def _slug(reference: str) -> str:
    # Not folding.slug: the dot stays, as in every id made from a reference so far ('un-kpi.019').
    return re.sub(r"[^a-z0-9.]+", "-", reference.casefold()).strip("-")
