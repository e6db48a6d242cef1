"""Actors: the gazetteer and known actors find them under any name; roles say who acted, who signed with
them, whose conduct the act is about, and who is only mentioned."""

from service.extraction import KnownActor, extract

DPRK = KnownActor(
    id="state-kp", name="Democratic People's Republic of Korea", kind="state", country="KP", aliases=["DPRK"]
)
RUSSIA = KnownActor(id="state-ru", name="Russian Federation", kind="state", country="RU", aliases=["Russia"])
KIM = KnownActor(id="person-kim-jong-un", name="Kim Jong-un", kind="person", country="KP", aliases=[])
PANEL = KnownActor(
    id="body-poe", name="UN 1718 Committee Panel of Experts", kind="body", aliases=["Panel of Experts", "expert panel"]
)


def roles(text: str, **kwargs) -> dict[str, str]:
    return {a.name: a.role for a in extract(text, **kwargs).actors}


def test_gazetteer_finds_states_with_no_known_actors():
    draft = extract("The United States condemned Russia's training of North Korean soldiers.")
    assert {(a.name, a.kind, a.country) for a in draft.actors} == {
        ("United States", "state", "US"),
        ("Russia", "state", "RU"),
        ("North Korea", "state", "KP"),
    }


def test_demonym_names_its_state():
    assert "South Korea" in roles("South Korean and US officials warned Russia it would pay a price.")


def test_capital_as_metonym_names_its_state():
    assert roles("Seoul warned that Pyongyang would pay a price for its launches.") == {
        "South Korea": "imposer",
        "North Korea": "subject",
    }


def test_body_from_the_gazetteer():
    draft = extract("The Multilateral Sanctions Monitoring Team today released its first report.")
    assert [(a.name, a.kind) for a in draft.actors] == [("Multilateral Sanctions Monitoring Team", "body")]


def test_known_actor_is_linked_by_alias():
    draft = extract("The United States condemned the DPRK's launch.", known_actors=[DPRK])
    linked = next(a for a in draft.actors if a.actor_id == "state-kp")
    assert linked.name == "Democratic People's Republic of Korea"


def test_every_name_of_a_state_links_to_one_known_actor():
    text = "Seoul condemned Pyongyang's launch. North Korea fired again, and the DPRK denied wrongdoing."
    draft = extract(text, known_actors=[DPRK])
    assert [a.actor_id for a in draft.actors if a.country == "KP"] == ["state-kp"]


def test_known_state_links_by_country_without_shared_alias():
    draft = extract("The United States condemned Pyongyang's missile launch.", known_actors=[DPRK])
    assert any(a.actor_id == "state-kp" for a in draft.actors)


def test_known_actor_matches_forgiving_case_accents_and_punctuation():
    text = "Experts said KIM JONG UN watched the test."
    draft = extract(text, known_actors=[KIM])
    assert [(a.name, a.actor_id) for a in draft.actors] == [("Kim Jong-un", "person-kim-jong-un")]


def test_known_body_wins_over_the_gazetteer_reading():
    draft = extract("Russia vetoed the mandate of the expert panel monitoring sanctions.", known_actors=[PANEL])
    assert any(a.actor_id == "body-poe" for a in draft.actors)


def test_unknown_actor_has_no_actor_id():
    draft = extract("Canada strongly condemns the launch.", known_actors=[DPRK])
    assert [(a.name, a.actor_id) for a in draft.actors] == [("Canada", None)]


def test_acronym_matches_only_in_capitals():
    assert "United States" not in roles("Canada condemned the launch and called on us to join it.")


def test_state_in_security_council_resolutions_phrase_is_not_the_council():
    text = "Canada condemned the launch, a violation of UN Security Council resolutions."
    assert "UN Security Council" not in roles(text)


def test_subject_of_designation_verb_is_imposer():
    assert roles("The United States has sanctioned five Russia-based individuals.")["United States"] == "imposer"


def test_agency_names_its_state_as_imposer():
    text = "Today, the Department of the Treasury’s Office of Foreign Assets Control (OFAC) sanctioned two companies."
    assert roles(text) == {"United States": "imposer"}


def test_coordinated_agents_are_all_imposers():
    text = "South Korea, the United States and Japan on Friday jointly imposed sanctions on North Korea's hackers."
    assert roles(text) == {
        "South Korea": "imposer",
        "United States": "imposer",
        "Japan": "imposer",
        "North Korea": "subject",
    }


