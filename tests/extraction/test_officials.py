"""Officials: the press forms of name and title, unnamed spokespersons kept unnamed, one entry per person."""

import datetime as dt

from service.extraction import extract


def officials(text: str) -> list[tuple[str | None, str | None]]:
    return [(o.name, o.title) for o in extract(text).officials]


def acting(text: str) -> set[str]:
    return {a.name for a in extract(text).actors if a.role in ("imposer", "co_signatory")}


def test_title_before_name():
    assert officials("Department Spokesperson Matthew Miller said the US would act.") == [
        ("Matthew Miller", "Department Spokesperson")
    ]


def test_name_then_title_in_apposition():
    assert officials("Miller, a State Department spokesperson, said the US would act.") == [
        ("Miller", "State Department spokesperson")
    ]


def test_title_then_name_in_apposition():
    assert officials("The spokesperson, Matthew Miller, said the US would act.") == [("Matthew Miller", "spokesperson")]


def test_long_title_with_of_and_for_phrases():
    text = (
        "The remarks were echoed by US Under Secretary of State for Arms Control and International Security "
        "Bonnie Jenkins, who said the reports were concerning."
    )
    assert officials(text) == [
        ("Bonnie Jenkins", "Under Secretary of State for Arms Control and International Security")
    ]


def test_institution_stays_in_the_title_and_names_the_organisation():
    official = extract("Kremlin spokesman Dmitry Peskov told journalists that no agreements were signed.").officials[0]
    assert (official.name, official.title, official.organisation) == ("Dmitry Peskov", "Kremlin spokesman", "Kremlin")


def test_demonym_is_dropped_from_the_title_and_gives_the_organisation():
    official = extract("South Korean Vice Foreign Minister Chang Ho-jin said Russia must act responsibly.").officials[0]
    assert (official.name, official.title) == ("Chang Ho-jin", "Vice Foreign Minister")
    assert official.organisation == "South Korea Ministry of Foreign Affairs"


def test_lowercase_title_words_belong_to_the_title():
    text = "White House national security spokesperson John Kirby said the soldiers had arrived."
    assert officials(text) == [("John Kirby", "White House national security spokesperson")]


def test_secretary_of_state_title_before_name():
    assert officials("Secretary of State Antony Blinken said the deal would violate sanctions.") == [
        ("Antony Blinken", "Secretary of State")
    ]


def test_said_before_title_and_name():
    assert officials("“We will respond,” said Foreign Minister Cho Tae-yul.") == [("Cho Tae-yul", "Foreign Minister")]


def test_middle_initial_is_part_of_the_name():
    assert officials("Treasury Secretary Janet L. Yellen said the action was overdue.") == [
        ("Janet L. Yellen", "Treasury Secretary")
    ]


def test_byline_gives_the_author_of_a_statement():
    text = "Press Statement\nAntony J. Blinken, Secretary of State\nThe United States condemns the launch."
    assert officials(text) == [("Antony J. Blinken", "Secretary of State")]


def test_officials_listed_together_share_the_verb():
    text = (
        "Foreign Minister of Japan Yoko Kamikawa, Minister of Foreign Affairs of the Republic of Korea Cho Tae-yul "
        "and Secretary of State Antony Blinken met in New York today and issued the following joint statement."
    )
    assert [name for name, _ in officials(text)] == ["Yoko Kamikawa", "Cho Tae-yul", "Antony Blinken"]


def test_unnamed_spokesperson_stays_unnamed():
    draft = extract("A spokesperson for the U.S. State Department called it the largest action to date.")
    assert [(o.name, o.title, o.organisation) for o in draft.officials] == [
        (None, "spokesperson", "U.S. Department of State")
    ]


def test_unnamed_spokesperson_gives_a_warning():
    draft = extract("A spokesperson for the U.S. State Department called it the largest action to date.")
    assert any("unnamed spokesperson" in warning for warning in draft.warnings)


def test_unnamed_spokesperson_later_named_is_one_person():
    text = (
        "The United States will impose sanctions, a state department spokesperson said Monday. "
        "The spokesperson, Matthew Miller, also said ties were not productive."
    )
    assert officials(text) == [("Matthew Miller", "spokesperson")]


def test_surname_mentions_merge_into_the_full_name():
    text = (
        "Department Spokesperson Matthew Miller made the remarks at a briefing. "
        "Miller said the US would act. “We will act,” Miller told reporters."
    )
    assert officials(text) == [("Matthew Miller", "Department Spokesperson")]


def test_official_who_speaks_only_by_surname_later_is_kept():
    text = "The statement was welcomed by Foreign Minister Penny Wong. Later, Wong said Australia would act."
    assert officials(text) == [("Penny Wong", "Foreign Minister")]


def test_titled_person_who_does_not_speak_is_not_an_official():
    text = "Military cooperation was discussed at talks between Russian President Vladimir Putin and Kim Jong-un."
    assert officials(text) == []


def test_earlier_statement_is_not_this_act():
    text = "White House national security spokesperson John Kirby had earlier said that soldiers had arrived."
    assert officials(text) == []


def test_state_after_representative_of_is_not_a_person():
    assert officials("The representative of the Russian Federation said the Panel was biased.") == []


def test_spokesman_of_the_side_warned_is_left_out():
    text = (
        "South Korea and the United States warned Russia that it will pay a price for its cooperation with "
        "North Korea. Kremlin spokesman Dmitry Peskov told journalists that no agreements were signed."
    )
    assert officials(text) == []


