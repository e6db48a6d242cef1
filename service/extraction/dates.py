"""The action's date: which of the text's dates is the one the act happened on, and what it resolves to.

Every date phrase is a candidate ("on Thursday", "on 29 October", "May 31, 2024", "in March 2024", "today");
the one in the sentence that reports the act (said, announced, designated, a statement, a briefing) and in the
lead wins over dates of launches, visits and earlier meetings. Relative phrases resolve against the reference
day: the publication date when the caller gives one, else the document's dateline ("Published : Aug. 1, 2023",
a date line above the headline), else a date in the URL. A weekday is the last such day on or before it.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from service.extraction.classify import names_its_kind
from service.extraction.sentences import Sentence, first_turn, is_caption, signed_at_the_white_house
from service.vocabulary import ActionType, DatePrecision

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12, "maa": 3, "mei": 5, "okt": 10,
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
    # a copy's Dutch dateline: "gepubliceerd op donderdag 16 juni 2016"
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    # a dateline in capitals: "MAY 27, 2022"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ON = r"(?:(?:on|since|by|from|until|of|dated)\s+)?"
_PATTERNS = [
    # "2024-03-05", or a timestamp's day: "2024-03-05T09:30:00Z"
    ("full", re.compile(rf"\b{_ON}{_YEAR}-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?:\b|(?=T\d\d:))")),
    # "MAY 27, 2022Share": a page's button may be run into the year
    ("full", re.compile(rf"\b{_ON}{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)")),
    ("full", re.compile(rf"\b{_ON}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)")),
    ("full", re.compile(rf"\b{_ON}{_DAY}-{_MONTH}-{_YEAR}(?!\d)")),  # "4-Mar-2024", as lists and forms write it
    # "(2023.6.16.)", a Korean government page's date: year first
    ("full", re.compile(rf"(?<![\d.]){_YEAR}\.(?P<m>[01]?\d)\.(?P<day>[0-3]?\d)\.?(?!\d)")),
    ("full", re.compile(rf"(?<![\d/]){_YEAR}/(?P<m>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])")),  # "2023/11/22"
    # "02.07.2024" is day first wherever it is written; "07/02/2016" is read only when one part exceeds 12.
    ("full", re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<m>[01]?\d)\.{_YEAR}(?![\d.])")),
    ("full", re.compile(rf"(?<![\d/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/{_YEAR}(?![\d/])")),
    # "On March 4, the ministry designated": a comma may follow, a year may not.
    ("day_month", re.compile(rf"\b{_ON}{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d\b)(?!\d)")),
    ("day_month", re.compile(rf"\b{_ON}{_DAY}\s+(?:of\s+)?{_MONTH}\b")),
    # "On the 4th, Japan lodged a protest", as texts translated from Japanese write it: the reference's month
    ("day_of_month", re.compile(
        r"\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)(?=\s*[,.;)]|\s+(?:against|at|and|in)\b)", re.IGNORECASE
    )),
    ("month_year", re.compile(rf"\b(?:(?:in|since|during|of|by|early|late|mid-?)\s+)?{_MONTH}\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b(?:in|during|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)")),
    ("year", re.compile(rf"\b(?:in|during)\s+{_YEAR}\b")),
    ("weekday", re.compile(r"\b(?:(?P<last>last)\s+|on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)(?:['’]s)?\b")),
    ("today", re.compile(
        r"\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening)|[Ll]ast\s+night)(?:['’]s)?\b"
    )),
]  # fmt: skip
_URL = re.compile(r"https?://\S+")


def _day_before(words: str) -> bool:
    """Whether a "today" phrase is the day before the text's: "yesterday", "last night"."""
    return words.lower().startswith(("yesterday", "last"))


@dataclass(frozen=True)
class Found:
    date: dt.date | None = None
    precision: DatePrecision | None = None
    text: str | None = None
    span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    kind: str
    match: re.Match
    sentence: Sentence
    start: int
    end: int


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _full_date(match: re.Match, url_day: dt.date | None = None, month_first: bool | None = None) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first <= 12 and second <= 12:
            # 07/02/2016: 7 February in Brussels, July 2 in Washington; the URL's day, when it is one of the two
            # readings ("10/7/2021" under ".../2021/10/07/..."), says which, else the publisher's country does
            readings = {_date_or_none(int(groups["year"]), m, d) for m, d in ((first, second), (second, first))}
            if url_day in readings:
                return url_day
            if month_first is None:
                return None
            month, day = (first, second) if month_first else (second, first)
            return _date_or_none(int(groups["year"]), month, day)
        day, month = (first, second) if first > 12 else (second, first)
    else:
        day = int(groups["day"])
        month = int(groups["m"]) if groups.get("m") else _month(groups["month"])
    try:
        return dt.date(int(groups["year"]), month, day)
    except ValueError:
        return None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _masked(text: str) -> str:
    """URLs blanked out, offsets kept: "briefing-october-29-2024" is not prose."""
    return _URL.sub(lambda m: " " * len(m.group()), text)