def test_official_organisation_gives_imposer_when_no_state_acts_in_the_text():
    text = "“This is a fake,” Kremlin spokesman Dmitry Peskov said, rejecting the claims as groundless."
    assert roles(text) == {"Russia": "imposer"}


def test_eu_council_press_release_council_is_the_eu():
    text = "The Council today decided to impose restrictive measures on 3 individuals. The EU remains committed."
    assert roles(text)["European Union"] == "imposer"


def test_un_press_release_council_is_the_security_council():
    text = "The Security Council met in the morning. The Council today failed to adopt a draft resolution."
    assert roles(text)["UN Security Council"] == "imposer"


def test_vetoing_state_is_imposer():
    text = (
        "The Security Council today failed to adopt a draft resolution, "
        "owing to the negative vote of the Russian Federation."
    )
    assert roles(text)["Russia"] == "imposer"


def test_joint_statement_first_listed_is_imposer_and_others_co_signatories():
    text = (
        "The U.S. Secretary of State and foreign ministers from Australia, Canada, France, Germany, Italy, Japan, "
        "New Zealand, South Korea and Britain, as well as the EU High Representative, issued a joint statement."
    )
    found = roles(text)
    assert found.pop("United States") == "imposer"
    assert found == {
        name: "co_signatory"
        for name in [
            "Australia", "Canada", "France", "Germany", "Italy", "Japan", "New Zealand", "South Korea",
            "United Kingdom", "European Union",
        ]
    }  # fmt: skip


def test_joint_statement_subject_is_not_a_co_signatory():
    text = "Japan, South Korea and the United States issued a joint statement condemning North Korea's launch."
    assert roles(text)["North Korea"] == "subject"


def test_possessive_conduct_makes_a_subject():
    assert roles("The United States condemned Russia's training of soldiers.")["Russia"] == "subject"


def test_sanctions_on_a_state_make_it_a_subject():
    text = "The United States will not hesitate to impose sanctions on North Korea and Russia when necessary."
    assert roles(text) == {"United States": "imposer", "North Korea": "subject", "Russia": "subject"}


def test_call_on_makes_a_subject():
    text = "The ministers issued a joint statement. “We call on the DPRK and Russia to cease unlawful arms transfers.”"
    assert roles(text) == {"North Korea": "subject", "Russia": "subject"}


def test_victim_of_the_conduct_is_mentioned_not_subject():
    text = "Canada condemned North Korean arms transfers to Russia for use against Ukraine."
    assert roles(text)["Ukraine"] == "mentioned"


def test_place_of_a_meeting_is_not_an_actor():
    text = "The United States condemned the launch at a meeting in Tokyo."
    assert "Japan" not in roles(text)


def test_actor_named_only_in_background_is_left_out():
    text = (
        "The United States condemned North Korea's launch on Monday.\n"
        "It was the third test this year.\n"
        "Analysts noted that the missile resembled earlier designs.\n"
        "Separately, Iranian engineers were seen at the site."
    )
    assert "Iran" not in roles(text)


def test_denial_makes_no_subjects():
    text = "The Kremlin on Wednesday dismissed reports that its cooperation with Pyongyang broke the law as groundless."
    assert roles(text) == {"Russia": "imposer", "North Korea": "mentioned"}


def test_wire_dateline_is_not_an_actor():
    text = "SEOUL, Oct 22 (Reuters) - North Korea on Saturday denied the report as groundless."
    assert "South Korea" not in roles(text)


def test_actor_quote_is_the_sentence_that_gave_its_role():
    text = "A first sentence. The United States condemned Russia's training of soldiers."
    actor = next(a for a in extract(text).actors if a.name == "Russia")
    assert actor.quote == "The United States condemned Russia's training of soldiers."
    assert text[actor.span[0] : actor.span[1]] == actor.quote


# Issue 18: co-signers, agents named by their officials, victims, states further down.


def acting(text: str) -> set[str]:
    return {a.name for a in extract(text).actors if a.role in ("imposer", "co_signatory")}


def test_states_on_whose_behalf_a_statement_is_delivered_co_sign_it():
    text = (
        "Joint statement on DPRK\n\nThe statement was delivered by the U.S. Representative on behalf of Albania, "
        "Ecuador, Malta and the United States.\n\nWe strongly condemn the launch of November 17."
    )
    assert acting(text) == {"Albania", "Ecuador", "Malta", "United States"}


