"""The action's date: resolved against the publication date, chosen over the dates of other events, with the
precision and the words the text gives."""

import datetime as dt

import pytest

from service.extraction import extract

FRIDAY_17_MAY_2024 = dt.date(2024, 5, 17)
TUESDAY_1_AUG_2023 = dt.date(2023, 8, 1)


def when(text: str, **kwargs) -> tuple[dt.date | None, str | None, str | None]:
    draft = extract(text, **kwargs)
    return draft.date, draft.date_precision, draft.date_text


def test_weekday_is_the_last_such_day_before_publication():
    text = "The United States condemned the launch, a statement issued by the spokesperson on Thursday said."
    assert when(text, published_on=FRIDAY_17_MAY_2024) == (dt.date(2024, 5, 16), "day", "on Thursday")


def test_weekday_across_a_month_boundary():
    text = "The United States will impose sanctions when necessary, a spokesperson said Monday."
    assert when(text, published_on=TUESDAY_1_AUG_2023) == (dt.date(2023, 7, 31), "day", "Monday")


def test_weekday_of_the_publication_day_is_that_day():
    text = "The allies said on Friday they were gravely concerned and issued a joint statement."
    assert when(text, published_on=dt.date(2024, 5, 31))[0] == dt.date(2024, 5, 31)


def test_today_is_the_publication_date():
    text = "Today, OFAC designated two entities for their role in arms transfers."
    assert when(text, published_on=FRIDAY_17_MAY_2024) == (FRIDAY_17_MAY_2024, "day", "Today")


def test_yesterday_is_the_day_before_publication():
    text = "Japan yesterday condemned the launch."
    assert when(text, published_on=FRIDAY_17_MAY_2024)[0] == dt.date(2024, 5, 16)


def test_weekday_without_publication_date_is_null_with_a_warning():
    draft = extract("The allies warned Russia at a meeting in Seoul on Friday.")
    assert (draft.date, draft.date_text) == (None, "on Friday")
    assert any("publication date" in warning for warning in draft.warnings)


def test_day_and_month_take_the_year_of_publication():
    text = "The spokesperson made the remarks during a press briefing on 29 October."
    assert when(text, published_on=dt.date(2024, 10, 30))[0] == dt.date(2024, 10, 29)


def test_day_and_month_take_the_year_from_the_url():
    text = "The spokesperson made the remarks during a press briefing on 29 October."
    url = "https://www.state.gov/briefings/department-press-briefing-october-29-2024/"
    assert when(text, url=url)[0] == dt.date(2024, 10, 29)


def test_day_and_month_take_the_year_from_a_url_in_the_text():
    text = (
        "The spokesperson condemned the training during a press briefing on 29 October.\n"
        "https://www.state.gov/briefings/department-press-briefing-october-29-2024/"
    )
    assert when(text)[0] == dt.date(2024, 10, 29)


def test_late_december_in_an_early_january_text_is_last_year():
    text = "Seoul condemned the launch in a statement issued on 29 December."
    assert when(text, published_on=dt.date(2024, 1, 2))[0] == dt.date(2023, 12, 29)


def test_month_name_day_year_form():
    assert when("The statement was issued on May 31, 2024.") == (dt.date(2024, 5, 31), "day", "on May 31, 2024")


def test_day_month_year_form():
    assert when("The Council adopted the decision on 31 May 2024.")[0] == dt.date(2024, 5, 31)


def test_iso_form():
    assert when("The designation was announced on 2024-05-16.")[0] == dt.date(2024, 5, 16)


def test_month_and_year_give_month_precision():
    assert when("The panel released its final report in March 2024.") == (
        dt.date(2024, 3, 1),
        "month",
        "in March 2024",
    )


def test_year_alone_gives_year_precision():
    assert when("The Council announced the listings in 2016.") == (dt.date(2016, 1, 1), "year", "in 2016")


def test_act_date_wins_over_an_earlier_event():
    text = (
        "Japan condemned the launch on Sunday in a statement.\n"
        "The missile had been tested earlier on 3 March, officials said."
    )
    assert when(text, published_on=dt.date(2023, 12, 18))[0] == dt.date(2023, 12, 17)


