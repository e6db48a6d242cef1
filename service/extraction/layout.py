"""The layout the rules read: one line per paragraph and plain spaces, whatever the copy did to the text.

The rules read a line as a paragraph (a headline, a dateline, a speaker's turn), a space as " " and a name by its
capitals. Texts come hard-wrapped at a fixed width (plain-text releases, copies out of PDF files, e-mail), which
cuts names, titles and sentences across lines; with no-break and thin spaces between words; with a headline in
capitals; or run into one line. `for_reading` gives the rules a copy with the wrapped lines of each paragraph
joined, every space a plain one, a capitals headline in mixed case and a one-line text's dateline apart. The copy
has the submitted text's length, character for character, so every offset read from it holds in the submitted
text, where quotes are copied from.
"""

import re
import statistics

from service.extraction.gazetteer import acronyms
from service.extraction.sentences import SENTENCE_ENDS, is_sentence

# Spaces other than " " that copies put between words: no-break, the typographic widths, ideographic; tabs, and the
# carriage return of a "\r\n" line end.
_SPACES = re.compile("[\t\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# A text is taken for hard-wrapped when this share of its lines, at least _WRAPPED_MIN_LINES, end within
# _WRAP_SLACK characters of the widest ones, most of them in mid-sentence: a wrapped paragraph's lines all end near
# the width, wherever its sentences end, while a page's paragraphs, one per line, end anywhere and as sentences do.
# Widths past _MAX_WRAP_WIDTH are one paragraph per line.
_WRAPPED_SHARE = 0.4
_WRAPPED_MIN_LINES = 4
_WRAP_SLACK = 15
_MAX_WRAP_WIDTH = 120

# A line that starts its own paragraph even right under a full line: a list item or a speaker's label.
_OWN_LINE = re.compile(r"\s*(?:[-•*–—]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s|[A-Z][A-Za-z.’' -]{0,40}:\s)")


def _width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not wrapped."""
    if len(lines) < _WRAPPED_MIN_LINES:
        return None
    width = int(statistics.quantiles([len(line) for line in lines], n=10)[-1])  # but for a stray long line (a URL)
    near = [line for line in lines if width - _WRAP_SLACK <= len(line) <= width + 2]
    in_mid_sentence = sum(not line.endswith((*SENTENCE_ENDS, ":", ";")) for line in near)
    if width > _MAX_WRAP_WIDTH or len(near) < max(_WRAPPED_MIN_LINES, _WRAPPED_SHARE * len(lines)):
        return None
    return width if in_mid_sentence * 2 > len(near) else None


# A headline in capitals ("STATEMENT BY AMBASSADOR JAMES KARIUKI AT THE UN SECURITY COUNCIL") hides the names and
# titles the rules find by their capitals; it is read as a headline in mixed case is written. A line counts as
# the header's while no line of the body (one of a few words or more ending as a sentence does) has come.
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "its", "of", "on", "or", "the", "to"}
    | {"with", "over", "after", "against", "upon", "under"}
)
# Acronyms a headline may hold besides the gazetteer's names: weapons and the offices that speak of them.
_TERMS = frozenset({"ICBM", "IRBM", "SLBM", "SRBM", "WMD", "CFSP", "HR", "VP", "NSC", "USUN"})
_CAPITALS_WORD = re.compile(r"[A-Z0-9][A-Z0-9’'.&-]*")


def _mixed_case(word: str, first: bool) -> str:
    core = re.sub(r"[’']S$", "", word)
    if "." in word or core in _TERMS or core in acronyms() or (len(core) <= 2 and core.lower() not in _SMALL_WORDS):
        return core + word[len(core) :].lower()  # "U.S.", "DPRK’s", "UN"
    if core.lower() in _SMALL_WORDS and not first:
        return word.lower()
    # "THOMAS-GREENFIELD’S" -> "Thomas-Greenfield’s"
    return re.sub(r"[A-Z]+", lambda part: part.group().capitalize(), core) + word[len(core) :].lower()


def _headline_in_mixed_case(line: str) -> str:
    if re.search(r"[a-z]", line) or len(re.findall(r"[A-Z]{2,}", line)) < 3:
        return line  # written in mixed case, or a word or two ("PRESS STATEMENT")
    if line.rstrip().endswith((*SENTENCE_ENDS, ":")):
        # a speaker's label; or a line that, in mixed case, would read as the body's first sentence ("SECURITY
        # COUNCIL CONDEMNS ..., UNANIMOUSLY ADOPTING RESOLUTION 1718 (2006)"), where in capitals it is the headline
        return line
    return _CAPITALS_WORD.sub(lambda m: _mixed_case(m.group(), not re.search(r"[A-Za-z]", line[: m.start()])), line)


# A text run into one line (a form field, a JSON string) keeps its dateline apart from the headline above and the
# body below it: a full date standing between two capitalised words, after no preposition.
_RUN_IN_DATELINE = re.compile(
    r"(?<=[A-Za-z.)]) "
    r"((?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}|"
    r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}))"
    r" (?=[A-Z])"
)
_RUN_IN_MIN_CHARS = 300
_PREPOSITION = re.compile(r"\b(?:on|of|in|by|since|until|from|dated|and|to|at|before|after)$", re.IGNORECASE)


def _dateline_apart(text: str) -> str:
    """A text of one line with its first dateline on a line of its own (the spaces around it made line breaks)."""
    for match in _RUN_IN_DATELINE.finditer(text):
        if not _PREPOSITION.search(text[: match.start()]):
            return f"{text[: match.start()]}\n{match.group(1)}\n{text[match.end() :]}"
    return text


def for_reading(text: str) -> str:
    """The text as the rules read it (the module's docstring says how), as long as the text given."""
    text = _SPACES.sub(" ", re.sub(r"\r(?!\n)", "\n", text))  # a lone carriage return ends a line, as "\r\n" does
    if "\n" not in text.strip() and len(text) >= _RUN_IN_MIN_CHARS:
        text = _dateline_apart(text)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if is_sentence(line):
            break  # the body's first sentence
        lines[number] = _headline_in_mixed_case(line)
    text = "\n".join(lines)
    width = _width([line.rstrip() for line in lines if line.strip()])
    if width is None:
        return text
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        next_word = following.split(maxsplit=1)[0] if following.strip() else ""
        # The greedy wrap broke here if the next line's first word would not have fitted on this one.
        wrapped = bool(next_word) and len(line.rstrip()) + 1 + len(next_word) > width - _WRAP_SLACK // 3
        joined = wrapped and not line.rstrip().endswith(":") and not _OWN_LINE.match(following)
        out.append(line + (" " if joined else "\n"))
    return "".join(out)[: len(text)]