def test_ministers_of_foreign_affairs_of_a_list_sign_it():
    text = (
        "Joint statement on sanctions targeting arms transfers\n"
        "The Ministers of Foreign Affairs of Australia, Canada, Japan, the Republic of Korea and the United Kingdom "
        "affirm that the recent sanctions designations represent a coordinated effort."
    )
    assert acting(text) == {"Australia", "Canada", "Japan", "South Korea", "United Kingdom"}


def test_officials_written_as_the_agents_bring_their_states():
    text = (
        "Secretary of State Antony J. Blinken held separate calls yesterday with Republic of Korea Foreign Minister "
        "Park Jin and Japanese Foreign Minister Hayashi Yoshimasa. Secretary Blinken, Foreign Minister Park, and "
        "Foreign Minister Hayashi strongly condemned the DPRK's ballistic missile launches."
    )
    assert acting(text) == {"United States", "South Korea", "Japan"}


def test_a_header_names_the_issuer_of_a_first_person_statement():
    text = (
        "Speech: Recent launches: UK Statement at the UN Security Council\n\n"
        "We condemn in the strongest terms this serious breach of Security Council resolutions by the DPRK."
    )
    assert "United Kingdom" in acting(text)


def test_a_list_ending_before_the_agent_is_not_the_agent():
    text = (
        "Like the previous speakers from the United States, Japan and France, the United Kingdom condemns the launch."
    )
    assert acting(text) == {"United Kingdom"}


def test_a_victim_of_aggression_is_mentioned_not_dropped():
    draft = extract("The European Union condemned the continued aggression in Ukraine by Russia.")
    assert {a.name: a.role for a in draft.actors}.get("Ukraine") == "mentioned"


def test_a_state_an_officials_title_is_about_signs_nothing():
    text = (
        "The below text is a joint statement on behalf of U.S. Senior Official for the DPRK Jung Pak, ROK Vice "
        "Foreign Minister Cho Koo-rae, and Japanese Assistant Minister Namazu Hiroyuki following their call.\n"
        "The United States, ROK, and Japan condemn in the strongest possible terms the DPRK's arms transfers."
    )
    assert acting(text) == {"United States", "South Korea", "Japan"}


def test_states_that_align_themselves_with_a_decision_join_it():
    text = (
        "Declaration by the High Representative on behalf of the EU on the alignment of certain countries\n\n"
        "On 23 March 2020, the Council adopted Decision (CFSP) 2020/435 extending the restrictive measures.\n"
        "The Candidate Countries the former Yugoslav Republic of Macedonia, Montenegro and Serbia, and the EFTA "
        "countries Iceland and Norway align themselves with this Council Decision."
    )
    draft = extract(text)
    roles = {a.name: a.role for a in draft.actors}
    assert roles["European Union"] == "imposer"
    assert {n for n, r in roles.items() if r == "co_signatory"} == {
        "North Macedonia", "Montenegro", "Serbia", "Iceland", "Norway"
    }  # fmt: skip


def test_a_department_named_in_the_header_acts_when_no_one_else_does():
    text = (
        "Foreign Secretary Calls For A United Front\n\nForeign & Commonwealth Office\n\n"
        "The Foreign Secretary has welcomed the resumption of talks, speaking at a gathering hosted by Canada.\n"
    )
    assert roles(text)["United Kingdom"] == "imposer"


def test_hm_treasury_is_the_united_kingdom_not_the_us_treasury():
    text = "HM Treasury has frozen the assets of two entities, the Office of Financial Sanctions Implementation said."
    assert roles(text).get("United Kingdom") == "imposer" and "United States" not in roles(text)


def imposers(text: str) -> set[str]:
    return {name for name, role in roles(text).items() if role == "imposer"}


def test_the_doer_of_the_condemned_test_does_not_act():
    text = (
        "Statement by Prime Minister Taro Yamada on the Nuclear Test by North Korea\n"
        "Today, North Korea announced that it had conducted its fourth nuclear test. Based on this information, "
        "the Government of Japan considers that North Korea conducted a nuclear test. The nuclear test by North "
        "Korea is a clear violation of relevant resolutions and is totally unacceptable."
    )
    assert imposers(text) == {"Japan"}


def test_the_one_acting_in_a_clause_of_time_is_background():
    text = (
        "Speaking after the UN Security Council unanimously adopted a resolution on Freedonia, the Foreign "
        "Minister of Ruritania said: I welcome the unanimous adoption of the resolution today."
    )
    assert "UN Security Council" not in imposers(text)


