"""POST /v1/match: parties screened against the actors an official list brought in, by name (with its usual
variants), identifier and nationality; each candidate with what matched and what is in force against it."""

import random

import pytest

from service.actors import review
from service.actors.writes import put_actor
from service.importers.un_xml import import_un_xml
from service.screening.schemas import MatchRequest, MatchResponse
from service.screening.service import match
from service.writes import acting_as
from tests.conftest import client_for
from tests.importers.conftest import UN, run, session_on

pytestmark = pytest.mark.anyio


@pytest.fixture
def listed_db(fresh_seeded_url: str) -> str:
    run(fresh_seeded_url, import_un_xml, UN)
    return fresh_seeded_url


async def _match(url: str, *parties: dict, **options) -> list[dict]:
    async for client in client_for(url):
        answer = await client.post("/v1/match", json={"queries": list(parties)} | options)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]
    raise AssertionError("no client")


@pytest.mark.parametrize("name", ["Yun Ho-jin", "YUN HO JIN", "Ho-jin Yun", "yun hojin"])
async def test_a_listed_name_in_its_usual_variants_finds_the_listed_person(listed_db, name):
    (result,) = await _match(listed_db, {"name": name})
    best = result["candidates"][0]
    assert best["actor"]["id"] == "un-kpi.001" and best["score"] >= 90
    assert best["matched"][0]["kind"] in {"name", "alias"}
    (listing,) = best["in_force"]
    assert listing["listed_by"]["id"] == "body-unsc" and [b["id"] for b in listing["legal_basis"]] == ["unscr-1718"]
    assert listing["events"][0]["quote"]


def add_persons(url: str, *names: str) -> None:
    with session_on(url) as session:
        acting_as(session, "test")
        for name in names:
            id = "person-" + name.lower().replace(" ", "-")
            put_actor(session, id, name=name, kind="person", country=None, aliases=[])
        session.commit()


# Other romanisations: Korean ch/j and r/l (McCune–Reischauer, Revised), Arabic vowels.
@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Paek Jang-ho", "un-kpi.006"),
        ("Li Je-son", "un-kpi.002"),
        ("Saddam Husayn Tikriti", "person-saddam-hussein-tikriti"),
        ("Saeed Bahaji", "person-said-bahaji"),
    ],
)
async def test_another_romanisation_of_a_listed_name_finds_the_listed_person(listed_db, name, actor_id):
    add_persons(listed_db, "Saddam Hussein Tikriti", "Qusay Saddam Hussein Tikriti", "Said Bahaji")
    (result,) = await _match(listed_db, {"name": name})
    assert result["candidates"][0]["actor"]["id"] == actor_id


async def test_a_name_one_letter_off_is_found_first_though_its_relatives_hold_every_word_of_the_query(listed_db):
    add_persons(listed_db, "Barzan Ibrahim Hassan Tikriti", "Ali Barzan Ibrahim Hasan Tikriti")
    (result,) = await _match(listed_db, {"name": "Barzan Ibrahim Hasan Tikriti"})
    assert result["candidates"][0]["actor"]["id"] == "person-barzan-ibrahim-hassan-tikriti"


async def test_a_name_whose_words_are_other_words_finds_nobody(listed_db):
    # 'Khan' and 'Aman' are half alike, 'Zhang' and 'Chan' more, as spelling goes: not as names go.
    add_persons(listed_db, "Mohammed Aman", "Marial Chan")
    results = await _match(listed_db, {"name": "Mohammed Khan"}, {"name": "Maria Zhang"})
    assert [result["candidates"] for result in results] == [[], []]


async def test_a_name_of_letters_split_by_apostrophes_is_found_in_another_word_order(listed_db):
    # McCune–Reischauer's breves written as apostrophes leave words of one or two letters, which no trigram holds.
    add_persons(listed_db, "Ri U'n So'ng")
    (result,) = await _match(listed_db, {"name": "U'n So'ng Ri"})
    assert result["candidates"][0]["actor"]["id"] == "person-ri-u'n-so'ng"


async def test_a_one_word_alias_is_no_match_for_a_query_with_another_word(listed_db):
    with session_on(listed_db) as session:
        acting_as(session, "test")
        put_actor(session, "person-ali", name="Ali Saddam Hussein", kind="person", country=None, aliases=["Hassan"])
        session.commit()
    alias, stranger = await _match(listed_db, {"name": "Hassan"}, {"name": "Wei Hassan"})
    assert [c["actor"]["id"] for c in alias["candidates"]] == ["person-ali"]
    assert stranger["candidates"] == []