def test_date_of_a_launch_is_not_the_date_of_the_condemnation():
    text = "The ministers condemn North Korea's launch of an intercontinental ballistic missile on 18 December."
    draft = extract(text, published_on=dt.date(2023, 12, 19))
    assert draft.date is None
    assert any("launch" in warning for warning in draft.warnings)


def test_date_followed_by_an_event_noun_dates_that_event():
    text = "Press Statement\n29 November 2017\nThe members of the Council strongly condemned the 28 November launch."
    assert when(text)[0] == dt.date(2017, 11, 29)


def test_quoted_today_yields_to_the_date_of_the_quoted_statement():
    text = (
        "The announcement was made by the spokesperson.\n"
        "“The United States is today imposing sanctions on five entities,” a statement issued on Thursday read."
    )
    assert when(text, published_on=FRIDAY_17_MAY_2024)[0] == dt.date(2024, 5, 16)


def test_dateline_is_the_reference_when_no_publication_date_is_given():
    text = "Published : Aug. 1, 2023 - 09:09\nThe United States will impose sanctions, a spokesperson said Monday."
    assert when(text)[0] == dt.date(2023, 7, 31)


def test_dateline_alone_dates_the_act():
    text = "Statement\nMarch 21, 2024\nThe United States condemns the launch and calls for restraint by all."
    assert when(text)[0] == dt.date(2024, 3, 21)


def test_no_date_gives_null_and_a_warning():
    draft = extract("Canada strongly condemns the nuclear test conducted by the DPRK.")
    assert (draft.date, draft.date_precision, draft.date_text) == (None, None, None)
    assert any("No date" in warning for warning in draft.warnings)


def test_date_span_points_at_the_date_words():
    text = "Japan condemned the launch on Sunday."
    draft = extract(text, published_on=dt.date(2023, 12, 18))
    assert text[draft.date_span[0] : draft.date_span[1]] == draft.date_text == "on Sunday"


def test_a_footnote_date_is_a_sources_not_the_acts():
    text = (
        "The Council today added four persons to the list of those subject to restrictive measures.\n"
        "[1] Published on 15.03.2021 in the Official Journal of the European Union no. L 87, p. 35."
    )
    assert when(text)[0] is None


def test_the_adoption_a_statement_welcomes_is_another_event():
    text = (
        "Statement by the Minister for Foreign Affairs\n\nJanuary 23, 2013\n\n"
        "Japan highly appreciates the unanimous adoption of the United Nations Security Council resolution 2087, "
        "January 22, New York, condemning the launch."
    )
    assert when(text)[0] == dt.date(2013, 1, 23)


def test_a_named_test_right_before_its_date_is_another_event():
    text = (
        "Statement\n\nSeptember 14, 2017\n\nThe United States condemns the DPRK's activities, including its sixth "
        "nuclear test on September 3, 2017, in the strongest terms."
    )
    assert when(text)[0] == dt.date(2017, 9, 14)


def test_the_day_a_cited_legal_act_was_adopted_is_not_the_declarations():
    text = (
        "Declaration by the High Representative on the alignment of certain countries\n"
        "On 23 March 2020, the Council adopted Decision (CFSP) 2020/435.\n"
        "The Candidate Countries Montenegro and Albania align themselves with this Council Decision.\n"
    )
    assert when(text)[0] is None


def test_a_meeting_of_several_days_and_a_deadline_date_no_act():
    text = "IAEA Board of Governors Meeting, September 11-15, 2017. The United States condemns the test."
    assert when(text)[0] is None
    text = "The Council requested a midterm report no later than 3 August 2024 and condemned the launch."
    assert when(text)[0] is None


def test_a_url_path_of_eight_digits_gives_the_day():
    text = "The High Representative said today that the European Union condemns the launch."
    url = "http://euinjapan.jp/en/resources/news-from-the-eu/20160207/095508/index.html"
    assert when(text, url=url)[0] == dt.date(2016, 2, 7)


def test_a_ticker_of_other_stories_is_no_dateline():
    ticker = "Breaking News " + " ".join(f"Story number {n} about other things" for n in range(6))
    text = f"{ticker} Department Press Briefing – October 6, 2022\n\nThe ministers met and condemned the launch.\n"
    assert when(text)[0] != dt.date(2022, 10, 6)


