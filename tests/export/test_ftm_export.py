"""The FollowTheMoney export: every entity loads and validates in the followthemoney package, and says what the
database says."""

from followthemoney import model
from followthemoney.exc import InvalidData

from service.actions.schemas import ActionFilters
from service.export.ftm import entity_id, record_id
from service.export.service import Format, export_chunks
from tests.export.conftest import (
    AIRCRAFT,
    COMPANY,
    DELISTING,
    DESIGNATION,
    DRAFT,
    PERSON,
    VESSEL,
    all_actions,
    json_lines,
    session_on,
)

CONDEMNATION = "act-2024-10-29-us-condemns-russia-dprk-training"
JOINT_STATEMENT = "act-2024-05-31-joint-statement-dprk-russia-arms-transfers"


def export(url: str, **filters) -> list[dict]:
    with session_on(url) as session:
        return json_lines("".join(export_chunks(session, Format.ftm, ActionFilters(**filters))))


def ftm_problems(entities: list[dict]) -> list[str]:
    """What the followthemoney package finds wrong: unknown schema or property, invalid or dropped values,
    a missing required property, a reference to no entity of the export or to one outside the property's range."""
    schemata = {e["id"]: e["schema"] for e in entities}
    problems = []
    for data in entities:
        schema = model.get(data["schema"])
        if schema is None or schema.abstract:
            problems.append(f"{data['id']}: schema {data['schema']}")
            continue
        try:
            schema.validate(data)
            proxy = model.get_proxy(data, cleaned=False)
        except InvalidData as error:
            problems.append(f"{data['id']}: {error}")
            continue
        for name in schema.required:
            if not data["properties"].get(name):
                problems.append(f"{data['id']}: no {name}")
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if sorted(proxy.get(name)) != sorted(values):
                problems.append(f"{data['id']}: {name} cleaned from {values} to {proxy.get(name)}")
            if prop.type.name != "entity":
                continue
            for value in values:
                if value not in schemata:
                    problems.append(f"{data['id']}: {name} -> {value}, which the export lacks")
                elif not model.get(schemata[value]).is_a(prop.range):
                    problems.append(f"{data['id']}: {name} -> a {schemata[value]}, not a {prop.range.name}")
    return problems


def by_id(entities: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entities}


def test_ftm_export_of_the_seed_data_loads_in_followthemoney_with_no_error(seeded_url):
    entities = export(seeded_url)
    assert ftm_problems(entities) == []
    assert sum(e["schema"] == "Event" for e in entities) == 10


def test_ftm_export_of_listed_data_loads_in_followthemoney_with_no_error(listed_url):
    entities = export(listed_url)
    assert ftm_problems(entities) == []
    schemata = {e["schema"] for e in entities}
    assert {"Event", "Sanction", "Person", "Organization", "PublicBody", "Vessel", "Airplane"} <= schemata
    assert {"UnknownLink", "Article", "Passport", "Identification"} <= schemata


def test_each_entity_is_written_once_and_ids_are_stable_across_runs(listed_url):
    first, second = export(listed_url), export(listed_url)
    assert first == second
    assert len({e["id"] for e in first}) == len(first)
    assert entity_id("action", DESIGNATION) == f"tracker-action-{DESIGNATION}"
    # An id outside FtM's pattern ('_') is encoded, and read back.
    assert entity_id("actor", AIRCRAFT) != f"tracker-actor-{AIRCRAFT}"
    assert record_id("actor", entity_id("actor", AIRCRAFT)) == AIRCRAFT
    assert record_id("action", entity_id("actor", AIRCRAFT)) is None
    assert entity_id("actor", AIRCRAFT) in by_id(first)


def test_every_action_is_an_event_with_its_type_date_parties_and_citations(seeded_url):
    entities = by_id(export(seeded_url))
    event = entities[entity_id("action", CONDEMNATION)]["properties"]
    assert event["keywords"] == ["condemnation"]
    assert event["date"] == ["2024-10-29"]
    assert event["recordId"] == [CONDEMNATION]
    assert event["organizer"] == [entity_id("actor", "state-us")]
    assert sorted(event["programId"]) == [
        "alleges_violation:un_resolution:1718",
        "alleges_violation:un_resolution:1874",
        "alleges_violation:un_resolution:2270",
    ]
    assert "S/RES/1718 (2006)" in event["program"]
    # A month or a year is written as FtM writes a partial date.
    veto = entities[entity_id("action", "act-2024-03-russia-vetoes-panel-of-experts-mandate")]["properties"]
    assert veto["date"] == ["2024-03"]
    assert entities[entity_id("action", "act-2024-msmt-established")]["properties"]["date"] == ["2024"]