def test_official_quote_is_the_sentence_naming_them():
    text = "The US condemned the launch. Department Spokesperson Matthew Miller said it was reckless."
    official = extract(text).officials[0]
    assert official.quote == "Department Spokesperson Matthew Miller said it was reckless."
    assert text[official.span[0] : official.span[1]] == official.quote


def test_surname_in_apposition_takes_the_full_name_given_elsewhere():
    text = "Matthew Miller told reporters the US would act. Miller, a State Department spokesperson, said more."
    assert officials(text) == [("Matthew Miller", "State Department spokesperson")]


# Issue 18: shapes met in public documents.


def names_and_titles(text: str) -> list[tuple[str | None, str | None]]:
    return [(o.name, o.title) for o in extract(text).officials]


def test_name_then_title_then_said():
    text = "Maria Lopez, Under-Secretary-General for Political Affairs, said the Council must act together."
    assert names_and_titles(text) == [("Maria Lopez", "Under-Secretary-General for Political Affairs")]


def test_said_then_name_then_title():
    text = "“We act today,” said Adam J. Szubin, Acting Under Secretary for Terrorism and Financial Intelligence."
    assert names_and_titles(text) == [
        ("Adam J. Szubin", "Acting Under Secretary for Terrorism and Financial Intelligence")
    ]


def test_authors_of_a_joint_statement_speak():
    text = "Joint Statement by the Foreign Minister Anna Berg and the Defence Minister Karl Holm on the launch"
    assert names_and_titles(text) == [("Anna Berg", "Foreign Minister"), ("Karl Holm", "Defence Minister")]


def test_a_peer_is_named_with_his_territorial_designation():
    text = "The Minister of State, Lord Smith of Hampton, said the United Kingdom would respond firmly."
    assert names_and_titles(text) == [("Lord Smith of Hampton", "Minister of State")]


def test_transcript_labels_speak_and_family_names_may_come_first_in_capitals():
    text = (
        "Press Conference by Foreign Minister HAYASHI Yoshimasa\n\n"
        "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs: Japan lodged a serious protest with North Korea today."
    )
    assert names_and_titles(text) == [("HAYASHI Yoshimasa", "Minister for Foreign Affairs")]


def test_headline_words_are_no_person():
    text = (
        "North Korea Breaches Security Regime, Envoy Tells Council\n\n"
        "The envoy spoke at length about the situation in the region and the Council listened to him today."
    )
    assert names_and_titles(text) == []


def test_byline_title_on_the_next_line():
    text = (
        "Remarks at a UN Security Council Briefing\n\nAmbassador Kelly Craft\nPermanent Representative\n"
        "New York, New York\nDecember 11, 2019\n\nThe United States called today's meeting of the Council."
    )
    assert names_and_titles(text) == [("Kelly Craft", "Permanent Representative")]


def test_an_unnamed_office_is_kept_but_a_delegate_is_not():
    assert names_and_titles("The Foreign Secretary said: the resolution sends a clear message.") == [
        (None, "Foreign Secretary")
    ]
    assert names_and_titles("The representative of China said the Council should be patient.") == []


def test_officials_listed_in_a_joint_statement_all_speak():
    text = (
        "The following text is a joint statement by the U.S. Special Representative for the DPRK Sung Kim, the "
        "Republic of Korea (ROK) Special Representative for Korean Peninsula Peace and Security Affairs Kim Gunn, "
        "and Japanese Director-General of the Asian and Oceanian Affairs Bureau Funakoshi Takehiro, following a "
        "trilateral meeting in Seoul."
    )
    assert [name for name, _ in names_and_titles(text)] == ["Sung Kim", "Kim Gunn", "Funakoshi Takehiro"]


def test_a_transcript_label_in_capitals_makes_the_named_official_speak():
    text = (
        "Special Representative for the DPRK Ambassador Sung Kim is visiting Washington this week.\n"
        "AMBASSADOR KIM:  Great, thank you very much for joining us this morning."
    )
    assert ("Sung Kim", "Special Representative for the DPRK Ambassador") in names_and_titles(text)


def test_an_office_named_by_a_headline_or_by_the_state_it_serves_speaks_unnamed():
    headline = "Press release: Foreign Secretary statement on adoption of UNSC resolution 2397\n"
    body = "I welcome the unanimous adoption of the UNSC resolution on North Korea, which takes vital steps forward."
    assert officials(headline + body) == [(None, "Foreign Secretary")]
    text = (
        "Statement by the Prime Minister of Japan\n"
        "Japan lodges a serious protest against North Korea, and strongly condemns its nuclear test, which "
        "clearly violates United Nations Security Council resolution 1718."
    )
    assert officials(text) == [(None, "Prime Minister of Japan")]


def test_a_byline_of_its_own_and_a_name_with_its_country_in_brackets_speak():
    byline = (
        "Remarks at a General Assembly Meeting\n\n"
        "Ambassador Jeffrey DeLaurentis, Senior Advisor for Special Political Affairs.\n\n"
        "Thank you, Mr. President. The DPRK has a long and dangerous history of proliferation, and it is growing."
    )
    assert officials(byline) == [("Jeffrey DeLaurentis", "Senior Advisor for Special Political Affairs")]
    by = byline.replace("Ambassador Jeffrey", "By Ambassador Jeffrey").replace("Affairs.", "Affairs")
    assert officials(by) == [("Jeffrey DeLaurentis", "Senior Advisor for Special Political Affairs")]
    chair = "Briefing the Council for the first time, its Chairman, Peter Burian (Slovakia), noted that it had met."
    assert officials(chair) == [("Peter Burian", "Chairman")]