# A document named by its day, an event still to come, a meeting the speaker recounts: none dates the act.
OTHER_DAYS = [
    (
        "11 January 2007\nBriefing the Council for the first time since the Committee's establishment by resolution "
        "1718 of 14 October 2006, its Chairman said that the Committee had become fully operational.",
        dt.date(2007, 1, 11),
    ),
    (
        "(* This is a provisional translation for reference purpose only. The original text is in Japanese.)\n"
        "Press Conference by the Minister for Foreign Affairs\nDate: Sunday, February 7, 2016, 11:59 p.m.\n"
        "Minister: I held telephone talks this evening with the Foreign Ministers of seven countries, and we "
        "confirmed that the series of actions by North Korea are totally unacceptable. The Council will hold an "
        "emergency meeting on February 8. During my meeting with the Foreign Minister of Freedonia yesterday, "
        "he said the same.",
        dt.date(2016, 2, 7),
    ),
]


@pytest.mark.parametrize(("text", "day"), OTHER_DAYS)
def test_a_document_named_by_its_day_an_event_to_come_and_a_meeting_recounted_date_no_act(text, day):
    assert when(text)[0] == day


def test_a_photo_caption_neither_dates_the_act_nor_starts_the_body():
    text = (
        "US Remains Committed to Sanctions\n"
        "FILE - The leader meets with the Secretary of State in Pyongyang in this photo released by the news agency "
        "on Oct. 7, 2018.\n"
        "The U.S. Ambassador to the United Nations told reporters the country has not progressed enough to "
        "warrant lifting sanctions, before a closed-door Security Council session called by Russia."
    )
    draft = extract(text)
    assert draft.date is None
    assert [a.name for a in draft.actors if a.role == "imposer"] == ["United States"]


# Round 19: an event's date written before a longer name of the event, and the day a call reports.
def test_a_date_before_a_several_word_event_name_dates_that_event_not_the_act():
    text = (
        "August 2, 2024\nThe United States condemns in the strongest terms the DPRK's July 30 intercontinental "
        "ballistic missile launch, a violation of multiple resolutions."
    )
    assert when(text)[0] == dt.date(2024, 8, 2)


def test_a_date_before_an_event_name_with_an_act_between_dates_the_act():
    # "on March 3 condemned the launch": the condemnation's day, not the launch's
    text = "The Foreign Minister on March 3 condemned the recent launch, the ministry said in 2024."
    assert when(text)[0] == dt.date(2024, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Japan lodged a protest on 4 March against the launch in violation of resolution 2397.",
        "Japan lodged a protest on March 4 against the launch in violation of resolution 2397.",
        "The United States condemned on 4 March the launch in violation of resolution 2397.",
    ],
)
def test_a_date_then_a_preposition_or_article_before_an_event_dates_the_act(text):
    # "the 28 November launch" names the launch by its day; "on 4 March against the launch" does not
    assert when(text, published_on=dt.date(2024, 3, 6))[0] == dt.date(2024, 3, 4)


def test_the_day_a_call_or_meeting_took_place_dates_its_readout():
    text = (
        "date 2023-06-02 The below is attributable to the Spokesperson:\n\nThe Secretary of State spoke on June 1 "
        "with the Foreign Minister of Freedonia following the latest launches. The two condemned the launches."
    )
    assert when(text)[0] == dt.date(2023, 6, 1)


def test_a_copy_is_dated_by_the_original_it_links_to_not_by_its_own_dateline():
    text = (
        "April 16, 2024\nStatement by the Spokesperson on the Launch\n\nThe United States strongly condemns the "
        "launch, a flagrant violation of multiple resolutions.\n\nOfficial news published at "
        "https://www.example.gov/statements/2023/02/18/statement-on-the-launch/\n"
    )
    assert when(text)[0] == dt.date(2023, 2, 18)


def test_todays_event_is_dated_by_the_text_itself():
    text = "On the Launch\n\nThe United States strongly condemned today's missile launch by Freedonia."
    draft = extract(text, url="http://blogs.example.gov/stories/2016/02/06/launch.html")
    assert (draft.date, draft.date_precision) == (dt.date(2016, 2, 6), "day")