# A dateline stands on a short line ("Friday, April 5, 2013", "Testimony of ... Thursday, September 28, 2017").
_DATELINE_MAX_CHARS = 200


# "Extends Mandate ... Until 30 April 2023": a headline's date that ends or starts something is no dateline.
_ENDS_OR_STARTS = re.compile(r"\b(?:until|since|by|from)\s*$", re.IGNORECASE)


# "On 15 November 2021, the Council adopted Decision (CFSP) 2021/1984": the day a numbered legal act was adopted,
# which an alignment declaration or a guidance note cites; it dates the act only in a sentence reporting the act.
_INSTRUMENT_ADOPTED = re.compile(
    r"\badopted\s+(?:Council\s+)?(?:Implementing\s+)?(?:Decision|Regulation)\s+(?:\([A-Z]+\)\s+)?(?:No\.?\s+)?\d+/\d+"
)
_LABELLED = re.compile(r"\b(?:published|posted|issued|date|gepubliceerd)\b", re.IGNORECASE)
# "This site has been archived on 28 of April 2017", "Updated: 2025/12/08": the page's life, not the document's.
_PAGE_EVENT = re.compile(r"\b(?:archived|accessed|retrieved|scanned|submission|copyright)\b", re.I)


def _dateline(
    sentences: list[Sentence], url_day: dt.date | None = None, month_first: bool | None = None
) -> dt.date | None:
    """The publication date a document states above its body: a labelled one, else the last one."""
    found = []
    datelines = []  # the days of lines that are a dateline and nothing else: "WASHINGTON, March 4, 2024"
    for sentence in sentences:
        if not sentence.in_header:
            break
        if len(sentence.text) > _DATELINE_MAX_CHARS or _INSTRUMENT_ADOPTED.search(sentence.text):
            continue  # a ticker of other stories ("... Department Press Briefing – October 6, 2022 ..."), a decision
        for kind, pattern in _PATTERNS:
            if kind != "full":
                continue
            for match in pattern.finditer(_masked(sentence.text)):
                day = _full_date(match, url_day, month_first)
                opening = match.group().split()[0].lower()
                if (
                    day
                    and opening not in ("until", "since", "by", "from")
                    and not _ENDS_OR_STARTS.search(sentence.text[: match.start()])
                    and not _PAGE_EVENT.search(sentence.text[: match.start()][-60:])
                ):
                    found.append((bool(_LABELLED.search(sentence.text[: match.start()])), day))
                    bare = not re.search(r"\b[a-z]{3,}", sentence.text[: match.start()] + sentence.text[match.end() :])
                    if bare:
                        datelines.append(day)
    below = _dated_below(sentences, url_day, month_first)
    labelled = [day for is_labelled, day in found + below if is_labelled]
    alone = [day for is_labelled, day in below if not is_labelled]
    # "Posted on 14 February 2025 by Newsdesk" above "WASHINGTON, March 4, 2024": a page posts a text after it was
    # issued, so a dateline of its own, earlier than the day the page was posted, is the text's
    earlier = [day for day in datelines + alone if labelled and day < labelled[0]]
    if earlier:
        return earlier[-1]
    # a copy marked as one ("[Republished]", "Reposted in full from the official website") is dated by its
    # original's dateline, not by the day the other site posted it
    copied = any(s.in_header and _REPOSTED.search(s.text) for s in sentences)
    original = [day for is_labelled, day in found if not is_labelled] if copied else []
    if original:
        return original[-1]
    return labelled[0] if labelled else found[-1][1] if found else alone[0] if alone else None


def _long_before(candidate: _Candidate, dateline: dt.date, url_day: dt.date | None, month_first: bool | None) -> bool:
    day = _full_date(candidate.match, url_day, month_first) if candidate.kind == "full" else None
    return day is not None and (dateline - day).days > 365


def _signed_day(sentences: list[Sentence]) -> dt.date | None:
    """The day under a presidential signature: "JOSEPH R. BIDEN JR." / "THE WHITE HOUSE," / "June 17, 2021."."""
    for place, day in zip(sentences, sentences[1:], strict=False):
        if signed_at_the_white_house(place):
            return _written_day(day.text.strip().rstrip("."))
    return None


