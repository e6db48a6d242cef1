"""Screening: each party scored against every actor by its names, its identifiers and its nationality, the
candidates above the threshold returned with what is in force against them and why."""

import re
from functools import lru_cache, partial
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy import ColumnExpressionArgument, func, select
from sqlalchemy.orm import Session

from service.actors.name_counts import NameCounts, name_counts
from service.actors.queries import actors_by_id
from service.actors.resolution import members, survivors
from service.actors.schemas import ActorOut
from service.actors.search import MIN_SCORE, find_actors
from service.actors.status import listings_by_actor
from service.folding import fold
from service.models import ActorBirthDate, ActorIdentifier
from service.screening.schemas import Candidate, Evidence, MatchRequest, MatchResponse, MatchResult, Party

# A name scored this far below the threshold may still be lifted over it by its nationality, or its birth date.
NATIONALITY_WEIGHT = 10
BIRTH_DATE_WEIGHT = 10
# How many names to score per candidate kept: the name search ranks them; the other evidence reorders a few.
NAME_CANDIDATES_PER_RESULT = 4
# Two words count as the same when at least this similar (0–100): 'Yusuf' and 'Yousef', 'Omar' and 'Umar', unless
# they begin or end otherwise (see _other_name); words of up to three letters when the same but for the letters
# romanisations write one for another ('Ri' and 'Li', 'Gim' and 'Kim'). Below, 'Khan' and 'Aman', 'National' and
# 'Battalion' are other words; spellings of one word with the same consonants are still found ('Husayn' and
# 'Hussein', 'Saeed' and 'Said': see _consonants).
WORD_MATCH = 75
# The rarity of a word no name holds.
MAX_RARITY = 10.0
# The most a name loses for the query's words it lacks, and what two words of the same two consonants count for.
# As much as for its own words the query lacks (half): at a quarter, 'Golden Star General Trading LLC' was the
# listed 'GOLDEN STAR TRADING LLC' (81), 'General' being common in company names.
QUERY_WORDS_MISSING = 0.5
WEAK_CONSONANTS = 0.5
# Names less alike than this to the query, as written or their words sorted, are not put in the query's order:
# four fifths of a search's candidates are, and none of those came within its least score (70) that way on
# bench/match_speed.py's queries (where 108 names from 50 to 70 did). A name of two words is tried the other way
# round from 10 less ('Chao Wei' and 'WEI, Zhao' are 43 alike with their words sorted).
ALIGNED_FROM = 50


def match(session: Session, request: MatchRequest) -> MatchResponse:
    return MatchResponse(results=[_match_one(session, party, request) for party in request.queries])


def _match_one(session: Session, party: Party, request: MatchRequest) -> MatchResult:
    query_key, counts = fold(party.name), name_counts.get(session)
    # The name index's candidates ranked by this module's score, not by the search's: a search asks each word
    # of the query to be in the name ('Husayn' is not 'Hussein' there), a screening meets other spellings.
    scorer = partial(key_score, counts=counts, floor=MIN_SCORE)
    depth = request.limit * NAME_CANDIDATES_PER_RESULT
    names = {
        found.actor_id: found for found in find_actors(session, party.name, None, None, depth, scorer, near_misses=True)
    }
    identifiers: dict[str, list[str]] = {}
    shared = _shared_identifiers(session, party)
    survivor = survivors(session, {actor_id for actor_id, _ in shared})
    for actor_id, value in shared:
        held = identifiers.setdefault(survivor[actor_id], [])
        # A number both lists of a merged party give, however each writes it, is one piece of evidence.
        if _normalised(value) not in map(_normalised, held):
            held.append(value)
    found = list(names.keys() | identifiers.keys())
    actors = actors_by_id(session, found) if found else {}  # half the queries screened find nobody
    born = _birth_dates(session, list(actors)) if party.birth_date else {}
    candidates = []
    for actor_id, actor in actors.items():
        matched = _name_evidence(query_key, actor, counts) if actor_id in names else []
        score = matched[0].score if matched else 0.0
        score, more = _other_evidence(party, actor, born.get(actor_id, []), identifiers.get(actor_id, []), score)
        if score >= request.threshold:
            candidates.append(Candidate(actor=actor, score=score, matched=matched + more, in_force=[]))
    # Among equal scores, the name fewest edits from the query first ('Choi Chun Yong': 'Choe Chun Yong', one
    # letter changed, before 'Cho Chun Ryong', one dropped and one added).
    candidates.sort(key=lambda c: (-c.score, _edits(query_key, c), c.actor.name, c.actor.id))
    kept = candidates[: request.limit]
    listings = listings_by_actor(session, [candidate.actor.id for candidate in kept])
    for candidate in kept:
        candidate.in_force = [listing for listing in listings[candidate.actor.id] if listing.in_force]
    return MatchResult(query=party, candidates=kept)