def test_a_state_and_its_acronym_before_the_title_name_the_officials_organisation():
    draft = extract("Republic of Korea (ROK) Foreign Minister Kim Min-su said the launch was unlawful.")
    assert [(o.name, o.title, o.organisation) for o in draft.officials] == [
        ("Kim Min-su", "Foreign Minister", "South Korea Ministry of Foreign Affairs")
    ]


def test_two_offices_joined_by_and_the_are_not_one_title():
    text = "The Secretary and the Foreign Minister reaffirmed their commitment to denuclearization."
    assert officials(text) == []


def test_officials_who_agreed_speak_for_the_act():
    text = (
        "Secretary of State Jane Doe spoke today with Japanese Foreign Minister Sato Ken. Secretary Doe and "
        "Foreign Minister Sato agreed to keep working together."
    )
    assert ("Sato Ken", "Foreign Minister") in officials(text)


def test_the_foreign_secretary_serves_the_uk_when_the_text_names_no_state():
    draft = extract("Foreign Secretary statement\n\nThe Foreign Secretary John Smith said: I welcome the resolution.")
    assert [o.organisation for o in draft.officials] == ["Foreign Office"]
    assert [a.name for a in draft.actors if a.role == "imposer"] == ["United Kingdom"]


def test_honorifics_between_a_title_and_its_name_in_apposition_are_skipped():
    text = (
        "Remarks by the Permanent Representative of Freedonia, H.E. Ms. Jane Q. Doe, on the resolution. The "
        "Council acted today."
    )
    assert officials(text) == [("Jane Q. Doe", "Permanent Representative of Freedonia")]


def test_a_headline_naming_a_statement_by_its_speakers_possessive_names_the_speaker():
    text = (
        "President Smith's Statement on the Nuclear Test\n\nTHE PRESIDENT: The United States condemns this "
        "provocative act and will work with its allies to respond.\n"
    )
    assert ("Smith", "President") in officials(text)


def test_a_briefings_header_lines_of_title_and_name_are_its_speakers():
    text = (
        "U.S. Policy on Freedonia\n\nPress Briefing with\n\nActing Deputy Assistant Secretary Jane Roe,\n\n"
        "Special Representative for Freedonia Policy Richard Roe, and\n\nActing Deputy Assistant Secretary Ann Doe\n\n"
        "Via Teleconference, Washington, D.C.\n\nJanuary 17, 2018\n\n"
        "MODERATOR: Good afternoon to everyone, and thank you all for joining this discussion of our policy."
    )
    assert officials(text) == [
        ("Jane Roe", "Acting Deputy Assistant Secretary"),
        ("Richard Roe", "Special Representative for Freedonia Policy"),
        ("Ann Doe", "Acting Deputy Assistant Secretary"),
    ]


def test_the_minister_spoken_with_speaks_when_they_act_together():
    text = (
        "Secretary of State Jane Doe spoke with Japanese Foreign Minister Richard Roe and they jointly condemned "
        "the launch of a ballistic missile."
    )
    assert officials(text) == [("Jane Doe", "Secretary of State"), ("Richard Roe", "Foreign Minister")]
    assert acting(text) == {"United States", "Japan"}


def test_a_statement_the_text_recalls_is_not_made_for_this_act():
    text = (
        "Secretary Jane Doe said the measures were critical. As President Richard Roe stated in his speech to the "
        "General Assembly, it is time to act, and enforcement is key to denuclearization, as agreed to by Chairman "
        "Kim."
    )
    assert officials(text) == [("Jane Doe", "Secretary")]


def test_ministers_who_met_speak_for_what_they_then_did():
    text = (
        "US Secretary of State Jane Doe, Japanese Foreign Minister Richard Roe, and Republic of Korea (ROK) Foreign "
        "Minister Kim Min-su met today on the sidelines of the General Assembly in New York to reaffirm their "
        "commitment to trilateral cooperation."
    )
    assert [name for name, _ in officials(text)] == ["Jane Doe", "Richard Roe", "Kim Min-su"]


def test_remarks_as_delivered_by_an_ambassador_are_the_ambassadors():
    text = "U.S. Statement as delivered by Ambassador Jane Roe\n\nThe United States condemns the launch."
    assert officials(text) == [("Jane Roe", "Ambassador")]


def test_a_director_general_a_plural_titles_surnames_and_an_office_named_shorter():
    readout = (
        "By Office of the Spokesperson\n\n"
        "Today in Tokyo, Special Representative for the DPRK Jane Roe met Japanese Director General for Asian "
        "Affairs Taro Yamada and Republic of Korea Special Representative Kim Min-su. Special Representative Roe, "
        "Special Representative Kim, and Director General Yamada reaffirmed the importance of their cooperation."
    )
    assert [name for name, _ in officials(readout)] == ["Jane Roe", "Taro Yamada", "Kim Min-su"]
    call = (
        "Deputy Secretary of State Jane Roe spoke with Republic of Korea First Vice Foreign Minister Kim Min-su and "
        "Japanese Vice Foreign Minister Yamada Taro on November 6. Deputy Secretary Roe and Vice Ministers Kim and "
        "Yamada jointly condemned the launches. The Deputy Secretary reaffirmed the commitments of the United States."
    )
    assert officials(call) == [
        ("Jane Roe", "Deputy Secretary of State"),
        ("Kim Min-su", "First Vice Foreign Minister"),
        ("Yamada Taro", "Vice Foreign Minister"),
    ]


