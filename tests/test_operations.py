"""What every response carries, and what operators read: security headers, request ids, metrics, body limit, CORS."""

import logging

import pytest
from asgi_correlation_id import CorrelationIdFilter

from tests.conftest import client_for

pytestmark = pytest.mark.anyio


async def test_every_answer_carries_the_security_headers(client):
    for path in ("/v1/actions", "/v1/actions/none", "/healthz"):
        headers = (await client.get(path)).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert "max-age=" in headers["strict-transport-security"]


async def test_the_docs_pages_may_run_their_own_scripts_only(client):
    policy = (await client.get("/docs")).headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "http" not in policy


async def test_an_incoming_request_id_is_kept_and_a_missing_one_is_made(client):
    assert (await client.get("/healthz", headers={"X-Request-ID": "trace-42"})).headers["x-request-id"] == "trace-42"
    made = (await client.get("/healthz")).headers["x-request-id"]
    assert len(made) == 32
    unsafe = (await client.get("/healthz", headers={"X-Request-ID": "a" * 500})).headers["x-request-id"]
    assert unsafe != "a" * 500


async def test_each_request_is_one_access_log_line_with_its_route_template_and_request_id(client):
    lines: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lines.append
    handler.addFilter(CorrelationIdFilter(uuid_length=32, default_value="-"))  # as the service's logs have it
    access = logging.getLogger("service.access")
    access.addHandler(handler)
    level = access.level
    access.setLevel(logging.INFO)
    try:
        kept = await client.get(
            "/v1/actions/act-2024-03-russia-vetoes-panel-of-experts-mandate", headers={"X-Request-ID": "trace-7"}
        )
        missing = await client.get("/v1/actions/no-such-action")
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    assert kept.status_code == 200 and missing.status_code == 404
    assert [(line.method, line.path, line.route, line.status, line.correlation_id) for line in lines] == [
        (
            "GET",
            "/v1/actions/act-2024-03-russia-vetoes-panel-of-experts-mandate",
            "/v1/actions/{action_id}",
            200,
            "trace-7",
        ),
        ("GET", "/v1/actions/no-such-action", "/v1/actions/{action_id}", 404, missing.headers["x-request-id"]),
    ]


async def test_metrics_count_requests_by_route_template(client):
    await client.get("/v1/actions/act-2024-03-russia-vetoes-panel-of-experts-mandate")
    text = (await client.get("/metrics")).text
    line = next(
        line
        for line in text.splitlines()
        if line.startswith("http_requests_total") and "/v1/actions/{action_id}" in line and 'status="200"' in line
    )
    assert float(line.rsplit(" ", 1)[1]) >= 1
    assert "db_pool_checked_out" in text


async def test_a_body_over_the_limit_is_413_announced_or_streamed(seeded_url):
    async for client in client_for(seeded_url, max_body_bytes=2048):
        announced = await client.post("/v1/extract", json={"text": "x" * 5000})
        assert announced.status_code == 413
        assert announced.headers["content-type"] == "application/problem+json"

        async def chunks():
            for _ in range(10):
                yield b"x" * 1000

        streamed = await client.post("/v1/extract", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        small = await client.post("/v1/extract", json={"text": "The United States condemns the launch."})
        assert small.status_code == 200


async def test_cors_is_off_unless_origins_are_configured(seeded_url):
    async for client in client_for(seeded_url):
        response = await client.get("/v1/actions", headers={"Origin": "https://analyst.example"})
        assert "access-control-allow-origin" not in response.headers
    async for client in client_for(seeded_url, cors_origins=["https://analyst.example"]):
        response = await client.get("/v1/actions", headers={"Origin": "https://analyst.example"})
        assert response.headers["access-control-allow-origin"] == "https://analyst.example"
        other = await client.get("/v1/actions", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
