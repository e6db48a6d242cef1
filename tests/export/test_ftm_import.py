"""`import ftm`: the export of our own data round-trips, OpenSanctions' Sanction entities (the zala excerpt)
import, a second import changes nothing, and a bad file names its line and field and writes nothing."""

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from service.actions.schemas import ActionFilters
from service.actors.queries import get_actor
from service.export.ftm import entity_id
from service.export.service import Format, export_chunks
from service.importers.entries import ImportFailure
from service.importers.ftm import import_ftm
from service.models import Actor
from tests.conftest import snapshot
from tests.export.conftest import (
    AIRCRAFT,
    COMPANY,
    DESIGNATION,
    DRAFT,
    PERSON,
    VESSEL,
    ZALA,
    actor_details,
    all_actions,
    session_on,
    untraceable,
)

COMPANY_FTM, PERSON_FTM = "NK-abdzbEBkqyT29GyREbiURZ", "NK-aU5ybkbRFJucf8YMwsJvDw"
AU = "au-dfat-56600015954691cece058c2a3b0e3b27740701e6"


def write_export(url: str, path: Path, **filters) -> Path:
    with session_on(url) as session, open(path, "w", encoding="utf-8") as file:
        for chunk in export_chunks(session, Format.ftm, ActionFilters(**filters)):
            file.write(chunk)
    return path


def run(url: str, path: Path, **kwargs):
    with session_on(url) as session:
        report = import_ftm(session, path, **kwargs)
        session.commit()
    return report


def essentials(action) -> dict:
    """What an FtM round trip keeps of an action (docs/export.md says what it does not)."""
    return {
        "type": action.type,
        "status": action.status,
        "title": action.title,
        "summary": action.summary,
        "date": action.date,
        "date_precision": action.date_precision,
        "actors": sorted((a.id, a.role, a.name, a.kind, a.country) for a in action.actors),
        "resolutions": sorted((r.number, r.relation) for r in action.resolutions),
        "authorities": sorted((a.id, a.kind, a.code, a.relation) for a in action.authorities),
    }


def actor_essentials(actor) -> dict:
    return {
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "aliases": sorted(actor.aliases),
        "weak_aliases": actor.weak_aliases,
        "identifiers": sorted((i.scheme, i.value, i.country, i.note) for i in actor.identifiers),
        "addresses": sorted(a.address for a in actor.addresses),
    }


def test_ftm_export_round_trips_into_a_fresh_database_to_the_same_actions(listed_url, migrated_url, tmp_path):
    run(migrated_url, write_export(listed_url, tmp_path / "published.ftm.json"))
    run(migrated_url, write_export(listed_url, tmp_path / "drafts.ftm.json", status="draft"))
    for status in ("published", "draft"):
        before, after = all_actions(listed_url, status), all_actions(migrated_url, status)
        assert sorted(after) == sorted(before)
        for id, action in before.items():
            assert essentials(after[id]) == essentials(action), id
    actors = {a.id for action in all_actions(listed_url).values() for a in action.actors}
    assert {VESSEL, PERSON, COMPANY, AIRCRAFT} <= actors
    originals, copies = actor_details(listed_url, actors), actor_details(migrated_url, actors)
    for id in actors:
        assert actor_essentials(copies[id]) == actor_essentials(originals[id]), id
    # Every quote of the copy is a passage of its source, the FtM JSON of the action.
    assert untraceable(migrated_url) == []
    copy = all_actions(migrated_url)[DESIGNATION]
    assert copy.sources[0].id == f"src-ftm-{entity_id('action', DESIGNATION)}"
    assert copy.date_text == "date 2017-12-22 in the FollowTheMoney export"


def test_reimporting_an_export_changes_nothing(listed_url, migrated_url, tmp_path):
    path = write_export(listed_url, tmp_path / "actions.ftm.json")
    run(migrated_url, path)
    before = snapshot(migrated_url)
    report = run(migrated_url, path)
    assert snapshot(migrated_url) == before
    assert report.get("actions", "unchanged") == len(all_actions(listed_url))