def _name_evidence(query_key: str, actor: ActorOut, counts: NameCounts) -> list[Evidence]:
    """The actor's name or alias closest to the query."""
    score, best = max((name_score(query_key, name, counts), name) for name in [actor.name, *actor.aliases])
    kind: Literal["name", "alias"] = "name" if best == actor.name else "alias"
    return [Evidence(kind=kind, value=best, score=score)]


def _edits(query_key: str, candidate: Candidate) -> int:
    """Letters changed, added or dropped from the query to the candidate's matched name (0 with none)."""
    names = [evidence.value for evidence in candidate.matched if evidence.kind in ("name", "alias")]
    return Levenshtein.distance(query_key, fold(names[0])) if names else 0


def _other_evidence(
    party: Party, actor: ActorOut, born: list[str], identifiers: list[str], score: float
) -> tuple[float, list[Evidence]]:
    """The name's score moved by nationality and birth date agreeing or not, and made 100 by a shared
    identifier; with what matched."""
    matched = []
    if party.nationality and actor.country:
        agrees = party.nationality == actor.country
        score += NATIONALITY_WEIGHT if agrees else -NATIONALITY_WEIGHT
        if agrees:
            matched.append(Evidence(kind="nationality", value=actor.country, score=100))
    if party.birth_date and born:
        agreeing = [day for day in born if day.startswith(party.birth_date) or party.birth_date.startswith(day)]
        score += BIRTH_DATE_WEIGHT if agreeing else -BIRTH_DATE_WEIGHT
        if agreeing:
            matched.append(Evidence(kind="birth_date", value=agreeing[0], score=100))
    for value in identifiers:
        matched.append(Evidence(kind="identifier", value=value, score=100))
        score = 100.0
    return round(min(max(score, 0.0), 100.0), 1), matched


def name_score(query_key: str, name: str, counts: NameCounts) -> float:
    """0–100 for the whole name against the whole query: word order and word breaks forgiven ('Ho-jin Yun',
    'yun hojin'), but not missing words, and the less so the rarer they are: a query of common words
    ('Bureau', 'Trading Company') is no match for a name whose rare word it lacks ('Bureau 39'), as it may be for
    a search (service.actors.search.score)."""
    return key_score(query_key, fold(name), counts)


def key_score(query_key: str, key: str, counts: NameCounts, floor: float = 0.0) -> float:
    """name_score of a name already folded. A name whose whole-name similarity is under `floor` (the least score
    its caller keeps) comes back with that similarity, which is all its score can be, without its words weighed:
    most of a search's candidates are, and weighing their words was most of a screening's time."""
    query_letters, letters = query_key.replace(" ", ""), key.replace(" ", "")
    if not letters or not query_letters:
        return 0.0  # a name (or a query) of no letter or digit, such as an alias '?', is like no other
    if letters == query_letters:
        return 100.0  # the same letters, however the words are broken
    whole = max(fuzz.token_sort_ratio(query_key, key), fuzz.ratio(query_letters, letters))
    spaces = key.count(" ")
    if spaces == 1 and whole >= ALIGNED_FROM - 10:  # two words the other way round: one comparison more
        first, _, second = key.partition(" ")
        whole = max(whole, fuzz.ratio(query_letters, second + first))
    elif spaces > 1 and whole >= ALIGNED_FROM and _bag(query_letters, letters) > max(whole, floor):
        # The name's words in the query's order: a word spelt otherwise and the words turned round ('Chin Sung
        # Zhang' of 'CHANG, Chin Sung'), or two of them written as one ('Zhang Chinsung'), are still alike.
        whole = max(whole, fuzz.ratio(query_letters, _in_query_order(tuple(key.split()), tuple(query_key.split()))))
    if whole < floor:
        return whole
    words, query_words = key.split(), query_key.split()
    # A name whose words are all in the query keeps its score; one whose rare words are missing loses up to half.
    # A query of more words than the name loses up to QUERY_WORDS_MISSING more for those the name lacks: a query
    # may name a middle name the list does not, but 'Wei Hassan' is not a party listed with the alias 'Hassan'.
    # (Of as many words, a word changed is one missing from the name, counted once.)
    covered = _covered(words, query_words, counts)
    query_covered = _covered(query_words, words, counts) if len(query_words) > len(words) else 1.0
    return round(whole * (0.5 + 0.5 * covered) * (1 - QUERY_WORDS_MISSING * (1 - query_covered)), 1)


