"""GET /v1/actions and /v1/actions/{id} on the seed data, on each backend."""

import base64
import json
import re

import pytest

pytestmark = pytest.mark.anyio

CONDEMNATION = "act-2024-10-29-us-condemns-russia-dprk-training"
JOINT_STATEMENT = "act-2024-05-31-joint-statement-dprk-russia-arms-transfers"
DESIGNATION = "act-2024-05-16-us-sanctions-five-russia-based-dprk-transfers"
VETO = "act-2024-03-russia-vetoes-panel-of-experts-mandate"
DENIAL = "act-2023-09-15-kremlin-denies-agreements-signed"
EDSCG_WARNING = "act-2023-09-15-edscg-warns-russia-price-to-pay"
MILLER_WARNING = "act-2023-07-31-us-warns-sanctions-dprk-russia"
PANEL_REPORT = "act-2024-un-panel-report-hwasong-11-kharkiv"


async def ids(client, path: str, **params) -> list[str]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_actions_are_listed_newest_first_then_by_id_descending(client):
    body = (await client.get("/v1/actions")).json()
    keys = [(item["date"], item["id"]) for item in body["items"]]
    assert len(keys) == 10
    assert keys == sorted(keys, reverse=True)
    assert body["next_cursor"] is None


async def test_sort_date_lists_oldest_first(client):
    assert (await ids(client, "/v1/actions", sort="date"))[0] == MILLER_WARNING


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "warning"}, [EDSCG_WARNING, MILLER_WARNING]),
        ({"type": "veto"}, [VETO]),
        ({"resolution": 1718}, [CONDEMNATION]),
        ({"resolution": 2397}, []),
        ({"resolution": 99999}, []),
        ({"actor": "body-eu"}, [JOINT_STATEMENT]),
        ({"role": "co_signatory"}, [JOINT_STATEMENT]),
        ({"actor": "state-ru", "role": "imposer"}, [VETO, DENIAL]),
        ({"official": "official-matthew-miller"}, [CONDEMNATION, DESIGNATION, MILLER_WARNING]),
        ({"country": "GB"}, [JOINT_STATEMENT]),
        ({"country": "gb"}, [JOINT_STATEMENT]),
        ({"country": "KR", "role": "imposer"}, [EDSCG_WARNING]),
        ({"date_from": "2024-05-16", "date_to": "2024-05-31"}, [JOINT_STATEMENT, DESIGNATION]),
        ({"date_to": "2023-09-15", "type": "denial"}, [DENIAL]),
        ({"q": "Hwasong"}, [PANEL_REPORT]),
        ({"q": "PRICE pay"}, [EDSCG_WARNING]),
        ({"q": "agreements signed"}, [DENIAL]),
        ({"q": "100%"}, []),
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, dict) else None,
)
async def test_each_filter(client, params, expected):
    assert await ids(client, "/v1/actions", **params) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "warning", "official": "official-matthew-miller"}, [MILLER_WARNING]),
        (
            {"actor": "state-us", "role": "imposer", "date_from": "2024-05-01", "date_to": "2024-05-31"},
            [JOINT_STATEMENT, DESIGNATION],
        ),
        ({"resolution": 1718, "date_to": "2024-01-01"}, []),
        (
            {"resolution": 2270, "official": "official-matthew-miller", "role": "subject", "country": "KP"},
            [CONDEMNATION],
        ),
        ({"actor": "state-kp", "type": "joint_statement", "q": "gravely"}, [JOINT_STATEMENT]),
        ({"official": "official-matthew-miller", "actor": "state-kr"}, []),
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, dict) else None,
)
async def test_filters_combine_with_and(client, params, expected):
    assert await ids(client, "/v1/actions", **params) == expected


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
@pytest.mark.parametrize("sort", ["-date", "date"])
async def test_walking_the_pages_covers_every_action_exactly_once(client, limit, sort):
    everything = await ids(client, "/v1/actions", sort=sort, limit=500)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": limit, "sort": sort} | ({"cursor": cursor} if cursor else {})
        response = await client.get("/v1/actions", params=params)
        body = response.json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            assert "link" not in response.headers
            break
        next_url = re.fullmatch(r'<(.+)>; rel="next"', response.headers["link"]).group(1)
        assert f"cursor={cursor}" in next_url and f"limit={limit}" in next_url
    assert seen == everything
    assert pages == -(-len(everything) // limit)


async def test_the_link_header_leads_to_the_next_page(client):
    first = await client.get("/v1/actions", params={"limit": 4, "type": "warning"})
    assert first.json()["next_cursor"] is None  # two warnings fit in one page
    first = await client.get("/v1/actions", params={"limit": 4})
    url = re.fullmatch(r'<(.+)>; rel="next"', first.headers["link"]).group(1)
    second = await client.get(url)
    assert [i["id"] for i in second.json()["items"]] == (await ids(client, "/v1/actions"))[4:8]


async def test_an_action_carries_its_citations_actors_officials_and_sources_with_quotes(client):
    action = (await client.get(f"/v1/actions/{CONDEMNATION}")).json()
    assert action["type"] == "condemnation" and action["date"] == "2024-10-29"
    assert [(r["number"], r["symbol"], r["relation"]) for r in action["resolutions"]] == [
        (1718, "S/RES/1718 (2006)", "alleges_violation"),
        (1874, "S/RES/1874 (2009)", "alleges_violation"),
        (2270, "S/RES/2270 (2016)", "alleges_violation"),
    ]
    assert {(a["id"], a["role"]) for a in action["actors"]} == {
        ("state-us", "imposer"),
        ("state-ru", "subject"),
        ("state-kp", "subject"),
    }
    [official] = action["officials"]
    assert (official["name"], official["title"]) == ("Matthew Miller", "Department Spokesperson")
    [source] = action["sources"]
    text = (await client.get(f"/v1/sources/{source['id']}")).json()["text"]
    quotes = [source["quote"], official["quote"]] + [x["quote"] for x in action["resolutions"] + action["actors"]]
    assert all(quote in text for quote in quotes)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", action["created_at"])


async def test_an_action_has_an_etag_and_answers_304_to_if_none_match(client):
    first = await client.get(f"/v1/actions/{VETO}")
    etag = first.headers["etag"]
    again = await client.get(f"/v1/actions/{VETO}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = await client.get(f"/v1/actions/{DENIAL}")
    assert other.headers["etag"] != etag
    stale = await client.get(f"/v1/actions/{VETO}", headers={"If-None-Match": other.headers["etag"]})
    assert stale.status_code == 200 and stale.json()["id"] == VETO


async def test_an_unknown_action_is_a_404_problem(client):
    response = await client.get("/v1/actions/act-none")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() | {"detail": None} == {
        "type": "urn:sanctions-tracker:problem:not-found",
        "title": "Not found",
        "status": 404,
        "detail": None,
    }
    assert "act-none" in response.json()["detail"]


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"resolution": "abc"}, "resolution"),
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"date_from": "2024-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2024-06-01", "date_to": "2024-05-01"}, "date_to"),
        ({"type": "sanction"}, "type"),
        ({"role": "victim"}, "role"),
        ({"sort": "title"}, "sort"),
        ({"country": "GBR"}, "country"),
        ({"q": "x" * 201}, "q"),
        ({"cursor": "not-a-cursor!"}, "cursor"),
        ({"cursor": _cursor(["actions:-date", "2024-01-01"])}, "cursor"),
        ({"cursor": _cursor(["actions:-date", "2024-99-01", "x"])}, "cursor"),
        ({"cursor": _cursor(["actions:date", "2024-01-01", "x"])}, "cursor"),
        ({"cursor": _cursor(["resolutions", 1718])}, "cursor"),
        ({"cursor": _cursor({"a": 1})}, "cursor"),
        ({"resolutoin": 1718}, "resolutoin"),
    ],
    ids=lambda value: json.dumps(value)[:60] if isinstance(value, dict) else value,
)
async def test_a_bad_parameter_is_a_422_problem_naming_it(client, params, field):
    response = await client.get("/v1/actions", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["type"].endswith(":validation")
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["location"] == "query"


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", '"; DROP TABLE actions; --', "_", "%", "\\", "Pyongyang\u2019s", "\U0001f600", "a\u0000b"]
)
async def test_hostile_search_words_are_searched_for_literally(client, q):
    response = await client.get("/v1/actions", params={"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["items"] == []
    assert (await client.get("/v1/actions")).json()["items"]  # nothing was harmed