def test_a_headers_byline_with_no_comma_between_name_and_title():
    remarks = (
        "Trilateral Meeting on Freedonia: Remarks at Iikura House, Tokyo\n\n"
        "By Jane Roe Special Representative for Freedonia Policy\n\n"
        "AMBASSADOR ROE: Good afternoon. It was a very productive meeting, and we stand united."
    )
    assert officials(remarks) == [("Jane Roe", "Special Representative for Freedonia Policy")]
    testimony = (
        "Testimony of Jane Roe Under Secretary, Terrorism and Financial Intelligence U.S. Department of the "
        "Treasury Senate Banking Committee Thursday, September 28, 2017\n\n"
        "Chairman Smith, Ranking Member Doe, and distinguished members of this Committee, I am honored to appear "
        "before you today to discuss our strategy."
    )
    assert officials(testimony) == [("Jane Roe", "Under Secretary")]


def test_what_the_audience_heard_from_another_official_is_not_said_here():
    text = (
        "Remarks at a Trilateral Press Conference\n\nJane Roe\nDeputy Secretary of State\n\n"
        "It was very productive, as I'm sure you heard from Director General Taro Yamada and Ambassador Kim Min-su. "
        "The challenge was at the center of our discussion, as you heard from Vice Foreign Minister Ken Sato."
    )
    assert officials(text) == [("Jane Roe", "Deputy Secretary of State")]


def test_the_officials_a_joint_appearances_header_names_and_its_transcript_labels_speak():
    text = (
        "Remarks with Republic of Korea Foreign Minister Kim Min-su and Japanese Foreign Minister Taro Yamada\n\n"
        "Jane Roe\nSecretary of State\nNew York City, NY\nSeptember 18, 2016\n\n"
        "FOREIGN MINISTER YAMADA: The three countries should work closely together to apply stronger pressure.\n\n"
        "SECRETARY ROE: Well, thank you very much for joining us here for this trilateral meeting."
    )
    assert {name for name, _ in officials(text)} == {"Jane Roe", "Kim Min-su", "Taro Yamada"}


def test_a_headline_names_its_speakers_statement_by_title_and_full_name():
    text = (
        "Secretary of State Jane Roe's Statement on Freedonia's Nuclear Test\n\n"
        "The United States and nations around the world have condemned the test as a grave threat to peace."
    )
    assert officials(text) == [("Jane Roe", "Secretary of State")]


def test_the_minister_spoken_with_today_speaks_when_they_act_together():
    text = "Secretary Jane Doe spoke with Foreign Minister Richard Roe today and they jointly condemned the launch."
    assert ("Richard Roe", "Foreign Minister") in officials(text)


def test_a_charge_daffaires_ad_interim_is_a_title():
    text = "U.S. Statement as delivered by U.S. Chargé d’Affaires a.i. Jane Roe\n\nThe United States condemns the test."
    assert officials(text) == [("Jane Roe", "Chargé d’Affaires a.i.")]


def test_a_peer_named_with_and_without_the_place_of_the_title_is_one_person():
    text = (
        "The Foreign Office Minister Lord Smith of Hampton has attributed the attack to the Lazarus Group.\n"
        "Foreign Office Minister for Cyber, Lord Smith said:\n"
        "We condemn these actions."
    )
    assert [name for name, _ in officials(text)] == ["Lord Smith of Hampton"]


def test_leaders_recalled_as_having_agreed_or_called_for_something_do_not_speak():
    text = (
        "The process, as President Jane Roe and Chairman Richard Doe agreed to in Singapore, would bring peace. "
        "The European Union will consider a response, as called for by the President of the Republic of Korea, "
        "Kim Min-su."
    )
    assert officials(text) == []


def test_officials_named_by_their_offices_after_the_lead_speak():
    text = (
        "Secretary of State Jane Roe held a trilateral call yesterday with Republic of Korea Foreign Minister Kim "
        "Min-su and Japanese Foreign Minister Taro Yamada.\n"
        "The Secretary and the Foreign Ministers strongly condemned the launch."
    )
    assert [name for name, _ in officials(text)] == ["Jane Roe", "Kim Min-su", "Taro Yamada"]
    assert acting(text) == {"United States", "South Korea", "Japan"}


def test_a_title_whose_portfolio_has_two_parts_and_a_peer_in_apposition():
    text = (
        "The Foreign Office Minister of State for the Commonwealth and the United Nations, Lord Smith of Hampton, "
        "said: the UK is united with its partners."
    )
    title = "Foreign Office Minister of State for the Commonwealth and the United Nations"
    assert officials(text) == [("Lord Smith of Hampton", title)]


def test_a_name_with_initials_and_a_particle_after_a_committee_named_by_its_number():
    text = "Statement by the Chair of the 1718 Committee, Karel J.G. van Dijk,\n\nExcellencies, the Committee met."
    assert officials(text) == [("Karel J.G. van Dijk", "Chair of the 1718 Committee")]