def test_an_ambiguous_slashed_dateline_is_read_as_the_url_dates_it():
    text = (
        "Secretary Doe spoke with Foreign Minister Roe\n\n10/7/2021 Washington D.C.\n\n"
        "During the call, Secretary Doe and Foreign Minister Roe reaffirmed that the alliance is the cornerstone "
        "of peace and security in the region and beyond."
    )
    draft = extract(text, url="https://news.example.com/2021/10/07/secretary-doe-spoke-with-roe/")
    assert (draft.date, draft.date_precision) == (dt.date(2021, 10, 7), "day")
    elsewhere = extract(text, url="https://news.example.com/2021/07/10/secretary-doe-spoke-with-roe/")
    assert elsewhere.date == dt.date(2021, 7, 10)


def test_a_launch_named_with_a_quoted_word_dates_that_launch_not_the_statement():
    text = (
        "Statement by the Prime Minister\n\nTuesday, February 12, 2013\n\n"
        "1. Today, North Korea announced that it had conducted a nuclear test.\n"
        "2. The test came while the resolution adopted in response to the missile launch which North Korea called a "
        '"satellite" on December 12 expressed the determination of the Council to act, and Japan strongly condemns it.'
    )
    assert when(text)[:2] == (dt.date(2013, 2, 12), "day")


def test_a_veto_told_in_remarks_dates_the_veto_not_the_remarks():
    text = (
        "Speech\n\nStatement by Ambassador Jane Roe at the UN General Assembly meeting on the veto.\n\n"
        "This was published under the 2022 to 2024 government.\n\n"
        "On 28 March, Freedonia vetoed a draft resolution to renew the mandate of the Panel of Experts, which "
        "upholds the non-proliferation regime that all of us have built over decades."
    )
    assert when(text)[0] is None
    veto_report = "On 28 March 2024, Freedonia vetoed a draft resolution to renew the mandate of the Panel."
    assert when(veto_report)[:2] == (dt.date(2024, 3, 28), "day")


def test_a_dutch_dateline_dates_a_copy():
    text = (
        "Declaration by the High Representative on behalf of the EU on the alignment of certain countries\n\n"
        "Met dank overgenomen van Raad van de Europese Unie, gepubliceerd op donderdag 16 juni 2016.\n\n"
        "On 27 May 2016, the Council adopted Council Decision (CFSP) 2016/849 concerning restrictive measures."
    )
    assert when(text)[:2] == (dt.date(2016, 6, 16), "day")


def test_a_dateline_in_capitals_run_into_a_button():
    text = (
        "State Department Statement on the Designations\n\nMAY 27, 2022Share\n\n"
        "Today, the United States is designating two entities."
    )
    assert when(text)[:2] == (dt.date(2022, 5, 27), "day")


def test_a_launch_run_into_its_noun_dates_the_launch():
    text = (
        "Joint statement by Council members, 19 November 2022.\n\n"
        "Freedonia and Japan strongly condemn the DPRK’s intercontinental ballistic missilelaunch of November 17."
    )
    assert when(text)[:2] == (dt.date(2022, 11, 19), "day")


def test_a_dateline_written_year_first_with_points():
    text = (
        "Trilateral Statement\n\n2023.6.16.\n\nJapan, the Republic of Korea and the United States condemn the launch."
    )
    assert when(text)[:2] == (dt.date(2023, 6, 16), "day")


def test_a_text_with_no_date_takes_the_day_a_republishing_service_stamps_in_its_url():
    text = "A spokesperson said: The UK strongly condemns the use of ballistic missiles sourced from North Korea."
    url = "https://www.example.net/news.nsf/articles/russia+uses+north+korean+weapons+05012024110500?open"
    assert when(text, url=url)[:2] == (dt.date(2024, 1, 5), "day")
    assert when(text, url="https://blog.example.org/2024/01/09/a-post/")[0] is None  # a copy's later day


def test_the_day_of_a_statement_recalled_or_of_an_earlier_press_conference_is_not_the_acts():
    text = (
        "Remarks at a Security Council Stakeout, March 5, 2013\n\nMarch 5, 2013\n\n"
        "Ambassador: Today we tabled a draft resolution. As I said here myself on February 12, the Council must act.\n"
        "I introduced the project during my press conference on February 28, and it was widely covered."
    )
    assert when(text)[:2] == (dt.date(2013, 3, 5), "day")