def _written_day(written: str, url_day: dt.date | None = None, month_first: bool | None = None) -> dt.date | None:
    """The day a text that is a full date and nothing else gives ("June 17, 2021", "2023/11/22")."""
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(written) if kind == "full" else None
        if match and (day := _full_date(match, url_day, month_first)):
            return day
    return None


_REPOSTED = re.compile(r"\b(?:republished|reposted|re-posted)\b", re.IGNORECASE)


# A gov.uk page gives its summary first and "From: ..." / "Published" / "3 December 2024" under it, in the body.
_LABEL = r"\s*(?:published|posted|issued|date)(?:\s+on)?\s*:?"
_LABEL_LINE = re.compile(rf"{_LABEL}\s*", re.IGNORECASE)
_LABELLED_LINE = re.compile(rf"{_LABEL}\s+(?P<date>.+?)\s*", re.IGNORECASE)
_PUBLISHED_WITHIN = 1500  # characters: a page's furniture, not a date the text tells of


def _dated_below(
    sentences: list[Sentence], url_day: dt.date | None, month_first: bool | None
) -> list[tuple[bool, dt.date]]:
    """Dates on lines of their own below the header, near the top, each with whether a label gives it as the
    publication date ("Published" then "3 December 2024", or "Published 3 December 2024"); an unlabelled one
    ("March 18, 2021" under a headline the body was taken to start with) dates the page where nothing else does."""
    found = []
    for previous, sentence in zip(sentences, sentences[1:], strict=False):
        if sentence.start > _PUBLISHED_WITHIN:
            break
        if sentence.in_header:
            continue
        labelled = _LABELLED_LINE.fullmatch(sentence.text)
        is_labelled = bool(_LABEL_LINE.fullmatch(previous.text) or labelled)
        written = labelled.group("date") if labelled else sentence.text.strip().rstrip(".")
        if day := _written_day(written, url_day, month_first):
            found.append((is_labelled, day))
    return found


# A republishing service's stamp, a day, month, year and time run together: "...+to+russia+31052024160500?open";
# it is the day the text was issued, unlike a blog's or a copy's later date.
_STAMPED = re.compile(rf"(?<!\d)(?P<day>[0-3]\d)(?P<m>[01]\d){_YEAR}[0-2]\d[0-5]\d[0-5]\d(?!\d)")
_URL_DATE = [
    re.compile(rf"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)"
               rf"-(?P<day>\d{{1,2}})-{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_YEAR}[/-](?P<m>[01]\d)[/-](?P<day>[0-3]\d)"),
    re.compile(rf"/{_YEAR}(?P<m>[01]\d)(?P<day>[0-3]\d)/"),  # ".../news/20160207/095508/index.html"
    _STAMPED,
]  # fmt: skip


# Where "11/12/2019" is read month first (a US time, "08/05/2021 10:21 PM EDT", or a US government address or an
# archive of one) and where day first.
_US_TIME = re.compile(r"\b\d{1,2}:\d\d\s*(?:[AP]\.?M\.?\s*)?(?:EDT|EST|ET)\b")
_MONTH_FIRST_HOST = re.compile(r"\.(?:gov|mil)(?:[:/]|$)", re.IGNORECASE)
_DAY_FIRST_HOST = re.compile(r"\.(?:uk|eu|int|jp|kr|au|nz|ie|fr|de|be|nl|no|ch|it|es)(?:[:/]|$)", re.IGNORECASE)


_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)")


_DAY_FIRST_PUBLISHER = re.compile(
    r"\b(?:HM\s+Treasury|Office\s+of\s+Financial\s+Sanctions\s+Implementation|Foreign,?\s+Commonwealth|GOV\.UK|"
    r"European\s+External\s+Action\s+Service|EEAS|Council\s+of\s+the\s+(?:EU|European\s+Union))\b"
    r"|^\s*(?:Brussels|London|Luxembourg|Strasbourg)\b",
    re.MULTILINE | re.IGNORECASE,
)
_MONTH_FIRST_PUBLISHER = re.compile(
    r"\b(?:U\.S\.\s+Department|Department\s+of\s+(?:the\s+Treasury|State)|The\s+White\s+House|U\.S\.\s+Mission|"
    r"U\.S\.\s+Embassy|Office\s+of\s+Foreign\s+Assets\s+Control)\b",
    re.IGNORECASE,
)
_HEADER_CHARS = 400


