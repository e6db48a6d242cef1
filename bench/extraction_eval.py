"""Score the extractor against the labelled documents in tests/extraction/data/, field by field.

    python bench/extraction_eval.py                  # precision and recall on labels.yaml (docs/extraction.md)
    python bench/extraction_eval.py --set heldout    # on heldout.yaml, documents the rules were not tuned on
    python bench/extraction_eval.py --misses         # and, per document, what was missed or added
    python bench/extraction_eval.py --set public --split test   # real public documents (issue 18), one split
    python bench/extraction_eval.py --set public --only 'public/h*'   # one batch of documents (file pattern)
    python bench/extraction_eval.py --set forms --only 'forms/c*'   # documents written in real publishers' forms
    python bench/extraction_eval.py --set public --split dev --layout wrapped   # the same texts laid out otherwise
    python bench/extraction_eval.py --set public --split dev --name-shapes   # officials renamed, name by name shape
    python bench/extraction_eval.py --speed          # warm milliseconds per 10 kB of public text

How a prediction counts as right, per field:
- type: equal to the label (accuracy, so precision = recall);
- date: date and precision equal; a date given where the label has none is a false positive;
- resolutions: (number, relation) pairs; "numbers" counts the number alone;
- officials: name equal after folding case and accents (both null for an unnamed one) and the titles equal
  or one containing the other ("State Department spokesperson" ~ "US State Department spokesperson");
- actors: (name, role) pairs, names as the gazetteer writes them; targets: a name equal to, or containing,
  or contained in the label's.

The public set (public.yaml) labels only what issue 18 scores: its "acting" field is the states and bodies in
the roles imposer or co_signatory (either role counts), and a document whose extraction raises is counted as
a crash and scored as an empty draft.
"""

import argparse
import fnmatch
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing it

from service.extraction import Draft, extract  # noqa: E402
from service.extraction.names import fold  # noqa: E402

DATA = ROOT / "tests" / "extraction" / "data"


@dataclass
class Tally:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, label: str, predicted: list, expected: list, same: Callable[[object, object], bool]) -> None:
        unmatched = list(expected)
        for guess in predicted:
            hit = next((e for e in unmatched if same(guess, e)), None)
            if hit is None:
                self.misses.append(f"{label}: extra {guess}")
            else:
                unmatched.remove(hit)
                self.true_positives += 1
        self.misses.extend(f"{label}: missed {e}" for e in unmatched)
        self.predicted += len(predicted)
        self.expected += len(expected)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def _title_agrees(a: str | None, b: str | None) -> bool:
    a, b = fold(a or ""), fold(b or "")
    return a == b or (bool(a) and bool(b) and (a in b or b in a))