def test_each_role_is_a_link_from_the_actor_to_the_event_with_its_quote_and_source(seeded_url):
    entities = export(seeded_url)
    event = entity_id("action", JOINT_STATEMENT)
    roles = {
        (e["properties"]["subject"][0], e["properties"]["role"][0])
        for e in entities
        if e["schema"] == "UnknownLink" and e["properties"]["object"] == [event]
    }
    action = all_actions(seeded_url)[JOINT_STATEMENT]
    expected = {(entity_id("actor", a.id), a.role) for a in action.actors}
    assert expected <= roles
    assert len(roles - expected) == 0  # the joint statement's official is unnamed: no Person, no link
    eu = next(
        e
        for e in entities
        if e["schema"] == "UnknownLink"
        and e["properties"]["object"] == [event]
        and e["properties"]["subject"] == [entity_id("actor", "body-eu")]
    )
    [eu_role] = [a for a in action.actors if a.id == "body-eu"]
    assert eu["properties"]["description"] == [eu_role.quote]
    assert eu["properties"]["proof"] == [entity_id("source", eu_role.source_id)]


def test_a_designation_naming_its_targets_is_also_a_sanction_on_them(listed_url):
    entities = by_id(export(listed_url))
    sanction = entities[entity_id("sanction", DESIGNATION)]["properties"]
    assert sorted(sanction["entity"]) == sorted(entity_id("actor", a) for a in (VESSEL, PERSON, COMPANY, AIRCRAFT))
    assert sanction["authority"] == ["United Nations Security Council"]
    assert sorted(sanction["programId"]) == ["implements:executive_order:13382", "regime:un_resolution:2397"]
    assert "S/RES/2397 (2017)" in sanction["program"]
    assert sanction["startDate"] == sanction["listingDate"] == ["2017-12-22"]
    assert sanction["sourceUrl"] == ["https://press.un.org/example"]
    assert sanction["reason"][0].startswith("added the vessel CHON MA SAN")
    assert sanction["unscId"] == ["KPi.999"]
    assert sanction["recordId"] == [DESIGNATION]
    delisting = entities[entity_id("sanction", DELISTING)]["properties"]
    assert delisting["endDate"] == ["2025-01"]
    assert "startDate" not in delisting
    # The seed designation names no target: no Sanction is made up for it.
    assert entity_id("sanction", "act-2024-05-16-us-sanctions-five-russia-based-dprk-transfers") not in entities


def test_actors_carry_their_names_identifiers_and_addresses(listed_url):
    entities = export(listed_url)
    found = by_id(entities)
    vessel = found[entity_id("actor", VESSEL)]
    assert vessel["schema"] == "Vessel"
    assert vessel["properties"]["imoNumber"] == ["IMO8660313"]  # FtM's form of IMO numbers
    assert vessel["properties"]["mmsi"] == ["445577000"]
    assert vessel["properties"]["callSign"] == ["HMYW"]
    assert vessel["properties"]["alias"] == ["Chonmasan"]
    assert vessel["properties"]["weakAlias"] == ["CMS"]
    person = found[entity_id("actor", PERSON)]
    assert person["schema"] == "Person"
    assert person["properties"]["passportNumber"] == ["381420754"]
    assert person["properties"]["address"] == ["Pyongyang, Democratic People's Republic of Korea"]
    assert person["properties"]["country"] == ["kp"]
    [passport] = [e for e in entities if e["schema"] == "Passport"]
    assert passport["properties"]["holder"] == [entity_id("actor", PERSON)]
    assert passport["properties"]["country"] == ["kp"]
    assert passport["properties"]["authority"] == ["Democratic People's Republic of Korea"]
    assert passport["properties"]["description"] == ["issued 7 Dec 2011"]
    company = found[entity_id("actor", COMPANY)]
    assert (company["schema"], company["properties"]["imoNumber"]) == ("Organization", ["IMO5342883"])
    assert found[entity_id("actor", AIRCRAFT)]["schema"] == "Airplane"
    assert found[entity_id("actor", "state-kp")]["properties"]["topics"] == ["gov.national"]
    assert found[entity_id("actor", "body-unsc")]["properties"]["topics"] == ["gov.igo"]
    assert "DPRK" in found[entity_id("actor", "state-kp")]["properties"]["alias"]


def test_sources_are_articles_with_their_text_and_officials_are_people(seeded_url):
    found = by_id(export(seeded_url))
    article = found[entity_id("source", "src-2024-10-29-state-briefing")]
    assert article["schema"] == "Article"
    assert "Multilateral Sanctions Monitoring Team" in article["properties"]["bodyText"][0]
    miller = found[entity_id("official", "official-matthew-miller")]
    assert (miller["schema"], miller["properties"]["name"]) == ("Person", ["Matthew Miller"])


def test_an_export_of_a_filtered_set_holds_exactly_the_filtered_actions(listed_url):
    entities = export(listed_url, resolution=2397)
    assert [e["properties"]["recordId"] for e in entities if e["schema"] == "Event"] == [[DESIGNATION]]
    assert ftm_problems(entities) == []
    drafts = export(listed_url, status="draft")
    [draft] = [e for e in drafts if e["schema"] == "Event"]
    assert (draft["properties"]["recordId"], draft["properties"]["keywords"]) == ([DRAFT], ["warning", "draft"])
