"""What one client can do to the answers of others, or to the service: poison the answer cache through a
forwarded header, tie a worker up with a large extraction, read the metrics of a closed service, or plant a
formula in a spreadsheet made from the CSV export."""

import csv
import io

from tests.http.conftest import Served, serving

PAGE = "/v1/actions?limit=1"


def _next_link(answer) -> str:
    return answer.headers["link"].split(";")[0].strip("<>")


def test_a_forwarded_scheme_from_an_untrusted_client_is_ignored(served: Served):
    with served.client() as client:
        forged = client.get(PAGE, headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
        assert _next_link(forged).startswith("http://127.0.0.1:")
        assert _next_link(client.get(PAGE)).startswith("http://127.0.0.1:")


def test_the_answer_cache_keeps_the_answers_of_each_scheme_apart(database: str):
    with serving(database, trusted_proxies="127.0.0.1") as served, served.client() as client:
        for _ in range(3):  # both answers are cached by now, whichever worker answers
            via_proxy = client.get(PAGE, headers={"X-Forwarded-Proto": "https"})
            direct = client.get(PAGE)
            assert _next_link(via_proxy).startswith("https://127.0.0.1:")
            assert _next_link(direct).startswith("http://127.0.0.1:")


def test_extraction_is_bounded_in_size_and_time_and_can_be_closed(database: str):
    settings = {"extract_max_bytes": "4096", "extract_budget_seconds": "0.001", "require_key_for_extract": "true"}
    text = "The United States condemns the launch by the DPRK in violation of resolution 1718. " * 40
    with serving(database, **settings) as served, served.client() as anonymous, served.writer() as keyed:
        refused = anonymous.post("/v1/extract", json={"text": "The United States condemns the launch."})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        too_large = keyed.post("/v1/extract", json={"text": text * 2})
        assert too_large.status_code == 413
        assert too_large.json()["type"] == "urn:sanctions-tracker:problem:too-large"
        over_budget = keyed.post("/v1/extract", json={"text": text})
        assert over_budget.status_code == 503 and over_budget.headers["retry-after"] == "5"
        assert over_budget.json()["type"] == "urn:sanctions-tracker:problem:busy"


def test_extraction_within_its_bounds_answers(served: Served):
    with served.client() as client:
        draft = client.post("/v1/extract", json={"text": "The United States condemns the launch by the DPRK."})
        assert draft.status_code == 200 and draft.json()["type"] == "condemnation"
        too_large = client.post("/v1/extract", json={"text": "x" * 200_000})
        assert too_large.status_code == 413


def test_closed_reads_close_the_metrics(database: str):
    with serving(database, require_key_for_reads="true") as served:
        with served.client() as anonymous:
            assert anonymous.get("/metrics").status_code == 401
            assert anonymous.get("/healthz").status_code == 200  # liveness stays open for orchestrators
        with served.writer() as keyed:
            metrics = keyed.get("/metrics")
            assert metrics.status_code == 200 and "http_requests_total" in metrics.text


def test_the_csv_export_never_hands_a_spreadsheet_a_formula(served: Served):
    title = '=HYPERLINK("http://evil.example/","click")'
    text = "The ministry warned the company on 4 March 2024 (formula test)."
    action = {
        "id": "act-formula-title",
        "type": "warning",
        "title": title,
        "summary": "+1 and @SUM(A1) and -2",
        "date": "2024-03-04",
        "date_precision": "day",
        "sources": [{"id": "src-formula", "quote": text}],
        "new_sources": [{"id": "src-formula", "text": text}],
    }
    with served.writer() as writer:
        assert writer.post("/v1/actions", json=action).status_code == 201
    with served.client() as client:
        rows = list(csv.DictReader(io.StringIO(client.get("/v1/export/csv", params={"q": "formula"}).text)))
        json_title = client.get("/v1/actions/act-formula-title").json()["title"]
    assert [(row["title"], row["summary"]) for row in rows] == [("'" + title, "'+1 and @SUM(A1) and -2")]
    assert json_title == title  # only the spreadsheet format is guarded; the data are as written