def _month_first(text: str, urls: list[str]) -> bool | None:
    """Whether the text's dates are written month first: a US time in it says so, else the text's own address, else
    the first address it gives, by its country."""
    if _US_TIME.search(text):
        return True
    for url in urls:
        if _MONTH_FIRST_HOST.search(url):
            return True
        if _DAY_FIRST_HOST.search(url):
            return False
    # else the order its dates in words take: "22 April 2024" is written day first, "April 22, 2024" month first
    masked = _masked(text)
    day_first = bool(_DAY_MONTH_YEAR.search(masked))
    month_first = bool(_MONTH_DAY_YEAR.search(masked))
    if day_first != month_first:
        return month_first
    # else the publisher its header names: a British or EU office writes the day first ("HM Treasury ... 06/07/2020"),
    # an American one the month ("U.S. Department of the Treasury ... 3/11/2013")
    if _DAY_FIRST_PUBLISHER.search(masked[:_HEADER_CHARS]):
        return False
    return True if _MONTH_FIRST_PUBLISHER.search(masked[:_HEADER_CHARS]) else None


def _url_date(urls: list[str]) -> tuple[dt.date | None, int | None]:
    for url in urls:
        for pattern in _URL_DATE:
            match = pattern.search(url)
            if match and (day := _full_date(match)):
                return day, day.year
    for url in urls:
        if match := re.search(r"(?<!\d)(20\d\d)(?!\d)", url):
            return None, int(match.group(1))
    return None, None


# "[1] Published on 15.03.2021 in the Official Journal", "1Published on 15.11.2021": a footnote.
_FOOTNOTE = re.compile(r"^\s*(?:\[\d{1,2}\]|\d{1,2}(?=[A-Z])|\*)\s*")
# "Last updated: 14 February 2025", "Page last reviewed 3 May 2024" below the text: the page's life, never the act's
# (above it, with no other date, it dates the text as a dateline does).
_PAGE_LIFE_LINE = re.compile(
    r"^\W*(?:this\s+page\s+was\s+|page\s+)?(?:last\s+)?(?:updated|modified|reviewed|revised|edited|printed)\b", re.I
)


def candidates_of(sentences: list[Sentence]) -> tuple[list[_Candidate], list[str]]:
    """The date phrases that may date the act, and those that date another event."""
    found: list[_Candidate] = []
    events: list[str] = []
    # One search of the whole text spares a search of every sentence for the forms a text never uses.
    whole = _masked("\n".join(sentence.text for sentence in sentences))
    patterns = [(kind, pattern) for kind, pattern in _PATTERNS if pattern.search(whole)]
    for sentence in sentences:
        if (
            sentence.in_header
            or _FOOTNOTE.match(sentence.text)
            or is_caption(sentence.text)
            or _PAGE_LIFE_LINE.match(sentence.text)
        ):
            continue  # datelines and headlines: the reference day, not the act's; a footnote's or a caption's date is
            # a source's or a photo's
        text = _masked(sentence.text)
        for kind, match in _phrases(text, patterns):
            event = _event_before(text, match)
            if event is None and _ends_something(text, match):
                continue
            # "today's missile launch": today is the text's own day, whatever else it dates ("yesterday's test" is
            # the test's)
            today = kind == "today" and not _day_before(match.group())
            event = event or (None if today else _event_around(text, match))
            if event is None and kind in ("today", "weekday") and _EVENT_DONE_AFTER.match(text, match.end()):
                event = match.group()  # "Yesterday the regime in Pyongyang fired a missile": the launch's day
            if event is None and not today and _RESOLUTION_ADOPTED_AFTER.match(text, match.end()):
                event = match.group()  # "on March 3 the UN Security Council adopted Resolution 2270": its adoption
            if event is not None:
                events.append(event)
            else:
                found.append(
                    _Candidate(kind, match, sentence, sentence.start + match.start(), sentence.start + match.end())
                )
    return found, events


def _phrases(text: str, patterns: list[tuple[str, re.Pattern[str]]]) -> Iterator[tuple[str, re.Match[str]]]:
    """The date phrases of a text, each of the kind of the first pattern that reads it."""
    taken: list[tuple[int, int]] = []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            yield kind, match


