"""One actor per party: the UN and OFAC entries of KANG Mun-kil (both with passport PS 472330208) become one actor
whatever the order of the imports, a re-import changes nothing, and a person's judgement (merge, not-same,
unmerge) holds against later imports and lands in the change feed."""

from datetime import date

import pytest
from sqlalchemy import func, select

from service.actors import resolution, review
from service.actors.writes import BirthDate, put_actor
from service.errors import Conflict
from service.importers.ofac_csv import import_ofac_csv
from service.importers.un_xml import import_un_xml
from service.models import ActorBirthDate, ActorIdentifier, ActorJudgement, ActorMerge, Change
from service.writes import acting_as
from tests.conftest import client_for, make_key, snapshot
from tests.importers.conftest import FIXTURES, OFAC, run, session_on

pytestmark = pytest.mark.anyio

KANG_UN = FIXTURES / "un" / "kang_mun_kil.xml"  # KPi.019, cut from lists/un_consolidated.xml
KANG_OFAC = FIXTURES / "ofac" / "kang"  # entry 19499, cut from lists/ofac_sdn_2021/sdn.csv


def import_un(url: str):
    return run(url, import_un_xml, KANG_UN)


def import_ofac(url: str):
    return run(url, import_ofac_csv, KANG_OFAC, list_date=date(2021, 7, 1))


def merges(url: str) -> dict[str, str]:
    with session_on(url) as session:
        return dict(session.execute(select(ActorMerge.actor_id, ActorMerge.merged_into)).all())


def curate_kang(session, name: str, born: str | None = None) -> None:
    """A curated record of KANG Mun-kil, as an analyst would write it."""
    birth_dates = [BirthDate(born)] if born else []
    put_actor(session, "person-kang", name=name, kind="person", country="KP", aliases=[], birth_dates=birth_dates)


def judge(url: str, act) -> None:
    with session_on(url) as session:
        acting_as(session, "test")
        act(session)
        session.commit()


@pytest.mark.parametrize("order", ["UN then OFAC", "OFAC then UN"])
async def test_kang_mun_kil_is_one_actor_listed_by_the_un_and_by_ofac_whichever_list_comes_first(
    fresh_seeded_url, order
):
    first, second = (import_un, import_ofac) if order == "UN then OFAC" else (import_ofac, import_un)
    assert first(fresh_seeded_url).get("judgements", "added") == 0
    assert second(fresh_seeded_url).get("judgements", "added") == 1
    assert merges(fresh_seeded_url) == {"ofac-19499": "un-kpi.019"}
    async for client in client_for(fresh_seeded_url):
        status = (await client.get("/v1/actors/un-kpi.019/status")).json()
        detail = (await client.get("/v1/actors/un-kpi.019")).json()
        moved = await client.get("/v1/actors/ofac-19499/status")
        query = {"listed_by": "body-us-ofac", "in_force": "true", "limit": 500}
        listed = (await client.get("/v1/actors", params=query)).json()
    listings = {listing["listed_by"]["id"]: listing for listing in status["listings"]}
    assert status["in_force"] is True and set(listings) == {"body-unsc", "body-us-ofac"}
    un, ofac = listings["body-unsc"], listings["body-us-ofac"]
    assert (un["in_force"], un["listed_on"], [b["code"] for b in un["legal_basis"]]) == (True, "2016-03-02", ["1718"])
    assert (ofac["in_force"], [b["code"] for b in ofac["legal_basis"]]) == (True, ["NPWMD"])
    assert ofac["events"][0]["quote"] == "SDN_Name: KANG, Mun-kil"
    assert detail["merged_from"] == ["ofac-19499"] and detail["birth_dates"] == ["1963-02-09"]
    assert "KANG, Mun-kil" in detail["aliases"]
    assert {(i["scheme"], i["value"]) for i in detail["identifiers"]} >= {
        ("un_reference", "KPi.019"),
        ("ofac_ent_num", "19499"),
        ("passport", "PS 472330208"),
    }
    assert moved.status_code == 308 and moved.headers["location"] == "/v1/actors/un-kpi.019/status"
    # The list of actors names the party once, by its survivor, though OFAC's listing is the merged actor's.
    listed_ids = [actor["id"] for actor in listed["items"]]
    assert "un-kpi.019" in listed_ids and "ofac-19499" not in listed_ids


