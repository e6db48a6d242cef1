"""A text that reports two acts gives both (issue 18): the main one in the draft's own fields, the other in
`further_acts`, each read from its own sentences."""

import datetime as dt

from service.extraction import extract

WARNING_AND_DENIAL = (
    "US warns Russia over arms deal with North Korea\n\n"
    "WASHINGTON, Sept 5 (Reuters) - The United States warned Russia on Tuesday that it would pay a price for any "
    "arms deal with North Korea, State Department spokesperson Matthew Miller said.\n\n"
    "Kremlin spokesman Dmitry Peskov denied on Wednesday that any such agreement had been signed, calling the "
    "reports baseless."
)


def test_a_denial_by_the_other_side_is_a_further_act():
    draft = extract(WARNING_AND_DENIAL, published_on=dt.date(2023, 9, 7))
    assert (draft.type, draft.date) == ("warning", dt.date(2023, 9, 5))
    assert [o.name for o in draft.officials] == ["Matthew Miller"]
    [denial] = draft.further_acts
    assert (denial.type, denial.date) == ("denial", dt.date(2023, 9, 6))
    assert {a.name for a in denial.actors if a.role == "imposer"} == {"Russia"}
    assert [o.name for o in denial.officials] == ["Dmitry Peskov"]
    assert WARNING_AND_DENIAL[denial.type_span[0] : denial.type_span[1]] == denial.type_quote


def test_one_act_gives_no_further_acts():
    text = "The United States condemned North Korea's launch on Monday, a State Department spokesperson said."
    assert extract(text).further_acts == []


def test_a_background_act_is_no_further_act():
    text = (
        "Japan condemned the launch on Friday. The launch came after Russia vetoed a resolution last year, "
        "the ministry said."
    )
    assert extract(text).further_acts == []


def test_the_main_acts_own_sides_make_no_further_act():
    text = "The United States sanctioned two firms on Friday. The United States also condemned the launch."
    assert extract(text).further_acts == []