_ACT = re.compile(
    r"\b(said|says|told|announc\w*|statement|briefing|press\s+(?:conference|release)|remarks|condemn\w*|"
    r"sanction\w*|designat\w*|impos\w*|issued|decided|adopted|vetoe?d?|warned|tweeted|wrote|meeting|talks|"
    r"joint|declared|denied|released|published|spoke|met)\b",
    re.IGNORECASE,
)
# "North Korea's launch of an ICBM on 18 December": a date after an event and its complement dates that event
# ("condemned the launch on Sunday" is read as the condemnation's day).
_EVENT_BEFORE = re.compile(
    r"\b(?:launch\w*|tests?|tested|fir(?:ed|ing)|strikes?|struck|attacks?|attacked|visit\w*|invasion|explosion|"
    r"detonat\w*|flights?|arriv\w*|travel\w*|expir\w*|deploy\w*|talks|signing|adoption)\b(?:\s+[\w’'\"“”(),—–-]+){1,14}\s*$"
    # "its sixth nuclear test on September 3": a named event right before its date
    r"|\b(?:nuclear|missile|ballistic|satellite|space|\w+th|latest|recent)\s+(?:tests?|launch(?:es)?)\s*$"
    # "North Korea's launch on February 18": an owner's launch is the launcher's act, dated so
    r"|\b\w+['’]s\s+(?:[\w-]+\s+){0,3}?(?:tests?|launch(?:es)?)\s*$",
    re.IGNORECASE,
)
# "the mandate expired on 12 May", "launched on 18 December": a past verb dates its own event.
_EVENT_VERB_BEFORE = re.compile(
    r"\b(?:expired|launched|fired|tested|visited|arrived|struck|attacked|detonated|deployed|travell?ed|took\s+place|"
    r"was\s+(?:held|signed|adopted|launched|established|set\s+up)|"
    # a treaty's formula: "the Vienna Convention on Consular Relations done at Vienna on 24 April 1963"
    r"(?:done|signed|concluded)\s+at\s+[A-Z][\w-]+|"
    # "measures imposed by its relevant resolutions adopted in 2016 and 2017"
    r"\b(?:resolutions?|decisions?|regulations?)\s+(?:\w+\s+)?adopted|"
    # "the UNSC adopted resolution 2270 on 2 March 2016", which the EU's own measures then transpose
    r"\badopted\s+resolution\s+\d{3,4}(?:\s*\(\d{4}\))?)(?:\s+\w+ly)?\s*$"
    # "during my meeting with Chinese Foreign Minister Yang Jiechi yesterday": the meeting recounted
    r"|\bduring\s+(?:\w+\s+){0,3}?(?:meeting|talks|visit|call|trip|conversation|summit)\b(?:\s+[\w’'(),-]+){0,10}\s*$"
    # "which I have introduced during my press conference on September 30": the speaker's earlier one
    r"|\bduring\s+(?:my|our|his|her|their)\s+(?:press\s+conference|briefing)\b(?:\s+[\w’'(),-]+){0,4}\s*$"
    # "As I said here myself on February 12": the day of a statement recalled
    r"|\b[Aa]s\s+(?:I|we|you|he|she|they)\s+(?:said|stated|noted|announced)\b(?:\s+[\w’'(),-]+){0,4}\s*$",
    re.IGNORECASE,
)


# "resolution 1718 of 14 October 2006", "the Presidential Statement of 13 April 2009": a document named by the
# day it was adopted or issued.
_DOCUMENT_OF = re.compile(
    r"\b(?:(?:resolutions?|decisions?|regulations?)\s+(?:No\.?\s+)?[\d/]+|statement|declaration|communiqu[eé]|"
    # "multiple UN Security Council Resolutions, including the latest one, 2321 of 30 November 2016"
    r"report|letter|resolutions?\b[^.;]{0,40}?\b\d{4})\s*$",
    re.IGNORECASE,
)


# "The United States condemns the DPRK's launch on February 18": an act in the present is today's, so the day after
# what it judges is that event's (in the past, "condemned the launch on Sunday" may date either).
_JUDGED_NOW = re.compile(
    r"\b(?:condemns?|denounces?|deplores?)\s+(?:in\s+the\s+strongest\s+terms\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,6}?"
    r"((?:launch(?:es)?|tests?|firing))\s*$",
    re.IGNORECASE,
)


# "the DPRK's intercontinental ballistic missilelaunch of November 17" (words run together in a copy)
_LAUNCH_OF = re.compile(r"(?:launch(?:es)?|tests?|detonation|explosion)\s*$", re.IGNORECASE)