async def test_running_either_import_again_changes_nothing(fresh_seeded_url):
    import_un(fresh_seeded_url)
    import_ofac(fresh_seeded_url)
    before = snapshot(fresh_seeded_url)
    assert "judgements" not in import_ofac(fresh_seeded_url).counts
    assert "judgements" not in import_un(fresh_seeded_url).counts
    assert snapshot(fresh_seeded_url) == before


def test_the_importers_keep_birth_dates_and_whole_passport_numbers(fresh_seeded_url):
    import_un(fresh_seeded_url)
    import_ofac(fresh_seeded_url)
    run(fresh_seeded_url, import_ofac_csv, OFAC, list_date=date(2021, 7, 2))
    with session_on(fresh_seeded_url) as session:
        born = {
            (row.actor_id, row.date) for row in session.execute(select(ActorBirthDate.actor_id, ActorBirthDate.date))
        }
        passports = set(
            session.execute(
                select(ActorIdentifier.actor_id, ActorIdentifier.value).where(ActorIdentifier.scheme == "passport")
            )
        )
    # KPi.019: <DATE>1963-02-09</DATE>; OFAC 17616: 'DOB 07 Aug 1965'; OFAC 19499 gives no birth date.
    assert {("un-kpi.019", "1963-02-09"), ("ofac-17616", "1965-08-07")} <= born
    assert not any(actor == "ofac-19499" for actor, _ in born)
    # OFAC writes 'Passport PS 472330208 (Korea, North)': the number has a space in it.
    assert ("ofac-19499", "PS 472330208") in passports and ("ofac-17616", "563410081") in passports


def test_an_unmerged_actor_stays_apart_through_later_imports_until_merged_again(fresh_seeded_url):
    import_un(fresh_seeded_url)
    import_ofac(fresh_seeded_url)
    judge(fresh_seeded_url, lambda session: resolution.unmerge(session, "ofac-19499"))
    assert merges(fresh_seeded_url) == {}
    import_ofac(fresh_seeded_url)
    import_un(fresh_seeded_url)
    assert merges(fresh_seeded_url) == {}
    judge(fresh_seeded_url, lambda session: resolution.merge(session, "ofac-19499", "un-kpi.019"))
    assert merges(fresh_seeded_url) == {"ofac-19499": "un-kpi.019"}
    with session_on(fresh_seeded_url) as session:
        feed = session.execute(
            select(Change.entity, Change.entity_id, Change.operation)
            .where(Change.entity.in_(["actor_merge", "actor_judgement"]))
            .order_by(Change.seq)
        ).all()
        judgements = session.execute(select(ActorJudgement.judgement, ActorJudgement.who)).all()
    merge_steps = [(entity_id, operation) for entity, entity_id, operation in feed if entity == "actor_merge"]
    assert merge_steps == [("ofac-19499", "create"), ("ofac-19499", "delete"), ("ofac-19499", "create")]
    assert [operation for entity, _, operation in feed if entity == "actor_judgement"] == ["create", "update", "update"]
    assert judgements == [("same", "test")]


def test_not_same_keeps_apart_what_strong_evidence_would_merge(fresh_seeded_url):
    import_un(fresh_seeded_url)
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        curate_kang(session, "Kang Mun-kil")
        session.commit()
    judge(fresh_seeded_url, lambda session: resolution.not_same(session, "person-kang", "un-kpi.019"))
    import_ofac(fresh_seeded_url)
    assert merges(fresh_seeded_url) == {"ofac-19499": "un-kpi.019"}
    # The curated record now gives the same name and birth date: still not merged, as judged.
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        curate_kang(session, "Kang Mun-kil", "1963-02-09")
        assert resolution.resolve(session) == 0
        session.commit()
    assert merges(fresh_seeded_url) == {"ofac-19499": "un-kpi.019"}
    with session_on(fresh_seeded_url) as session, pytest.raises(Conflict):
        acting_as(session, "test")
        resolution.merge(session, "person-kang", "ofac-19499")  # its set holds un-kpi.019, judged not the same