def test_a_sentence_adverb_or_a_headline_noun_is_no_name_and_letters_after_a_name_close_it():
    text = (
        "Treasury Sanctions Officials In Response To Serious Human Rights Abuses and Censorship Activities\n\n"
        "Furthermore, the National Security Advisors reviewed progress.\n"
        "Commenting on the Resolution Foreign Office Minister Hugo Swire MP said: the UK welcomes it."
    )
    [(name, title)] = officials(text)
    assert name == "Hugo Swire" and title.endswith("Foreign Office Minister")


def test_an_honorific_between_the_title_and_the_name():
    text = (
        "Led by Deputy Special Representative for the DPRK Dr. Jane Roe and ROK Director-General for North Korean "
        "Nuclear Affairs Kim Min-su, the meeting underscored the close collaboration."
    )
    assert officials(text) == [
        ("Jane Roe", "Deputy Special Representative for the DPRK"),
        ("Kim Min-su", "ROK Director-General for North Korean Nuclear Affairs"),
    ]


def test_a_call_readout_both_leaders_act_for_their_states_and_the_one_called_is_no_issuer():
    text = (
        "Readout of the President's Call with Prime Minister Taro Yamada of Japan\n\n"
        "President Jane Roe and Prime Minister Yamada spoke by telephone to discuss North Korea. "
        "The two leaders condemned the North Korean torpedo attack."
    )
    draft = extract(text, url="https://www.whitehouse.gov/briefing-room/readout/")
    assert [(o.name, o.organisation) for o in draft.officials] == [("Taro Yamada", "Japan"), ("Jane Roe", None)]
    roles = {a.name: a.role for a in draft.actors}
    assert (roles["United States"], roles["Japan"]) == ("imposer", "co_signatory")


def test_in_a_transcript_the_labelled_speakers_speak_not_those_they_tell_of():
    text = (
        "Press Conference by the Chief Cabinet Secretary\nMarch 7, 2018 (AM)\n"
        "REPORTER: I have a question about the summit. Could you tell us how the Government analyzes it?\n"
        "CHIEF CABINET SECRETARY ROE: In the statement released by Vice President Doe of the United States on "
        "March 6, he said pressure will continue, as the Foreign Minister of North Korea said it would not."
    )
    assert officials(text) == [("Roe", "Chief Cabinet Secretary")]


def test_the_one_spoken_with_speaks_when_the_readout_has_both_sides_act():
    text = (
        "President Jane Roe spoke today with Prime Minister Taro Yamada of Japan to discuss North Korea. "
        "The two leaders reaffirmed the importance of close cooperation."
    )
    assert officials(text) == [("Jane Roe", "President"), ("Taro Yamada", "Prime Minister")]
    assert "Japan" in acting(text)


def test_a_treasury_portfolio_in_apposition_and_an_eu_title_in_capitals():
    glaser = (
        '"The bank was designated because of its conduct," said Jane Roe, the Treasury Deputy Assistant Secretary '
        "for Terrorist Financing and Financial Crimes."
    )
    title = "Treasury Deputy Assistant Secretary for Terrorist Financing and Financial Crimes"
    assert officials(glaser) == [("Jane Roe", title)]
    hrvp = "On the launch by the DPRK: Statement by the HRVP Jane Roe\n\nThese actions are illegal and unacceptable."
    draft = extract(hrvp)
    assert [(o.name, o.title, o.organisation) for o in draft.officials] == [("Jane Roe", "HRVP", "European Union")]
    assert {a.name for a in draft.actors if a.role == "imposer"} == {"European Union"}


def test_a_compass_word_may_end_a_name_and_an_apposed_title_must_end_its_phrase():
    west = "FCDO Minister for the Indo-Pacific Catherine Roe West said:\nThe UK condemns the latest launch."
    assert officials(west) == [("Catherine Roe West", "Minister for the Indo-Pacific")]
    led = (
        "Led by U.S. Deputy Special Representative for the DPRK Jane Roe, Japanese Ambassador in charge of Cyber "
        "Policy Taro Yamada, and ROK Director General for North Korean Nuclear Affairs Kim Min-su, the meeting "
        "underscored the close collaboration."
    )
    assert ("Jane Roe", "Deputy Special Representative for the DPRK") in officials(led)


def test_the_new_minister_spoken_with_speaks_when_the_two_also_spoke():
    text = (
        "Washington, DC - Secretary Jane Roe spoke with the new Japanese Foreign Minister Taro Yamada today. "
        "The two also spoke about the need for all nations to ensure safe transit."
    )
    assert [name for name, _ in officials(text)] == ["Jane Roe", "Taro Yamada"]


def test_a_person_titled_by_one_word_takes_the_fuller_title_the_text_gives_them():
    text = (
        "We have with us U.S. Special Representative for the DPRK, Ambassador Jane Roe, on the line. Special "
        "Representative Roe will open with some remarks.\n"
        "AMBASSADOR ROE: Thank you very much. We condemn the launches.\n"
        "QUESTION: Will there be sanctions?\n"
        "AMBASSADOR ROE: We are working on it."
    )
    assert officials(text) == [("Jane Roe", "Special Representative")]


def test_a_moderator_the_transcript_never_titles_is_no_official():
    text = (
        "MR DOE: Thank you, Operator. We have with us Special Representative Jane Roe.\n"
        "AMBASSADOR ROE: Thank you. We condemn the launches.\n"
        "MR DOE: We will take a few questions."
    )
    assert [name for name, _ in officials(text)] == ["Jane Roe"]