def test_a_government_stating_its_own_intent_acts_when_no_one_else_does():
    text = (
        "Extraordinary Press Conference by the Foreign Minister\n"
        "Minister: I held telephone talks this evening with the foreign ministers of France and Italy. I explained "
        "that Japan is prepared to proceed with its own measures. Japan will continue to respond firmly in the "
        "Security Council, in close cooperation with the United States."
    )
    assert imposers(text) == {"Japan"}


def test_a_state_stating_its_intent_once_acts_unless_its_conduct_is_the_texts_subject():
    statement = (
        "Thank you President. We too condemn in the strongest terms the DPRK's further serious breach of Council "
        "resolutions. The UK will continue to call upon the DPRK to cease its illegal activity."
    )
    assert imposers(statement) == {"United Kingdom"}
    report = (
        "The DPRK's launches violate Council resolutions, a senior official told the 15-member organ today. "
        "The DPRK continues to implement its five-year military plan, she noted."
    )
    assert "North Korea" not in imposers(report)


def test_officials_of_two_states_condemning_together_act_for_both_states():
    text = (
        "date 2023-06-02 The below is attributable to the Spokesperson.\n\n"
        "Secretary of State Jane Doe spoke on June 1 with Republic of Korea (ROK) Foreign Minister Kim Min-su. "
        "Secretary Doe and Foreign Minister Kim jointly condemned the launch. The Secretary reaffirmed the "
        "ironclad U.S. commitment to the ROK."
    )
    acting = {name for name, role in roles(text).items() if role in ("imposer", "co_signatory")}
    assert acting == {"United States", "South Korea"}


def test_a_readout_with_no_act_names_both_parties_of_the_call_as_acting():
    text = (
        "The below is attributable to Spokesperson John Roe:\n\n"
        "Secretary of State Jane Doe spoke today with Republic of Korea Foreign Minister Kim Min-su. Secretary Doe "
        "and Foreign Minister Kim emphasized the importance of the alliance."
    )
    acting = {name for name, role in roles(text).items() if role in ("imposer", "co_signatory")}
    assert acting == {"United States", "South Korea"}


def test_a_partner_designating_at_the_same_time_co_signs_the_designation():
    text = (
        "Today, OFAC sanctioned two entities that support the DPRK. Today's action was coordinated with Japan, "
        "which is concurrently taking sanctions action against DPRK networks by jointly designating one entity."
    )
    found = roles(text)
    assert found["Japan"] == "co_signatory"
    assert found["North Korea"] != "co_signatory"


def test_a_partner_only_coordinating_does_not_co_sign():
    text = "Today, OFAC sanctioned two entities that support the DPRK, in close coordination with Japan."
    assert roles(text).get("Japan") != "co_signatory"


def test_an_owner_written_before_the_subject_of_the_verb_does_not_act():
    # a headline run into the lead: "... on Freedonia's Missile Test The United States condemns"
    text = "Statement by the Spokesperson on North Korea's Missile Test The United States strongly condemns the test."
    assert roles(text)["United States"] == "imposer"
    assert roles(text)["North Korea"] != "imposer"


def test_an_owner_alone_before_the_verb_still_acts():
    assert roles("Japan's Ministry of Foreign Affairs strongly condemned the launch.")["Japan"] == "imposer"


def _acting(draft) -> list[str]:
    return [a.name for a in draft.actors if a.role in ("imposer", "co_signatory")]


def test_in_remarks_the_speakers_state_acts_not_the_council_or_a_delegation_told_of():
    adoption = (
        "Remarks Following the Adoption of a UN Security Council Statement Condemning Freedonia's Latest Launch\n\n"
        "Ambassador Jane Roe\nU.S. Permanent Representative to the United Nations\nNew York City\nAugust 29, 2017\n\n"
        "Thank you, Mr. President. All fifteen members of the Security Council have spoken in unison tonight. We "
        "are all denouncing Freedonia's outrageous act against another Member State."
    )
    assert _acting(extract(adoption)) == ["United States"]
    stakeout = (
        "Remarks by Ambassador Jane Roe at the UN Security Council Stakeout on Freedonia\n\n"
        "Ambassador Jane Roe\nU.S. Representative to the United Nations\nNew York, New York\nFebruary 4, 2022\n\n"
        "QUESTION: Ambassador, your Chinese colleagues said that the U.S. needs to do more. Is it time to talk?\n\n"
        "AMBASSADOR ROE: We have made clear that we are willing to meet without preconditions."
    )
    assert _acting(extract(stakeout)) == ["United States"]