def _name_agrees(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a == b or a in b or b in a


def _fields(draft: Draft, label: dict) -> Iterable[tuple[str, list, list, Callable]]:
    yield "type", [draft.type.value], [label["type"]], lambda a, b: a == b
    predicted_date = [(draft.date, draft.date_precision.value)] if draft.date and draft.date_precision else []
    expected_date = [(label["date"], label["date_precision"])] if label["date"] else []
    yield "date", predicted_date, expected_date, lambda a, b: a == b
    yield "resolutions (number)", [r.number for r in draft.resolutions], list(label["resolutions"]), lambda a, b: a == b
    yield (
        "resolutions (number+relation)",
        [(r.number, r.relation.value) for r in draft.resolutions],
        list(label["resolutions"].items()),
        lambda a, b: a == b,
    )
    yield (
        "officials (name+title)",
        [(o.name, o.title) for o in draft.officials],
        [tuple(o) for o in label["officials"]],
        lambda a, b: fold(a[0] or "") == fold(b[0] or "") and _title_agrees(a[1], b[1]),
    )
    yield (
        "actors (actor+role)",
        [(fold(a.name), a.role.value) for a in draft.actors],
        [(fold(name), role) for name, role in label["actors"].items()],
        lambda a, b: a == b,
    )
    yield "targets (name)", [t.name for t in draft.targets], list(label["targets"]), _name_agrees


def _public_fields(draft: Draft | None, label: dict) -> Iterable[tuple[str, list, list, Callable]]:
    if draft is None:  # a crash: nothing predicted
        predicted_type, predicted_date, citations, officials, acting, targets = [], [], [], [], [], []
    else:
        predicted_type = [draft.type.value]
        predicted_date = [(draft.date, draft.date_precision.value)] if draft.date and draft.date_precision else []
        citations = [r.number for r in draft.resolutions]
        officials = [(o.name, o.title) for o in draft.officials]
        acting = [fold(a.name) for a in draft.actors if a.role.value in ("imposer", "co_signatory")]
        targets = [t.name for t in draft.targets]
    yield "type", predicted_type, [label["type"]], lambda a, b: a == b
    expected_date = [(label["date"], label["date_precision"])] if label["date"] else []
    yield "date", predicted_date, expected_date, lambda a, b: a == b
    if "resolutions" in label:  # forms.yaml labels neither resolutions nor targets
        yield "resolutions (number)", citations, list(label["resolutions"]), lambda a, b: a == b
    yield (
        "officials (name+title)",
        officials,
        [tuple(o) for o in label["officials"]],
        lambda a, b: fold(a[0] or "") == fold(b[0] or "") and _title_agrees(a[1], b[1]),
    )
    yield "acting states and bodies", acting, [fold(name) for name in label["acting"]], lambda a, b: a == b
    if "targets" in label:
        yield "targets (name)", targets, list(label["targets"]), _name_agrees


def _first_line_in_capitals(text: str) -> str:
    head, _, rest = text.lstrip().partition("\n")
    return f"{head.upper()}\n{rest}"


# How copies lay out or frame the same words (--layout): hard-wrapped at 72 columns as plain-text releases, e-mail
# and copies out of PDF files are; with no-break spaces between words; the first line (most often the headline) in
# capitals; run into one line, as a form field or a JSON string may hold a text; posted by another site on a later
# day, which it states above the text; with the day the page last changed below it. The labels hold whatever the
# layout, but for a text labelled undated, where a posted day is a date to give.
LAYOUTS: dict[str, Callable[[str], str]] = {
    "as-written": lambda text: text,
    "wrapped": lambda text: "\n".join(textwrap.fill(line, 72, break_on_hyphens=False) for line in text.split("\n")),
    "no-break-spaces": lambda text: text.replace(" ", "\u00a0"),
    "first-line-in-capitals": _first_line_in_capitals,
    "one-line": lambda text: " ".join(text.split()),
    "posted-later": lambda text: f"Posted on 14 February 2025 by Newsdesk\n{text}",
    "updated-below": lambda text: f"{text}\nLast updated: 14 February 2025",
}


@dataclass
class Result:
    tallies: dict[str, Tally]
    documents: int = 0
    dates_right: int = 0  # the date and precision as labelled, a null where the label has none
    crashes: list[str] = field(default_factory=list)


def evaluate(labels: str, split: str = "all", only: str = "*", layout: str = "as-written") -> Result:
    result = Result({})
    for label in yaml.safe_load((DATA / f"{labels}.yaml").read_text(encoding="utf-8")):
        if split != "all" and label.get("split") != split or not fnmatch.fnmatch(label["file"], only):
            continue
        text = LAYOUTS[layout]((DATA / label["file"]).read_text(encoding="utf-8"))
        try:
            draft: Draft | None = extract(text, published_on=label.get("published_on"), url=label.get("url"))
        except Exception as error:  # noqa: BLE001 - a crash is a result to report, not to stop on
            result.crashes.append(f"{label['file']}: {type(error).__name__}: {str(error)[:200]}")
            draft = None
        result.documents += 1
        fields = _public_fields(draft, label) if "acting" in label else _fields(draft, label)  # type: ignore[arg-type]
        for name, predicted, expected, same in fields:
            tally = result.tallies.setdefault(name, Tally())
            before = tally.true_positives, len(tally.misses)
            tally.add(label["file"], predicted, expected, same)
            if name == "date" and len(tally.misses) == before[1]:
                result.dates_right += 1
    return result


# Names of shapes the labelled documents hold few of (--name-shapes): particles, an apostrophe, initials first,
# hyphens, a family name first, short and long names.
NAME_SHAPES = [
    "Maria Fernandez", "Ursula von der Leyen", "Sean O'Neill", "Jean-Yves Le Drian", "Cho Tae-yul",
    "Mohammed bin Abdulrahman Al Thani", "J. Christopher Giancarlo", "Ng Eng Hen", "Dmitry A. Medvedev",
    "Kwame Mensah-Bonsu", "Li Wei",
]  # fmt: skip


def name_shapes(labels: str, split: str) -> None:
    """Officials' recall when the one labelled official a text names in full is renamed, everywhere the full name
    is written, with a name of each shape; counted over the officials found under their own names, so that a
    shape's figure is what the shape costs."""
    cases = []
    for label in yaml.safe_load((DATA / f"{labels}.yaml").read_text(encoding="utf-8")):
        if split != "all" and label.get("split") != split:
            continue
        text = (DATA / label["file"]).read_text(encoding="utf-8")
        written = [(o[0], o[1]) for o in label["officials"] if o[0] and " " in o[0] and o[0] in text]
        if len(written) != 1:
            continue  # one full name, so that one renaming is one official
        name, title = written[0]
        if _found(text, label, name, title):
            cases.append((text, label, name, title))
    print("| name | officials found |\n| --- | ---: |")
    for shape in NAME_SHAPES:
        found = sum(_found(text.replace(name, shape), label, shape, title) for text, label, name, title in cases)
        print(f"| {shape} | {found} of {len(cases)} |")


def _found(text: str, label: dict, name: str, title: str) -> bool:
    """Whether the extractor finds the official so named and titled in the text."""
    draft = extract(text, published_on=label.get("published_on"), url=label.get("url"))
    return any(fold(o.name or "") == fold(name) and _title_agrees(o.title, title) for o in draft.officials)


SPEED_CHARS = 10_000


def speed(rounds: int = 9) -> None:
    """Milliseconds to extract from 10 kB texts, once warm, beside a reference measured in the same run on the
    same texts (splitting them into words with one regular expression), so the figure travels between machines
    as a ratio. The texts are the public documents joined in file order and cut into 10,000-character pieces.
    Wall-clock time counts the waits of a shared machine; CPU time (this process only) does not. Each figure is
    the best round: the one least disturbed by other work."""
    labels = yaml.safe_load((DATA / "public.yaml").read_text(encoding="utf-8"))
    joined = "\n\n".join((DATA / label["file"]).read_text(encoding="utf-8") for label in labels)
    texts = [joined[i : i + SPEED_CHARS] for i in range(0, len(joined) - SPEED_CHARS + 1, SPEED_CHARS)]
    words = re.compile(r"\w+")
    for text in texts:  # warm: the gazetteer's name index and every compiled pattern
        extract(text)

    def per_text(work: Callable[[str], object], clock: Callable[[], float]) -> float:
        best = float("inf")
        for _ in range(rounds):
            started = clock()
            for text in texts:
                work(text)
            best = min(best, (clock() - started) * 1000 / len(texts))
        return best

    print(f"{len(texts)} texts of {SPEED_CHARS:,} characters, warm, best of {rounds} rounds")
    print("| clock | extract (ms per text) | reference (ms) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for label, clock in (("wall", time.perf_counter), ("CPU", time.process_time)):
        extraction, reference = per_text(extract, clock), per_text(words.findall, clock)
        print(f"| {label} | {extraction:.1f} | {reference:.3f} | {extraction / reference:.0f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", choices=["labels", "heldout", "final", "public", "forms"], default="labels", help="which labelled set"
    )
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all", help="public set: which split")
    parser.add_argument("--only", default="*", help="only the documents whose file matches this pattern")
    parser.add_argument("--layout", choices=list(LAYOUTS), default="as-written", help="lay each text out so first")
    parser.add_argument("--misses", action="store_true", help="list what each document missed or added")
    parser.add_argument("--speed", action="store_true", help="time extraction of 10 kB texts instead of scoring")
    parser.add_argument("--name-shapes", action="store_true", help="officials' recall with names of other shapes")
    args = parser.parse_args()
    if args.speed:
        speed()
        return
    if args.name_shapes:
        name_shapes(args.set, args.split)
        return
    result = evaluate(args.set, args.split, args.only, args.layout)
    tallies = result.tallies
    print("| field | precision | recall | F1 | right / predicted / labelled |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, tally in tallies.items():
        counts = f"{tally.true_positives} / {tally.predicted} / {tally.expected}"
        f1 = 2 * tally.precision * tally.recall / (tally.precision + tally.recall or 1)
        print(f"| {name} | {tally.precision:.2f} | {tally.recall:.2f} | {f1:.2f} | {counts} |")
    print(f"\n{result.documents} documents; date right (a null where none is labelled) in {result.dates_right}", end="")
    print(f" ({result.dates_right / max(result.documents, 1):.2f}); crashes: {len(result.crashes)}")
    for crash in result.crashes:
        print(f"crash: {crash}")
    if args.misses:
        for name, tally in tallies.items():
            for miss in tally.misses:
                print(f"{name:32} {miss}")


if __name__ == "__main__":
    main()