def test_a_curated_record_with_the_same_name_and_birth_date_merges_and_survives(fresh_seeded_url):
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        curate_kang(session, "Mun Kil Kang", "1963-02-09")
        session.commit()
    import_un(fresh_seeded_url)
    with session_on(fresh_seeded_url) as session:
        (evidence,) = session.scalars(select(ActorJudgement.evidence))
    assert evidence == "name kang kil mun and birth date 1963-02-09"
    assert merges(fresh_seeded_url) == {"un-kpi.019": "person-kang"}


async def test_match_weighs_a_birth_date_and_answers_with_the_survivor(fresh_seeded_url):
    import_un(fresh_seeded_url)
    import_ofac(fresh_seeded_url)
    async for client in client_for(fresh_seeded_url):
        queries = [
            {"name": "Kang Mun Kil", "birth_date": "1963"},
            {"name": "Kang Mun Kil", "birth_date": "1971-05-01"},
            {"name": "Someone", "identifiers": [{"value": "PS472330208", "scheme": "passport"}]},
        ]
        answer = await client.post("/v1/match", json={"queries": queries, "threshold": 0})
    agrees, differs, by_passport = (result["candidates"][0] for result in answer.json()["results"])
    assert agrees["actor"]["id"] == differs["actor"]["id"] == by_passport["actor"]["id"] == "un-kpi.019"
    assert {"kind": "birth_date", "value": "1963-02-09", "score": 100} in agrees["matched"]
    assert not any(evidence["kind"] == "birth_date" for evidence in differs["matched"])
    assert (agrees["score"], differs["score"]) == (100, 90)  # the name alone scores 100
    assert {listing["listed_by"]["id"] for listing in by_passport["in_force"]} == {"body-unsc", "body-us-ofac"}
    # Both lists give the passport: one piece of evidence, not one per merged actor.
    assert [e for e in by_passport["matched"] if e["kind"] == "identifier"] == [
        {"kind": "identifier", "value": "PS 472330208", "score": 100}
    ]


async def test_a_survivor_read_with_get_goes_back_as_a_patch_without_taking_the_merged_actors_data(fresh_seeded_url):
    import_un(fresh_seeded_url)
    import_ofac(fresh_seeded_url)
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    with session_on(fresh_seeded_url) as session:
        changes = session.scalar(select(func.count()).select_from(Change))
    async for client in client_for(fresh_seeded_url):
        detail = (await client.get("/v1/actors/un-kpi.019")).json()
        assert "ofac-19499" in detail["merged_from"] and "KANG, Mun-kil" in detail["aliases"]
        patched = await client.patch("/v1/actors/un-kpi.019", json=detail, headers=write)
        assert patched.status_code == 200, patched.text
        assert patched.json() == detail
        renamed = await client.patch("/v1/actors/un-kpi.019", json=detail | {"country": None}, headers=write)
        assert renamed.json()["country"] is None and renamed.json()["aliases"] == detail["aliases"]
    with session_on(fresh_seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Change)) == changes + 1
        own = session.scalars(select(ActorIdentifier.value).where(ActorIdentifier.actor_id == "un-kpi.019")).all()
        assert "19499" not in own  # OFAC's entry number stays the merged actor's own


def test_xref_proposes_a_pair_short_of_strong_evidence_until_a_person_judges_it(fresh_seeded_url):
    from typer.testing import CliRunner

    from service.cli import app

    import_un(fresh_seeded_url)
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        curate_kang(session, "Kang Mun Kil")  # no birth date: the same name alone merges nothing
        session.commit()
    assert merges(fresh_seeded_url) == {}
    env = {"DATABASE_URL": fresh_seeded_url, "COLUMNS": "200"}
    proposed = CliRunner().invoke(app, ["xref", "--threshold", "90"], env=env)
    assert proposed.exit_code == 0, proposed.output
    assert "person-kang" in proposed.output and "un-kpi.019" in proposed.output and "country KP" in proposed.output
    judged = CliRunner().invoke(app, ["not-same", "person-kang", "un-kpi.019", "--who", "analyst"], env=env)
    assert judged.exit_code == 0, judged.output
    assert "person-kang" not in CliRunner().invoke(app, ["xref", "--threshold", "90"], env=env).output


