"""Cut a document into sentences that keep their offsets, and weigh them by where they stand.

Every quote the extractor returns is one of these sentences, so `text[start:end]` is the quote by construction.
Press texts put the act in the headline and the first paragraphs and background further down, hence `weight`.
"""

import re
from dataclasses import dataclass

# The first line this long and ending as a sentence does starts the body; the lines above it are headline,
# bylines and datelines.
_BODY_MIN_CHARS = 100

# Military ranks as abbreviated before a name: "Maj. Gen. Pat Ryder".
MILITARY_RANKS = {"Gen", "Lt", "Maj", "Col", "Adm", "Brig", "Capt", "Cmdr", "Cdr", "Sgt"}
# Words whose final period does not end a sentence ("U.S.", "Mr.", "Aug. 1", "Janet L. Yellen").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "sen", "rep", "gov", "amb",
    "no", "nos", "co", "corp", "inc", "ltd", "vs", "etc", "e.g", "i.e", "para", "art", "op", "cf",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
} | {rank.lower() for rank in MILITARY_RANKS}  # fmt: skip
_END = re.compile(r"[.!?]+[’”\"')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # 0-based index of the non-empty line it sits on
    weight: float  # how much a cue found here says about the main act: header 3, lede 2.5, lead 2, the rest 1

    @property
    def in_header(self) -> bool:
        """Headline, byline or dateline, above the body."""
        return self.weight >= 3

    @property
    def in_lead(self) -> bool:
        """The body's first paragraphs, where the act is told."""
        return 2 <= self.weight < 3


def _is_abbreviation(chunk: str) -> bool:
    token = chunk.split()[-1].rstrip("’”\"')]").lstrip("(“\"‘'")
    if not token.endswith("."):
        return False
    word = token[:-1]
    # Initials and dotted acronyms ("L.", "U.S.", "e.g.") rarely end a sentence in press texts.
    if re.fullmatch(r"[A-Za-z]|([A-Za-z]\.)+[A-Za-z]", word):
        return True
    return word.lower() in _ABBREVIATIONS


# A website's own furniture above the text: "An official website of the United States government", "A lock
# ( ) or https:// means you've safely connected to the .gov website."
_CHROME = re.compile(r"\bofficial\s+website\b|\bhttps?://|\bsecure\s+websites?\b|\bcookies\b|\bskip\s+to\b", re.I)


def _is_furniture(line: str) -> bool:
    """A breadcrumb trail ("Home > Policy > ... (Announcement by the Chief Cabinet Secretary)", "You are in: ...
    > Reports to Congress, U.S. Votes, ..."), the site's chrome, a note or a caption: never the body's start."""
    return bool(re.search(r"\s>\s", line) or _CHROME.search(line)) or _is_note(line) or is_caption(line)


# How a line that finishes a sentence ends, closing quote or parenthesis included.
SENTENCE_ENDS = (".", "!", "?", "”", '"', "’", ")")


def _is_body(line: str) -> bool:
    # Long headlines (UN press releases run past 100 characters) do not end as sentences do.
    if _is_furniture(line) or _is_title(line):
        return False
    return len(line) >= _BODY_MIN_CHARS and line.rstrip().endswith(SENTENCE_ENDS)


# A photo's caption: "FILE - North Korean leader Kim Jong Un meets ... on Oct. 7, 2018."
_CAPTION = re.compile(r"^\s*(?:FILE(?:\s+PHOTO)?\s*[-–—:]|Photo\s*:|Image\s*:)")


def is_caption(line: str) -> bool:
    """Whether a line is a photo's caption, which tells of the photo, not of the act."""
    return bool(_CAPTION.match(line))


def _is_note(line: str) -> bool:
    """A note set apart in brackets above the text: "(* This is a provisional translation by an external company
    for reference purpose only. The original text is in Japanese.)"."""
    line = line.strip()
    return line.startswith(("(", "[")) and line.endswith((")", "]"))


def _is_title(line: str) -> bool:
    """A title cut short ("Speech: ...: UK Statement at the..."), a headline in capitals ("SECURITY COUNCIL
    CONDEMNS ..., UNANIMOUSLY ADOPTING RESOLUTION 1718 (2006)")."""
    return line.rstrip().endswith(("...", "…")) or not re.search(r"[a-z]", line)


def is_sentence(line: str) -> bool:
    """A line of six words or more that ends as a sentence does and is no headline in capitals."""
    return len(line.split()) >= 6 and line.rstrip().endswith((".", "!", "?", "”", '"')) and not _is_title(line)


def _holds_sentences(line: str) -> bool:
    """A long line of sentences whose last one the copy cut off ("Thank you. We therefore welcome ... t")."""
    return len(line) >= _BODY_MIN_CHARS and bool(_END.search(line)) and not _is_title(line)


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text[cursor : match.end()]):
            continue
        pieces.append((cursor, match.end()))
        cursor = match.end()
    pieces.append((cursor, end))
    spans = []
    for a, b in pieces:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip())
        b -= len(chunk) - len(chunk.rstrip())
        if b > a:
            spans.append((a, b))
    return spans