def test_a_government_site_publishing_the_text_is_its_issuer_when_the_text_names_none():
    text = (
        "Jane Roe\nPermanent Representative to the United Nations\nRemarks to the media following consultations\n"
        "New York City\nMay 26, 2009\n\n"
        "Ambassador Roe: Good evening. We had a very good, productive initial discussion about the elements of a "
        "resolution on Freedonia, and we are off to a very good start."
    )
    assert _acting(extract(text, url="http://m.state.gov/md123862.htm")) == ["United States"]
    assert _acting(extract(text, url="https://www.mofa.go.jp/announce/press/0526.html")) == ["Japan"]
    assert _acting(extract(text, url="https://blog.example.com/2009/05/remarks.html")) == []


def test_the_guests_of_a_joint_appearance_act_for_their_states():
    text = (
        "Joint Press Availability with Japanese Vice Foreign Minister Taro Yamada and Republic of Korea First Vice "
        "Foreign Minister Kim Min-su\n\n"
        "Press Availability\nJane Roe\nDeputy Secretary of State\nWashington, DC\nJanuary 5, 2017\n\n"
        "DEPUTY SECRETARY ROE: Good afternoon, everyone. We share a common purpose in addressing the region's most "
        "acute threat, and our three countries are committed to seeing the resolutions implemented fully."
    )
    assert set(_acting(extract(text, url="https://2009-2017.state.gov/s/d/2017d/1.htm"))) == {
        "United States",
        "Japan",
        "South Korea",
    }


def test_the_issuer_a_statement_at_the_council_names_in_its_header_acts_not_the_state_it_leads_with():
    text = (
        "Russia's veto is about breaching sanctions: UK statement at the UN Security Council\n\n"
        "President, first let me thank the Panel of Experts, and the US for its work as penholder. It follows arms "
        "deals between Russia and the DPRK, in breach of Security Council resolutions. It is deeply concerning that "
        "Russia, a permanent member of this Council, has taken such action."
    )
    acting = {name for name, role in roles(text).items() if role in ("imposer", "co_signatory")}
    assert acting == {"United Kingdom"}


def test_a_copy_without_its_header_acts_for_the_issuer_its_url_names():
    text = (
        "Colleagues, it is highly likely that the DPRK has agreed to send combat troops to fight beside Russia.\n"
        "Already Russia was procuring weaponry from the DPRK, in violation of resolutions it voted for."
    )
    url = "https://example.org/the-more-willing-he-is-to-rely-on-dprk-uk-statement-at-the-un-security-council/amp"
    draft = extract(text, url=url)
    imposer = next(a for a in draft.actors if a.role == "imposer")
    assert imposer.name == "United Kingdom"
    assert text[imposer.span[0] : imposer.span[1]] == imposer.quote  # quoted at the first sentence: never named


def test_a_copy_without_its_header_speaks_for_the_issuer_its_url_names_not_for_the_vetoer():
    text = (
        "One year on, the UK deeply regrets Russia's decision to veto the renewal of the Panel of Experts.\n"
        "This was a deliberate act to conceal Russia's own erosion of the sanctions it has a duty to uphold."
    )
    url = "https://example.org/russia-has-acted-to-obscure-violations-uk-statement-at-the-un-security-council"
    acting = {a.name for a in extract(text, url=url).actors if a.role in ("imposer", "co_signatory")}
    assert acting == {"United Kingdom"}


def test_states_listed_as_subjects_with_a_comma_before_the_verb_all_act():
    text = "The United States, the Republic of Korea (ROK), and Japan, issued designations targeting DPRK officials."
    acting = {name for name, role in roles(text).items() if role in ("imposer", "co_signatory")}
    assert acting == {"United States", "South Korea", "Japan"}


def test_an_unnamed_minister_welcoming_a_council_resolution_acts_for_the_uk_not_the_council():
    text = (
        "Press release: Foreign Secretary welcomes new UN Security Council resolution on North Korea\n\n"
        "The Foreign Secretary said:\n\n"
        "The UN Security Council has unanimously adopted a new Resolution that extends sanctions against the "
        "programmes of North Korea to more individuals and organisations."
    )
    assert roles(text).get("United Kingdom") == "imposer"
    assert roles(text).get("UN Security Council") != "imposer"


