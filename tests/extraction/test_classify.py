"""The type: what the text says was done, the headline and lead weighing most."""

import pytest

from service.extraction import extract


def kind(text: str) -> str:
    return extract(text).type


def test_ofac_designation():
    assert kind("Today, OFAC designated two entities involved in DPRK arms transfers to Russia.") == "designation"


def test_eu_restrictive_measures_are_a_designation():
    text = "The Council today decided to impose restrictive measures on 3 individuals and 2 entities."
    assert kind(text) == "designation"


def test_committee_listing_is_a_designation():
    assert kind("The Committee approved the addition of the entries below to its sanctions list.") == "designation"


def test_removal_from_the_sdn_list_is_a_delisting():
    text = "Today, OFAC removed Ocean Star Shipping Co., Ltd. from the SDN List after the company changed ownership."
    assert kind(text) == "delisting"


def test_condemnation():
    assert kind("The United States strongly condemns the DPRK's launch of a ballistic missile.") == "condemnation"


def test_joint_statement_outweighs_the_condemnation_it_contains():
    text = (
        "Allies issue joint statement on DPRK\n"
        "The foreign ministers of Japan, South Korea and the United States issued a joint statement.\n"
        "The statement condemned North Korea's launch."
    )
    assert kind(text) == "joint_statement"


def test_will_not_hesitate_to_sanction_is_a_warning_not_a_designation():
    text = "The United States will not hesitate to impose sanctions on North Korea and Russia when necessary."
    assert kind(text) == "warning"


def test_price_to_pay_is_a_warning():
    assert kind("The allies say Moscow will pay a price for military cooperation with Pyongyang.") == "warning"


def test_veto():
    assert kind("China and Russia on Thursday vetoed a U.S.-drafted resolution on North Korea.") == "veto"


def test_failed_to_adopt_is_a_veto():
    text = "The Security Council today failed to adopt a draft resolution, owing to the negative vote of Russia."
    assert kind(text) == "veto"


def test_veto_named_as_background_of_a_condemnation_is_no_veto():
    text = "The United States condemns Russia's veto of the resolution that would have extended the Panel's mandate."
    assert kind(text) == "condemnation"


def test_denial():
    assert kind("The Kremlin on Wednesday dismissed the reports as groundless and denied any agreement.") == "denial"


def test_report():
    assert kind("The Multilateral Sanctions Monitoring Team today released its first report.") == "report"


def test_council_briefing_is_other():
    text = "The Security Council today held an open briefing on the DPRK. Several members condemned the launch."
    assert kind(text) == "other"


def test_no_act_is_other_with_a_warning():
    draft = extract("The weather in Seoul was mild.")
    assert draft.type == "other"
    assert any("No act recognised" in warning for warning in draft.warnings)


def test_headline_outweighs_a_later_paragraph():
    text = (
        "US condemns Russia-North Korea military cooperation\n"
        "The State Department said Russia's conduct was unacceptable and that it was studying all options.\n"
        "Separately, officials warned the two countries of consequences if transfers continued."
    )
    assert kind(text) == "condemnation"


def test_past_sanctions_in_the_background_are_not_the_act():
    text = (
        "The spokesperson warned that the US won't hesitate to act.\n"
        "He said the US has imposed sanctions on a number of entities in the past."
    )
    assert kind(text) == "warning"


def test_type_quote_is_the_sentence_of_the_strongest_cue():
    text = "Background sentence here. The United States strongly condemns the launch."
    draft = extract(text)
    assert draft.type_quote == "The United States strongly condemns the launch."
    assert text[draft.type_span[0] : draft.type_span[1]] == draft.type_quote


# Issue 18: what public documents do.


def test_a_meeting_report_is_typed_by_the_meeting_not_its_headline_verb():
    text = (
        "North Korea Violated Sanctions, Envoy Warns Council\n\n"
        "Rosemary DiCarlo briefed the Security Council today on the latest launch by the DPRK."
    )
    assert extract(text).type == "other"


def test_fresh_sanctions_against_lenders_and_targeted_firms_are_designations():
    assert extract("The government announced fresh sanctions against four lenders on Friday.").type == "designation"
    assert extract("Treasury targeted two firms that shipped coal to North Korea.").type == "designation"


def test_an_old_joint_statement_named_in_passing_is_not_the_act():
    text = "Japan strongly protests the launch, which violates the Joint Statement of the Six-Party Talks."
    assert extract(text).type != "joint_statement"