def _event_before(text: str, match: re.Match[str]) -> str | None:
    """The event a date phrase dates by standing after it: "the launch of an ICBM on 18 December"."""
    if match.group().lower().startswith(("of ", "dated ")) and (document := _DOCUMENT_OF.search(text[: match.start()])):
        return f"{document.group()} {match.group()}"
    if match.group().lower().startswith("of ") and _LAUNCH_OF.search(text[: match.start()]):
        return f"{text[: match.start()].split()[-1]} {match.group()}"  # "the missile launch of November 17"
    if judged := _JUDGED_NOW.search(text[: match.start()]):
        return f"{judged.group(1)} {match.group()}"  # "condemns the DPRK's launch on February 18": the launch's day
    event = _EVENT_BEFORE.search(text[: match.start()])
    if event and _ACT.search(event.group()):
        event = None  # "condemned the launch on Sunday" dates the condemnation
    event = event or _EVENT_VERB_BEFORE.search(text[: match.start()])
    return f"{event.group().strip()} {match.group()}" if event else None


_DEADLINE = re.compile(r"\b(?:no|not)\s+later\s+than\s+$|\bdeadline\s+(?:of\s+)?$", re.IGNORECASE)


def _ends_something(text: str, match: re.Match[str]) -> bool:
    """ "until 30 April 2023", "no later than 3 August" end something; never the act."""
    return match.group().lower().startswith("until") or _DEADLINE.search(text[: match.start()]) is not None


_RANGE_AFTER = re.compile(r"\s*[-–]\s*\d(?!\d?:)")  # "11-15 September", not a time: "02/10/2019 - 16:55"
_RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")
# "the 28 November launch", "Tuesday's test", "the DPRK's July 12 intercontinental ballistic missile launch": the
# words between are the event's modifiers, never a preposition or an article ("protested on 4 March against the
# launch", "condemned on Monday the launch" date the protest and the condemnation).
_EVENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:(?!(?:against|over|about|for|to|of|by|at|in|on|with|the|a|an|its|their)\b)[\w-]+\s+){0,3}?"
    r"(?:launch\w*|tests?|strikes?|attacks?|visit|invasion|explosion|flights?)\b",
    re.IGNORECASE,
)


def _event_around(text: str, match: re.Match[str]) -> str | None:
    """A date phrase that is part of a range, or that an event's name follows."""
    if _RANGE_AFTER.match(text, match.end()) or _RANGE_BEFORE.search(text[: match.start()]):
        return match.group()  # "September 11-15, 2017": a meeting's days, not one day
    event_after = _EVENT_AFTER.match(text[match.end() :])
    # "on Monday condemned the launch" dates the condemnation
    if event_after and not _ACT.search(event_after.group()):
        return f"{match.group()}{event_after.group()}"
    return None


_EVENT_DONE_AFTER = re.compile(
    r"\s*,?\s*(?:(?:the|a|an|[A-Z][\w’'-]*|[a-z]+['’]s|in|of|regime|North|South)\s+){0,6}?"
    r"(?:fired|launched|tested|conducted|detonated|carried\s+out)\b"
)


# "on March 3 (March 2 New York time) the UN Security Council unanimously adopted Resolution 2270": both days are the
# resolution's, which another's measures then implement, as "adopted resolution 2270 on 2 March 2016" is.
_RESOLUTION_ADOPTED_AFTER = re.compile(
    r"\s*(?:\(?[^()]{0,40}\)\s*)?,?\s*the\s+(?:UN\s+|United\s+Nations\s+)?Security\s+Council\s+(?:\w+ly\s+)?adopted\s+"
    r"resolution\s+\d{3,4}",
    re.IGNORECASE,
)