def test_the_day_of_tests_named_before_it_is_the_tests():
    text = (
        "FCDO statement\n\n30 September 2022\n\n"
        "The UK is deeply concerned by North Korea’s decision to carry out further ballistic missile tests on "
        "29 September in violation of resolutions."
    )
    assert when(text)[:2] == (dt.date(2022, 9, 30), "day")


def test_a_transcript_is_dated_by_its_heading_not_by_the_days_its_speakers_tell_of():
    text = (
        "Remarks at the Security Council Stakeout\nNew York City\nOctober 6, 2006\n"
        "Ambassador Roe: Late yesterday evening I asked the president of the Council for this emergency meeting, "
        "and on Friday the Council called on them not to test.\n"
        "Question: Will there be sanctions?\n"
        "Ambassador Roe: We condemn the test."
    )
    assert when(text)[:2] == (dt.date(2006, 10, 6), "day")


def test_a_breadcrumb_trail_is_no_body_so_the_dateline_under_it_stays_in_the_header():
    text = (
        "Home Issues & Press Travel & Business Countries Youth & Education Careers About State Video\n"
        "You are in: Under Secretary for Political Affairs > Reports to Congress, U.S. Votes, Fact Sheets > Remarks\n"
        "Briefing on the Announcement\nAmbassador John Roe, Permanent Representative\n"
        "Remarks to the media following a Security Council Stakeout\nNew York City\nOctober 3, 2006\n"
        "Ambassador Roe: We raised it this morning. The Council condemned a launch in July, and we think it is "
        "important that the Council act before the"
    )
    assert when(text)[:2] == (dt.date(2006, 10, 3), "day")


def test_the_day_the_council_adopted_the_resolution_the_measures_transpose_is_background():
    text = (
        "North Korea: EU adopts new restrictions\nBruxelles, 27/05/2016\n"
        "On 27 May 2016, the Council adopted additional restrictive measures against the DPRK. These measures "
        "complement the sanctions regime imposed by UN Security Council resolutions.\n"
        "In response to the nuclear test, the UNSC adopted resolution 2270 on 2 March 2016 imposing additional "
        "restrictive measures against the DPRK."
    )
    assert when(text)[:2] == (dt.date(2016, 5, 27), "day")


def test_a_resolution_cited_by_its_number_and_day_does_not_date_the_statement():
    text = (
        "Statement by the Spokesperson\nBrussels, 16/03/2017\n"
        "The EU condemns the launch of several ballistic missiles by the DPRK in disregard of multiple UN Security "
        "Council Resolutions, including the latest one, 2321 of 30 November 2016."
    )
    assert when(text)[:2] == (dt.date(2017, 3, 16), "day")


def test_in_remarks_a_day_told_of_in_what_is_said_is_another_days():
    text = (
        "Remarks at a UN Security Council Briefing on the DPRK\nAmbassador Jane Roe\nNew York\nJune 2, 2009\n"
        "Thank you, Madam President, and thank you to our briefers for their presentations to the Council today.\n"
        "The DPRK's launches threaten the whole region, and this Council must respond to them with one voice.\n"
        "We have worked with our partners on a response, and we will continue to do so in the days and weeks ahead.\n"
        "At yesterday's meeting with the Foreign Minister we agreed to coordinate closely on a new draft resolution."
    )
    assert when(text)[:2] == (dt.date(2009, 6, 2), "day")


@pytest.mark.parametrize(
    ("text", "url", "day"),
    [
        (
            "Foreign and Commonwealth Office - 2019 Press Release on North Korea\n"
            "Below is a press release issued by the Foreign and Commonwealth Office on 11/12/2019.\n"
            "Madam President, we gather today in the name of prevention, as the launches by North Korea threaten us.",
            "https://www.ukpol.co.uk/fco-2019-press-release-on-north-korea/",
            dt.date(2019, 12, 11),
        ),
        (
            "Treasury Sanctions North Korean Officials\n1/11/2017\n\nWashington - Today, Treasury designated seven "
            "individuals and two entities.",
            "https://webarchive.library.unt.edu/web/2017/https://www.treasury.gov/press-center/jl0699.aspx",
            dt.date(2017, 1, 11),
        ),
        (
            "08/05/2021 10:21 PM EDT\n\nSecretary of State Jane Roe spoke with Foreign Minister Kim Min-su the "
            "evening of August 5.",
            "https://agenparl.eu/secretary-roes-call-with-foreign-minister-kim/",
            dt.date(2021, 8, 5),
        ),
    ],
)
def test_a_slashed_date_both_of_whose_parts_could_be_the_month_is_read_by_the_publishers_country(text, url, day):
    assert when(text, url=url)[0] == day