def test_welcoming_an_adopted_resolution_is_other():
    text = "Japan highly appreciates that the Security Council unanimously adopted Resolution 2397 today."
    assert extract(text).type == "other"


def test_a_launch_without_warning_is_no_warning():
    text = "The UK condemns the launch. North Korea launched the missile without warning over Japan."
    assert extract(text).type == "condemnation"


def test_powers_to_sanction_are_no_designation():
    text = "The new executive order enables Treasury to freeze assets of anyone trading with North Korea."
    assert extract(text).type != "designation"


def test_calling_the_act_a_grave_violation_condemns_it():
    text = (
        "Brussels, 7 February 2016\n\nThe launch conducted earlier today by the DPRK is yet another outright and "
        "grave violation of its international obligations, as set out in several UN Security Council Resolutions."
    )
    assert extract(text).type == "condemnation"


def test_a_welcomed_resolution_stays_other_though_it_names_violations():
    text = (
        "Japan highly appreciates that the Security Council unanimously adopted Resolution 2375 today. North Korea's "
        "nuclear test represents a flagrant violation of a series of relevant resolutions."
    )
    assert extract(text).type == "other"


def test_sanctions_renewed_are_a_designation():
    text = "Today the Cabinet implemented the required procedures to extend the above sanctions for a two-year period."
    assert kind(text) == "designation"


def test_an_alignment_declaration_is_no_designation_of_its_own():
    text = (
        "Declaration by the High Representative on behalf of the EU on the alignment of certain countries "
        "concerning restrictive measures\n\n"
        "The Council added four persons to the list of persons subject to restrictive measures in Annex I.\n\n"
        "The Candidate Countries Montenegro and Albania align themselves with this Council Decision.\n"
    )
    assert kind(text) == "other"


def test_a_condemnation_that_comes_with_sanctions_is_a_designation():
    """The headline, written twice at the top of the page, counts once; the sentence that condemns and imposes
    counts for the sanctions."""
    headline = "SECURITY COUNCIL CONDEMNS NUCLEAR TEST, ADOPTING RESOLUTION 1718 (2006)"
    text = (
        f"{headline}\n14 October 2006\n{headline}\n\n"
        "The Security Council this afternoon condemned that test and imposed sanctions on the DPRK, calling for "
        "it to return to talks.\n\nThe resolution imposes an asset freeze and travel ban on persons related to "
        "the programme.\n"
    )
    assert kind(text) == "designation"


def test_a_line_introducing_the_following_joint_statement_makes_one():
    text = (
        "The text of the following joint statement was released by the Governments of Ruritania and Freedonia.\n"
        "Ruritania and Freedonia strongly condemn the missile launches of 3 and 4 May, which violate resolutions."
    )
    assert kind(text) == "joint_statement"


def test_states_condemning_together_in_the_present_tense_state_it_jointly():
    text = (
        "Office of the Spokesperson\n"
        "The United States, the Republic of Korea (ROK), and Japan strongly condemn the DPRK's recent ballistic "
        "missile launches and commit to strengthen their trilateral cooperation towards denuclearization."
    )
    draft = extract(text)
    assert draft.type == "joint_statement"
    signers = {a.name for a in draft.actors if a.role in ("imposer", "co_signatory")}
    assert signers == {"United States", "South Korea", "Japan"}


def test_a_report_of_states_that_condemned_together_stays_a_condemnation():
    text = "The United States and Japan condemned the DPRK's ballistic missile launch in a call on Monday evening."
    assert kind(text) == "condemnation"


def test_a_briefer_who_warns_the_council_reports_a_meeting():
    text = (
        "Programme Continues, Violating Resolutions, Assistant Secretary-General Warns Security Council\n"
        "The country is intent on pursuing its nuclear programme, a senior United Nations official told the "
        "15-member organ today, as Maria Lopez, Assistant Secretary-General for Political Affairs, briefed the "
        "Council on the latest launch."
    )
    draft = extract(text)
    assert draft.type == "other"
    assert [(o.name, o.title) for o in draft.officials] == [
        ("Maria Lopez", "Assistant Secretary-General for Political Affairs")
    ]


