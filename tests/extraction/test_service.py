"""The extractor wired to the database: POST /v1/extract, `extract` and `ingest` on the command line."""

import json

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.conftest import SEEDS, client_for

pytestmark = pytest.mark.anyio

DESIGNATION = SEEDS / "texts" / "003_2ed3b2d353f707e3.txt"
runner = CliRunner()


async def test_extract_links_actors_to_the_database_and_matches_the_cli(fresh_seeded_url):
    text = DESIGNATION.read_text()
    async for client in client_for(fresh_seeded_url):
        response = await client.post("/v1/extract", json={"text": text, "published_on": "2024-05-17"})
        assert response.status_code == 200, response.text
        draft = response.json()
    assert (draft["type"], draft["date"], draft["date_precision"]) == ("designation", "2024-05-16", "day")
    roles = {a["actor_id"]: a["role"] for a in draft["actors"]}
    assert roles["state-us"] == "imposer"
    assert all(text[a["span"][0] : a["span"][1]] == a["quote"] for a in draft["actors"])
    result = runner.invoke(
        app, ["extract", str(DESIGNATION), "--published", "2024-05-17"], env={"DATABASE_URL": fresh_seeded_url}
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == draft


async def test_extract_answers_further_acts_beside_the_main_one(fresh_seeded_url):
    """The draft's own fields stay the main act (the answer keeps its shape); a second act is a draft in
    `further_acts`, its actors linked to the database like the main act's."""
    text = (
        "The United States warned Russia on Tuesday that it would pay a price for any arms deal with North Korea, "
        "State Department spokesperson Matthew Miller said.\n\n"
        "Kremlin spokesman Dmitry Peskov denied on Wednesday that any such agreement had been signed."
    )
    async for client in client_for(fresh_seeded_url):
        response = await client.post("/v1/extract", json={"text": text, "published_on": "2023-09-07"})
        assert response.status_code == 200, response.text
        draft = response.json()
    assert (draft["type"], draft["date"]) == ("warning", "2023-09-05")
    [denial] = draft["further_acts"]
    assert (denial["type"], denial["date"]) == ("denial", "2023-09-06")
    assert "further_acts" not in denial
    assert [(a["actor_id"], a["role"]) for a in denial["actors"] if a["role"] == "imposer"] == [("state-ru", "imposer")]


async def test_extract_refuses_an_empty_text_naming_the_field(fresh_seeded_url):
    async for client in client_for(fresh_seeded_url):
        response = await client.post("/v1/extract", json={"text": ""})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "text"


async def test_ingest_files_a_draft_for_review_and_a_second_run_changes_nothing(fresh_seeded_url, tmp_path):
    document = tmp_path / "statement.txt"
    document.write_text(
        "Treasury sanctions DPRK shipping network\n"
        "WASHINGTON, March 4, 2025 — Today, the Office of Foreign Assets Control (OFAC) designated the vessel "
        "SAMPLE STAR (IMO 9999999) for transporting coal in violation of UNSCR 2371, said Treasury spokesperson "
        "Jane Roe.\n"
    )
    env = {"DATABASE_URL": fresh_seeded_url}
    first = runner.invoke(app, ["ingest", str(document)], env=env)
    assert first.exit_code == 0 and "added draft action" in first.output, first.output
    action_id = first.output.split("draft action ")[1].split()[0]
    async for client in client_for(fresh_seeded_url):
        action = (await client.get(f"/v1/actions/{action_id}")).json()
        assert action["status"] == "draft" and action["date"] == "2025-03-04"
        assert [r["number"] for r in action["resolutions"]] == [2371]
        assert [o["name"] for o in action["officials"]] == ["Jane Roe"]
        assert "SAMPLE STAR" in action["summary"]  # not in the database: listed for the reviewer
        published = (await client.get("/v1/actions", params={"limit": 500})).json()["items"]
        assert action_id not in [a["id"] for a in published]
        drafts = (await client.get("/v1/actions", params={"status": "draft"})).json()["items"]
        assert [a["id"] for a in drafts] == [action_id]
        changes = (await client.get("/v1/changes", params={"limit": 1000})).json()["last_seq"]
        again = runner.invoke(app, ["ingest", str(document)], env=env)
        assert again.exit_code == 0 and "unchanged" in again.output
        assert (await client.get("/v1/changes", params={"limit": 1000})).json()["last_seq"] == changes


def test_ingest_refuses_a_text_without_any_date(fresh_seeded_url, tmp_path):
    document = tmp_path / "undated.txt"
    document.write_text("The United States condemns the launch.\n")
    result = runner.invoke(app, ["ingest", str(document)], env={"DATABASE_URL": fresh_seeded_url})
    assert result.exit_code == 1 and "--published" in result.output


async def test_the_name_index_is_built_once_per_data_version_and_follows_every_write(fresh_seeded_url):
    from sqlalchemy.orm import Session

    from service.config import Settings
    from service.db import make_engine
    from service.extraction.service import name_index
    from tests.conftest import make_key

    engine = make_engine(Settings(database_url=fresh_seeded_url))
    with Session(engine) as session:
        assert name_index.get(session) is name_index.get(session)
    engine.dispose()

    text = "Today, OFAC designated Zephyr Maritime Holdings for shipping coal to the DPRK."
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}

    async def targets(client) -> dict:
        draft = (await client.post("/v1/extract", json={"text": text})).json()
        return {target["name"]: target["actor_id"] for target in draft["targets"]}

    async for client in client_for(fresh_seeded_url):
        assert await targets(client) == {"Zephyr Maritime Holdings": None}
        actor = {"id": "org-zephyr", "name": "Zephyr Maritime Holdings", "kind": "organization"}
        assert (await client.post("/v1/actors", json=actor, headers=write)).status_code == 201
        assert await targets(client) == {"Zephyr Maritime Holdings": "org-zephyr"}
        renamed = {"name": "Boreas Shipping Holdings"}
        assert (await client.patch("/v1/actors/org-zephyr", json=renamed, headers=write)).status_code == 200
        assert "org-zephyr" not in (await targets(client)).values()
