"""An actor's sanctions status, body by body, read from the designations and delistings that name it, with
the action and the passage behind each step; and the list of actors filtered by it."""

from datetime import date

import pytest

from service.importers.un_xml import import_un_xml
from tests.conftest import client_for
from tests.importers.conftest import UN, UN_NEWER, run

pytestmark = pytest.mark.anyio


async def test_a_delisted_entry_is_no_longer_in_force_and_a_kept_one_is(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    async for client in client_for(seeded_db):
        delisted = (await client.get("/v1/actors/un-kpi.002/status")).json()
        kept = (await client.get("/v1/actors/un-kpe.001/status")).json()
        detail = (await client.get("/v1/actors/un-kpe.001")).json()
        source = (await client.get(f"/v1/sources/{kept['listings'][0]['events'][0]['source_id']}")).json()
    assert delisted["in_force"] is False
    (listing,) = delisted["listings"]
    assert listing["listed_by"] == {"id": "body-unsc", "name": "United Nations Security Council"}
    assert (listing["in_force"], listing["listed_on"], listing["delisted_on"]) == (False, "2009-07-16", "2026-03-10")
    assert [(e["type"], e["action_id"]) for e in listing["events"]] == [
        ("designation", "act-un-kpi.002-listed-2009-07-16"),
        ("delisting", "act-un-kpi.002-delisted-2026-03-10"),
    ]
    assert [basis["id"] for basis in listing["legal_basis"]] == ["unscr-1718"]
    (current,) = kept["listings"]
    assert kept["in_force"] and current["in_force"] and current["delisted_on"] is None
    assert current["listed_on"] == date(2009, 4, 24).isoformat()
    assert current["events"][0]["quote"] in source["text"]  # the passage that names the target
    assert detail["listings"] == kept["listings"]


async def _ids(client, **params) -> set[str]:
    answer = await client.get("/v1/actors", params=params | {"limit": 500})
    assert answer.status_code == 200, answer.text
    return {actor["id"] for actor in answer.json()["items"]}


async def test_the_list_of_actors_filters_by_the_body_and_whether_in_force(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    async for client in client_for(seeded_db):
        listed = await _ids(client, listed_by="body-unsc")
        in_force = await _ids(client, listed_by="body-unsc", in_force="true")
        no_more = await _ids(client, in_force="false")
        by_nobody = await _ids(client, listed_by="state-kp")
        mixed = await client.get("/v1/actors", params={"q": "Korea", "in_force": "true"})
    assert "un-kpi.002" in listed and "un-kpe.001" in listed and "state-kp" not in listed
    assert in_force == listed - {"un-kpi.002"}
    assert no_more == {"un-kpi.002"}
    assert by_nobody == set()
    assert mixed.status_code == 422 and mixed.json()["errors"][0]["field"] == "in_force"


async def test_an_actor_never_designated_has_no_listing(seeded_db):
    async for client in client_for(seeded_db):
        status = (await client.get("/v1/actors/state-kp/status")).json()
        missing = await client.get("/v1/actors/no-such-actor/status")
    assert status == {"actor_id": "state-kp", "in_force": False, "listings": []}
    assert missing.status_code == 404