def test_a_veto_report_names_every_vetoer_and_what_the_draft_would_have_done_is_not_done():
    text = (
        "Security Council Fails to Adopt Resolution on Freedonia, as Two Members Wield Veto\n"
        "Ruritania, Russian Federation Denounce Sanctions as 'Inhumane', Rejecting Text\n"
        "In a late-breaking meeting today, the Security Council failed to adopt a resolution that would have "
        "strengthened sanctions, with the representatives of two members denouncing the measure.\n"
        "The draft garnered support from 13 members, but was ultimately vetoed by China and the Russian Federation. "
        "Had it passed, the Council would have condemned in the strongest terms the launch of 24 March."
    )
    draft = extract(text)
    assert draft.type == "veto"
    assert {a.name for a in draft.actors if a.role == "imposer"} == {"China", "Russia"}


def test_a_veto_told_with_no_one_casting_it_is_the_context_of_an_explanation_of_vote():
    text = (
        "Explanation of Vote by Permanent Representative Ambassador Kari Nordmann on a draft resolution.\n"
        "The draft resolution was vetoed and hence not adopted.\n"
        "Norway strongly condemns the DPRK's recent series of ballistic missile launches, in clear violation of "
        "several Security Council resolutions."
    )
    draft = extract(text)
    assert draft.type == "condemnation"
    assert [a.name for a in draft.actors if a.role == "imposer"] == ["Norway"]


def test_remarks_tell_of_the_councils_act_and_of_a_veto_as_their_occasion():
    text = (
        "Explanation of Vote at the Adoption of a Security Council Resolution on Freedonia\n"
        "Ambassador Jane Roe\n"
        "Thank you, Mr. President. The Security Council is sending a clear message today: stop firing missiles, or "
        "face the consequences. Our delegation voted in favour, as the draft vetoed last year was not adopted."
    )
    assert kind(text) == "other"
    speech = (
        "Remarks at a Security Council Briefing on Freedonia\n"
        "Thank you, Mr. President. The United Kingdom strongly condemns Freedonia's launch of a ballistic missile "
        "in violation of Council resolutions."
    )
    assert kind(speech) == "condemnation"


def test_a_joint_statement_named_by_its_date_is_an_earlier_document():
    text = (
        "The Minister spoke with the Foreign Minister of Freedonia. They recalled the March 4 joint statement and "
        "discussed regional security."
    )
    assert kind(text) == "other"


def test_what_a_text_thanks_someone_for_is_not_its_own_act():
    text = (
        "The Secretary spoke with the Foreign Minister of Freedonia and thanked him for Freedonia's statement "
        "condemning the launches. They discussed trade."
    )
    assert kind(text) == "other"


def test_the_adopted_texts_act_in_an_explanation_of_votes_headline_is_its_occasion():
    text = (
        "Explanation of Vote at the Adoption of UN Security Council Resolution 9999 Imposing New Sanctions on "
        "Freedonia\n\n"
        "Ambassador Jane Roe\n\n"
        "Thank you, Mr. President. Today this Council stands united against a regime that rejects the pursuit of "
        "peace, and I thank my colleagues for their work on this text."
    )
    assert kind(text) == "other"
    remarks = (
        "Remarks Following the Adoption of a UN Security Council Statement Condemning Freedonia's Latest Launch\n\n"
        "Ambassador Jane Roe\n\n"
        "Thank you, Mr. President. Tonight all fifteen members of this Council spoke in unison, and we are glad "
        "of it."
    )
    assert kind(remarks) == "other"


def test_two_ministers_who_jointly_condemned_in_a_call_condemned():
    text = (
        "Secretary Doe's Call with Freedonian Foreign Minister Roe\n\n"
        "Secretary of State Jane Doe spoke with Freedonian Foreign Minister Richard Roe and they jointly condemned "
        "the launch of a ballistic missile as a clear violation of multiple UN Security Council resolutions."
    )
    assert kind(text) == "condemnation"


def test_a_joint_press_availability_names_its_kind_as_remarks_do():
    text = (
        "Joint Press Availability with Japanese Vice Foreign Minister Taro Yamada\n\n"
        "Press Availability\nJane Roe\nDeputy Secretary of State\nWashington, DC\nJanuary 5, 2017\n\n"
        "DEPUTY SECRETARY ROE: Good afternoon, everyone. It is a great pleasure to be here with my colleagues.\n\n"
        "Since our first trilateral meeting we have met six times, building a relationship of real strength.\n\n"
        "We share a common purpose in addressing the region's most acute threat, and we work on it together.\n\n"
        "This past year saw the unanimous passage of two resolutions, which sent a very clear message that the "
        "regime will face ever-increasing consequences."
    )
    assert kind(text) == "other"  # a warning the text tells of weighs less than the kind of document