def _quoted(text: str, start: int) -> bool:
    """Whether `start` falls inside a quotation, counting the quote marks since the line began."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


_PRECISION_SCORE = {
    "full": 3.0, "day_month": 3.0, "day_of_month": 3.0, "weekday": 3.0, "today": 3.0, "month_year": 1.0, "month": 1.0
}  # fmt: skip
_OTHER_EVENT = re.compile(
    r"\b(launch\w*|test\w*|fired|struck|strike|attack\w*|visit\w*|expired|invasion|invaded|travel\w*|arrived)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(r"\b(earlier|since|after|before|previously|last\s+(?:year|month)|ago|until|prior)\b", re.I)
# "the UNSC will hold an emergency meeting ... on February 8": an event still to come is not the act reported.
_FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|scheduled\s+to|expected\s+to)\s[^,;:]*$", re.I)
# "On 28 March, Russia vetoed a draft ..." in remarks that deplore it: another's veto, whose day is not the act's.
_VETOED = re.compile(r"\bvetoe?d?\b", re.IGNORECASE)


def _score(text: str, candidate: _Candidate, act_sentences: set[Sentence], kind: ActionType) -> float:
    """Higher for the date of the act (of type `kind`): precise, in the lead, in the sentence reporting the act."""
    sentence_text = candidate.sentence.text
    before = sentence_text[: candidate.match.start()]
    score = _PRECISION_SCORE.get(candidate.kind, 0.0) + candidate.sentence.weight
    if candidate.sentence in act_sentences:
        score += 3
    acts = {word.lower() for word in _ACT.findall(sentence_text)}
    has_act = bool(acts)
    if kind is not ActionType.veto and acts and all(_VETOED.fullmatch(word) for word in acts):
        return 0.0  # another's veto told in a text that reports no veto dates that veto
    if has_act:
        score += 2
    elif _OTHER_EVENT.search(sentence_text):
        score -= 2
    if candidate.kind == "year" and not has_act:
        score -= 3
    # "Since November 2023 ...": the introducing word is part of the match.
    opening = candidate.match.group().split()[0]
    if (
        _BACKGROUND.search(before[-40:])
        or re.search(r"\bago\b|\bearlier\b", sentence_text[candidate.match.end() :][:20])
        or re.fullmatch(r"since|until|from|before", opening, re.IGNORECASE)
        or (_FUTURE.search(before) and candidate.kind != "today")  # today is today, whatever is to come
    ):
        score -= 3
    # A quoted "today" is the day of the quoted statement, which the reporter dates elsewhere.
    if candidate.kind == "today" and _quoted(text, candidate.start):
        score -= 4
    if candidate.match.group().lower().startswith("last "):
        score -= 1
    return score


# Below this a date is background ("until 30 April 2023" in a sentence reporting no act): no date at all.
_LEAST_SCORE = 3.0
# The dateline's own score as a candidate: it beats a background date in the body (a launch "on 18 November",
# "Since November 2023") and loses to a date in the sentence that reports the act.
_DATELINE_SCORE = 5.5


def _resolve(
    candidate: _Candidate, reference: dt.date | None, url_year: int | None, month_first: bool | None
) -> tuple[dt.date | None, DatePrecision, str | None]:
    """The candidate's date, its precision and, when it cannot be resolved, why."""
    match, kind = candidate.match, candidate.kind
    groups = match.groupdict()
    words = match.group()
    if kind == "full":
        return _full_date(match, month_first=month_first), DatePrecision.day, None
    if kind == "month_year":
        return dt.date(int(groups["year"]), _month(groups["month"]), 1), DatePrecision.month, None
    if kind == "year":
        return dt.date(int(groups["year"]), 1, 1), DatePrecision.year, None
    if kind in ("day_month", "month"):
        month = _month(groups["month"])
        day = int(groups["day"]) if kind == "day_month" else 1
        precision = DatePrecision.day if kind == "day_month" else DatePrecision.month
        if reference is not None:
            year = reference.year
            # "on 29 December" in a text of 2 January is last year's December.
            if (month, day) > (reference.month, reference.day + 7):
                year -= 1
        elif url_year is not None:
            year = url_year
        else:
            return None, precision, f"'{words}' gives no year, and there is no publication date to take one from."
        try:
            return dt.date(year, month, day), precision, None
        except ValueError:
            return None, precision, f"'{words}' is not a valid date."
    if reference is None:
        return None, DatePrecision.day, f"'{words}' cannot be resolved without a publication date."
    if kind == "day_of_month":
        # the reference's month, or the month before for a day after the reference's ("on the 28th" on 2 March)
        month_start = reference.replace(day=1)
        if int(groups["day"]) > reference.day:
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        try:
            return month_start.replace(day=int(groups["day"])), DatePrecision.day, None
        except ValueError:
            return None, DatePrecision.day, f"'{words}' is not a valid date."
    if kind == "today":
        back = 1 if _day_before(words) else 0
        return reference - dt.timedelta(days=back), DatePrecision.day, None
    weekday = _WEEKDAYS.index(groups["weekday"].lower())
    back = (reference.weekday() - weekday) % 7
    if groups.get("last") and back == 0:
        back = 7
    return reference - dt.timedelta(days=back), DatePrecision.day, None