def test_the_day_after_what_a_present_statement_condemns_is_that_events():
    text = (
        "Remarks at a UN Security Council Briefing on the DPRK\nNew York, New York\nFebruary 20, 2023\n\n"
        "Thank you, Madam President. The United States condemns the DPRK's launch on February 18 of an "
        "intercontinental ballistic missile."
    )
    assert when(text)[0] == dt.date(2023, 2, 20)


def test_a_publication_date_labelled_under_a_pages_summary_dates_its_today():
    text = (
        "Press release\nNorth Korea: UK sanctions three individuals\n"
        "The UK has today sanctioned three individuals involved in the transfer of North Korean weapons to Russia.\n"
        "From:\nForeign, Commonwealth & Development Office\nPublished\n3 December 2024\n\n"
        "The UK has today sanctioned three individuals, the Foreign Secretary announced."
    )
    assert when(text)[0] == dt.date(2024, 12, 3)


def test_a_date_written_year_first_with_slashes():
    text = "Joint Statement on North Korea\n2023/11/22\n\nWe condemn the launch of a satellite by North Korea."
    assert when(text)[0] == dt.date(2023, 11, 22)


def test_a_slashed_date_is_read_in_the_order_the_texts_dates_in_words_take():
    text = (
        "Financial sanctions notice\n12/05/2024\n\nThe following entry has been added to the Consolidated List.\n"
        "[1] Regulations made on 3 May 2024."
    )
    assert when(text)[0] == dt.date(2024, 5, 12)
    american = text.replace("3 May 2024", "May 3, 2024")
    assert when(american)[0] == dt.date(2024, 12, 5)


def test_a_british_or_eu_publisher_writes_a_slashed_date_day_first():
    text = (
        "EEAS\n\nStatement by the Spokesperson\n\nBrussels, 02/10/2019 - 16:55\n\nThe European Union condemns "
        "the launch, a clear violation of UN Security Council resolutions."
    )
    assert when(text)[0] == dt.date(2019, 10, 2)


def test_a_full_date_years_before_the_documents_day_is_an_earlier_act():
    text = (
        "Notice\nJune 17, 2021\n\nOn June 26, 2008, by Executive Order 13466, the President declared a national "
        "emergency with respect to North Korea. I am continuing it for 1 year."
    )
    assert when(text)[0] == dt.date(2021, 6, 17)


def test_a_time_after_a_date_makes_no_range():
    text = "Statement by the Spokesperson\n\nBrussels, 02/10/2019 - 16:55\n\nThe European Union condemns it."
    assert when(text)[0] == dt.date(2019, 10, 2)


def test_a_date_alone_under_a_headline_taken_for_the_body_dates_the_page():
    text = (
        "U.S. Embassy & Consulate in the Republic of Korea\nHome | News & Events | Press Releases\n\n"
        "Joint Statement of the 2021 Republic of Korea-United States Foreign and Defense Ministerial Meeting (2+2)\n"
        "March 18, 2021\n\nThe two ministers met in Seoul today and condemned the launches."
    )
    assert when(text)[0] == dt.date(2021, 3, 18)


def test_an_american_publisher_writes_a_slashed_date_month_first():
    text = (
        "U.S. DEPARTMENT OF THE TREASURY\nPress Releases\n\nTreasury Designates a Bank\n3/11/2013\n\n"
        "WASHINGTON - The U.S. Department of the Treasury today designated the bank under Executive Order 13382."
    )
    assert when(text)[0] == dt.date(2013, 3, 11)


def test_the_day_after_an_owners_launch_is_the_launchs():
    text = (
        "Japan-U.S. Foreign Ministers' Telephone Talk\n\nOn February 19, 2023, Minister Yamada held a telephone "
        "talk with Secretary Roe. Minister Yamada stated that North Korea's launch on February 18 is an "
        "outrageous act, and that he strongly condemns it."
    )
    assert when(text)[0] == dt.date(2023, 2, 19)