def test_remarks_copied_without_their_header_still_open_as_remarks():
    text = (
        "December 18, 2024\n"
        "Thank you, Under-Secretary-General Jane Roe and Mr. Richard Doe, for your briefings.\n"
        "In vetoing the mandate renewal of the Panel of Experts, Freedonia sought to prevent crucial, objective "
        "investigations into violations of Security Council resolutions."
    )
    assert kind(text) == "other"


def test_the_speakers_own_condemnation_in_a_later_paragraph_of_remarks_is_the_act():
    text = (
        "Remarks at a UN Security Council Briefing Called by Freedonia\n\n"
        "Jane Roe\nPolitical Minister Counselor\nNew York, New York\nOctober 27, 2023\n\n"
        "Thank you, Mr. President. And thank you for your briefing today, which we found useful in every way.\n\n"
        "It has been two weeks since Freedonia last called a meeting of this Council on this very issue.\n\n"
        "Addressing security threats from the illicit proliferation of arms is a longstanding priority of ours.\n\n"
        "We condemn the DPRK for providing Freedonia with its military equipment."
    )
    assert kind(text) == "condemnation"


def test_a_joint_statement_named_on_the_line_after_a_dateline_is_one():
    text = (
        "Ruritania, 3 April 2024\n\n"
        "Joint Statement on behalf of Freedonia, Ruritania and Japan.\n\n"
        "Freedonia, Ruritania and Japan are deeply disappointed by the outcome of today's vote in the Council."
    )
    assert kind(text) == "joint_statement"  # the year ending the line above is no date naming an old statement


def test_a_statement_welcoming_a_presidential_statement_that_condemns_is_no_condemnation():
    text = (
        "The Security Council Presidential Statement on the launch by North Korea\n"
        "(Statement by Foreign Minister Jane Roe)\n\n"
        "1. Yesterday the Security Council adopted a Presidential Statement which strongly condemns the launch of a "
        "ballistic missile by North Korea on April 2.\n"
        "2. The Government of Japan appreciates that the UNSC sent a firm and united message to North Korea.\n"
        "3. Japan and its partners have repeatedly urged North Korea to comply with the resolutions and, among "
        "others, condemned its launches."
    )
    assert kind(text) == "other"


def test_something_that_has_consequences_is_no_warning():
    text = (
        "Colleagues, the war in Freedonia affects us all.\n"
        "This has consequences for every country, wherever it is in the world.\n"
        "It is with deep concern that I draw the Council's attention to reports of troops sent to fight there."
    )
    assert kind(text) == "other"  # remarks copied without their header, opening on "Colleagues,"


def test_a_statement_at_the_council_tells_of_a_veto_as_its_occasion():
    text = (
        "Freedonia's veto shields its own violations: UK statement at the UN Security Council\n\n"
        "President, this veto undermines the Panel's work and the credibility of this Council. Freedonia vetoed "
        "the renewal to hide its own breaches of the sanctions regime."
    )
    assert kind(text) == "other"


def test_a_condemnation_someone_did_not_make_is_no_act():
    text = (
        "Remarks at a UN Security Council Briefing on the Launch\n\n"
        "Thank you, Madam President. I found it interesting that one delegation did not at any point condemn this "
        "launch, and that two permanent members have been unwilling to condemn it."
    )
    assert kind(text) == "other"


def test_humanitarian_consequences_are_no_warning():
    text = (
        "Colleagues, the launches divert resources from the people of the DPRK.\n"
        "All this, as the Assistant Secretary-General said, has humanitarian consequences."
    )
    assert kind(text) == "other"


def test_readiness_to_take_steps_in_parallel_is_no_warning_but_to_take_further_measures_is():
    assert kind("We remain ready to take actions in parallel, towards a balanced agreement.") == "other"
    assert kind("Japan stands ready to take further measures against North Korea.") == "warning"


def test_a_launch_in_flagrant_violation_of_resolutions_is_condemned_without_the_verb():
    text = "Earlier today, the DPRK launched a ballistic missile in flagrant violation of multiple resolutions."
    assert kind(text) == "condemnation"