def find(
    text: str,
    sentences: list[Sentence],
    *,
    published_on: dt.date | None,
    url: str | None,
    act_sentences: set[Sentence],
    kind: ActionType,
    found: tuple[list[_Candidate], list[str]] | None = None,
) -> Found:
    """The date of the act, of type `kind`. `found` is `candidates(sentences)` when the caller reads several acts
    of one text."""
    urls = [u for u in [url, *_URL.findall(text)] if u]
    url_day, url_year = _url_date(urls)
    month_first = _month_first(text, urls)
    dateline = _original_day(text) or _dateline(sentences, url_day, month_first) or _signed_day(sentences)
    reference = published_on or dateline or url_day
    candidates, events = candidates_of(sentences) if found is None else found
    candidates = [
        c for c in candidates if c.sentence in act_sentences or not _INSTRUMENT_ADOPTED.search(c.sentence.text)
    ]
    if dateline is not None:
        # "On June 26, 2008, by Executive Order 13466, the President declared" in a notice of 2021: years before the
        # document, an earlier act it recalls
        candidates = [c for c in candidates if not _long_before(c, dateline, url_day, month_first)]
    turns = first_turn(sentences)
    if dateline is not None and turns is not None:
        # A transcript's act is the talk its heading dates; a speaker's "yesterday", "on Friday" or "in July" is
        # the day of what they speak about.
        candidates = [c for c in candidates if c.sentence.paragraph < turns]
    elif dateline is not None and names_its_kind(sentences, url):
        # So are remarks, a statement at the Council or a press conference: "yesterday's meeting" in what is said is
        # another day's (an introduction's "convened a virtual meeting yesterday", in the lead, dates the remarks).
        candidates = [c for c in candidates if c.sentence.weight >= 2 or c.kind not in ("weekday", "today")]
    if not candidates:
        stamped = _STAMPED.search(url or "")
        return _undated(dateline, published_on, events, _full_date(stamped) if stamped else None)
    best = max(candidates, key=lambda c: (_score(text, c, act_sentences, kind), -c.start))
    if dateline is not None and _score(text, best, act_sentences, kind) <= _DATELINE_SCORE:
        return Found(dateline, DatePrecision.day, None, None, ["The date is the document's dateline."])
    if _score(text, best, act_sentences, kind) < _LEAST_SCORE:
        return Found(warnings=[f"'{best.match.group()}' reads as background, not the action's date; no date given."])
    return _dated(best, reference, url_year or _commonest_year(text), published_on, month_first)


# A copy that links its original: "Official news published at https://www.whitehouse.gov/.../2023/02/18/...".
_ORIGINAL = re.compile(
    r"\b(?:published\s+(?:at|on)|originally\s+(?:published|posted)(?:\s+(?:at|on|by))?|source)\s*:?\s*(https?://\S+)",
    re.IGNORECASE,
)


def _original_day(text: str) -> dt.date | None:
    """The day in the URL of the original a copy links to: it dates the document, the copy's dateline does not."""
    links = [match.group(1) for match in _ORIGINAL.finditer(text)]
    return _url_date(links)[0] if links else None


def _commonest_year(text: str) -> int | None:
    """With nothing else to give a year, "On September 26" takes it from the text's other dates, whatever they
    date, but for the day the page last changed."""
    lines = [line for line in _masked(text).splitlines() if not _PAGE_LIFE_LINE.match(line)]
    years = [int(m.group()) for line in lines for m in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", line)]
    return max(set(years), key=lambda y: (years.count(y), y)) if years else None


def _undated(
    dateline: dt.date | None, published_on: dt.date | None, events: list[str], stamped_day: dt.date | None
) -> Found:
    """No date phrase of the text dates the act: the dateline, else the day a republishing service's URL stamps
    ("...+russia+31052024160500"), else no date and why."""
    if dateline is not None:
        return Found(
            dateline, DatePrecision.day, None, None, ["No date in the body; the date is the document's dateline."]
        )
    if stamped_day is not None:
        return Found(stamped_day, DatePrecision.day, None, None, ["No date in the text; the date is its URL's stamp."])
    hint = f" (published {published_on.isoformat()})" if published_on else ""
    others = f"; its dates are those of other events ({'; '.join(events)})" if events else ""
    return Found(warnings=[f"No date of the action found in the text{hint}{others}."])


def _dated(
    best: _Candidate,
    reference: dt.date | None,
    url_year: int | None,
    published_on: dt.date | None,
    month_first: bool | None,
) -> Found:
    """The date the best candidate resolves to, or why it resolves to none."""
    day, precision, problem = _resolve(best, reference, url_year, month_first)
    words = best.match.group()
    span = (best.start, best.end)
    if day is None:
        return Found(None, None, words, span, [problem or f"Could not read a date from '{words}'."])
    warnings = []
    if best.kind in ("weekday", "today") and published_on is None and reference is not None:
        warnings.append(f"'{words}' was resolved against {reference.isoformat()}, read from the document itself.")
    return Found(day, precision, words, span, warnings)
