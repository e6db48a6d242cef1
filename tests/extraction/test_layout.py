"""The same words laid out otherwise give the same draft: hard-wrapped lines, no-break spaces, "\\r\\n" line ends;
and the same text gives the same draft on every run. Quotes stay the submitted text's own characters."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from service.extraction import extract
from service.extraction.layout import for_reading

DATA = Path(__file__).parent / "data"
TREASURY = (DATA / "public" / "p01_treasury_bank_trading_2022.txt").read_text(encoding="utf-8")


def _wrapped(text: str, width: int = 72) -> str:
    """As a plain-text release or a copy out of a PDF file lays it out: each paragraph broken at `width`."""
    return "\n".join(textwrap.fill(line, width, break_on_hyphens=False) for line in text.split("\n"))


def _facts(draft) -> tuple:
    return (
        draft.type,
        draft.date,
        [(o.name, o.title) for o in draft.officials],
        [(a.name, a.role) for a in draft.actors],
        [r.number for r in draft.resolutions],
    )


def test_a_hard_wrapped_release_reads_as_the_page_does():
    wrapped = _wrapped(TREASURY)
    draft = extract(wrapped)
    assert _facts(draft) == _facts(extract(TREASURY))
    # the Under Secretary's title runs over two of the wrapped lines
    assert ("Brian E. Nelson", "Under Secretary of the Treasury for Terrorism and Financial Intelligence") in [
        (o.name, o.title) for o in draft.officials
    ]


def test_quotes_of_a_wrapped_text_keep_its_line_breaks():
    wrapped = _wrapped(TREASURY)
    draft = extract(wrapped)
    passages = [*draft.officials, *draft.actors, *draft.resolutions]
    assert all(wrapped[p.span[0] : p.span[1]] == p.quote for p in passages)
    assert any("\n" in p.quote for p in passages)
    assert wrapped[draft.type_span[0] : draft.type_span[1]] == draft.type_quote


def test_no_break_spaces_and_crlf_line_ends_read_as_plain_ones():
    text = (
        "Press Statement\r\nMarch 4, 2024\r\n"
        "Secretary\u00a0of\u00a0State Antony\u00a0J.\u00a0Blinken said the United States condemns the launch."
    )
    draft = extract(text)
    assert [(o.name, o.title) for o in draft.officials] == [("Antony J. Blinken", "Secretary of State")]
    assert draft.officials[0].quote == text[draft.officials[0].span[0] : draft.officials[0].span[1]]
    assert "\u00a0" in draft.officials[0].quote
    assert draft.date.isoformat() == "2024-03-04"


def test_a_page_of_one_paragraph_per_line_is_left_as_it_is():
    assert for_reading(TREASURY) == TREASURY


def test_wrapped_lines_are_joined_and_short_ones_kept():
    wrapped = _wrapped(TREASURY)
    read = for_reading(wrapped)
    assert len(read) == len(wrapped)
    lines = read.split("\n")
    assert "May 27, 2022" in lines  # the dateline, a short line, stays a line of its own
    lede = "WASHINGTON — The U.S. Department of the Treasury"
    assert any(line.startswith(lede) and len(line) > 300 for line in lines)  # a paragraph of five wrapped lines


def test_the_same_text_gives_the_same_draft_on_every_run():
    """Sets of strings iterate in an order that changes with each process's hash seed; no answer may hang on it.
    This document named the EU and the UN Security Council once each, and "the Council" went to either."""
    path = DATA / "public" / "j07_usun_joint_statement_panel_2024_copy.txt"
    script = (
        "from pathlib import Path; from service.extraction import extract; "
        f"print(extract(Path({str(path)!r}).read_text()).model_dump_json())"
    )
    drafts = {
        seed: json.loads(
            subprocess.run(
                [sys.executable, "-c", script],
                env={"PYTHONHASHSEED": str(seed), "PATH": ""},
                cwd=Path(__file__).parents[2],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for seed in (1, 4, 5)
    }
    assert drafts[1] == drafts[4] == drafts[5]


def test_a_headline_in_capitals_names_its_speaker():
    text = (
        "STATEMENT BY AMBASSADOR JAMES KARIUKI AT THE UN SECURITY COUNCIL MEETING ON NORTH KOREA\n"
        "The UK condemns the launch by the DPRK of a further intercontinental ballistic missile on 16 March. "
        "It is a clear violation of Security Council resolutions."
    )
    draft = extract(text)
    assert [(o.name, o.title) for o in draft.officials] == [("James Kariuki", "Ambassador")]
    assert draft.officials[0].quote.startswith("STATEMENT BY AMBASSADOR JAMES KARIUKI")  # as submitted


def test_a_headline_in_capitals_is_read_in_mixed_case_keeping_its_acronyms():
    headline = (
        "REMARKS BY AMBASSADOR LINDA THOMAS-GREENFIELD, U.S. REPRESENTATIVE TO THE UNITED NATIONS, AT A UN SECURITY "
        "COUNCIL BRIEFING ON THE DPRK’S ICBM LAUNCH"
    )
    assert for_reading(headline) == (
        "Remarks by Ambassador Linda Thomas-Greenfield, U.S. Representative to the United Nations, at a UN Security "
        "Council Briefing on the DPRK’s ICBM Launch"
    )


def test_capitals_that_would_read_as_a_sentence_or_a_label_stay_capitals():
    """In mixed case the UN's long headline, ending as a sentence may, would read as the body's first sentence."""
    un_headline = (
        "SECURITY COUNCIL CONDEMNS NUCLEAR TEST BY DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA, UNANIMOUSLY ADOPTING "
        "RESOLUTION 1718 (2006)"
    )
    label = "FOREIGN MINISTER KISHIDA:"
    body = "\nThe Council today imposed sanctions on the DPRK, in a resolution adopted unanimously after a long debate."
    assert for_reading(un_headline + body) == un_headline + body
    assert for_reading(label + body) == label + body


def test_a_text_run_into_one_line_keeps_its_dateline_apart():
    text = (
        "Remarks at a UN Security Council Briefing on the DPRK Ambassador Jane Roe New York November 21, 2022 "
        "Thank you, Madam President. The United States condemns the DPRK's launch of an intercontinental "
        "ballistic missile on Friday, its second such launch this month, in violation of Council resolutions. "
        "We call on all members of this Council to speak with one voice."
    )
    read = for_reading(text)
    assert read.split("\n")[1] == "November 21, 2022"
    assert extract(text).date.isoformat() == "2022-11-21"  # the remarks' day, not the launch's Friday
    assert for_reading("Talks were held on November 21, 2022 " + text[:300]).count("\n") == 2  # not after "on"