def test_the_kind_of_document_counts_once_however_often_it_is_named():
    text = (
        "Extraordinary Press Conference by Foreign Minister Jane Roe\n"
        "Sunday, February 7, 2016\n\n"
        "Reporter: Which route did Japan use to lodge its protest with North Korea this morning, and when?\n\n"
        "Minister Roe: Japan lodged a serious protest this morning through the embassy route in Beijing.\n\n"
        "Reporter: Could you please share more details regarding the contents of the protest Japan lodged?\n\n"
        "Minister Roe: I would like to refrain from commenting on the details. Japan strongly protests this.\n\n"
        "Afterwards, I will hold a press conference and give further details on the matter to all of you."
    )
    assert kind(text) == "condemnation"


def test_a_minister_welcoming_a_new_council_resolution_imposing_sanctions_is_no_designation():
    text = (
        "Press release: Foreign Secretary welcomes new UN Security Council resolution on North Korea\n\n"
        "The UN Security Council has unanimously adopted a new Resolution that extends sanctions against the "
        "programmes of North Korea to more individuals and organisations."
    )
    assert kind(text) == "other"


def test_designated_persons_named_as_a_status_are_no_designation():
    text = (
        "Financial sanctions, North Korea\n"
        "This document contains a current list of designated persons. It explains how to avoid dealing with them."
    )
    assert kind(text) == "other"


def test_designations_written_as_a_noun_are_a_designation():
    issued = "Freedonia, Ruritania, and Japan, issued designations targeting officials of the missile programme."
    approved = "In today's Cabinet meeting we approved the designation of an additional 19 entities."
    assert kind(issued) == "designation"
    assert kind(approved) == "designation"


def test_unilateral_sanction_measures_against_a_state_are_a_designation():
    text = (
        "Announcement of Unilateral Sanction Measures against North Korea\n"
        "In spite of the opposition and warning by the Government and the international community, North Korea "
        "carried out a nuclear test."
    )
    assert kind(text) == "designation"  # the warning is background


def test_an_intention_to_remove_names_is_no_delisting():
    text = (
        "The members of the Committee expressed their intention to consider favourably the removal of these "
        "individuals from the sanctions list. The Committee designated two individuals listed in the annex."
    )
    assert kind(text) == "designation"


def test_remarks_that_call_a_launch_a_violation_are_remarks():
    text = (
        "Remarks at a UN Security Council Briefing on the Satellite Launch\n\n"
        "Thank you, Madam President. This space launch, which again is in violation of multiple resolutions, "
        "was raised by several delegations. There is one party that has been sanctioned by the Security Council."
    )
    assert kind(text) == "other"


def test_efforts_to_hold_a_state_accountable_are_an_aim_not_a_warning():
    text = (
        "The National Security Advisors reiterated their commitment to help Ukraine defend itself and to "
        "coordinate efforts to hold Russia accountable for its actions."
    )
    assert kind(text) == "other"


def test_briefing_member_states_on_a_report_is_other_whatever_veto_came_before():
    text = (
        "Today a State Department official briefed UN Member States and members of the press on the second report. "
        "The team was launched in 2024 after Russia vetoed the renewal of the Panel of Experts mandate."
    )
    assert kind(text) == "other"


def test_travel_bans_and_asset_freezes_imposed_are_a_designation():
    text = "The resolution imposes new travel bans and asset freezes on several North Korean individuals."
    assert kind(text) == "designation"


def test_a_section_311_rule_made_final_against_a_bank_is_a_designation_of_it():
    text = "The Treasury today finalized its rule against Banco Alpha SARL under Section 311 of the USA PATRIOT Act."
    draft = extract(text)
    assert draft.type == "designation"
    assert [t.name for t in draft.targets] == ["Banco Alpha SARL"]


def test_what_a_draft_would_do_and_consequences_told_of_are_no_warning():
    text = (
        "Remarks to the media following a Security Council Stakeout\n\n"
        "I would like to outline for you the nature of the consequences, and measures, in the draft resolution. "
        "In the first instance, this draft would impose a complete embargo on arms. The resolution tabled today "
        "will take the UN sanctions to the next level."
    )
    assert kind(text) == "other"


def test_a_consequence_made_conditional_on_the_act_is_a_warning():
    text = "'I hope that does not happen. But if it does, we must bring even more measures to bear,' she said."
    assert kind(text) == "warning"
    assert kind("North Korea will face serious consequences for any further test.") == "warning"


