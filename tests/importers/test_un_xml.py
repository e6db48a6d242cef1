"""The UN Security Council Consolidated List importer, on excerpts of the real list (tests/fixtures/un)."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from service.actions.queries import get_action
from service.actors.queries import get_actor
from service.importers.entries import ImportFailure
from service.importers.un_xml import import_un_xml
from service.models import Action, Authority, ListEntry, Source
from tests.conftest import snapshot
from tests.importers.conftest import UN, UN_CHOE_SOK_MIN, UN_MALFORMED, UN_NEWER, run, session_on, untraceable

COMMENTS_KPI_001 = (
    "Director of Namchongang Trading Corporation; oversees the import of items\n"
    "needed for the uranium enrichment program."
)


def _excerpt_with(folder: Path, passage: str, replacement: str) -> Path:
    """The UN excerpt with the first `passage` replaced, as a file in `folder`."""
    text = UN.read_text(encoding="utf-8")
    assert passage in text
    variant = folder / "variant.xml"
    variant.write_text(text.replace(passage, replacement, 1), encoding="utf-8")
    return variant


def test_un_individual_becomes_a_person_with_alias_nationality_reference_and_address(seeded_db):
    run(seeded_db, import_un_xml, UN)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "un-kpi.001")
    assert (actor.name, actor.kind, actor.country, actor.aliases) == ("YUN HO-JIN", "person", "KP", ["Yun Ho-chin"])
    assert [(i.scheme, i.value) for i in actor.identifiers] == [("un_reference", "KPi.001")]
    assert [(a.address, a.country) for a in actor.addresses] == [
        ("Pyongyang, Democratic People's Republic of Korea", "Democratic People's Republic of Korea")
    ]


def test_spellings_joined_in_one_alias_become_aliases_of_their_own(seeded_db, tmp_path):
    """As the real list writes some aliases: 'Abdul Rehman; Abd Ur-Rehman; Abdur Rahman'."""
    joined = _excerpt_with(
        tmp_path, "<ALIAS_NAME>Yun Ho-chin</ALIAS_NAME>", "<ALIAS_NAME>Yun Ho-chin; Yun Ho Jin ;Yun Hojin</ALIAS_NAME>"
    )
    run(seeded_db, import_un_xml, joined)
    with session_on(seeded_db) as session:
        assert sorted(get_actor(session, "un-kpi.001").aliases) == ["Yun Ho Jin", "Yun Ho-chin", "Yun Hojin"]


def test_an_alias_of_low_quality_becomes_a_weak_alias_and_a_good_one_an_alias(seeded_db, tmp_path):
    """KPi.064 as the real list gives it: 'Choe Sok Min' an alias of QUALITY 'Low', too broad to identify him
    alone; then with a good alias added beside it."""
    run(seeded_db, import_un_xml, UN_CHOE_SOK_MIN)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "un-kpi.064")
    assert (actor.name, actor.aliases, actor.weak_aliases) == ("CH'OE SO’K MIN", [], ["Choe Sok Min"])

    low = "<ALIAS_NAME>Choe Sok Min</ALIAS_NAME>"
    good = f"{low}\n      </INDIVIDUAL_ALIAS>\n      <INDIVIDUAL_ALIAS>\n        <QUALITY>Good</QUALITY>\n"
    good += "        <ALIAS_NAME>Choe Sok-min</ALIAS_NAME>"
    newer = tmp_path / "newer.xml"
    newer.write_text(UN_CHOE_SOK_MIN.read_text(encoding="utf-8").replace(low, good), encoding="utf-8")
    run(seeded_db, import_un_xml, newer)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "un-kpi.064")
    assert (actor.aliases, actor.weak_aliases) == (["Choe Sok-min"], ["Choe Sok Min"])


def test_un_passports_and_imo_numbers_become_identifiers(seeded_db):
    run(seeded_db, import_un_xml, UN)
    with session_on(seeded_db) as session:
        person = get_actor(session, "un-kpi.006")
        company = get_actor(session, "un-kpe.022")
    # The list gives the same passport three times (in English, French and Spanish): one identifier.
    assert [(i.scheme, i.value) for i in person.identifiers] == [("passport", "381420754"), ("un_reference", "KPi.006")]
    assert ("imo", "5342883") in [(i.scheme, i.value) for i in company.identifiers]
    assert company.kind == "organization"


def test_un_entity_keeps_every_alias_and_its_address(seeded_db):
    run(seeded_db, import_un_xml, UN)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "un-kpe.001")
    assert actor.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert sorted(actor.aliases) == [
        '"KOMID"',
        "CHANGGWANG SINYONG CORPORATION",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
    ]
    assert [a.address for a in actor.addresses] == [
        "Central District, Pyongyang, Democratic People's Republic of Korea"
    ]
    assert actor.country == "KP"


def test_un_designation_is_dated_listed_on_imposed_by_the_council_under_1718_quoting_comments1(seeded_db):
    run(seeded_db, import_un_xml, UN)
    with session_on(seeded_db) as session:
        action = get_action(session, "act-un-kpi.001-listed-2009-07-16")
        source = session.get(Source, action.sources[0].id)
    assert (action.type, action.date, action.date_precision) == ("designation", date(2009, 7, 16), "day")
    assert [(r.number, r.relation) for r in action.resolutions] == [(1718, "regime")]
    assert {(a.id, a.role) for a in action.actors} == {("body-unsc", "imposer"), ("un-kpi.001", "target")}
    [listed] = action.sources
    assert listed.quote == COMMENTS_KPI_001
    assert (listed.publisher, listed.published_on) == ("UN Security Council", date(2026, 2, 27))
    assert listed.url == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
    assert source.id.startswith("src-un-kpi.001-")
    assert "REFERENCE_NUMBER: KPi.001\nLISTED_ON: 2009-07-16\nCOMMENTS1: " + COMMENTS_KPI_001 in source.text


def test_every_imported_quote_is_a_passage_of_its_source(seeded_db):
    run(seeded_db, import_un_xml, UN, regimes=["all"])
    run(seeded_db, import_un_xml, UN_NEWER, regimes=["all"])
    with session_on(seeded_db) as session:
        assert untraceable(session) == []


def test_only_the_dprk_regime_is_imported_by_default(seeded_db):
    report = run(seeded_db, import_un_xml, UN)
    assert (report.read, report.selected) == (7, 5)
    with session_on(seeded_db) as session:
        references = set(session.scalars(select(ListEntry.reference)))
    assert references == {"KPi.001", "KPi.002", "KPi.006", "KPe.001", "KPe.022"}


@pytest.mark.parametrize("regimes", [["DPRK", "LIBYA"], ["all"]])
def test_other_regimes_are_kept_as_authorities_of_their_own(seeded_db, regimes):
    report = run(seeded_db, import_un_xml, UN, regimes=regimes)
    assert report.selected == 7
    with session_on(seeded_db) as session:
        action = get_action(session, "act-un-lyi.001-listed-2011-02-26")
        regime = session.get(Authority, "un-regime-libya")
    assert (regime.kind, regime.code) == ("regime", "Libya")
    assert [(a.id, a.relation) for a in action.authorities] == [("un-regime-libya", "regime")]
    assert action.resolutions == []


def test_the_council_and_resolution_1718_are_created_when_absent(migrated_url):
    report = run(migrated_url, import_un_xml, UN)
    with session_on(migrated_url) as session:
        resolution = session.scalar(select(Authority).where(Authority.code == "1718"))
        council = get_actor(session, "body-unsc")
    assert (resolution.id, resolution.symbol, resolution.adopted_on) == (
        "unscr-1718",
        "S/RES/1718 (2006)",
        date(2006, 10, 14),
    )
    assert (council.name, council.kind) == ("United Nations Security Council", "body")
    assert report.get("authorities", "added") == 1


def test_reimporting_the_same_un_file_changes_nothing_not_even_the_change_feed(seeded_db):
    run(seeded_db, import_un_xml, UN)
    before = snapshot(seeded_db)
    report = run(seeded_db, import_un_xml, UN)
    assert snapshot(seeded_db) == before
    assert {kind: dict(counts) for kind, counts in report.counts.items()} == {
        kind: {"unchanged": 5} for kind in ("actors", "sources", "actions", "entries")
    }


def test_a_newer_un_list_reports_what_was_added_changed_and_removed(seeded_db):
    run(seeded_db, import_un_xml, UN)
    report = run(seeded_db, import_un_xml, UN_NEWER)
    assert dict(report.counts["entries"]) == {"added": 1, "changed": 1, "unchanged": 3, "removed": 1}
    assert report.list_date == date(2026, 3, 10)


def test_an_entry_the_newer_list_lacks_gets_a_delisting_and_keeps_its_designation(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    with session_on(seeded_db) as session:
        delisting = get_action(session, "act-un-kpi.002-delisted-2026-03-10")
        designation = get_action(session, "act-un-kpi.002-listed-2009-07-16")
        entry = session.get(ListEntry, "entry-un-kpi.002")
    assert (delisting.type, delisting.date) == ("delisting", date(2026, 3, 10))
    assert "of 2026-03-10 no longer has the entry" in delisting.date_text
    assert {(a.id, a.role) for a in delisting.actors} == {("un-kpi.002", "target"), ("body-unsc", "imposer")}
    assert [r.number for r in delisting.resolutions] == [1718]
    assert designation.type == "designation"
    assert (entry.status, entry.delisted_action_id) == ("delisted", "act-un-kpi.002-delisted-2026-03-10")


def test_a_changed_entry_updates_its_actor_and_keeps_every_text_among_the_designations_sources(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "un-kpe.001")
        action = get_action(session, "act-un-kpe.001-listed-2009-04-24")
    assert "KOREA MINING AND DEVELOPMENT CORPORATION" in actor.aliases
    assert sorted(source.published_on for source in action.sources) == [date(2026, 2, 27), date(2026, 3, 10)]


def test_reimporting_the_newer_list_changes_nothing_more(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    before = snapshot(seeded_db)
    report = run(seeded_db, import_un_xml, UN_NEWER)
    assert snapshot(seeded_db) == before
    assert report.get("entries", "removed") == 0


def test_a_malformed_un_file_writes_nothing_and_names_the_file_line_entry_and_field(seeded_db, monkeypatch):
    monkeypatch.setattr("service.importers.writer.BATCH", 2)  # so that a batch is written before the failure
    line = UN_MALFORMED.read_text(encoding="utf-8").splitlines().index("      <LISTED_ON>2013-22-01</LISTED_ON>") + 1
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session:
        with pytest.raises(ImportFailure) as failure:
            import_un_xml(session, UN_MALFORMED)
        assert session.get(Action, "act-un-kpi.001-listed-2009-07-16") is not None  # written, not yet committed
        session.rollback()
    assert str(failure.value).startswith(f"{UN_MALFORMED}:{line}: entry KPi.006, field LISTED_ON: not a date")
    assert snapshot(seeded_db) == before


def test_an_xml_file_cut_short_fails_with_its_line(seeded_db, tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_text("\n".join(UN.read_text(encoding="utf-8").splitlines()[:120]), encoding="utf-8")
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session, pytest.raises(ImportFailure, match=r"cut\.xml:120: not well-formed XML"):
        import_un_xml(session, cut)
    assert snapshot(seeded_db) == before


def test_a_listing_date_with_a_time_zone_keeps_its_day(seeded_db, tmp_path):
    zoned = _excerpt_with(tmp_path, "<LISTED_ON>2009-07-16</LISTED_ON>", "<LISTED_ON>2009-07-16-04:00</LISTED_ON>")
    run(seeded_db, import_un_xml, zoned)
    with session_on(seeded_db) as session:
        action = get_action(session, "act-un-kpi.001-listed-2009-07-16")
    assert (action.date, action.date_text) == (date(2009, 7, 16), "LISTED_ON: 2009-07-16-04:00")


def test_an_entry_back_on_a_later_list_is_listed_again_and_keeps_its_delisting(seeded_db, tmp_path):
    base, newer = UN.read_text(encoding="utf-8"), UN_NEWER.read_text(encoding="utf-8")
    kpi_002 = base[
        base.index("    <INDIVIDUAL>\n      <DATAID>6908045</DATAID>") : base.index(
            "    <INDIVIDUAL>", base.index("KPi.002")
        )
    ]
    latest = tmp_path / "latest.xml"
    latest.write_text(
        newer.replace("2026-03-10T00:00:07.000Z", "2026-04-01T00:00:05.000Z").replace(
            "  </INDIVIDUALS>", kpi_002 + "  </INDIVIDUALS>"
        ),
        encoding="utf-8",
    )
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_un_xml, UN_NEWER)
    report = run(seeded_db, import_un_xml, latest)
    assert dict(report.counts["entries"]) == {"changed": 1, "unchanged": 5}
    with session_on(seeded_db) as session:
        entry = session.get(ListEntry, "entry-un-kpi.002")
        kinds = {action.type for action in session.scalars(select(Action).where(Action.id.like("act-un-kpi.002-%")))}
    assert (entry.status, entry.listed_action_id) == ("listed", "act-un-kpi.002-listed-2009-07-16")
    assert kinds == {"designation", "delisting"}


def test_the_list_date_is_the_files_own_and_an_older_list_is_refused_with_both_dates(seeded_db):
    assert run(seeded_db, import_un_xml, UN_NEWER).list_date == date(2026, 3, 10)
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session, pytest.raises(ImportFailure) as failure:
        import_un_xml(session, UN)
    assert str(failure.value) == (
        f"{UN}: this list is of 2026-02-27, older than the UN Security Council Consolidated List of 2026-03-10 "
        "imported last; --force imports it anyway"
    )
    assert snapshot(seeded_db) == before


def test_a_list_date_that_contradicts_the_file_is_refused(seeded_db):
    with session_on(seeded_db) as session, pytest.raises(ImportFailure) as failure:
        import_un_xml(session, UN, list_date=date(2026, 3, 1))
    assert str(failure.value) == f"{UN}: the list is dated 2026-02-27 (dateGenerated), not 2026-03-01 (--list-date)"


def test_a_file_without_its_date_needs_the_list_date(seeded_db, tmp_path):
    undated = _excerpt_with(tmp_path, ' dateGenerated="2026-02-27T00:00:09.554Z"', "")
    with session_on(seeded_db) as session, pytest.raises(ImportFailure, match="--list-date YYYY-MM-DD"):
        import_un_xml(session, undated)
    assert run(seeded_db, import_un_xml, undated, list_date=date(2026, 2, 27)).selected == 5
