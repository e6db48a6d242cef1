"""Find names in a text, forgiving case, accents and punctuation, and give back where each one stands.

A name and a mention are compared word by word after folding (`Kim Jong-un` = `Kim Jong Un` = `KIM JONG UN`),
and also with the words' inner punctuation dropped, so that `Ho-jin` = `Hojin` and `U.S.` = `US`. Tokens are
never glued across spaces: that would read "I ran" as Iran.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from service.folding import fold

T = TypeVar("T")

_TOKEN = re.compile(r"\w+")


def _keys(text: str, tokens: list[re.Match]) -> set[str]:
    """The two keys of a run of tokens: word by word, and with each word's inner punctuation dropped."""
    by_token = " ".join(fold(t.group()) for t in tokens)
    words = [fold(tokens[0].group())]
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if any(ch.isspace() for ch in text[previous.end() : token.start()]):
            words.append(fold(token.group()))
        else:
            words[-1] += fold(token.group())
    return {by_token, " ".join(words)}


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"\W", "", name)
    return len(letters) <= 4 and letters.isupper()


@dataclass(frozen=True)
class Mention(Generic[T]):
    start: int
    end: int
    text: str
    value: T


class Matcher(Generic[T]):
    """Longest-first, left-to-right matching of many names at once."""

    def __init__(self) -> None:
        self._whole: dict[str, bool] = {}  # text -> whether one name covers all of it (see `covers`)
        self._index: dict[str, tuple[T, bool, bool]] = {}  # key -> (value, acronym, proper noun)
        # Every prefix of every key, so that a scan gives up after the first token at most positions.
        self._prefixes: set[str] = set()

    def add(self, name: str, value: T) -> None:
        tokens = list(_TOKEN.finditer(name))
        if not tokens:
            return
        # Short acronyms match only in capitals: "US" is the United States, "us" is a pronoun.
        exact = _is_acronym(name)
        # A name written with a capital is a proper noun and is matched only so written ("Chad", not "chad");
        # one written in lower case ("expert panel") is matched in any case.
        proper = name[0].isupper() or name[0].isdigit()
        for key in _keys(name, tokens):
            value_, exact_, proper_ = self._index.get(key, (value, exact, proper))
            self._index[key] = (value_, exact_, proper_ and proper)
            self._prefixes.update(key[:n] for n in range(1, len(key) + 1))
        self._whole.clear()

    def covers(self, text: str) -> bool:
        """Whether one name covers the whole text ("Russian Federation", "Seoul"), remembered per text: the
        officials' name patterns ask it of every capitalised word."""
        whole = self._whole.get(text)
        if whole is None:
            whole = any(m.start == 0 and m.end == len(text) for m in self.find(text))
            if len(self._whole) < 100_000:
                self._whole[text] = whole
        return whole

    def find(self, text: str, *, capitalised: bool = False) -> Iterator[Mention[T]]:
        """Every mention in `text`; with `capitalised`, proper nouns only where written with a capital."""
        tokens = list(_TOKEN.finditer(text))
        folded = [fold(t.group()) for t in tokens]
        spaced = [
            i > 0 and any(ch.isspace() for ch in text[tokens[i - 1].end() : t.start()]) for i, t in enumerate(tokens)
        ]
        i = 0
        while i < len(tokens):
            found = self._match_at(text, tokens, folded, spaced, i, capitalised)
            if found is None:
                i += 1
                continue
            length, value = found
            start, end = tokens[i].start(), tokens[i + length - 1].end()
            yield Mention(start, end, text[start:end], value)
            i += length

    def _match_at(
        self, text: str, tokens: list[re.Match], folded: list[str], spaced: list[bool], i: int, capitalised: bool
    ) -> tuple[int, T] | None:
        best = None
        by_token = by_word = folded[i]
        for j in range(i, len(tokens)):
            if j > i:
                by_token += " " + folded[j]
                by_word += (" " if spaced[j] else "") + folded[j]
            # In this order, so that where both read a name the one spaced as written wins, on every run.
            keys = (by_token,) if by_token == by_word else (by_token, by_word)
            live = [key for key in keys if key in self._prefixes]
            if not live:
                break
            for key in live:
                hit = self._index.get(key)
                if hit is None:
                    continue
                value, exact, proper = hit
                written = text[tokens[i].start() : tokens[j].end()]
                if exact and not re.sub(r"\W", "", written).isupper():
                    continue
                if capitalised and proper and not (written[0].isupper() or written[0].isdigit()):
                    continue
                best = (j - i + 1, value)
        return best