def test_a_body_stating_its_own_intent_acts_not_the_state_whose_president_called_for_measures():
    text = (
        "Statement by the Spokesperson on the launch of a ballistic missile\n\n"
        "Earlier today, the DPRK launched a ballistic missile in flagrant violation of multiple resolutions. The High "
        "Representative will speak to partners about further measures, as called for by the President of the "
        "Republic of Korea, Kim Min-su. The European Union, for its part, will consider an appropriate response."
    )
    assert roles(text).get("European Union") == "imposer"
    assert roles(text).get("South Korea") not in ("imposer", "co_signatory")


def test_a_headline_of_measures_taken_by_a_government_against_a_state_lists_no_signers():
    text = (
        "(1) Further Measures Taken by the Government of Japan Against North Korea\n\n"
        "In coordination with the United States, the cabinet today designated three groups and one individual as "
        "subject to asset freezing."
    )
    assert roles(text).get("North Korea") not in ("imposer", "co_signatory")


def test_the_topic_of_a_statement_by_another_is_not_its_issuer_nor_is_the_owner_of_violations():
    text = (
        "North Korea: Statement by the Spokesperson on the recent launch of ballistic missiles\n\n"
        "The Democratic People’s Republic of Korea’s (DPRK) repeated and blatant violations of UN Security Council "
        "resolutions threaten international and regional peace and security.\n"
        "The EU is ready to support a new diplomatic process."
    )
    url = "https://example.org/north-korea-statement-by-the-spokesperson-on-the-recent-launch-of-ballistic-missiles/"
    acting = {a.name for a in extract(text, url=url).actors if a.role in ("imposer", "co_signatory")}
    assert acting == {"European Union"}


def test_the_host_of_a_meeting_acts_and_so_does_each_state_whose_official_leads_it():
    text = (
        "On March 27 and 28, the United States hosted the 6th U.S.-Republic of Korea (ROK) Working Group to counter "
        "cyber threats posed by the DPRK. Led by Deputy Special Representative for the DPRK Jane Roe and ROK "
        "Ministry of Foreign Affairs Director General for North Korean Nuclear Affairs Kim Min-su, the meeting "
        "underscored the close collaboration between the U.S. and ROK governments."
    )
    acting = {a.name: a.role for a in extract(text).actors if a.role in ("imposer", "co_signatory")}
    assert acting == {"United States": "imposer", "South Korea": "co_signatory"}


def test_an_ambassador_summoned_is_a_protest_by_the_summoning_state_not_the_ambassadors():
    text = (
        "Foreign Office Minister Summons North Korea Ambassador\n\n"
        "Jane Roe, the Minister of State for Asia, has summoned the North Korea Ambassador to protest about the "
        "country's missile launch over Japan last week.\n"
        "Roe said: I summoned the North Korean ambassador to the Foreign Office today and made clear how strongly the "
        "UK condemns the regime's launch of an intermediate range missile over Japan."
    )
    assert extract(text).type == "condemnation"
    assert acting(text) == {"United Kingdom"}


def test_states_listed_after_aligning_themselves_with_a_statement_co_sign_it():
    text = (
        "Vienna, 12.09.2023\n\n"
        "I have the honour to speak on behalf of the European Union. The following countries align themselves with "
        "this statement: North Macedonia, Montenegro, Ukraine and Norway.\n"
        "The EU strongly condemns the DPRK's illegal nuclear and ballistic missile related activities."
    )
    draft = extract(text)
    assert draft.type == "condemnation"
    assert roles(text) == {
        "European Union": "imposer",
        "North Macedonia": "co_signatory",
        "Montenegro": "co_signatory",
        "Ukraine": "co_signatory",
        "Norway": "co_signatory",
        "North Korea": "subject",
    }


def test_a_release_from_washington_dc_is_the_united_states_and_a_condition_states_no_intent():
    text = (
        "President Jane Roe's Call with Prime Minister Taro Yamada of Japan\n\n"
        "Washington, DC - President Jane Roe spoke with Prime Minister Taro Yamada of Japan to discuss the "
        "situation in North Korea. The leaders affirmed their strong intention to maintain pressure until such "
        "point that North Korea takes tangible steps toward denuclearization."
    )
    assert acting(text) == {"United States", "Japan"}