def _bag(query_letters: str, letters: str) -> float:
    """The similarity of two names' letters, each sorted: no order of a name's words is more like the query."""
    return fuzz.ratio("".join(sorted(query_letters)), "".join(sorted(letters)))


def _in_query_order(words: tuple[str, ...], query_words: tuple[str, ...]) -> str:
    """The name's letters, its words ordered as the query's words they are likest (and where in a query word
    they stand, for two words the query writes as one)."""
    return "".join(sorted(words, key=lambda word: _place(word, query_words)))


def _place(word: str, query_words: tuple[str, ...]) -> tuple[int, int]:
    """Which query word a name word is likest (one holding it, for two words the query writes as one), and where
    in it it stands."""
    likeness = [100.0 if word in other else fuzz.ratio(word, other) for other in query_words]
    index = likeness.index(max(likeness))
    return index, max(query_words[index].find(word), 0)


def _matched(words: list[str], others: list[str]) -> list[tuple[float, int]]:
    """Each word's evidence among the other words, and which other word gives it. Each other word is evidence for
    one word only ('Jung-ho Kim' holds 'Jung' of 'KIM JUNG JONG', not 'Jong' too)."""
    others_key = tuple(others)
    best = [_best(word, others_key) for word in words]
    claimed = [index for value, index in best if value]
    if len(set(claimed)) < len(claimed):  # two words would rest on one other word: pair them, surest first
        best = _paired(tuple(words), others_key)
    return best


def _covered(words: list[str], others: list[str], counts: NameCounts) -> float:
    """The share of these words, weighed by their rarity, that the other words hold, each by its evidence (see
    _matched), or as a piece of one of them: two words written as one ('Chinsung' holds 'Chin' and 'Sung')."""
    weights = [counts.rarity(word, MAX_RARITY) for word in words]
    total = sum(weights)
    if not total:
        return 1.0
    best = _matched(words, others)
    # A word that is one of these words as spelt is not two written as one: 'Abdullah' of the query is the
    # name's 'Abdullah', not its 'Abu' and a rest.
    free = [other for other in others if other not in words]
    evidence = [
        value if value == 1.0 else max([value, *(_piece_evidence(word, other, words) for other in free)])
        for word, (value, _) in zip(words, best, strict=True)
    ]
    return sum(weight * value for weight, value in zip(weights, evidence, strict=True)) / total


@lru_cache(maxsize=100_000)
def _best(word: str, others: tuple[str, ...]) -> tuple[float, int]:
    """The word's best evidence among the others, and which (the likest, then the first, among equals); a query's
    words meet the same name words again and again."""
    index = max(range(len(others)), key=lambda j: (word_evidence(word, others[j]), fuzz.ratio(word, others[j]), -j))
    return word_evidence(word, others[index]), index


def _paired(words: tuple[str, ...], others: tuple[str, ...]) -> list[tuple[float, int]]:
    """Each word's evidence with each other word taken once, the surest pairs first (the likest among equals)."""
    pairs = [(word_evidence(w, o), fuzz.ratio(w, o), i, j) for i, w in enumerate(words) for j, o in enumerate(others)]
    pairs.sort(key=lambda pair: (-pair[0], -pair[1], pair[2], pair[3]))
    best = [(0.0, -1)] * len(words)
    taken = set()
    for value, _, i, j in pairs:
        if value and best[i][1] < 0 and j not in taken:
            taken.add(j)
            best[i] = (value, j)
    return best


def _piece_evidence(word: str, other: str, words: list[str]) -> float:
    """The word's evidence as one of words written as one ('Alisaleh' of 'Ali Saleh', 'Michaelanatolievich' of
    'Mikhail Anatolievich'): the other word begins or ends with a spelling of it, exact for a word of two letters,
    and the rest of the other word is made of the other words (see _made_of). Only then: 'Abdul' begins 'Abdullah'
    and 'Mian' is three letters of 'Mansour', but '-lah' and '-our' are no words of those names."""
    if len(word) < 2 or len(other) < len(word) + 2:
        return 0.0
    rest_of_words = list(words)
    rest_of_words.remove(word)  # (a word the name holds twice, 'Rashid Rashid', may be the rest)
    best = 0.0
    for cut in range(max(len(word) - 2, 2), min(len(word) + 2, len(other) - 2) + 1):
        for piece, rest in ((other[:cut], other[cut:]), (other[-cut:], other[:-cut])):
            if len(word) == 2 and piece != word:
                continue
            value = word_evidence(word, piece)
            if value > best and _made_of(rest, rest_of_words):
                best = value
    return best