def split(text: str) -> list[Sentence]:
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    first_body = next((i for i, (a, b) in enumerate(lines) if _is_body(text[a:b])), None)
    if first_body is None:
        # A short text: its body starts with the first line written as a sentence.
        first_body = next(
            (
                i
                for i, (a, b) in enumerate(lines)
                if not _is_furniture(text[a:b]) and (is_sentence(text[a:b]) or _holds_sentences(text[a:b]))
            ),
            0,
        )
    sentences = []
    for number, (a, b) in enumerate(lines):
        # The lead: the first three body paragraphs (a photo caption often takes one), where press texts
        # say what was done.
        weight = 3.0 if number < first_body else 2.0 if number <= first_body + 2 else 1.0
        if is_caption(text[a:b]):
            weight = 1.0  # a caption above the body is no headline, one inside it no lead
        for index, (start, end) in enumerate(_split_line(text, a, b)):
            # The lede, the body's first sentence, says what was done more surely than what follows it.
            lede = number == first_body and index == 0
            sentences.append(Sentence(start, end, text[start:end], number, 2.5 if lede else weight))
    return sentences


# A speaker's label opening a paragraph of a transcript: "Ambassador Bolton: Let me just say", "REPORTER: I have a
# question", "Mr. Taro Kono, Minister for Foreign Affairs: Throughout yesterday ...", "Q: Will the ...".
# Not a sentence that introduces a quote: "Jane Roe, Minister of State for South Asia, ..., said: ...".
_SPEAKER_LABEL = re.compile(
    r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|for|the|and)){0,7}"
    r"(?:,\s+[A-Z][^:.!?]{0,120}(?<!\bsaid)(?<!\bsays)(?<!\badded)(?<!\bstated)(?<!\bcommented))?\s*:\s+\S"
)


_OFFICE_LABEL = re.compile(r"\b(?:ambassador|minister|secretary|spokes\w+|president|representative)\b", re.I)


def signed_at_the_white_house(sentence: Sentence) -> bool:
    """The line under a President's signature: "JOSEPH R. BIDEN JR." / "THE WHITE HOUSE," / "June 17, 2021."."""
    return sentence.text.strip() == "THE WHITE HOUSE,"


def first_turn(sentences: list[Sentence]) -> int | None:
    """The paragraph where a transcript's spoken turns begin: a text with two speakers' labels, or one naming an
    office ("Ambassador Bolton: ..." in a copy cut short); None for a text that is no transcript."""
    openings = [s for i, s in enumerate(sentences) if i == 0 or sentences[i - 1].paragraph != s.paragraph]
    labels = [
        (s.paragraph, label.group()) for s in openings if not s.in_header and (label := _SPEAKER_LABEL.match(s.text))
    ]
    if len(labels) >= 2 or (labels and _OFFICE_LABEL.search(labels[0][1])):
        return labels[0][0]
    return None


# A copy on another site may keep the original's headline only in its address:
# ".../russia-has-acted-to-obfuscate-...-uk-statement-at-the-un-security-council/amp".
_PATH = re.compile(r"^[a-z][\w+.-]*://[^/?#\s]*([^?#\s]*)", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){3,}$", re.IGNORECASE)


def url_headline(url: str | None) -> str:
    """The headline in a URL's last path segment of four or more words joined by hyphens, in capitals (a slug has
    lost its case, and the names matcher reads acronyms only in capitals); empty when there is none."""
    path = _PATH.match(url or "")
    slugs = [segment for segment in (path.group(1) if path else "").split("/") if _SLUG.match(segment)]
    return slugs[-1].replace("-", " ").upper() if slugs else ""