def test_where_the_council_acts_a_state_officials_reaction_in_a_report_is_not_part_of_its_act():
    text = (
        "UN Security Council Approves New Sanctions on North Korea\n\n"
        "The U.N. Security Council has approved tough new sanctions against North Korea following its latest "
        "nuclear test.\n"
        'U.S. President Jane Roe welcomed the U.N. action. "North Korea must abandon these programs," she said.'
    )
    draft = extract(text)
    assert (draft.type, acting(text), draft.officials) == ("designation", {"UN Security Council"}, [])


def test_a_description_between_commas_stands_between_a_name_and_its_verb():
    text = (
        "Vice Foreign Minister Jin Roe, Ruritania's special representative for peninsula peace and security "
        "affairs, condemned the launch. Jane Doe, the ministry's spokesperson, said the talks would go on."
    )
    assert officials(text) == [("Jin Roe", "Vice Foreign Minister"), ("Jane Doe", "spokesperson")]


def test_both_sides_of_a_call_or_meeting_speak_when_they_then_act_together():
    call = (
        "National Security Advisor Jane Roe spoke today with Japanese National Security Advisor Taro Yamada and "
        "Republic of Korea National Security Advisor Kim Min-su. They strongly condemned the launch."
    )
    assert [name for name, _ in officials(call)] == ["Jane Roe", "Taro Yamada", "Kim Min-su"]
    meeting = (
        "Foreign Minister Taro Yamada held a telephone talk with Foreign Minister Kim Min-su of the Republic of "
        "Korea. The two ministers strongly condemned the launch."
    )
    assert [name for name, _ in officials(meeting)] == ["Taro Yamada", "Kim Min-su"]
    # what they did is what the talks were about, not any verb: "They launched" tells of the other side
    launched = "Secretary Jane Roe spoke with Foreign Minister Taro Yamada. They launched two missiles, he said."
    assert "Taro Yamada" not in [name for name, _ in officials(launched)]


def test_two_offices_written_without_their_second_article_are_no_unnamed_official():
    text = (
        "Secretary of State Jane Roe spoke today with Japanese Foreign Minister Taro Yamada. The Secretary and "
        "Foreign Minister condemned the launches."
    )
    assert officials(text) == [("Jane Roe", "Secretary of State"), ("Taro Yamada", "Foreign Minister")]


def test_a_portfolio_may_go_on_after_and_the():
    text = "Minister of State for Asia and the Pacific, Jane Roe, said the UK condemned the launch."
    assert officials(text) == [("Jane Roe", "Minister of State for Asia and the Pacific")]
    two = "The Minister for Trade and the Foreign Secretary said the UK condemned the launch."
    assert all(title != "Minister for Trade and the Foreign Secretary" for _, title in officials(two))


def test_a_ministrys_readout_of_a_telephone_talk_has_every_side_speak():
    text = (
        "Japan-Ruritania Foreign Ministers' Telephone Talk\nDecember 18, 2023\n\n"
        "On December 18, for approximately 20 minutes, Ms. YAMADA Hanako, Minister for Foreign Affairs of Japan, "
        "held a Japan-Ruritania Foreign Ministers' Telephone Talk with the Honorable Jane Roe, Secretary of State "
        "of the United States, and H.E. Mr. Kim Min-su, Minister of Foreign Affairs of the Republic of Korea. "
        "The three ministers strongly condemned North Korea's launch."
    )
    assert [name for name, _ in officials(text)] == ["YAMADA Hanako", "Jane Roe", "Kim Min-su"]
    assert acting(text) == {"Japan", "United States", "South Korea"}


def test_a_document_kind_over_an_office_is_no_person():
    text = (
        "Media Note\nOffice of the Spokesperson\nJune 1, 2024\n\nThe following joint statement was released by "
        "the Governments of the United States and Japan.\n\nWe strongly condemn the launch."
    )
    assert officials(text) == []


def test_initials_may_end_a_title_before_the_name():
    text = "U.S. Ambassador to the U.N. Jane Roe said in a statement that the United States condemned the launch."
    assert officials(text) == [("Jane Roe", "Ambassador to the U.N.")]


def test_an_aside_between_commas_stands_between_a_name_and_its_verb():
    text = "Secretary of State Jane Roe, speaking in Tokyo, said the United States condemned the launch."
    assert officials(text) == [("Jane Roe", "Secretary of State")]


def test_a_family_name_written_first_speaks_alone():
    text = (
        "South Korean President Kim Min-su convened a security meeting. Kim called the launch a grave provocation "
        "that South Korea condemned."
    )
    assert officials(text) == [("Kim Min-su", "President")]


def test_a_states_national_security_council_is_not_the_un_security_council():
    text = (
        '"We strongly condemn this launch," Roe told reporters. National Security Council spokesman Jane Roe added '
        "that the United States would consult its allies."
    )
    assert (officials(text), acting(text)) == ([("Jane Roe", "National Security Council spokesman")], {"United States"})


def test_the_guests_a_host_received_speak_when_the_sides_then_act_together():
    text = (
        "Today, National Security Advisor Jane Roe hosted Japanese National Security Advisor Taro Yamada and "
        "Republic of Korea National Security Advisor Kim Min-su. The three strongly condemned the launch."
    )
    assert [name for name, _ in officials(text)] == ["Jane Roe", "Taro Yamada", "Kim Min-su"]


def test_an_institutions_possessive_before_a_title_is_whose_title_it_is():
    text = "Jane Roe, the Treasury's deputy assistant secretary, announced the final rule in Beijing."
    assert officials(text) == [("Jane Roe", "deputy assistant secretary")]


