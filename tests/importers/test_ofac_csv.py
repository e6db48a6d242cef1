"""The OFAC legacy SDN CSV importer, on excerpts of real files (tests/fixtures/ofac)."""

import shutil
from datetime import date

import pytest
from sqlalchemy import select

from service.actions.queries import get_action
from service.actors.queries import get_actor
from service.importers.entries import ImportFailure
from service.importers.ofac_csv import SdnReader, import_ofac_csv
from service.models import Action, Authority, ListEntry, ListImport, Source
from tests.conftest import snapshot
from tests.importers.conftest import OFAC, OFAC_MALFORMED, OFAC_NEWER, run, session_on, untraceable

JUNE = date(2021, 6, 1)
JULY = date(2021, 7, 1)
DPRK_PROGRAMS = ["DPRK", "DPRK2", "DPRK3", "DPRK4"]


def identifiers(actor) -> set[tuple[str, str]]:
    return {(identifier.scheme, identifier.value) for identifier in actor.identifiers}


def test_dprk_vessel_gets_its_imo_number_and_flag(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "ofac-17069")
    assert (actor.name, actor.kind, actor.country) == ("CHONG CHON GANG", "vessel", "KP")
    assert identifiers(actor) == {("ofac_ent_num", "17069"), ("imo", "7937317")}


def test_vessel_call_sign_imo_and_mmsi_become_identifiers(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "ofac-47371")
    assert identifiers(actor) == {
        ("ofac_ent_num", "47371"),
        ("call_sign", "A8LU7"),
        ("imo", "9339301"),
        ("mmsi", "636013272"),
    }
    assert actor.country == "GA"


def test_individual_gets_nationality_and_passport(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "ofac-17616")
    assert (actor.name, actor.kind, actor.country) == ("RYU, Jin", "person", "KP")
    assert ("passport", "563410081") in identifiers(actor)


def test_entity_gets_alt_names_as_aliases_remark_akas_as_weak_aliases_and_addresses(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "ofac-11195")
    assert actor.kind == "organization"
    assert actor.aliases == [  # alt.csv: OFAC's strong AKAs
        "HESA TRADE CENTER",
        "IRAN AIRCRAFT MANUFACTURING COMPANY",
        "IRAN AIRCRAFT MANUFACTURING INDUSTRIES",
        "KARKHANEJATE SANAYE HAVAPAYMAIE IRAN",
    ]
    # the a.k.a.s of the remarks: OFAC's weak AKAs (acronyms, old spellings), for confirming a hit only
    assert {"HESA", "HTC", "IAMI", "SHAHIN CO.", "HAVA PEYMA SAZI-E IRAN"} <= set(actor.weak_aliases)
    assert len(actor.weak_aliases) == 9
    assert "P.O. Box 81465-935, Esfahan, Iran" in [address.address for address in actor.addresses]
    assert len(actor.addresses) == 5
    assert actor.country == "IR"
    assert ("national_id", "10100722073") in identifiers(actor)