def _made_of(letters: str, words: list[str], depth: int = 2) -> bool:
    """Whether the letters are a spelling of one of the words, or the start of one ('Abd' of 'Abdul'), or, to
    `depth` words more, begin with one of them as spelt and the rest is made of the others ('Nuraldin' of 'Nur al
    Din')."""
    for word in words:
        if word_evidence(word, letters) or (len(letters) >= 3 and word.startswith(letters)):
            return True
        if depth and len(letters) > len(word) and letters.startswith(word):
            others = list(words)
            others.remove(word)
            if _made_of(letters[len(word) :], others, depth - 1):
                return True
    return False


def word_evidence(word: str, other: str) -> float:
    """How surely two words are spellings of one (0–1): close, or short and the same but for the consonants
    romanisations write one for another, or of the same consonants. Two consonants the same letters ('Said',
    'Saeed') count; two made alike ('Miller' and 'Mire' are 'ml' by r/l and the double l) count for
    WEAK_CONSONANTS only, and so do close words that are other names as often as other spellings (_other_name)."""
    if word == other:
        return 1.0
    if min(len(word), len(other)) <= 3:
        # The same but for consonants made one ('Ri' and 'Li', 'Gim' and 'Kim', 'Cho' and 'Jo'), the article's
        # a and e ('al', 'el'), or a vowel more ('Sok' and 'Seok'); not 'Ji' and 'Jo', 'Cho' and 'Chol'.
        spelt, other_spelt = _consonants(word, vowels=True), _consonants(other, vowels=True)
        if spelt == other_spelt:
            return 1.0
        vowels, other_vowels = re.sub(r"[^aeiou]", "", spelt), re.sub(r"[^aeiou]", "", other_spelt)
        same_vowels = vowels in other_vowels or other_vowels in vowels
        # (a w or y kept: 'Wen' and 'Eun', 'Wali' and 'Ali' are other words)
        same_consonants = re.sub(r"[aeiou]", "", spelt) == re.sub(r"[aeiou]", "", other_spelt)
        return 1.0 if same_vowels and same_consonants else 0.0
    if abs(len(word) - len(other)) > 2:
        return 0.0  # a syllable more is another name: 'Abdullah' is not 'Abdul', 'Fangwei' not 'Fang'
    if fuzz.ratio(word, other) >= WORD_MATCH:
        frames_apart = min(Levenshtein.distance(_consonants(word, ch=ch), _consonants(other, ch=ch)) for ch in _CH)
        if frames_apart > 1:
            return 0.0  # close letters, two consonants apart: 'Masoud' ('msd') is not 'Mahmoud' ('mhmd')
        # One consonant written for another that no romanisation writes for it, letter for letter, is as often
        # another name ('Qasim', 'Qasir'); a consonant more or less is a spelling ('Mikhail', 'Mihail').
        changed = frames_apart == 1 and Levenshtein.distance(word, other) == 1 and len(word) == len(other)
        return WEAK_CONSONANTS if changed or _other_name(word, other) else 1.0
    consonants = _consonants(word)
    same = consonants == _consonants(other) or _consonants(word, ch="k") == _consonants(other, ch="k")
    if len(consonants) < 2 or not same or _syllables(word) != _syllables(other):
        return 0.0  # (the same frame in a syllable more: 'Qiang' is not 'Quanguo', though both are 'knk')
    if len(consonants) > 2 or _consonants(word, alike=False) == _consonants(other, alike=False):
        return 1.0
    # Two consonants made alike, letter for letter from the same first letter ('Reza', 'Rida'), are one name
    # respelt; a letter more or less is as often another ('Mire', 'Miller').
    return 1.0 if len(word) == len(other) and word[0] == other[0] else WEAK_CONSONANTS


def _other_name(word: str, other: str) -> bool:
    """Whether two close words are as often two names as two spellings of one: they begin otherwise ('Jang' and
    'Kang', 'Wali' and 'Ali', 'Salim' and 'Alim'); one ends in a vowel where the other ends in a consonant
    (Persian's -i of descent, 'Mohammadi' of 'Mohammad'; Korean 'Cho' and 'Chol'; a final h is silent:
    'Abdulla', 'Abdullah'); or, in words of up to four letters, an a is another vowel ('Zhao' and 'Zhou')."""
    if _onset(word) != _onset(other):
        return True
    if (word[-1] in _VOWELS) != (other[-1] in _VOWELS) and "h" not in (word[-1], other[-1]):
        return True
    return min(len(word), len(other)) <= 4 and word.count("a") != other.count("a")