def test_a_condemnation_last_week_is_background_to_a_report():
    text = (
        "Last week, South Korea, the U.S. and Japan strongly condemned North Korea's supplies of arms to Russia.\n"
        "Both Russia and North Korea dismissed the accusations as baseless."
    )
    assert kind(text) == "denial"


def test_a_launch_that_has_violated_resolutions_or_blatant_violations_are_condemned_without_the_verb():
    assert kind("North Korea has once again violated UN Security Council Resolutions by launching a missile.") == (
        "condemnation"
    )
    assert kind("The DPRK's repeated and blatant violations of UN resolutions threaten the region.") == "condemnation"


def test_what_a_reporter_asks_about_is_not_the_speakers_act():
    text = (
        "Press Conference by the Chief Cabinet Secretary\n\nSeptember 22, 2017 (AM)\n\n"
        "REPORTER: I have a question about North Korea. Its leader has released a statement condemning the address. "
        "He is strongly protesting it.\n\n"
        "CHIEF CABINET SECRETARY: The words and actions of North Korea are totally unacceptable."
    )
    assert kind(text) == "other"


def test_a_state_concerned_by_tests_in_violation_of_resolutions_is_no_joint_statement():
    text = (
        "A spokesperson statement on North Korea's ballistic missile launch.\n\n"
        "The UK is deeply concerned by North Korea’s decision to carry out further ballistic missile tests on "
        "29 September in violation of UN Security Council Resolutions."
    )
    assert kind(text) == "condemnation"


@pytest.mark.parametrize(
    "judged",
    [
        "We are disappointed that North Korea has carried out a ballistic missile test, a clear breach of UN "
        "Security Council resolutions.",
        "The UK is concerned about the latest North Korea missile launches.",
        "The DPRK's repeated missile launches are a threat to international and regional peace and security.",
        "Earlier today the DPRK launched several ballistic missiles in utter disregard of multiple resolutions. "
        "These actions are illegal.",
    ],
)
def test_a_statement_judging_a_launch_without_the_verb_condemns_it(judged):
    assert extract(f"Statement on North Korea's missile test\n\nA spokesperson said:\n{judged}").type == "condemnation"


def test_what_a_resolution_or_a_draft_does_is_the_councils_act_told_at_a_stakeout():
    text = (
        "Remarks At a Security Council Stakeout Following Adoption of Resolution 2087 on North Korea\n\n"
        "Ambassador Jane Roe: Good afternoon. The resolution adopted today condemns the launch and imposes important "
        "new sanctions on North Korea's companies and government agencies. The draft that has been shared clearly "
        "condemns the launch. The entities once designated would be subject to an asset freeze."
    )
    assert kind(text) == "other"


def test_a_protest_lodged_condemns_and_a_statement_on_a_resolutions_adoption_is_about_the_councils_act():
    protest = (
        "Mr. Taro Yamada, Minister for Foreign Affairs: In response to North Korea's missile launch, Japan lodged a "
        "protest to North Korea in the strongest term through the embassy route in Beijing."
    )
    assert kind(protest) == "condemnation"
    adoption = (
        "Statement by High Representative/Vice-President Jane Roe following the adoption by the United Nations "
        "Security Council of Resolution 2270 (2016) on the DPRK\n\n"
        "The unanimous adoption by the UN Security Council of Resolution 2270 (2016) is a clear expression of the "
        "unity and resolve of the international community. The DPRK's actions earlier this year are a grave threat "
        "to international peace and security in the region and beyond."
    )
    draft = extract(adoption)
    assert draft.type == "other"
    assert {a.name for a in draft.actors if a.role in ("imposer", "co_signatory")} == {"European Union"}


def test_sanctioned_items_are_a_status_and_a_government_blocked_is_no_issuer():
    shipping = (
        "An FCO Spokesperson said:\n\nWe call on insurance providers to cease any activities that may contribute to "
        "the DPRK's ability to import refined petroleum, and export coal and other sanctioned items, in breach of "
        "the UN sanctions."
    )
    assert kind(shipping) == "other"
    faq = (
        "North Korea Sanctions\n\nWhat does Executive Order (E.O.) 13722 do?\n"
        "E.O. 13722 blocks the Government of North Korea and the Workers' Party of Korea; prohibits the exportation "
        "of goods to North Korea. E.O. 13722 implements certain U.S. obligations under UNSCR 2270."
    )
    assert "North Korea" not in {a.name for a in extract(faq).actors if a.role == "imposer"}