def test_importing_an_export_into_the_database_it_came_from_changes_nothing(fresh_listed_url, tmp_path):
    path = write_export(fresh_listed_url, tmp_path / "actions.ftm.json")
    before = snapshot(fresh_listed_url)
    report = run(fresh_listed_url, path)
    # Its actions and actors exist already and were not made by an FtM import: they are left as they are.
    assert snapshot(fresh_listed_url) == before
    assert report.get("actions", "kept") == len(all_actions(fresh_listed_url))


def test_zala_sanctions_become_designations_of_their_targets_under_their_programs(fresh_seeded_url):
    report = run(fresh_seeded_url, ZALA)
    assert (report.read, report.selected) == (22, 7)
    actions = {id: a for id, a in all_actions(fresh_seeded_url).items() if id.startswith("act-ftm-")}
    assert len(actions) == 7
    assert {a.type for a in actions.values()} == {"designation"}
    au = actions[f"act-ftm-{AU}"]
    assert (au.date, au.date_precision, au.date_text) == (date(2023, 2, 24), "day", "startDate 2023-02-24")
    assert [(a.kind, a.code, a.title, a.relation) for a in au.authorities] == [
        ("sanctions_program", "AU-RUSSIA", "Autonomous (Russia)", "regime")
    ]
    roles = {(a.role, a.name, a.kind, a.country) for a in au.actors}
    assert roles == {
        ("imposer", "Department of Foreign Affairs and Trade", "body", "AU"),
        ("target", "LLC CST", "organization", "RU"),
    }
    [source] = au.sources
    assert source.url == "https://www.dfat.gov.au/international-relations/security/sanctions/Pages/sanctions"
    assert source.quote == '"startDate": ["2023-02-24"]'
    # The earliest of several listing dates; a reason is the summary and the action's quote.
    belgium = next(a for id, a in actions.items() if id.startswith("act-ftm-be-fod-"))
    assert (belgium.date, belgium.date_text) == (date(2023, 12, 18), "listingDate 2023-12-18")
    assert belgium.sources[0].quote.startswith('"reason": [')
    # An entity without dates is dated by when its publisher first saw it.
    council = next(a for id, a in actions.items() if id.startswith("act-ftm-eu-tb-"))
    assert council.date_text.startswith("not given; first_seen ")
    assert untraceable(fresh_seeded_url) == []


def test_zala_targets_keep_their_names_identifiers_and_addresses(fresh_seeded_url):
    run(fresh_seeded_url, ZALA)
    with session_on(fresh_seeded_url) as session:
        company = get_actor(session, f"ftm-{COMPANY_FTM}")
        person = get_actor(session, f"ftm-{PERSON_FTM}")
    assert (company.name, company.kind, company.country) == ("LLC CST", "organization", "RU")
    assert "A-Level Aerosystems" in company.aliases
    # FtM's weakAlias: kept apart, as OpenSanctions marks them (its matcher does not match on them either)
    assert {"ZALA", "CST"} <= set(company.weak_aliases)
    assert not {"ZALA", "CST"} & set(company.aliases)
    assert ("document", "1841015504", "INN (innCode)") in {(i.scheme, i.value, i.note) for i in company.identifiers}
    assert "130 Vorovskogo st. Izhevsk, 426063, Russia" in {a.address for a in company.addresses}
    assert (person.name, person.kind) == ("Alexander Vyacheslavovich ZAKHAROV", "person")
    assert "272 Pushkinskaya Street, Apt 41, Izhevsk, 426008" in {a.address for a in person.addresses}


def test_zala_reimport_changes_nothing(fresh_seeded_url):
    run(fresh_seeded_url, ZALA)
    before = snapshot(fresh_seeded_url)
    report = run(fresh_seeded_url, ZALA, today=date(2031, 1, 1))
    assert snapshot(fresh_seeded_url) == before
    assert report.get("actions", "unchanged") == 7


def test_imposers_are_found_among_existing_actors_by_name(fresh_seeded_url, tmp_path):
    # The seeds hold the UN Security Council; a Sanction by it (under another of its names) is imposed by it.
    line = {
        "id": "un-sc-example",
        "schema": "Sanction",
        "properties": {"entity": [PERSON_FTM], "authority": ["UN Security Council"], "programId": ["UN-SCKP"]},
    }
    person = next(row for row in ZALA.read_text(encoding="utf-8").splitlines() if PERSON_FTM in row[:40])
    path = tmp_path / "unsc.ftm.json"
    path.write_text(json.dumps(line) + "\n" + person + "\n", encoding="utf-8")
    run(fresh_seeded_url, path)
    action = all_actions(fresh_seeded_url)["act-ftm-un-sc-example"]
    assert ("body-unsc", "imposer") in {(a.id, a.role) for a in action.actors}
    assert action.date_text.startswith("not given by the entity; imported on")


