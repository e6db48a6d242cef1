"""Resolutions: every written form counts, committee names and other numbers never do, and the relation
follows the sentence's wording."""

from service.extraction import extract


def numbers(text: str) -> list[int]:
    return [r.number for r in extract(text).resolutions]


def relations(text: str) -> dict[int, str]:
    return {r.number: r.relation for r in extract(text).resolutions}


def test_single_resolution_is_cited():
    assert numbers("The measures rest on Resolution 1718.") == [1718]


def test_list_of_resolutions_gives_each_number():
    assert numbers("They violate resolutions 1718, 1874, and 2270.") == [1718, 1874, 2270]


def test_security_council_resolutions_list_gives_each_number():
    assert numbers("This breaches Security Council Resolutions 1718, 1874, and 2270.") == [1718, 1874, 2270]


def test_unscr_abbreviation_is_a_citation():
    assert numbers("UNSCR 2371 bans the DPRK's coal exports.") == [2371]


def test_plural_unscrs_abbreviation_gives_each_number():
    assert numbers("States must give effect to UNSCRs 2270 and 2321.") == [2270, 2321]


def test_resolution_with_year_in_brackets_keeps_number_not_year():
    assert numbers("The cap is set by resolution 2397 (2017).") == [2397]


def test_symbol_form_is_a_citation():
    assert numbers("See S/RES/2270 (2016) for the measures.") == [2270]


def test_paragraph_of_resolution_cites_the_resolution():
    assert numbers("Such transfers are prohibited by paragraph 11 of resolution 2375.") == [2375]


def test_list_with_years_gives_each_number():
    assert numbers("recalling resolutions 1718 (2006), 1874 (2009) and 2087 (2013)") == [1718, 1874, 2087]


def test_committee_name_is_not_a_citation():
    assert numbers("The 1718 Committee met, and the UN 1718 Committee Panel of Experts reported.") == []


def test_committee_established_pursuant_to_a_resolution_is_not_a_citation():
    assert numbers("The Committee established pursuant to resolution 1718 (2006) added two entries.") == []


def test_resolution_sanctions_committee_name_is_not_a_citation():
    assert numbers("The Resolution 1718 Sanctions Committee approved the listing.") == []


def test_year_is_not_a_resolution():
    assert numbers("In 2017 the Council met on 2375 occasions, they said in 2016.") == []


def test_soldier_count_is_not_a_resolution():
    assert numbers("At least 3,000 North Korean soldiers travelled to Russia, and 10,000 more may follow.") == []


def test_executive_order_number_is_not_a_resolution():
    assert numbers("The persons are designated pursuant to Executive Order 13382 and E.O. 14024.") == []


def test_general_assembly_resolution_is_not_a_council_resolution():
    assert numbers("General Assembly resolution 77/1 was adopted.") == []


def test_violation_wording_gives_alleges_violation():
    assert relations("Russia's training of DPRK soldiers is a direct violation of resolution 1718.") == {
        1718: "alleges_violation"
    }


def test_breach_wording_gives_alleges_violation():
    assert relations("The shipments were in breach of UNSCR 2371.") == {2371: "alleges_violation"}


def test_contravention_wording_gives_alleges_violation():
    assert relations("Moscow imported them in direct contravention of resolution 2270.") == {2270: "alleges_violation"}


def test_implements_wording_gives_implements():
    assert relations("Today's action implements paragraph 17 of resolution 2397 (2017).") == {2397: "implements"}


def test_enforce_wording_gives_implements():
    assert relations("The coast guard acted to enforce resolution 2375.") == {2375: "implements"}


def test_listing_made_under_a_resolution_gives_regime():
    text = "The Committee designated the vessel pursuant to paragraph 8 (d) of resolution 1718 (2006)."
    assert relations(text) == {1718: "regime"}


def test_plain_mention_gives_cites():
    assert relations("The Panel's mandate is set out in resolution 1874 (2009).") == {1874: "cites"}


def test_nearest_cue_decides_the_relation():
    text = "States must implement resolution 2397, which the DPRK flouts; the DPRK's launches violate resolution 2087."
    assert relations(text) == {2397: "implements", 2087: "alleges_violation"}


def test_repeated_number_is_one_citation_with_the_most_telling_relation():
    text = "Resolution 1718 set up the regime. The launch violates resolution 1718."
    citations = extract(text).resolutions
    assert [(c.number, c.relation) for c in citations] == [(1718, "alleges_violation")]
    assert citations[0].quote == "The launch violates resolution 1718."


def test_citation_quote_is_its_sentence_and_span_points_at_it():
    text = "A first sentence. The launch violates resolution 2087 (2013). A last one."
    citation = extract(text).resolutions[0]
    assert citation.quote == "The launch violates resolution 2087 (2013)."
    assert text[citation.span[0] : citation.span[1]] == citation.quote


def test_numbers_listed_after_resolutions_including():
    text = "The test violates several unanimous Security Council resolutions, including 1718, 1874, and 2087."
    assert [r.number for r in extract(text).resolutions] == [1718, 1874, 2087]