def test_a_statement_in_the_security_council_is_the_speakers_states_not_the_councils():
    text = (
        "Resolution on North Korea Adopted Unanimously\n\n"
        "Ambassador Jane Roe, U.S. Permanent Representative to the United Nations\nStatement in the Security Council\n"
        "New York City\nJuly 15, 2006\n\n"
        "Mr. President,\n"
        "Eleven days have passed since the DPRK fired seven ballistic missiles. The Security Council has today "
        "condemned the launches and imposed measures on North Korea."
    )
    assert acting(text) == {"United States"}


def test_the_officials_listed_as_those_who_met_act_for_their_states():
    text = (
        "On Friday, National Security Advisor Jane Roe, Republic of Korea National Security Advisor Kim Min-su, and "
        "Japanese National Security Advisor Taro Yamada met in Washington, D.C., for a trilateral meeting. They "
        "expressed grave concern over troop deployments by the DPRK to Russia."
    )
    assert {"South Korea", "Japan"} <= acting(text)


def test_the_three_countries_are_those_the_sentence_before_names():
    text = (
        "Japan, the United States and the Republic of Korea (ROK) conducted a trilateral air exercise. The three "
        "countries strongly condemned the DPRK's continued launches."
    )
    assert {a.name for a in extract(text).actors if a.role == "imposer"} == {"Japan", "United States", "South Korea"}


def test_a_state_joining_others_in_an_act_acts_too():
    text = "The UK joined the US, Japan and the ROK in condemning North Korea's launch."
    assert acting(text) == {
        "United Kingdom", "United States", "Japan", "South Korea",
    }  # fmt: skip


def test_the_united_kingdom_in_full_names_no_ireland():
    text = (
        "We, the Governments of Japan, the United Kingdom of Great Britain and Northern Ireland and the United "
        "States of America, today announce the establishment of a monitoring team."
    )
    assert "Ireland" not in {a.name for a in extract(text).actors}


def test_the_council_is_the_one_the_text_names_acting_not_the_one_whose_resolution_it_cites():
    text = (
        "COUNCIL OF THE EUROPEAN UNION\n\nBrussels, 27 March 2007\n\nPRESS RELEASE\n\n"
        "The Council today adopted a regulation giving effect to restrictive measures against the DPRK. The "
        "regulation implements UN Security Council resolution 1718 (2006) and UN Security Council resolution "
        "1874 (2009)."
    )
    assert acting(text) == {"European Union"}


def test_a_ministrys_site_name_names_the_state_the_government_speaking_serves():
    text = (
        "Ministry of Foreign Affairs, Republic of Korea\nHome > Press Center > Spokesperson's Briefings\n\n"
        "SPOKESPERSON: Good afternoon. Early yesterday morning North Korea once again fired a ballistic missile. "
        "The Government strongly condemns this launch, a blatant violation of Security Council resolutions."
    )
    assert {a.name for a in extract(text).actors if a.role == "imposer"} == {"South Korea"}


def test_the_one_met_in_a_capital_serves_its_state():
    text = (
        "Secretary of State Jane Roe met in Seoul today with Minister of Foreign Affairs Kim Min-su. The two "
        "ministers strongly condemned North Korea's launches."
    )
    draft = extract(text)
    assert [o.organisation for o in draft.officials if o.name == "Kim Min-su"] == ["South Korea"]
    assert "South Korea" in {a.name for a in draft.actors if a.role in ("imposer", "co_signatory")}


def test_a_ministrys_site_names_the_state_its_minister_serves_and_a_joint_press_conference_has_both_act():
    text = (
        "Ministry of Foreign Affairs, Republic of Korea\nHome > Press Center > Speeches and Transcripts\n"
        "Joint Press Conference by Minister of Foreign Affairs Kim Min-su and U.S. Secretary of State Jane Roe\n\n"
        "MINISTER KIM: Our Government condemns this launch in the strongest terms.\n\n"
        "SECRETARY ROE: The United States condemns it too."
    )
    assert acting(text) == {
        "South Korea", "United States",
    }  # fmt: skip


def test_partners_each_announcing_their_own_designations_in_the_lead_designate_too():
    text = (
        "Treasury Sanctions a Cyber Espionage Group\n\nWASHINGTON - Today, the Department of the Treasury's Office "
        "of Foreign Assets Control sanctioned the group Kimsuky. Today's action is taken together with Japan, the "
        "Republic of Korea, and Australia, each of which is announcing its own designations."
    )
    assert acting(text) == {
        "United States", "Japan", "South Korea", "Australia",
    }  # fmt: skip