def test_a_headline_verb_and_its_object_are_no_name():
    text = "UN Chief Deplores North Korea Rocket Launch\nDecember 11, 2012\n\nThe launch was condemned by many."
    assert officials(text) == []


def test_a_knights_sir_is_no_part_of_the_name():
    text = "Statement by Sir Jon Roe, UK Permanent Representative to the United Nations, at the Security Council."
    assert officials(text) == [("Jon Roe", "Permanent Representative to the United Nations")]


def test_official_before_an_agencys_name_is_an_adjective():
    text = "Jane Roe, first vice department director of the ministry, said in a statement carried by the official "
    text += "Korean Central News Agency that Seoul would pay a price."
    assert officials(text) == [("Jane Roe", "vice department director of the ministry")]


def test_what_an_official_said_earlier_is_not_this_acts_word():
    text = (
        "North Korea on Thursday denied supplying weapons to Russia. Earlier this month, Jane Roe, the National "
        "Security Council's coordinator for strategic communications, said Russia was buying shells."
    )
    assert officials(text) == []


def test_a_state_after_a_name_ends_at_and_and_the_next_title_follows():
    text = (
        "Joint Statement of President Jane Roe of the United States of America and Chairman Kim Min-su of the "
        "Democratic People's Republic of Korea at the Summit\n\nThe two leaders met in Singapore and agreed to "
        "pursue new relations."
    )
    assert officials(text) == [("Jane Roe", "President"), ("Kim Min-su", "Chairman")]


def test_the_name_signed_above_the_white_house_is_the_presidents():
    text = (
        "Notice on the Continuation of the National Emergency With Respect to North Korea\n\n"
        "I am continuing the national emergency with respect to North Korea for 1 year.\n\n"
        "JANE Q. ROE JR.\n\nTHE WHITE HOUSE,\nJune 17, 2021."
    )
    draft = extract(text)
    assert ([(o.name, o.title) for o in draft.officials], draft.date) == (
        [("JANE Q. ROE JR.", "President")],
        dt.date(2021, 6, 17),
    )


def test_a_govuk_pages_one_minister_is_the_office_holder_it_quotes_unnamed():
    text = (
        "Press release\n\nForeign Secretary condemns North Korean nuclear test\n\n"
        "Jane Roe says the UK will press for a strong Security Council response.\n\n"
        "From: Foreign & Commonwealth Office and The Rt Hon Jane Roe MP\nPublished 12 February 2013\n\n"
        "Speaking after Pyongyang announced a third nuclear test, the Foreign Secretary said:\n\n"
        '"I condemn this test without reservation."'
    )
    assert officials(text) == [("Jane Roe", "Foreign Secretary")]


def test_a_transcripts_office_label_is_the_first_holder_the_text_names():
    text = (
        "The White House - President Jane Roe\n\nFor Immediate Release\nOctober 9, 2006\n\n"
        "THE PRESIDENT: Good morning. The United States condemns the test without reservation. Early this "
        "morning I spoke with President Hu of China and President Roh of South Korea."
    )
    assert officials(text) == [("Jane Roe", "President")]


def test_the_rt_hon_and_letters_after_an_apposed_name_are_no_part_of_it():
    beckett = "The Foreign Secretary, the Rt Hon Jane Roe MP, made the following statement today on the test:"
    assert officials(beckett) == [("Jane Roe", "Foreign Secretary")]
    west = 'Minister for the Indo-Pacific, Catherine West MP, said: "The United Kingdom condemns the launches."'
    assert officials(west) == [("Catherine West", "Minister for the Indo-Pacific")]


def test_a_byline_title_may_name_its_office_after_a_comma():
    text = (
        "North Korea's Launch\nPress Statement\nJane Roe\nDepartment Spokesperson, Office of the Spokesperson\n"
        "Washington, DC\nDecember 12, 2012\n\nThe United States condemns North Korea's launch today of a rocket."
    )
    assert officials(text) == [("Jane Roe", "Department Spokesperson")]


def test_those_met_in_a_city_speak_when_the_four_ministers_then_act():
    text = (
        "Secretary of State Jane Roe and Secretary of Defense John Doe met in Seoul today with Minister of Foreign "
        "Affairs Kim Min-su and Minister of National Defense Lee Jun-ho. The four ministers stressed that North "
        "Korea's programs are a priority."
    )
    assert [name for name, _ in officials(text)] == ["Jane Roe", "John Doe", "Kim Min-su", "Lee Jun-ho"]


def test_the_verb_after_a_name_and_the_state_it_serves_makes_it_speak():
    text = "President Kim Min-su of the Republic of Korea met today in Phnom Penh with the other leaders."
    assert officials(text) == [("Kim Min-su", "President")]


def test_particles_in_a_name_may_follow_one_another():
    text = "Commission President Ursula von der Leyen said the European Union condemned the launch by North Korea."
    assert officials(text) == [("Ursula von der Leyen", "Commission President")]


def test_particles_do_not_count_towards_a_names_length():
    text = "Foreign Minister Mohammed bin Abdulrahman Al Thani said Qatar condemned the launch by North Korea."
    assert officials(text) == [("Mohammed bin Abdulrahman Al Thani", "Foreign Minister")]


def test_a_given_names_initials_start_the_name():
    text = "Assistant Secretary of State C. S. Eliot Kang said the United States condemned the launch."
    assert officials(text) == [("C. S. Eliot Kang", "Assistant Secretary of State")]


