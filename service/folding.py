"""Names folded to a key that two spellings of one name share: lowercase ASCII words.

Latin letters lose their accents through Unicode decomposition; other scripts are transliterated by anyascii.
Punctuation and other separators become spaces, marks and formatting characters disappear. The categories
are normality's, which this replaces: normality 3 needs PyICU, which PyPI has only as source to compile.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# By Unicode general category: what a character becomes (a space, or nothing); letters and digits stay.
_REPLACED = {
    **dict.fromkeys(("Cc", "Mc", "Zs", "Zl", "Zp", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "So"), " "),
    **dict.fromkeys(("Cf", "Cs", "Co", "Cn", "Lm", "Mn", "Me", "No", "Sc", "Sk"), ""),
}
_SYMBOLS = {"Sm", "Sc", "Sk", "So"}
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'Kim Jong-un', 'KIM JONG UN' and 'Kim Jŏng Ŭn' give 'kim jong un'; 'Захаров' gives 'zakharov'."""
    if not text.isascii():
        # Symbols go before transliterating, as ICU's transform did for normality ('©' is not 'C').
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _SYMBOLS)
        text = anyascii(unicodedata.normalize("NFKC", text))
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(_REPLACED.get(unicodedata.category(ch), ch) for ch in text)
    return _SPACES.sub(" ", text).strip(" ")


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, for ids made from names and codes ('DPRK3' gives 'dprk3',
    'IRAN-EO13902' 'iran-eo13902'); empty when the text has no letter or digit."""
    return "-".join(fold(text).split())