async def test_two_consonants_made_alike_are_weak_evidence_and_the_same_two_are_not(listed_db):
    # 'Miller' and 'Mire' are both 'ml' once r is l and ll is l; 'Saeed' and 'Said' are 'sd' as written.
    add_persons(listed_db, "Mohamed Mire", "Said Arif")
    stranger, variant = await _match(listed_db, {"name": "Mohammed Miller"}, {"name": "Saeed Arif"})
    assert stranger["candidates"] == []
    assert [c["actor"]["id"] for c in variant["candidates"]] == ["person-said-arif"]


async def test_of_two_names_scoring_alike_the_fewer_edits_away_comes_first(listed_db):
    # The same words in another order score alike (100); the name as written comes first, not the first by name.
    add_persons(listed_db, "Choe Chun Yong", "Yong Chun Choe")
    (result,) = await _match(listed_db, {"name": "Yong Chun Choe"})
    first, second = result["candidates"][:2]
    assert first["score"] == second["score"]
    assert [first["actor"]["id"], second["actor"]["id"]] == ["person-yong-chun-choe", "person-choe-chun-yong"]


async def test_an_identifier_finds_its_holder_whatever_the_name(listed_db):
    (result,) = await _match(listed_db, {"name": "Someone Else", "identifiers": [{"value": "381 420 754"}]})
    (best,) = result["candidates"]
    assert best["actor"]["id"] == "un-kpi.006" and best["score"] == 100
    assert {"kind": "identifier", "value": "381420754", "score": 100} in best["matched"]


async def test_an_identifier_of_another_scheme_is_no_match(listed_db):
    (result,) = await _match(
        listed_db, {"name": "Someone Else", "identifiers": [{"value": "381420754", "scheme": "imo"}]}
    )
    assert result["candidates"] == []


async def test_generic_words_and_unlisted_names_find_nobody(listed_db):
    results = await _match(
        listed_db, {"name": "Trading Company"}, {"name": "Maria Gonzalez"}, {"name": "Bank"}, {"name": "Federation"}
    )
    assert [result["candidates"] for result in results] == [[], [], [], []]


async def test_a_batch_answers_each_query_in_order_and_the_threshold_and_limit_apply(listed_db):
    results = await _match(listed_db, {"name": "Ri Je-son"}, {"name": "Paek Chang-ho"}, threshold=50, limit=1)
    assert [r["query"]["name"] for r in results] == ["Ri Je-son", "Paek Chang-ho"]
    assert [[c["actor"]["id"] for c in r["candidates"]] for r in results] == [["un-kpi.002"], ["un-kpi.006"]]


async def test_the_answer_is_the_documented_model_as_the_screening_builds_it(listed_db):
    request = {"queries": [{"name": "Yun Ho-jin", "nationality": "KP"}, {"name": "Maria Gonzalez"}], "limit": 2}
    async for client in client_for(listed_db):
        answer = await client.post("/v1/match", json=request)
    with session_on(listed_db) as session:
        built = match(session, MatchRequest.model_validate(request))
    assert answer.headers["content-type"] == "application/json"
    assert MatchResponse.model_validate_json(answer.content) == built
    assert answer.json() == built.model_dump(mode="json", by_alias=True)


async def test_a_batch_over_100_or_an_empty_one_is_refused(listed_db):
    async for client in client_for(listed_db):
        too_many = await client.post("/v1/match", json={"queries": [{"name": "x"}] * 101})
        empty = await client.post("/v1/match", json={"queries": []})
        bad_threshold = await client.post("/v1/match", json={"queries": [{"name": "x"}], "threshold": 101})
    assert [a.status_code for a in (too_many, empty, bad_threshold)] == [422, 422, 422]
    assert [a.json()["errors"][0]["field"] for a in (too_many, empty, bad_threshold)] == [
        "queries",
        "queries",
        "threshold",
    ]


async def _first_ids(url: str, *names: str) -> list[str | None]:
    results = await _match(url, *({"name": name} for name in names))
    return [result["candidates"][0]["actor"]["id"] if result["candidates"] else None for result in results]


async def test_a_name_spelt_otherwise_and_turned_round_or_written_as_one_word_is_found(listed_db):
    # Wade–Giles 'Chang' is pinyin 'Zhang': the words compared in the query's order, not sorted ('chang' and
    # 'zhang' sort apart); 'Chinsung' is 'Chin Sung' written as one word.
    add_persons(listed_db, "Chang Chin Sung", "Husain Ali Saleh")
    found = await _first_ids(listed_db, "Chin Sung Zhang", "Zhang Chinsung", "Husain Alisaleh")
    assert found == ["person-chang-chin-sung", "person-chang-chin-sung", "person-husain-ali-saleh"]


async def test_a_word_of_the_query_is_evidence_for_one_word_of_a_name_only(listed_db):
    # 'Jung' is 'Jung' of the name; it is not 'Jong' too, which the query lacks ('Ho' is another word).
    add_persons(listed_db, "Kim Jung Jong")
    assert await _first_ids(listed_db, "Jung-ho Kim") == [None]