def test_xref_names_the_pair_by_their_own_names_where_an_alias_is_as_alike(fresh_seeded_url):
    # Both lists give OFFICE 39 the alias 'Third Floor': its own name says better why the pair is proposed.
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        for id in ("org-office-39-a", "org-office-39-b"):
            put_actor(session, id, name="OFFICE 39", kind="organization", country="KP", aliases=["Third Floor"])
        session.commit()
        (pair,) = [c for c in review.candidates(session, 90, 50) if c.left == "org-office-39-a"]
    assert pair.evidence[0] == "names 'office 39' and 'office 39': 100"


def test_xref_proposes_two_actors_of_one_name_whatever_its_words(fresh_seeded_url):
    """OFFICE 39 in the UN list and in OFAC's, with no alias in common once OFAC's weak ones are apart: one word
    of three letters, too few to pair them by words; and a name all of whose words are common ones."""
    common = "Korea General Trading Corporation"
    with session_on(fresh_seeded_url) as session:
        acting_as(session, "test")
        for id in ("org-office-39-a", "org-office-39-b"):
            put_actor(session, id, name="OFFICE 39", kind="organization", country="KP", aliases=[])
        for n in range(60):  # each word of the common name in more names than COMMON_WORD
            put_actor(session, f"org-other-{n}", name=f"{common} No {n}", kind="organization", country=None, aliases=[])
        for id in ("org-common-a", "org-common-b"):
            put_actor(session, id, name=common, kind="organization", country="KP", aliases=[])
        session.commit()
        pairs = {(c.left, c.right): c.evidence[0] for c in review.candidates(session, 90, 500)}
    assert pairs[("org-office-39-a", "org-office-39-b")] == "names 'office 39' and 'office 39': 100"
    assert ("org-common-a", "org-common-b") in pairs


async def _every_action(client, path: str, **query) -> list[tuple[str, str]]:
    """(date, id) of every action of a list, read two to a page."""
    found, params = [], {"limit": 2, **query}
    while True:
        page = (await client.get(path, params=params)).json()
        found += [(item["date"], item["id"]) for item in page["items"]]
        if page["next_cursor"] is None:
            return found
        params["cursor"] = page["next_cursor"]


async def test_a_survivors_actions_are_its_merged_actors_too_until_unmerged(fresh_seeded_url):
    # Russia and Ukraine, judged one party for the test: some actions name both, which must still come once.
    async for client in client_for(fresh_seeded_url):  # with the answer cache, as served
        alone = {id: await _every_action(client, "/v1/actions", actor=id) for id in ("state-ru", "state-ua")}
        both = sorted(set(alone["state-ru"]) | set(alone["state-ua"]), reverse=True)
        assert set(alone["state-ru"]) & set(alone["state-ua"]) and len(both) > len(alone["state-ru"])
        mentions = set()
        for id in ("state-ru", "state-ua"):
            mentions |= set(await _every_action(client, "/v1/actions", actor=id, role="mentioned"))

        judge(fresh_seeded_url, lambda session: resolution.merge(session, "state-ru", "state-ua"))
        assert await _every_action(client, "/v1/actions", actor="state-ru") == both
        assert await _every_action(client, "/v1/actors/state-ru/actions") == both
        assert await _every_action(client, "/v1/actions", actor="state-ua") == both  # the party of a merged id
        assert await _every_action(client, "/v1/actions", actor="state-ru", sort="date") == sorted(both)
        assert await _every_action(client, "/v1/actions", actor="state-ru", role="mentioned") == sorted(
            mentions, reverse=True
        )

        judge(fresh_seeded_url, lambda session: resolution.unmerge(session, "state-ua"))
        assert await _every_action(client, "/v1/actions", actor="state-ru") == alone["state-ru"]
        assert await _every_action(client, "/v1/actors/state-ru/actions") == alone["state-ru"]
        assert await _every_action(client, "/v1/actions", actor="state-ua") == alone["state-ua"]