def test_sanctions_announced_on_some_and_a_decision_to_add_to_the_list_designate():
    assert kind("The Foreign Office today announced sanctions on three individuals for arms transfers.") == (
        "designation"
    )
    assert (
        kind(
            "The Council today decided to add 8 persons and 4 entities to the list of those subject to "
            "restrictive measures."
        )
        == "designation"
    )
    assert kind("This launch adds to the list of the regime's provocations, the minister said.") != "designation"


def test_restrictive_measures_adopted_against_some_designate():
    assert (
        kind(
            "The Council today adopted restrictive measures against five individuals responsible for the "
            "DPRK's weapons programmes."
        )
        == "designation"
    )


def test_an_old_joint_statement_named_by_its_month_is_no_joint_statement():
    assert (
        kind(
            "The United States strongly condemns the launches. North Korea should carry out the commitments "
            "it accepted in the Joint Statement of September 2005."
        )
        == "condemnation"
    )


def test_a_designation_rescinded_is_a_delisting():
    assert (
        kind("This morning the Secretary of State rescinded North Korea's designation as a state sponsor of terrorism.")
        == "delisting"
    )


def test_measures_taken_against_a_number_of_entities_and_a_final_rule_announced_designate():
    assert (
        kind(
            "The Government of Japan today decided to take the following measures against 15 entities and 1 "
            "individual connected with North Korea's missile programmes."
        )
        == "designation"
    )
    assert kind("Jane Roe, a Treasury official, announced the final rule in Beijing on Wednesday.") == "designation"


def test_a_firm_protest_lodged_condemns():
    assert kind("This morning North Korea launched a missile. We have lodged a firm protest with North Korea.") == (
        "condemnation"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway removed two individuals from its North Korea sanctions list.", "delisting"),
        ("Russia blocked a draft resolution on North Korea by casting a veto.", "veto"),
        ("Norway cautioned Russia against supplying arms to North Korea.", "warning"),
        ("Norway expresses grave concern over North Korea's ballistic missile launch.", "condemnation"),
        ("Norway strongly objects to North Korea's ballistic missile launch.", "condemnation"),
    ],
)
def test_other_words_for_the_same_acts(text, expected):
    assert kind(f"Oslo\nMarch 3, 2023\n{text}") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Australia has imposed targeted financial sanctions on two entities.",
        "South Korea on Friday slapped sanctions on 11 North Koreans.",
        "South Korea has put 11 North Koreans on its sanctions list.",
        "Britain has frozen the assets of two Russian entities.",
        "Australia's Foreign Minister Penny Wong announced on Tuesday financial sanctions against two entities.",
        "UK sanctions North Korean officials\n\nWe condemn the arms transfers to Russia.",
    ],
)
def test_other_ways_of_writing_a_designation(text):
    assert kind(text) == "designation"


def test_assets_left_frozen_are_no_designation():
    text = (
        "Council removes one person from sanctions list\n\nThe Council today removed one person from the list. "
        "His frozen assets may be released."
    )
    assert kind(text) == "delisting"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China opposes unilateral sanctions against North Korea, its foreign ministry said.", "other"),
        ("Russia on Friday denounced the joint statement issued by the United States and Japan.", "condemnation"),
    ],
)
def test_what_a_text_objects_to_is_not_its_act(text, expected):
    assert kind(text) == expected


def test_a_statement_answering_a_veto_is_its_own_act():
    text = (
        "Russia's Veto of the Panel of Experts Mandate Renewal\nPRESS STATEMENT\nMARCH 28, 2024\n"
        "Today, Russia vetoed a resolution that would have renewed the mandate. The United States condemns this veto."
    )
    assert kind(text) == "condemnation"
    assert kind(text.replace("PRESS STATEMENT\n", "")) == "veto"  # a report of the veto


def test_what_a_vetoed_draft_provides_is_no_mandate_extended():
    text = (
        "Statement by the Foreign Minister on the Veto by Russia of the Draft Resolution Extending the Mandate\n\n"
        "The Council voted on a draft resolution to extend the mandate, but Russia cast a veto. Japan deplores it."
    )
    assert kind(text) == "condemnation"