def test_in_remarks_with_a_guest_the_host_and_the_guest_both_act():
    text = (
        "Remarks With Republic of Korea Foreign Minister Kim Min-su After Their Meeting\nJane Roe\nSecretary of "
        "State\nSeoul\nApril 12, 2013\n\nFOREIGN MINISTER KIM: Should the North launch a missile, it will face a "
        "firm response.\nSECRETARY ROE: If the North launches a missile, it will defy the whole world."
    )
    draft = extract(text)
    assert ("Kim Min-su", "Foreign Minister") in [(o.name, o.title) for o in draft.officials]
    assert {a.name for a in draft.actors if a.role in ("imposer", "co_signatory")} == {"United States", "South Korea"}


def test_partners_in_an_aside_act_beside_the_subject():
    text = "Norway, together with Denmark, condemns North Korea's missile launch, a violation of the resolutions."
    assert acting(text) == {"Norway", "Denmark"}


def test_those_who_did_as_the_subject_did_act_too():
    text = "Norway condemned North Korea's missile launch, as did Denmark and Iceland."
    assert acting(text) == {"Norway", "Denmark", "Iceland"}


def test_the_owners_of_the_offices_that_act_are_agents():
    text = "Norway's Foreign Minister and Denmark's Foreign Minister condemned North Korea's missile launch."
    assert acting(text) == {"Norway", "Denmark"}


def test_a_header_naming_a_statement_by_a_state_names_its_issuer():
    body = "\nWe strongly condemn North Korea's ballistic missile launch."
    for header in ("Statement by Norway", "Statement by the Government of Norway"):
        assert acting(header + body) == {"Norway"}, header


def test_those_a_passive_names_as_condemning_act_with_those_listed_after_them():
    assert acting("The launch was condemned by the United States, Japan and the Republic of Korea.") == {
        "United States",
        "Japan",
        "South Korea",
    }


def test_a_state_imposing_sanctions_now_acts():
    # "is imposing" is an act under way, not a passive like "is prohibited"
    assert acting("Canada is imposing sanctions on two entities under resolution 2397.") == {"Canada"}


def test_foreign_ministries_and_sanctions_offices_name_their_state():
    assert acting("Germany's Federal Foreign Office condemned the launch.") == {"Germany"}
    assert acting("Global Affairs Canada announced sanctions on two entities.") == {"Canada"}
    assert acting("The State Secretariat for Economic Affairs (SECO) has adopted the EU's sanctions.") == {
        "Switzerland"
    }
    assert acting("The Quai d'Orsay condemned the launch.") == {"France"}


def test_states_that_blacklist_list_freeze_or_slap_sanctions_act():
    assert acting("South Korea blacklisted 11 individuals over the missile transfers.") == {"South Korea"}
    assert acting("The EU has listed two Russian entities over the missile transfers.") == {"European Union"}
    assert acting("Japan froze the assets of 11 individuals over the missile transfers.") == {"Japan"}
    assert acting("South Korea on Friday slapped sanctions on 11 North Koreans.") == {"South Korea"}


def test_the_signers_of_a_statement_denounced_are_its_object_not_its_signers():
    for verb in ("denounced the statement by", "rejected the joint statement issued by"):
        text = f"Russia on Friday {verb} the United States, Japan and South Korea as hostile."
        assert acting(text) == {"Russia"}, verb


def test_a_state_whose_ministry_summons_an_ambassador_acts():
    text = "South Korea's foreign ministry on Thursday summoned the Russian ambassador to protest the arms deals."
    assert acting(text) == {"South Korea"}


def test_the_state_that_cast_a_veto_acts_not_the_council_that_failed():
    text = "The Security Council on Friday failed to adopt a resolution on North Korea after Russia cast a veto."
    assert acting(text) == {"Russia"}


def test_offices_named_with_a_surname_in_a_readout_act_for_their_states():
    text = (
        "Secretary of State Jane Roe spoke today with Republic of Korea Foreign Minister Kim Min-jun. The Secretary "
        "and Foreign Minister Kim condemned the DPRK's ballistic missile launches."
    )
    assert acting(text) == {"United States", "South Korea"}


def test_a_chief_cabinet_secretary_speaks_for_japan():
    text = "Press Conference by the Chief Cabinet Secretary\n\nCHIEF CABINET SECRETARY ROE: We strongly condemn it."
    assert acting(text) == {"Japan"}