def test_a_headline_possessive_of_a_name_with_an_apostrophe_or_particles():
    body = "\nThe United States condemns the nuclear test conducted by North Korea today in the strongest terms."
    for name in ("Sean O'Neill", "Ursula von der Leyen"):
        text = f"Statement\nSecretary of State {name}'s Statement on North Korea's Nuclear Test{body}"
        assert officials(text) == [(name, "Secretary of State")]


def test_heads_of_delegations_governors_and_chiefs_of_staff_are_titles():
    for title in ("Head of Delegation", "Governor", "Chief of Staff", "Director of Policy Planning"):
        text = f"{title} Jane Roe said the United States condemned the launch by North Korea."
        assert officials(text) == [("Jane Roe", title)]


def test_an_official_doing_the_act_itself_is_named_with_it():
    for verb in ("deplored", "denounced", "summoned the ambassador over", "lodged a protest against", "designated"):
        text = f"Foreign Minister Jane Roe {verb} North Korea's missile launch, a violation of the resolutions."
        assert officials(text) == [("Jane Roe", "Foreign Minister")], verb


def test_according_to_may_open_the_sentence():
    text = "According to Foreign Minister Jane Roe, the launch by North Korea is a flagrant violation of resolutions."
    assert officials(text) == [("Jane Roe", "Foreign Minister")]


def test_headlines_and_bylines_of_other_sites_name_the_speaker():
    body = "\nMarch 4, 2024\nNorway condemns North Korea's ballistic missile launch, a violation of the resolutions."
    for header, title in (
        ("Foreign Minister Jane Roe statement on North Korea", "Foreign Minister"),  # gov.uk's form
        ("Foreign Minister Roe's statement on the launch", "Foreign Minister"),
        ("Author: Jane Roe, Minister of Foreign Affairs", "Minister of Foreign Affairs"),
        ("Interview with Foreign Minister Jane Roe", "Foreign Minister"),
    ):
        assert [title for name, title in officials(header + body) if name in ("Jane Roe", "Roe")] == [title], header


def test_a_readouts_headline_word_is_no_part_of_the_title():
    text = (
        "Readout of Secretary Blinken's Call with Japanese Foreign Minister Kamikawa\n\nSecretary Blinken spoke "
        "today with Japanese Foreign Minister Yoko Kamikawa. The two condemned the launch."
    )
    assert ("Blinken", "Secretary") in officials(text)


def test_a_name_in_brackets_after_the_title():
    text = "Statement by the Press Secretary (Mr. Kobayashi Maki)\n\nJapan condemns the launch."
    assert officials(text) == [("Kobayashi Maki", "Press Secretary")]


def test_a_counterpart_is_named_with_the_official_and_acts_with_them():
    text = "Foreign Secretary David Lammy and his French counterpart Jean-Noel Barrot condemned the deployment."
    assert officials(text) == [("David Lammy", "Foreign Secretary"), ("Jean-Noel Barrot", "counterpart")]
    assert acting(text) == {"United Kingdom", "France"}


def test_the_hon_before_a_name_after_its_title():
    text = "Statement from the Foreign Minister, the Hon Winston Peters\nNew Zealand condemns the launch."
    assert officials(text) == [("Winston Peters", "Foreign Minister")]


def test_an_official_who_held_talks_and_condemned_acts():
    text = "Mr. KISHIDA Fumio, Prime Minister of Japan, held a telephone talk with the President and condemned it."
    assert officials(text) == [("KISHIDA Fumio", "Prime Minister of Japan")]


def test_an_office_described_before_the_titled_name_is_the_same_person():
    text = "Japan's top government spokesman, Chief Cabinet Secretary Jane Roe, said the launch violated resolutions."
    assert officials(text) == [("Jane Roe", "Chief Cabinet Secretary")]


def test_a_military_rank_stands_where_an_honorific_does():
    for text, expected in (
        (
            "It violated resolutions, according to Pentagon spokesman Maj. Gen. Pat Ryder.",
            ("Pat Ryder", "Pentagon spokesman"),
        ),
        ('"We condemn it," said Lt. Gen. Jane Roe, director of the Agency.', ("Jane Roe", "director of the Agency")),
        ("South Korea condemned the launch, spokesman Col. Lee Sung-jun said.", ("Lee Sung-jun", "spokesman")),
    ):
        assert officials(text) == [expected], text


def test_an_office_named_with_its_portfolio_and_state_is_an_unnamed_official():
    text = "Statement by the Minister for Foreign Affairs of Japan\n\nJapan strongly condemns the launch."
    assert officials(text) == [(None, "Minister for Foreign Affairs of Japan")]


def test_a_portfolio_may_list_its_parts_and_a_quote_introduced_by_said_is_no_transcript_label():
    portfolio = "Minister of State for South Asia, United Nations and the Commonwealth"
    for text in (f'Jane Roe, {portfolio}, said: "We condemn it."', f'{portfolio}, Lord Roe of Hampton, said: "No."'):
        assert [title for _, title in officials(text)] == [portfolio], text


def test_a_state_named_in_the_title_outweighs_a_us_departments_words():
    text = (
        "Foreign Minister Kim Min-jun held a telephone conversation with the Rt Hon Jane Roe, Secretary of State for "
        "Foreign, Commonwealth and Development Affairs of the United Kingdom. The two condemned the launch."
    )
    assert acting(text) == {"United Kingdom"}
