"""`ingest` of a text the database holds already (a curated source): the source record is left as it is, and
the draft names the published actions that cite it."""

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from service.cli import app
from service.models import Action, ActionSource, Source
from tests.conftest import SEEDS, client_for, snapshot
from tests.export.conftest import session_on

pytestmark = pytest.mark.anyio

CURATED = SEEDS / "texts" / "003_2ed3b2d353f707e3.txt"
runner = CliRunner()


def published_citing(url: str, text: str) -> tuple[str, list[str]]:
    """The id of the source with this text, and the published actions that cite it."""
    with session_on(url) as session:
        source_id = session.scalar(select(Source.id).where(Source.text == text))
        actions = session.scalars(
            select(Action.id)
            .join(ActionSource, ActionSource.action_id == Action.id)
            .where(ActionSource.source_id == source_id, Action.status == "published")
            .order_by(Action.id)
        )
        return source_id, list(actions)


async def test_ingesting_a_curated_text_changes_no_record_and_links_the_draft_to_its_published_actions(
    fresh_seeded_url,
):
    source_id, published = published_citing(fresh_seeded_url, CURATED.read_text(encoding="utf-8"))
    assert source_id and published
    before = snapshot(fresh_seeded_url)
    result = runner.invoke(
        app,
        ["ingest", str(CURATED), "--published", "2024-05-18", "--url", "https://example.org/elsewhere"],
        env={"DATABASE_URL": fresh_seeded_url},
    )
    assert result.exit_code == 0, result.output
    assert f"the text is stored already, as source {source_id}: left unchanged" in result.stdout
    assert f"already published from this text: {', '.join(published)}" in result.stdout
    after = snapshot(fresh_seeded_url)
    assert after["sources"] == before["sources"]  # neither the date nor the URL given replaced the curated ones
    assert all(set(before[table]) <= set(after[table]) for table in before)  # no row changed or went
    [added] = set(after["actions"]) - set(before["actions"])
    async for client in client_for(fresh_seeded_url):
        draft = (await client.get(f"/v1/actions/{added[0]}")).json()
    assert draft["status"] == "draft"
    assert [s["id"] for s in draft["sources"]] == [source_id]
    assert f"already the source of published action(s) {', '.join(published)}: compare first" in draft["summary"]


def test_a_text_whose_first_line_is_long_is_ingested_with_a_title_within_the_limit(fresh_seeded_url, tmp_path):
    headline = "The ministry announced sanctions " + "against the network of front companies " * 15
    document = tmp_path / "long.txt"
    document.write_text(f"{headline}\n\nOn 4 March 2024 the ministry designated the network.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(document)], env={"DATABASE_URL": fresh_seeded_url})
    assert result.exit_code == 0, result.output
    with session_on(fresh_seeded_url) as session:
        (title,) = session.scalars(select(Action.title).where(Action.status == "draft"))
    assert len(headline) > 500 and len(title) == 500 and title.startswith("Draft designation: The ministry")