async def test_short_words_are_alike_as_romanisations_make_them_and_not_by_a_vowel_changed(listed_db):
    # 'Seok' is 'Sok' with a vowel more (Revised Romanisation, McCune–Reischauer); 'Ji' is not 'Jo', 'Cho' not
    # 'Chol', 'Wen' not 'Eun'.
    add_persons(listed_db, "Kim Sok Chol", "Jo Yong Chol", "Jiang Wen Ji")
    found = await _first_ids(listed_db, "Kim Seok Chol", "Ji-young Cho", "Eun-ji Jang")
    assert found == ["person-kim-sok-chol", None, None]


async def test_close_words_that_begin_or_end_otherwise_are_other_names(listed_db):
    # 'Wali' and 'Ali', 'Jabarin' and 'Jafari' begin or end otherwise; Persian's -i of descent makes 'Mohammadi'
    # another name than 'Mohammad'; 'Zhou' and 'Zhao' are two Chinese surnames.
    add_persons(listed_db, "Wali Mohammad", "Jabarin Zaher", "Wei Zhao")
    assert await _first_ids(listed_db, "Ali Mohammadi", "Zahra Jafari", "Wei Zhou") == [None, None, None]


async def test_consonants_the_romanisations_write_one_for_another_are_one(listed_db):
    # ch and kh ('Michael', 'Mikhail'), x and ks ('Alexei', 'Aleksey'), z and d ('Reza', 'Rida').
    add_persons(listed_db, "Plisyuk Mikhail Alekseyevich", "Droganov Aleksey Olegovich", "Rabiee Hamid Reza")
    found = await _first_ids(
        listed_db, "Michael Alekseyevich Plisyuk", "Alexei Olegovich Droganov", "Hamid Rida Rabiee"
    )
    assert found == [
        "person-plisyuk-mikhail-alekseyevich",
        "person-droganov-aleksey-olegovich",
        "person-rabiee-hamid-reza",
    ]


def add_actor(url: str, id: str, name: str, kind: str = "person", aliases: tuple[str, ...] = ()) -> None:
    with session_on(url) as session:
        acting_as(session, "test")
        put_actor(session, id, name=name, kind=kind, country=None, aliases=list(aliases))
        session.commit()


async def test_a_name_word_begins_a_joined_word_only_when_the_rest_is_another_word_of_the_name(listed_db):
    # 'Abdul' begins 'Abdullah' and 'Mian' is 'Man-' of 'Mansour' spelt otherwise, but '-lah' and '-our' are no
    # words of those names; 'Michaelanatolievich' is 'Mikhail' (another spelling) and 'Anatolievich' written as one.
    # The query's 'Abdullah' that is the name's 'Abdullah' is not also 'Ab-' (for 'Abu') and a rest.
    add_actor(listed_db, "person-khalil", "Abu Khalil", aliases=("Abdul Khalil",))
    add_persons(listed_db, "Abdullah Mian", "Nazarov Mikhail Anatolievich", "Abdullah Abu")
    found = await _first_ids(
        listed_db, "Abdullah Khalil", "Abdullah Mansour", "Nazarov Michaelanatolievich", "Abdullah Abbas"
    )
    assert found == [None, None, "person-nazarov-mikhail-anatolievich", None]


async def test_the_same_consonants_in_a_syllable_more_are_another_name(listed_db):
    # 'Qiang' and 'Quanguo' are both 'knk' once q and g are k, but one syllable against two.
    add_persons(listed_db, "Chen Quanguo")
    assert await _first_ids(listed_db, "Qiang Chen") == [None]


async def test_close_words_two_consonants_apart_are_other_names(listed_db):
    # 'Masoud' and 'Mahmoud' are 77% alike as written, but 'msd' and 'mhmd'; French 'Rachid' is 'Rashid'.
    add_persons(listed_db, "Bagheri Mahmoud", "Naji Talal Rashid")
    assert await _first_ids(listed_db, "Masoud Bagheri", "Naji Talal Rachid") == [None, "person-naji-talal-rashid"]


async def test_a_query_word_the_name_lacks_costs_as_much_as_a_name_word_the_query_lacks(listed_db):
    # 'General' is common in company names, and still tells 'Golden Star General Trading' from the listed one.
    add_actor(listed_db, "org-golden-star", "Golden Star Trading LLC", kind="organization")
    assert await _first_ids(listed_db, "Golden Star General Trading LLC") == [None]


async def test_arabic_th_is_also_written_s(listed_db):
    # ث: 'Othman', 'Uthman' and the Turkish and Persian 'Osman'.
    add_persons(listed_db, "Othman Hasan Chehadeh")
    assert await _first_ids(listed_db, "Hasan Chehadeh Osman") == ["person-othman-hasan-chehadeh"]


