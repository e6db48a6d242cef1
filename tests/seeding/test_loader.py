"""The seed data: every fact the five source documents report, loaded once, traceable, and idempotent."""

import hashlib
import shutil
from datetime import date

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.queries import get_action, load_actions
from service.models import Action, Authority, Citation, Quote, Source
from service.seeding.loader import load_seeds
from service.writes import Outcome
from tests.conftest import SEEDS

# DOMAIN.md: the DPRK regime's resolutions and their adoption dates.
DPRK_RESOLUTIONS = {
    1718: date(2006, 10, 14),
    1874: date(2009, 6, 12),
    2087: date(2013, 1, 22),
    2094: date(2013, 3, 7),
    2270: date(2016, 3, 2),
    2321: date(2016, 11, 30),
    2356: date(2017, 6, 2),
    2371: date(2017, 8, 5),
    2375: date(2017, 9, 11),
    2397: date(2017, 12, 22),
}


@pytest.fixture
def session(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
        yield session


def _actions(session: Session):
    ids = session.scalars(select(Action.id).order_by(Action.date, Action.id)).all()
    return load_actions(session, ids)


def _one(session: Session, type: str, day: date):
    found = [a for a in _actions(session) if a.type == type and a.date == day]
    assert len(found) == 1, f"expected one {type} on {day}, found {[a.id for a in found]}"
    return found[0]


def _roles(action) -> dict[str, str]:
    return {actor.id: actor.role for actor in action.actors}


def test_the_dprk_resolutions_carry_symbol_year_and_adoption_date(session):
    rows = session.execute(select(Authority).where(Authority.kind == "un_resolution")).scalars().all()
    assert {row.number: row.adopted_on for row in rows} == DPRK_RESOLUTIONS
    for row in rows:
        assert row.symbol == f"S/RES/{row.number} ({row.adopted_on.year})"
        assert row.year == row.adopted_on.year


def test_the_condemnation_of_29_october_2024_alleges_violation_of_1718_1874_and_2270(session):
    action = _one(session, "condemnation", date(2024, 10, 29))
    assert [(c.number, c.relation) for c in action.resolutions] == [
        (1718, "alleges_violation"),
        (1874, "alleges_violation"),
        (2270, "alleges_violation"),
    ]
    assert all("1718, 1874, and 2270" in c.quote for c in action.resolutions)
    assert _roles(action)["state-us"] == "imposer"
    assert _roles(action)["state-ru"] == "subject"
    [miller] = action.officials
    assert (miller.name, miller.title) == ("Matthew Miller", "Department Spokesperson")
    assert action.sources[0].url == "https://www.state.gov/briefings/department-press-briefing-october-29-2024/"


def test_the_warning_of_31_july_2023_gives_miller_the_title_of_that_report(session):
    action = _one(session, "warning", date(2023, 7, 31))
    [miller] = action.officials
    assert miller.name == "Matthew Miller"
    assert miller.title == "State Department Press Secretary"
    assert action.resolutions == []  # the report names no resolution by number
    assert action.sources[0].published_on == date(2023, 8, 1)


def test_the_joint_statement_of_31_may_2024_lists_every_co_signatory(session):
    action = _one(session, "joint_statement", date(2024, 5, 31))
    roles = _roles(action)
    co_signatories = {actor_id for actor_id, role in roles.items() if role == "co_signatory"}
    assert co_signatories == {
        "state-au",
        "state-ca",
        "state-fr",
        "state-de",
        "state-it",
        "state-jp",
        "state-nz",
        "state-kr",
        "state-gb",
        "body-eu",
    }
    assert roles["state-us"] == "imposer"
    [spokesperson] = action.officials
    assert spokesperson.name is None  # the text does not name the spokesperson


def test_the_designation_of_16_may_2024_names_no_target_because_the_source_names_none(session):
    action = _one(session, "designation", date(2024, 5, 16))
    assert "target" not in _roles(action).values()
    assert "five Russia-based individuals and entities" in action.summary
    assert action.date_text and "Thursday" in action.date_text


def test_the_edscg_warning_of_15_september_2023_has_both_officials(session):
    action = _one(session, "warning", date(2023, 9, 15))
    assert {(o.name, o.title) for o in action.officials} == {
        ("Chang Ho-jin", "Vice Foreign Minister"),
        ("Bonnie Jenkins", "Under Secretary of State for Arms Control and International Security"),
    }
    assert _roles(action)["state-kr"] == _roles(action)["state-us"] == "imposer"


def test_the_actions_reported_in_passing_are_recorded(session):
    veto = _one(session, "veto", date(2024, 3, 1))
    assert veto.date_precision == "month"
    assert _roles(veto)["state-ru"] == "imposer"
    assert len(veto.sources) == 3
    assert veto.resolutions == []  # "the 1718 Committee" names a body, not a citation

    denial = _one(session, "denial", date(2023, 9, 15))
    assert [o.name for o in denial.officials] == ["Dmitry Peskov"]

    actions = _actions(session)
    kirby = [a for a in actions if any(o.name == "John Kirby" for o in a.officials)]
    assert len(kirby) == 1 and kirby[0].date == date(2024, 10, 1) and kirby[0].date_precision == "month"
    msmt = [a for a in actions if "body-msmt" in _roles(a)]
    assert any(a.date == date(2024, 1, 1) and a.date_precision == "year" for a in msmt)


def test_every_quote_is_a_passage_of_its_source(session):
    texts = dict(session.execute(select(Source.id, Source.text)).all())
    # each link's quote is a row of `quotes` of the link's own source (the key onto it says so)
    for quote, source_id in session.execute(select(Quote.text, Quote.source_id)):
        assert quote in texts[source_id], f"{quote!r} not in {source_id}"


def test_each_source_holds_its_file_text_and_its_sha256(session):
    records = yaml.safe_load((SEEDS / "sources.yaml").read_text())
    assert len(records) == 5
    for record in records:
        source = session.get(Source, record["id"])
        assert source.text == (SEEDS / record["file"]).read_text(encoding="utf-8")
        assert source.sha256 == hashlib.sha256(source.text.encode()).hexdigest()


def test_reseeding_changes_nothing(session):
    before = {a.id: a for a in _actions(session)}
    report = load_seeds(session, SEEDS)
    session.commit()
    assert all(set(counts) == {Outcome.unchanged} for counts in report.counts.values()), report.counts
    after = {a.id: a for a in _actions(session)}
    assert after == before  # updated_at included


def test_an_edited_seed_updates_the_record_in_place(session, tmp_path):
    edited = tmp_path / "seeds"
    shutil.copytree(SEEDS, edited)
    actions = edited / "actions.yaml"
    actions.write_text(actions.read_text().replace("date: 2024-10-29", "date: 2024-10-28", 1))
    report = load_seeds(session, edited)
    session.commit()
    assert report.counts["actions"][Outcome.changed] == 1
    action = get_action(session, "act-2024-10-29-us-condemns-russia-dprk-training")
    assert action.date == date(2024, 10, 28)
    # the links' copy of the date follows the action (ON UPDATE CASCADE and the rewrite agree)
    assert set(session.scalars(select(Citation.action_date).where(Citation.action_id == action.id))) == {
        date(2024, 10, 28)
    }
