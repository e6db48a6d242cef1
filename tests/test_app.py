"""Docs served offline, the OpenAPI a stranger can use, health and readiness."""

import re

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.anyio

URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*["']([^"']+)["']|spec-url=["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_pages_load_every_asset_from_the_service_itself(client, page):
    response = await client.get(page)
    assert response.status_code == 200
    html = response.text
    assert not re.search(r"https?://", html), "an outside URL in the page"
    assets = [next(filter(None, match)) for match in URL.findall(html)]
    assert assets, "no asset found in the page"
    for asset in assets:
        assert asset.startswith("/")
        assert (await client.get(asset)).status_code == 200, asset


async def test_every_operation_is_tagged_summarised_described_and_documents_its_errors(client):
    spec = (await client.get("/openapi.json")).json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            name = f"{method.upper()} {path}"
            assert operation.get("tags"), name
            assert operation.get("summary"), name
            assert operation.get("description"), name
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), f"{name}: {parameter['name']}"
                assert parameter.get("examples") or parameter["schema"].get("examples"), f"{name}: {parameter['name']}"
            if path.startswith("/v1/"):
                problem = operation["responses"]["422"]["content"]["application/problem+json"]["schema"]
                assert problem == {"$ref": "#/components/schemas/Problem"}, name
    action_list = spec["paths"]["/v1/actions"]["get"]
    names = {p["name"] for p in action_list["parameters"]}
    assert {
        "type",
        "resolution",
        "actor",
        "role",
        "official",
        "country",
        "date_from",
        "date_to",
        "q",
        "limit",
        "cursor",
    } <= names


async def test_healthz_answers_without_the_database(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}


async def test_readyz_reports_the_migration_revision(client):
    body = (await client.get("/readyz")).json()
    assert body["status"] == "ok" and body["revision"]


async def test_readyz_is_503_on_a_database_that_is_not_migrated(empty_url):
    async for client in client_for(empty_url):
        response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert "revision none" in response.json()["detail"]


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    async for client in client_for(f"sqlite:///{tmp_path}/no/such/dir/x.db"):
        response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["detail"] == "The database is unreachable."


async def test_a_database_route_on_an_unmigrated_database_is_a_503_problem_not_a_500(empty_url):
    async for client in client_for(empty_url):
        response = await client.get("/v1/actions")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
