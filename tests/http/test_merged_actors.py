"""An id a client already holds keeps working after its actor is merged: the served app answers 308 to the same
path for the survivor, which lists the id in `merged_from`; the OpenAPI says so."""

from collections.abc import Iterator
from datetime import date

import pytest

from service.importers.ofac_csv import import_ofac_csv
from service.importers.un_xml import import_un_xml
from tests.http.conftest import Served, serving
from tests.importers.conftest import FIXTURES, run


@pytest.fixture(scope="module")
def merged(database: str) -> Iterator[Served]:
    run(database, import_un_xml, FIXTURES / "un" / "kang_mun_kil.xml")
    run(database, import_ofac_csv, FIXTURES / "ofac" / "kang", list_date=date(2021, 7, 1))
    with serving(database) as served:
        yield served


@pytest.mark.parametrize(
    ("path", "survivor_path"),
    [
        ("/v1/actors/ofac-19499", "/v1/actors/un-kpi.019"),
        ("/v1/actors/ofac-19499/status", "/v1/actors/un-kpi.019/status"),
        ("/v1/actors/ofac-19499/actions?limit=1&role=target", "/v1/actors/un-kpi.019/actions?limit=1&role=target"),
    ],
)
def test_a_merged_actor_redirects_permanently_to_its_survivor(merged, path, survivor_path):
    with merged.client() as client:
        moved = client.get(path)
        followed = client.get(path, follow_redirects=True)
        direct = client.get(survivor_path)
    assert moved.status_code == 308 and moved.headers["location"] == survivor_path
    assert followed.status_code == 200 and followed.json() == direct.json()


def test_the_survivor_answers_for_both_entries(merged):
    with merged.client() as client:
        detail = client.get("/v1/actors/un-kpi.019").json()
        status = client.get("/v1/actors/ofac-19499/status", follow_redirects=True).json()
    assert detail["merged_from"] == ["ofac-19499"]
    assert status["actor_id"] == "un-kpi.019"
    assert {(listing["listed_by"]["id"], listing["in_force"]) for listing in status["listings"]} == {
        ("body-unsc", True),
        ("body-us-ofac", True),
    }


def test_the_openapi_documents_the_redirect(merged):
    with merged.client() as client:
        paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/actors/{actor_id}", "/v1/actors/{actor_id}/status", "/v1/actors/{actor_id}/actions"):
        assert "Location" in paths[path]["get"]["responses"]["308"]["headers"]