async def test_two_consonants_made_alike_letter_for_letter_are_one_name(listed_db):
    # Persian 'Reza' and Arabic 'Rida' (z and d both the Arabic letter ḍ) are the same name respelt, letter for
    # letter; 'Miller' and 'Mire' (a letter apart in length) stay weak evidence.
    add_persons(listed_db, "Heidari Reza")
    assert await _first_ids(listed_db, "Rida Heidari") == ["person-heidari-reza"]


async def test_a_name_holding_every_word_of_the_query_but_one_spelt_otherwise_is_a_candidate(listed_db):
    # 'Abdu Abdallah' holds neither 'Abdullah' nor half the trigrams of 'abdullahabdu', which 250 longer names
    # hold every one of: a search by every word or by trigrams ranks those first. The names holding 'Abdu' alone
    # (or 'Abdullah' alone), those nearest the query's length first, are searched too.
    add_persons(listed_db, "Abdu Abdallah", *(f"Abdullahab Mahmoud Decoy {number:03d}" for number in range(250)))
    assert await _first_ids(listed_db, "Abdullah Abdu") == ["person-abdu-abdallah"]


async def test_one_consonant_written_for_another_letter_for_letter_is_weak_evidence(listed_db):
    # 'Qasim' and 'Qasir' are 80% alike and their consonants a letter apart, but no romanisation writes r for m:
    # the query's own surname, with its given name respelt, comes before another surname a letter off. 'Kasim'
    # is 'Qasim' (k and q are one), 'Jawad' 'Javad' (w and v are one: Arabic and Persian و), and 'Mihail'
    # 'Mikhail' (a consonant less, not another).
    add_persons(listed_db, "Qasim Mohammed", "Qasir Muhammad", "Petrov Mikhail", "Oji Javad")
    found = await _first_ids(listed_db, "Mohammed Qasir", "Kasim Mohammed", "Mihail Petrov", "Jawad Oji")
    assert found == [
        "person-qasir-muhammad",
        "person-qasim-mohammed",
        "person-petrov-mikhail",
        "person-oji-javad",
    ]


async def test_an_alias_of_no_letter_is_no_evidence_and_no_error(listed_db):
    """Found by schemathesis (a 500): an actor written with the alias '?', which folds to nothing, made every
    screening that found the actor fail, and xref with it."""
    with session_on(listed_db) as session:
        acting_as(session, "test")
        put_actor(session, "person-kim-chol", name="Kim Chol", kind="person", country="KP", aliases=["?", "-"])
        put_actor(session, "person-kim-chol-2", name="KIM CHOL", kind="person", country="KP", aliases=[])
        session.commit()
    (result,) = await _match(listed_db, {"name": "Kim Chol"})
    assert {(c["actor"]["id"], c["score"]) for c in result["candidates"]} >= {("person-kim-chol", 100)}
    (result,) = await _match(listed_db, {"name": "?"})  # a query of no letter either: nothing to compare
    assert result["candidates"] == []
    async for client in client_for(listed_db):
        found = (await client.get("/v1/actors", params={"q": "Kim Chol"})).json()["items"]
        assert "person-kim-chol" in [item["id"] for item in found]
    with session_on(listed_db) as session:  # xref scores the pair over every name of each, the alias among them
        pairs = {(c.left, c.right): c.evidence[0] for c in review.candidates(session, 80, 50)}
    assert pairs[("person-kim-chol", "person-kim-chol-2")] == "names 'kim chol' and 'kim chol': 100"


# Letters, accents, punctuation, digits, LIKE and regex characters, and characters outside the BMP, some of them
# unassigned: what a fuzzer writes (schemathesis found the alias '?' above this way).
FUZZ_CHARACTERS = "aāèęøCvN?\"'-. 0123456789%_*\\()[]^$" + "".join(
    map(chr, (0x1AE44, 0x90835, 0x858F9, 0x4B2C7, 0xBD88, 0xD8, 0xF1, 0x118, 0x2019, 0x3000, 0x5F20, 0x130, 0xDF))
)


async def test_no_name_of_any_characters_fails_a_screening_or_a_search(listed_db):
    draw = random.Random(1718)

    def name() -> str:
        return "".join(draw.choice(FUZZ_CHARACTERS) for _ in range(draw.randint(1, 8))).strip() or "?"

    with session_on(listed_db) as session:
        acting_as(session, "test")
        for n in range(60):
            put_actor(session, f"fuzz-{n}", name=name(), kind="person", country=None, aliases=[name(), name()])
        session.commit()
    queries = [{"name": name()} for _ in range(100)]
    results = await _match(listed_db, *queries, threshold=0)
    assert len(results) == 100
    assert any(result["candidates"] for result in results)  # the draw does reach the actors
    async for client in client_for(listed_db):
        for query in queries[:30]:
            answer = await client.get("/v1/actors", params={"q": query["name"]})
            assert answer.status_code == 200, (query, answer.text)