def test_a_yesterday_whose_clause_tells_of_a_launch_dates_the_launch():
    text = (
        "Remarks at an Emergency UN Security Council Briefing on North Korea\nNew York City\nNovember 29, 2017\n\n"
        "Thank you, Mr. President. Yesterday the regime in Pyongyang fired a missile that it says can reach any "
        "city in the United States. We condemn it."
    )
    assert when(text)[0] == dt.date(2017, 11, 29)


def test_a_copy_marked_as_one_is_dated_by_its_originals_dateline():
    text = (
        "Embassy of the Republic of Korea\nHome > Press & Media > News    Posted 2010.05.27\n\n"
        "[Republished] Government announces measures\nSeoul, May 24, 2010\n\n"
        "At a joint announcement held this morning, the ministers set out the measures the Government will take."
    )
    assert when(text)[0] == dt.date(2010, 5, 24)


def test_yesterdays_test_is_the_tests_day():
    text = (
        "Statement at the Security Council\nPublished: 4 September 2017\n\nThank you, Madam President. I thank "
        "the Secretary-General for his swift condemnation of yesterday's test. The United Kingdom condemns it."
    )
    assert when(text)[0] == dt.date(2017, 9, 4)


def test_the_day_a_resolution_was_adopted_is_not_the_measures_implementing_it():
    text = (
        "Announcement of Unilateral Sanction Measures against North Korea\nby the ROK Government\nMarch 8, 2016\n"
        "As part of such measures, on March 3 (March 2 New York time) the UN Security Council unanimously adopted "
        "Resolution 2270, which is the strongest sanction resolution ever.\n"
        "The ROK Government, by fully implementing Resolution 2270, will lead the international community."
    )
    assert extract(text).date == dt.date(2016, 3, 8)


def test_a_page_posted_after_the_text_is_dated_by_the_texts_own_dateline():
    text = (
        "Embassy of the United States\nPosted: April 6, 2009\n\nNorth Korea's Launch of a Missile\n"
        "Washington, DC\nApril 5, 2009\n\nThe United States condemns North Korea's launch of a Taepo-Dong 2 missile."
    )
    assert when(text)[:2] == (dt.date(2009, 4, 5), "day")


def test_the_day_a_page_was_last_updated_dates_neither_the_act_nor_its_year():
    text = (
        "Treasury Targets Banks\nOn September 26 the United States sanctioned eight North Korean banks.\n"
        "Treasury said the banks act as financial conduits of the regime and its weapons programs.\n"
        "Last updated: 14 February 2025"
    )
    assert extract(text).date is None
    assert when(text + "\nCopyright 2017 Voice of America")[:2] == (dt.date(2017, 9, 26), "day")


def test_a_day_month_and_year_joined_by_hyphens():
    text = "Statement by the Press Secretary\n4-Mar-2024\nThe United States condemns North Korea's missile launch."
    assert when(text)[:2] == (dt.date(2024, 3, 4), "day")


def test_parts_of_the_day_are_the_texts_day_and_last_night_the_day_before():
    published = dt.date(2024, 3, 6)
    for phrase, day in (("this morning", published), ("tonight", published), ("last night", dt.date(2024, 3, 5))):
        text = (
            f"Statement\nThe United States {phrase} condemned North Korea's missile launch, a violation of resolutions."
        )
        assert when(text, published_on=published)[:2] == (day, "day"), phrase


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("On the 4th, Japan lodged a protest against the launch.", dt.date(2024, 3, 4)),
        ("Japan lodged a protest on the 4th against the launch.", dt.date(2024, 3, 4)),
        ("On the 28th, Japan lodged a protest against the launch.", dt.date(2024, 2, 28)),  # last month's
    ],
)
def test_a_day_of_the_month_alone_is_of_the_reference_month(text, day):
    assert when(text, published_on=dt.date(2024, 3, 6))[0] == day


def test_an_ordinal_before_a_noun_is_no_day():
    assert (
        when("On the 4th floor, Japan lodged a protest against the launch.", published_on=dt.date(2024, 3, 6))[0]
        is None
    )


def test_a_timestamp_dateline_gives_its_day():
    text = "Statement by the Press Secretary\n2024-03-04T09:30:00Z\nThe United States condemns the missile launch."
    assert when(text)[:2] == (dt.date(2024, 3, 4), "day")
