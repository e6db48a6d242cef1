"""GET /v1/export/{ftm,csv,jsonl}: streamed with the right content type and file name, the API's data, and
exactly the actions the filters of /v1/actions select."""

import csv
import io

import pytest

from service.actions.schemas import ActionFilters
from service.export.ftm import Window
from service.export.pages import action_pages
from tests.conftest import make_key
from tests.export.conftest import DELISTING, DESIGNATION, export_client_for, json_lines, session_on

pytestmark = pytest.mark.anyio


async def api_items(client, **params) -> list[dict]:
    """Every action /v1/actions lists for these filters, page after page."""
    items, cursor = [], None
    while True:
        response = await client.get(
            "/v1/actions", params=params | {"limit": 2} | ({"cursor": cursor} if cursor else {})
        )
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


async def export(client, format: str, **params):
    response = await client.get(f"/v1/export/{format}", params=params)
    assert response.status_code == 200, response.text
    return response


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("format", "media_type", "file_name"),
    [
        ("ftm", "application/x-ndjson", "actions.ftm.json"),
        ("csv", "text/csv; charset=utf-8", "actions.csv"),
        ("jsonl", "application/x-ndjson", "actions.jsonl"),
    ],
)
async def test_exports_stream_with_their_content_type_and_file_name(export_client, format, media_type, file_name):
    response = await export(export_client, format)
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f'attachment; filename="{file_name}"'
    assert "content-length" not in response.headers  # streamed, not built whole


async def test_json_lines_export_is_the_api_data_line_for_line(export_client):
    lines = json_lines((await export(export_client, "jsonl")).text)
    assert lines == await api_items(export_client)
    assert DESIGNATION in {line["id"] for line in lines}


def flattened(item: dict) -> dict:
    """An API action as docs/export.md says the CSV flattens it."""

    def names(role):
        return "; ".join(a["name"] for a in item["actors"] if a["role"] == role)

    def official(o):
        spoke_as = ", ".join(part for part in (o["title"], o["organisation"]) if part)
        return f"{o['name'] or '(unnamed)'} ({spoke_as})" if spoke_as else o["name"] or "(unnamed)"

    return {
        "id": item["id"],
        "type": item["type"],
        "status": item["status"],
        "date": item["date"],
        "date_precision": item["date_precision"],
        "date_text": item["date_text"] or "",
        "title": item["title"],
        "summary": item["summary"] or "",
        "resolutions": "; ".join(str(r["number"]) for r in item["resolutions"]),
        "resolution_relations": "; ".join(f"{r['number']}:{r['relation']}" for r in item["resolutions"]),
        "authorities": "; ".join(f"{a['kind']}:{a['code']}:{a['relation']}" for a in item["authorities"]),
        "imposers": names("imposer"),
        "co_signatories": names("co_signatory"),
        "targets": names("target"),
        "subjects": names("subject"),
        "mentioned": names("mentioned"),
        "actor_ids": "; ".join(f"{a['id']}:{a['role']}" for a in item["actors"]),
        "actor_countries": "; ".join(f"{a['id']}:{a['country']}" for a in item["actors"] if a["country"]),
        "officials": "; ".join(official(o) for o in item["officials"]),
        "official_ids": "; ".join(o["id"] for o in item["officials"]),
        "source_ids": "; ".join(s["id"] for s in item["sources"]),
        "source_urls": "; ".join(s["url"] for s in item["sources"] if s["url"]),
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }


async def test_csv_export_is_the_api_data_one_row_per_action(export_client):
    found = rows((await export(export_client, "csv")).text)
    assert found == [flattened(item) for item in await api_items(export_client)]
    designation = next(row for row in found if row["id"] == DESIGNATION)
    assert designation["targets"] == "CHON MA SAN; HANA TRADING CORPORATION; P-532; RI SONG CHOL"
    assert designation["authorities"] == "executive_order:13382:implements"
    assert designation["resolution_relations"] == "2397:regime"


FILTERS = [
    {"type": "designation", "resolution": 1718, "date_from": "2024-01-01"},
    {"resolution": 1718},
    {"resolution": 2397, "date_from": "2017-01-01", "date_to": "2017-12-31"},
    {"type": "delisting"},
    {"actor": "state-ru", "role": "subject"},
    {"actor": "test-person-ri-song-chol"},
    {"role": "target"},
    {"country": "kp"},
    {"official": "official-matthew-miller"},
    {"q": "veto"},
    {"date_from": "2024-01-01", "date_to": "2024-06-30", "sort": "date"},
    {"status": "draft"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()))
async def test_an_export_of_a_filtered_set_holds_exactly_the_filtered_actions(export_client, filters):
    expected = [item["id"] for item in await api_items(export_client, **filters)]
    ftm = json_lines((await export(export_client, "ftm", **filters)).text)
    assert [e["properties"]["recordId"][0] for e in ftm if e["schema"] == "Event"] == expected
    assert [line["id"] for line in json_lines((await export(export_client, "jsonl", **filters)).text)] == expected
    assert [row["id"] for row in rows((await export(export_client, "csv", **filters)).text)] == expected


async def test_the_example_filters_select_what_they_say(export_client):
    # Every designation or delisting citing 1718 since 2024: the delisting of January 2025.
    found = json_lines((await export(export_client, "jsonl", resolution=1718, date_from="2024-06-01")).text)
    assert [line["id"] for line in found if line["type"] == "delisting"] == [DELISTING]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 10}, "limit"),
        ({"cursor": "abc"}, "cursor"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_to"),
        ({"resolution": 0}, "resolution"),
        ({"type": "bogus"}, "type"),
        ({"country": "KOR"}, "country"),
    ],
)
async def test_an_export_refuses_paging_and_bad_filters_with_a_problem(export_client, params, field):
    response = await export_client.get("/v1/export/csv", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


async def test_the_export_paths_are_documented(export_client):
    paths = (await export_client.get("/openapi.json")).json()["paths"]
    assert {"/v1/export/ftm", "/v1/export/csv", "/v1/export/jsonl"} <= set(paths)
    parameters = {p["name"] for p in paths["/v1/export/ftm"]["get"]["parameters"]}
    assert {"type", "resolution", "actor", "role", "country", "date_from", "date_to", "q", "sort"} <= parameters
    assert not {"limit", "cursor"} & parameters


async def test_exports_need_a_key_when_reads_do(listed_url):
    token = make_key(listed_url, "export-reader", "read")
    async for client in export_client_for(listed_url, require_key_for_reads=True):
        assert (await client.get("/v1/export/jsonl")).status_code == 401
        response = await client.get("/v1/export/jsonl", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200


def test_pages_walk_every_action_in_order_whatever_the_page_size(listed_url):
    with session_on(listed_url) as session:
        for sort in ("-date", "date"):
            whole = [a.id for page in action_pages(session, ActionFilters(sort=sort), page_size=1000) for a in page]
            pages = list(action_pages(session, ActionFilters(sort=sort), page_size=3))
            assert [a.id for page in pages for a in page] == whole
            assert max(len(page) for page in pages) == 3


def test_the_window_of_written_records_is_bounded():
    window = Window(2)
    assert [window.first_time(key) for key in ("a", "b", "a", "c", "b", "a")] == [True, True, False, True, True, True]
    assert len(window._keys) == 2
