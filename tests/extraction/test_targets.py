"""Designated targets: named ones listed with their kind, counted-only ones a warning, never invented."""

from service.extraction import KnownActor, extract


def targets(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(t.name, t.kind) for t in extract(text, **kwargs).targets]


def test_company_with_legal_form_first():
    text = "Today, OFAC designated Limited Liability Company Vostok Logistik, a freight company."
    assert targets(text) == [("Limited Liability Company Vostok Logistik", "organization")]


def test_company_with_legal_form_last():
    text = "Among those designated is Korea Sobaeksu Trading Company, which sends workers abroad."
    assert targets(text) == [("Korea Sobaeksu Trading Company", "organization")]


def test_vessel_with_imo_number():
    text = "OFAC designated the vessel SUN RISE (IMO 8514306) for carrying DPRK coal."
    assert targets(text) == [("SUN RISE", "vessel")]


def test_person_introduced_as_a_national():
    text = "OFAC also designated Russian national Pavel Sergeevich Orlov, the director of the firm."
    assert targets(text) == [("Pavel Sergeevich Orlov", "person")]


def test_person_described_as_a_national():
    text = "The Council listed Pak Chol-min, a DPRK national involved in arms sales."
    assert targets(text) == [("Pak Chol-min", "person")]


def test_list_after_the_kind_of_target():
    text = "Treasury sanctioned three bankers. The individuals are Han Kwang Chol, Jong Song Ho and Ri Un Hui."
    assert targets(text) == [("Han Kwang Chol", "person"), ("Jong Song Ho", "person"), ("Ri Un Hui", "person")]


def test_two_companies_joined_by_and_are_two_targets():
    text = "The Council listed two entities, Korea Kwangson Banking Corporation and Hana Electronics JVC, today."
    assert [name for name, _ in targets(text)] == ["Korea Kwangson Banking Corporation", "Hana Electronics JVC"]


def test_employer_of_a_target_is_not_a_target():
    text = "The UK sanctioned North Korean national Ri Chang Ho, who heads the Reconnaissance General Bureau."
    assert targets(text) == [("Ri Chang Ho", "person")]


def test_known_actor_in_a_designation_is_a_target():
    chollima = KnownActor(id="org-chollima", name="Chollima Trading", kind="organization", aliases=[])
    draft = extract("Today, OFAC designated Chollima Trading for shipping coal.", known_actors=[chollima])
    assert [(t.name, t.actor_id, t.role) for t in draft.targets] == [("Chollima Trading", "org-chollima", "target")]
    assert draft.actors == [] or all(a.actor_id != "org-chollima" for a in draft.actors)


def test_counted_targets_are_not_invented():
    text = "The United States has sanctioned five Russia-based individuals and entities connected to arms transfers."
    draft = extract(text)
    assert draft.targets == []
    assert any("five Russia-based individuals and entities" in warning for warning in draft.warnings)


def test_no_targets_outside_a_designation():
    text = "The United States condemned Limited Liability Company Vostok Logistik for its shipments."
    assert targets(text) == []


def test_headline_words_are_not_targets():
    text = (
        "Treasury Sanctions North Korean Bank Representatives\n"
        "Today, OFAC sanctioned three individuals who represent North Korean banks abroad."
    )
    assert targets(text) == []


def test_target_quote_is_its_sentence():
    text = "OFAC acted today. OFAC designated the vessel UNITY (IMO 9016595) for carrying coal."
    target = extract(text).targets[0]
    assert target.quote == "OFAC designated the vessel UNITY (IMO 9016595) for carrying coal."
    assert text[target.span[0] : target.span[1]] == target.quote


# Issue 18: names written right after the act's verb, and a bank described as one.


def test_names_after_the_designating_verb():
    text = (
        "Today, the United States is designating for sanctions Air Koryo Trading Corporation, a DPRK entity that "
        "supported the ministry; Jong Yong Nam, a DPRK representative; and Bank Sputnik, a Russian bank."
    )
    names = {t.name for t in extract(text).targets}
    assert {"Air Koryo Trading Corporation", "Jong Yong Nam", "Bank Sputnik"} <= names


def test_a_person_named_after_is_designating():
    assert [t.name for t in extract("The Department is designating Ivan Petrov for arms brokering.").targets] == [
        "Ivan Petrov"
    ]


def test_kinds_of_target_after_the_verb_are_no_names():
    assert extract("OFAC sanctioned North Korean banks and 26 individuals on Tuesday.").targets == []


def test_bullets_under_a_line_introducing_the_targets():
    text = (
        "The United Kingdom today designated eleven officials and one agency.\n"
        "They include:\n"
        "    • The Central Election Commission (CEC) of Russia, the agency that arranged the elections.\n"
        "    • Natalya Budarina, CEC Secretary, one of the most senior officials.\n"
        "    • UK sanctions Russian officials involved in recent elections in occupied regions.\n"
    )
    assert [t.name for t in extract(text).targets] == ["Central Election Commission", "Natalya Budarina"]


def test_names_after_including():
    text = "OFAC sanctioned five individuals, including Ivan Petrov and Olga Smirnova, on Tuesday."
    assert {t.name for t in extract(text).targets} == {"Ivan Petrov", "Olga Smirnova"}


def test_a_name_as_the_subject_of_is_being_designated_is_a_target():
    text = (
        "Today, OFAC sanctioned two individuals. Li Wei Ming (Li) is being designated pursuant to E.O. 13722 for "
        "providing material support to the Andariel Group. Zhao Hong Bo was designated for supporting Li."
    )
    assert [name for name, _ in targets(text)] == ["Li Wei Ming", "Zhao Hong Bo"]


def test_a_bank_found_of_primary_money_laundering_concern_is_a_target():
    text = (
        "Today, the Treasury's Financial Crimes Enforcement Network has found the Bank of Freedonia to be a foreign "
        "financial institution of primary money laundering concern, and designated two individuals."
    )
    assert "Bank of Freedonia" in [name for name, _ in targets(text)]


def test_the_first_line_under_a_designating_line_ending_in_a_colon_is_a_target():
    text = (
        "WASHINGTON — Today, OFAC is sanctioning two individuals and four entities.\n"
        "OFAC's action today designates a network that consists of a weapons-trading department and its leaders:\n"
        "Department 99 of The Ministry of Everything (Department 99) is a department of the government."
    )
    assert "Department 99 of The Ministry of Everything" in [name for name, _ in targets(text)]


def test_a_target_described_by_an_earlier_listing_is_not_one_and_the_list_runs_through_abbreviations():
    text = (
        "Today, the United States is designating for sanctions Alpha Trading Corporation, a DPRK entity that has "
        "supported the U.S.-designated DPRK Ministry of Rockets; Kim Min-su, a representative for an organization "
        "subordinate to the UN- and U.S.-designated Academy of Sciences; and Bank Beta, a bank."
    )
    found = [name for name, _ in targets(text)]
    assert "Kim Min-su" in found and "Bank Beta" in found
    assert not any("Academy" in name for name in found)


def test_one_entity_named_in_apposition_after_it_is_counted():
    text = (
        "The Council has added 16 persons and one entity, the Ministry of the People’s Armed Forces (MPAF), to the "
        "lists of those subject to an asset freeze."
    )
    assert "Ministry of the People’s Armed Forces" in [name for name, _ in targets(text)]