def sanction(**properties) -> str:
    return json.dumps({"id": "x1", "schema": "Sanction", "properties": properties})


BAD_LINES = [
    (sanction(entity=["e1"])[:-1], "not a JSON object"),
    ('{"id": "x1", "schema": "Sanctions", "properties": {}}', "field schema"),
    ('{"id": "x 1", "schema": "Sanction", "properties": {}}', "field id"),
    (sanction(entity=["e1"], listingDate=["yesterday"]), "field properties.listingDate"),
    (sanction(program=["P"]), "field properties.entity"),
    (sanction(entity=["e1"], colour=["red"]), "field properties.colour"),
    (sanction(entity=["nowhere"]), "field properties.entity"),
    (sanction(entity="e1"), "field properties.entity"),
]


@pytest.mark.parametrize(("line", "names"), BAD_LINES)
def test_a_bad_line_is_named_with_its_field_and_nothing_is_written(fresh_seeded_url, tmp_path, line, names):
    good = {"id": "e1", "schema": "Person", "properties": {"name": ["Good Person"]}}
    ok = {"id": "ok1", "schema": "Sanction", "properties": {"entity": ["e1"], "startDate": ["2024-01-02"]}}
    path = tmp_path / "bad.ftm.json"
    path.write_text("\n".join([json.dumps(good), line, json.dumps(ok)]) + "\n", encoding="utf-8")
    before = snapshot(fresh_seeded_url)
    with session_on(fresh_seeded_url) as session, pytest.raises(ImportFailure) as failure:
        import_ftm(session, path)
    assert "bad.ftm.json:2:" in str(failure.value)
    assert names in str(failure.value)
    assert snapshot(fresh_seeded_url) == before


def test_an_event_of_ours_with_an_unreadable_citation_fails_after_writing_and_leaves_nothing(
    listed_url, fresh_seeded_url, tmp_path
):
    path = write_export(listed_url, tmp_path / "actions.ftm.json")
    lines = path.read_text(encoding="utf-8").splitlines()
    event = entity_id("action", DESIGNATION)
    number = next(n for n, line in enumerate(lines, start=1) if f'"id": "{event}"' in line)
    data = json.loads(lines[number - 1])
    data["properties"]["programId"] = ["regime:law:2397"]
    lines[number - 1] = json.dumps(data)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(fresh_seeded_url)
    with session_on(fresh_seeded_url) as session:
        with pytest.raises(ImportFailure) as failure:
            import_ftm(session, path)
        session.rollback()  # as the command does
    assert f":{number}: entry {event}, field properties.programId" in str(failure.value)
    assert snapshot(fresh_seeded_url) == before


def test_a_sanction_of_ours_is_read_when_its_event_is_not_in_the_file(listed_url, migrated_url, tmp_path):
    path = write_export(listed_url, tmp_path / "actions.ftm.json")
    event = entity_id("action", DESIGNATION)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if f'"id": "{event}"' not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(migrated_url, path)
    original, copy = all_actions(listed_url)[DESIGNATION], all_actions(migrated_url)[DESIGNATION]
    # What a Sanction holds: the targets, the citations, the dates; the imposer by its name (a new actor here,
    # as the fresh database has none of that name); not the roles of the actors it does not name.
    keep = ("type", "title", "summary", "date", "date_precision", "resolutions", "authorities")
    assert {k: essentials(copy)[k] for k in keep} == {k: essentials(original)[k] for k in keep}
    assert {(a.id, a.role) for a in copy.actors} == {
        (VESSEL, "target"),
        (PERSON, "target"),
        (COMPANY, "target"),
        (AIRCRAFT, "target"),
        ("ftm-authority-united-nations-security-council", "imposer"),
    }
    with session_on(migrated_url) as session:
        assert session.scalar(select(Actor.kind).where(Actor.id == AIRCRAFT)) == "aircraft"
    assert DRAFT not in all_actions(migrated_url)