def test_remarks_continued_in_sdn_comments_are_read_whole(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        actor = get_actor(session, "ofac-33151")
        text = session.scalar(select(Source.text).where(Source.id.like("src-ofac-33151-%")))
    assert "SUCCESSFUL EXCHANGE" in actor.weak_aliases  # its a.k.a. is in the continuation only
    assert "[sdn_comments.csv]\nRemarks_Extension: aa35MVkf7sDjuGUYAP5izQt7Qi;" in text


def test_aircraft_is_kept_as_an_aircraft(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        assert get_actor(session, "ofac-20540").kind == "aircraft"


def test_ofac_designation_is_imposed_by_ofac_under_each_program_quoting_the_remarks(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        action = get_action(session, "act-ofac-12210-listed-2021-06-01")
        ofac = get_actor(session, "body-us-ofac")
    assert (action.type, action.date) == ("designation", JUNE)
    assert "not given by the list" in action.date_text
    assert {(a.id, a.role) for a in action.actors} == {("ofac-12210", "target"), ("body-us-ofac", "imposer")}
    assert sorted((a.code, a.relation) for a in action.authorities) == [("DPRK", "regime"), ("DPRK2", "regime")]
    [source] = action.sources
    assert source.quote.startswith("Secondary sanctions risk: North Korea Sanctions Regulations")
    assert (source.publisher, source.published_on) == ("U.S. Treasury, OFAC", JUNE)
    assert (ofac.kind, ofac.country) == ("body", "US")


@pytest.mark.parametrize(
    ("program", "order"),
    [("DPRK2", "us-eo-13687"), ("DPRK3", "us-eo-13722"), ("NPWMD", "us-eo-13382"), ("RUSSIA-EO14024", "us-eo-14024")],
)
def test_each_program_is_an_authority_under_its_executive_order(seeded_db, program, order):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(seeded_db) as session:
        authority = session.scalar(select(Authority).where(Authority.code == program))
    assert (authority.kind, authority.parent_id) == ("sanctions_program", order)


def test_a_program_that_names_its_order_points_at_it_and_creates_it_if_absent(migrated_url):
    run(migrated_url, import_ofac_csv, OFAC, list_date=JUNE)
    with session_on(migrated_url) as session:
        program = session.scalar(select(Authority).where(Authority.code == "RUSSIA-EO14024"))
        order = session.get(Authority, "us-eo-14024")
    assert program.parent_id == "us-eo-14024"
    assert (order.kind, order.code, order.number) == ("executive_order", "14024", 14024)


def test_every_program_is_imported_by_default(seeded_db):
    assert run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE).selected == 9


def test_programs_narrow_the_import(seeded_db):
    report = run(seeded_db, import_ofac_csv, OFAC, programs=DPRK_PROGRAMS, list_date=JUNE)
    assert (report.read, report.selected) == (9, 6)
    with session_on(seeded_db) as session:
        references = set(session.scalars(select(ListEntry.reference)))
    assert references == {"12210", "17069", "17084", "17616", "19611", "20540"}


def test_rows_of_add_alt_or_comments_without_an_entry_are_skipped_and_reported(seeded_db):
    report = run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    assert report.notes == ["1 row(s) of add/alt/comments name no entry of sdn.csv: skipped"]


def test_the_other_files_are_optional(seeded_db, tmp_path):
    shutil.copy(OFAC / "sdn.csv", tmp_path / "SDN.CSV")
    report = run(seeded_db, import_ofac_csv, tmp_path, list_date=JUNE)
    assert report.get("entries", "added") == 9
    with session_on(seeded_db) as session:
        assert get_actor(session, "ofac-11195").addresses == []


def test_every_imported_ofac_quote_is_a_passage_of_its_source(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    run(seeded_db, import_ofac_csv, OFAC_NEWER, list_date=JULY)
    with session_on(seeded_db) as session:
        assert untraceable(session) == []


def test_reimporting_the_same_ofac_files_writes_no_row(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    before = snapshot(seeded_db)
    report = run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    assert snapshot(seeded_db) == before
    assert set(report.counts) == {"actors", "sources", "actions", "entries"}
    assert all(set(counts) == {"unchanged"} for counts in report.counts.values())


def test_without_a_list_date_the_import_is_refused_naming_the_option(seeded_db):
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session, pytest.raises(ImportFailure) as failure:
        import_ofac_csv(session, OFAC)
    assert str(failure.value) == (
        f"{OFAC / 'sdn.csv'}: the file gives no date: say which day the list is of with --list-date YYYY-MM-DD"
    )
    assert snapshot(seeded_db) == before


def test_a_list_older_than_the_last_one_imported_is_refused_with_both_dates(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC_NEWER, list_date=JULY)
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session, pytest.raises(ImportFailure) as failure:
        import_ofac_csv(session, OFAC, list_date=JUNE)
    assert "this list is of 2021-06-01, older than the OFAC Specially Designated Nationals (SDN) List of " + (
        "2021-07-01 imported last; --force imports it anyway"
    ) in str(failure.value)
    assert snapshot(seeded_db) == before


def test_forced_an_older_list_is_imported_and_becomes_the_last_one(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC_NEWER, list_date=JULY)
    report = run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE, force=True)
    assert report.get("entries", "removed") == 1  # 17085, which the older list does not have
    with session_on(seeded_db) as session:
        assert session.get(ListImport, "ofac_sdn").list_date == JUNE
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)  # the same date again: not older


def test_a_newer_ofac_list_reports_what_was_added_changed_and_removed(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    report = run(seeded_db, import_ofac_csv, OFAC_NEWER, list_date=JULY)
    assert dict(report.counts["entries"]) == {"added": 1, "changed": 1, "unchanged": 7, "removed": 1}
    with session_on(seeded_db) as session:
        assert "CHONGCHAL CHONGGUK" in get_actor(session, "ofac-12210").weak_aliases
        assert get_actor(session, "ofac-17085").name == "BAEK MA KANG"


def test_a_removed_ofac_entry_gets_a_delisting_and_keeps_its_designation(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    run(seeded_db, import_ofac_csv, OFAC_NEWER, list_date=JULY)
    with session_on(seeded_db) as session:
        delisting = get_action(session, "act-ofac-17084-delisted-2021-07-01")
        designation = get_action(session, "act-ofac-17084-listed-2021-06-01")
    assert (delisting.type, delisting.date) == ("delisting", JULY)
    assert [a.code for a in delisting.authorities] == ["DPRK"]
    assert ("ofac-17084", "target") in {(a.id, a.role) for a in delisting.actors}
    assert designation.date == JUNE


def test_an_import_narrowed_to_some_programs_delists_nothing_outside_them(seeded_db):
    run(seeded_db, import_ofac_csv, OFAC, list_date=JUNE)
    report = run(seeded_db, import_ofac_csv, OFAC_NEWER, programs=["NPWMD"], list_date=JULY)
    assert report.get("entries", "removed") == 0
    with session_on(seeded_db) as session:
        assert session.get(ListEntry, "entry-ofac-17084").status == "listed"


def test_a_file_without_any_entry_of_the_programs_would_delist_them_all_and_is_refused(seeded_db, tmp_path):
    run(seeded_db, import_ofac_csv, OFAC, programs=["DPRK"], list_date=JUNE)
    rows = (OFAC / "sdn.csv").read_bytes().splitlines(keepends=True)
    (tmp_path / "sdn.csv").write_bytes(b"".join(row for row in rows if b'"DPRK' not in row))
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session, pytest.raises(ImportFailure, match="would delist all 3 of them"):
        import_ofac_csv(session, tmp_path, programs=["DPRK"], list_date=JULY)
    assert snapshot(seeded_db) == before


def test_a_malformed_ofac_file_writes_nothing_and_names_the_file_line_entry_and_field(seeded_db, monkeypatch):
    monkeypatch.setattr("service.importers.writer.BATCH", 1)  # so that entries are written before the failure
    monkeypatch.setattr(SdnReader, "BATCH", 1)
    before = snapshot(seeded_db)
    with session_on(seeded_db) as session:
        with pytest.raises(ImportFailure) as failure:
            import_ofac_csv(session, OFAC_MALFORMED, list_date=JUNE)
        assert session.get(Action, "act-ofac-17069-listed-2021-06-01") is not None  # written, not yet committed
        session.rollback()
    assert str(failure.value).startswith(f"{OFAC_MALFORMED / 'sdn.csv'}:3: entry 17084, field SDN_Type: not one of")
    assert snapshot(seeded_db) == before


def test_a_row_with_missing_fields_is_refused_with_its_line(seeded_db, tmp_path):
    shutil.copytree(OFAC, tmp_path, dirs_exist_ok=True)
    with open(tmp_path / "add.csv", "a", encoding="utf-8") as add:
        add.write('11195,99999,"Somewhere"\n')
    with session_on(seeded_db) as session, pytest.raises(ImportFailure) as failure:
        import_ofac_csv(session, tmp_path, list_date=JUNE)
    assert str(failure.value) == f"{tmp_path / 'add.csv'}:9: entry 11195: 3 fields where 6 were expected " + (
        "(Ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks)"
    )