_VOWELS = frozenset("aeiouy")
# What ch is in the romanisations: Korean's j, English's k for Greek names ('Michael'), French's sh ('Rachid').
_CH = ("j", "k", "sh")


def _syllables(word: str) -> int:
    """The word's runs of vowels: 'Husayn' and 'Hussein' two each, 'Qiang' one, 'Quanguo' two."""
    return len(re.findall(r"[aeiouy]+", word))


def _onset(word: str) -> str:
    """How a word begins: its first consonant as romanisations make them one, or nothing for a vowel or y
    ('Yevgeny' and 'Evgeny' begin alike)."""
    return "" if word[0] in _VOWELS else _consonants(word[:2])[:1] or word[0]


@lru_cache(maxsize=100_000)
def _consonants(word: str, alike: bool = True, vowels: bool = False, ch: str = "j") -> str:
    """A word's consonants, as the romanisations of one name most often agree on them: vowels and glides
    dropped, doubled letters made single, and the consonants romanisations write one for another made one
    ('husayn', 'hussein' are 'hsn'; Korean 'chong', 'jong' are 'jnk'); not `alike`, the letters as written; with
    `vowels`, the vowels kept ('ri' and 'li' are 'li', 'ji' and 'jo' two words). A ch is Korean's j, or with
    `ch` 'k', as English spells Greek names ('Michael', 'Mikhail')."""
    if alike:
        word = word.replace("ch", ch)
    for spellings, one in _SAME_CONSONANT if alike else ():
        word = re.sub(spellings, one, word)
    if vowels:  # (English's ee and oo are i and u: 'Lee', 'Soo'; the article's e is a: 'el', 'al')
        return re.sub(r"(.)\1+", r"\1", word.replace("ee", "i").replace("oo", "u").replace("e", "a"))
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", word))


# McCune–Reischauer and Revised Romanisation of Korean (ch/j, k/g, t/d, p/b, r/l), Wade–Giles and pinyin of
# Chinese (ch/zh, hs/x), Russian's ks and x ('Aleksey', 'Alexei'), Arabic's kh, q and k, and its dh and ḍ, written
# d, dh or z ('Qadhafi', 'Gaddafi'; Persian 'Reza', Arabic 'Rida'), and its th, written s in Turkish and Persian
# ('Othman', 'Osman'); Arabic and Persian و, written w or v ('Jawad', 'Javad').
_SAME_CONSONANT = [
    ("th", "s"),
    ("zh", "j"),
    ("hs", "x"),
    ("x", "ks"),
    ("kh|q|g", "k"),
    ("dh|d|z", "t"),
    ("b", "p"),
    ("r", "l"),
    ("(?<![^aeiouy])w", "v"),  # (after a consonant, w is a glide: 'Hwang', 'Huang')
]


def _birth_dates(session: Session, actor_ids: list[str]) -> dict[str, list[str]]:
    """Each actor's birth dates, and those of the actors merged into it, in order."""
    sets = members(session, actor_ids)
    survivor = {member: id for id, ids in sets.items() for member in ids}
    found: dict[str, list[str]] = {}
    query = (
        select(ActorBirthDate.actor_id, ActorBirthDate.date)
        .where(ActorBirthDate.actor_id.in_(list(survivor)))
        .order_by(ActorBirthDate.date)
    )
    for member, day in session.execute(query):
        found.setdefault(survivor[member], []).append(day)
    return found


def _normalised(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _shared_identifiers(session: Session, party: Party) -> list[tuple[str, str]]:
    """(actor id, identifier) for each stored identifier equal to one of the party's, spaces, dashes, dots and
    slashes aside, and of the same scheme where the party gives one."""
    wanted = {_normalised(item.value): item.scheme for item in party.identifiers if _normalised(item.value)}
    if not wanted:
        return []
    stored: ColumnExpressionArgument[str] = ActorIdentifier.value
    for character in " -./":
        stored = func.replace(stored, character, "")
    rows = session.execute(
        select(ActorIdentifier.actor_id, ActorIdentifier.scheme, ActorIdentifier.value).where(
            func.upper(stored).in_(list(wanted))
        )
    ).all()
    return [(actor_id, value) for actor_id, scheme, value in rows if wanted.get(_normalised(value)) in (None, scheme)]
