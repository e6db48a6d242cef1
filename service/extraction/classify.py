"""The type of the action: what the text says was done.

Each type has cue phrases; every cue found scores its sentence's weight (headline 3, lead 2, the rest 1)
times the type's own weight, and the best total wins. Cues are read as acts, not topics: "will not hesitate
to impose sanctions" is a warning, not a designation; "Russia's veto" in a statement condemning it is no veto;
an act introduced by "after" or "since" is background.
"""

import bisect
import itertools
import re
from dataclasses import dataclass

from service.extraction.sentences import Sentence, url_headline
from service.vocabulary import ActionType

_NUMBERISH = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens)"
# "imposed on Friday", "announced today": the day may stand between the verb and what it did
_WHEN = r"(?:(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday)\s+)?"
_SANCTIONS_MODIFIERS = r"(?:(?:new|additional|further|targeted|financial|unilateral|autonomous|fresh)\s+){0,3}"

_CUES: dict[ActionType, list[str]] = {
    ActionType.joint_statement: [
        # "the Joint Statement of the Six-Party Talks" names an old document, not this act; so does one named by
        # its date ("the January 9 joint statement", "the September 19, 2005 Joint Statement")
        r"(?<!\d[^\S\n])(?<!\d,[^\S\n])\bjoint\s+(?:statement|declaration|communiqu[eé]|press\s+statement)\b"
        r"(?!\s+of\s+(?:the\s+)?(?:[\w-]+\s+){1,3}(?:Talks|Summit|Meeting|Conference)\b)"
        # "the Joint Statement of September 2005", "of 19 September 2005"
        r"(?!\s+of\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December)\b)",
        # "they jointly condemned" in a call's readout is a condemnation the two made together, no joint statement
        r"\bjointly\s+(?:said|stated|declared|announced)\b",
        r"^We,\s+the\b",
        # a line describing the document: "The following text is a joint statement by ...", "The text of the
        # following statement was released by the Secretary of State and the Foreign Ministers of ..."
        r"\b(?:following|below)\s+(?:text\s+)?is\s+(?:a|the)\s+joint\s+statement\b",
    ],
    ActionType.designation: [
        r"\b(?:designat(?:e|ed|es|ing)|re-designated)\b",
        r"\b(?:sanctioned|sanctioning)\b",
        # "sanctions" as a verb: "Treasury sanctions five entities", "sanctions Russia-based networks"
        rf"\bsanctions\s+(?:{_NUMBERISH}|\w+-based|\w+\s+nationals?)\b",
        # "UK sanctions North Korean officials", "EU Sanctions Russian Generals": the verb before those it lists
        r"\bsanctions\s+(?-i:(?:[A-Z][\w’'-]*\s+){1,3})(?:officials|individuals|entities|generals|companies|banks|"
        r"firms|vessels|ships|people|networks|persons|traders|suppliers|hackers)\b",
        # "imposed targeted financial sanctions", "slapped new unilateral sanctions"
        rf"\b(?:imposed|imposes|imposing|impose|adopted|adopts|slapped|slaps)\s+{_WHEN}"
        rf"{_SANCTIONS_MODIFIERS}"
        r"(?:sanctions|restrictive\s+measures|an\s+asset\s+freeze|a\s+travel\s+ban|travel\s+bans|asset\s+freezes)\b",
        # a finding under Section 311 made final: "finalized its rule against Banco Delta Asia SARL"
        r"\b(?:finali[sz]ed|issued)\s+(?:its\s+|a\s+)?(?:final\s+|proposed\s+)?rule\s+against\b",
        r"\b(?:announced|issued|published)\s+(?:the\s+|a\s+|its\s+)final\s+rule\b",
        # "decided to take the following measures ... against 15 entities and 1 individual"
        rf"\bmeasures\b[^.;]{{0,150}}?\bagainst\s+{_NUMBERISH}\s+(?:entit|individual|person|compan|bank|vessel)",
        # "The Council today decided to add 8 persons and 4 entities to the list of those subject to ..."
        r"\b(?:added|(?:decided|agreed)\s+to\s+add)\b.{0,80}\bto\s+(?:the|its)\s+"
        r"(?:SDN|Specially\s+Designated|sanctions?\s+list|Consolidated|list)",
        r"\b(?:approved|agreed)\s+the\s+addition\s+of\b",
        # "has put 11 North Koreans on its sanctions list"
        r"\b(?:put|puts|placed|places)\b.{0,80}\bon\s+(?:the|its)\s+(?:[\w-]+\s+){0,3}?(?:sanctions?\s+list|blacklist)",
        r"\badded\s+the\s+following\s+entr",
        # "issued designations targeting various officials", "approved the designation of an additional 19 entities"
        r"\b(?:issued|announced|approved|made)\s+(?:the\s+|new\s+|additional\s+|further\s+)?designations?\b|"
        r"\bdesignations\s+targeting\b",
        r"\b(?:blacklisted|listed|listings?\s+of)\b",
        # "announced fresh sanctions against four lenders", "announced on Tuesday financial sanctions against";
        # not "opposes unilateral sanctions against": an objection to others' sanctions
        r"\b(?:(?=[nfaui])(?<!oppose\s)(?<!opposes\s)(?<!opposed\s)(?<!opposing\s)(?<!opposition\sto\s)"
        rf"(?:new|fresh|additional|further|unilateral|independent)\s+|announc(?:ed|es|ing)\s+{_WHEN}"
        rf"{_SANCTIONS_MODIFIERS})sanctions?\s+(?:measures\s+)?(?:against|on|targeting)\b",
        rf"\btarget(?:s|ed|ing)\s+(?:{_NUMBERISH}|an?)\s+(?:\w+\s+){{0,2}}?(?:individuals?|entit(?:y|ies)|firms?|"
        r"companies|company|banks?|lenders?|vessels?|ships?|persons?|people|officials?|networks?)\b",
        # (not "his frozen assets": a state the act left, not the act)
        r"\b(?:subject\s+to|freez(?:e|es|ing)|froze|ha(?:s|ve|d)\s+frozen)\s+(?:the\s+)?assets?(?:\s+freez\w*)?\b",
        # sanctions in force renewed: "to extend the above sanctions for a two-year period"
        r"\b(?:extend|renew|prolong)(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:sanctions|restrictive\s+measures)\b",
    ],
    ActionType.delisting: [
        r"\b(?:de-?listed|de-?listing|delists?)\b",
        # "removed two individuals from its North Korea sanctions list"
        r"\b(?:removed|removes|removing|removal\s+of)\b.{0,80}\bfrom\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:SDN|Specially\s+Designated|"
        r"sanctions?\s+list|Consolidated|list)",
        r"\b(?:lifted|lifts|lifting)\s+(?:the\s+)?sanctions\s+(?:on|against)\b",
        # "rescinded North Korea's designation as a state sponsor of terrorism"
        r"\b(?:rescind|revok)\w*\s+(?:[\w’'-]+\s+){0,3}?designation\b",
    ],
    ActionType.condemnation: [
        r"\bcondemn(?:s|ed|ing)?\b",
        r"\b(?:denounc|deplor)\w*",
        r"\bstrongly\s+(?:criticiz|criticis|oppos|protest)\w*",
        # an ambassador summoned is a protest made to their government
        r"\bsummon(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:ambassador|envoy|charg[eé]\s+d['’]affaires)\b",
        # "Japan lodged a protest to North Korea in the strongest term through the embassy route"
        r"\blodg(?:e|es|ed|ing)\s+(?:a\s+|an\s+)?(?:(?:strong|serious|formal|firm|stern|vigorous)\s+)?protests?\b",
    ],
    ActionType.warning: [
        r"\b(?:won['’]t|will\s+not|would\s+not|not)\s+hesitate\b",
        r"\bcaution(?:s|ed)\s+(?:[\w’'-]+\s+){1,4}?against\b",  # "cautioned Russia against supplying arms"
        r"\bprice\s+to\s+pay\b|\bpay\s+(?:a|the)\s+(?:heavy\s+)?price\b",
        r"\b(?:be\s+)?held\s+accountable\b|\bhold\s+\w+\s+accountable\b",
        # "launched without warning", "missile warning data" are no warning given
        r"(?<!without\s)\bwarn(?:s|ed|ing)?\b(?!\s+(?:data|system|systems|shots|signs|time)\b)"
        # "Assistant Secretary-General Warns Security Council": a meeting report's headline, not a warning
        r"(?!\s+(?:the\s+)?(?:UN\s+)?(?:Security\s+)?Council\b)",
        # "will take further action"; not "will take the UN sanctions to the next level"
        r"\b(?:will|would|could|may)\s+(?:face|impose|take\s+(?:\w+\s+)?(?:action|measures|steps))\b",
        # "if it does, we must bring even more measures to bear": a consequence made conditional on the act
        r"\bif\s+(?:it|they|North\s+Korea|the\s+DPRK|Pyongyang)\s+(?:does|do|did|continues?|conducts?|proceeds?)\b"
        r"[^.;]{0,40}?\b(?:we|it|they)\s+(?:must|will)\b",
        # consequences threatened ("will face serious consequences"), not told of ("the nature of the consequences")
        r"\b(?:face|faces|facing|bear|suffer|be|serious|severe|grave|dire|real|significant|further|clear)\s+"
        r"(?:the\s+)?consequences\b",
        # "ready to take further measures"; not "ready to take actions in parallel" towards an agreement
        r"\bready\s+to\s+(?:impose|take\s+(?:further|additional|appropriate|necessary|decisive|firm|strong)\b)",
    ],
    ActionType.veto: [
        r"\bveto(?:ed|es|ing)\b",
        r"\b(?:cast(?:s|ing)?|us(?:ed|es|ing)|exercis(?:ed|es|ing))\s+(?:a|its|their)\s+veto\b",
        r"\bveto\s+cast\b",
        r"\bfail(?:s|ed)?\s+to\s+adopt\b",  # "Security Council Fails to Adopt Resolution ..."
        r"\bnegative\s+vote\b",
    ],
    ActionType.denial: [
        r"\b(?:den(?:y|ied|ies|ying)|denial)\b",
        r"\b(?:rejected|dismissed)\s+(?:the\s+)?(?:\w+\s+)?(?:accusations|claims|allegations|reports)\b",
        r"\b(?:baseless|groundless|unfounded|fabricat\w*|slander\w*)\b",
        r"\bno\s+(?:agreements?|deals?)\s+(?:were|was|had\s+been)\s+signed\b",
    ],
    # A Council meeting or briefing: speakers condemn and warn, but the act is the meeting; a resolution or a
    # mandate welcomed or extended is no condemnation either.
    ActionType.other: [
        r"\b(?:held|convened)\s+(?:an?\s+)?(?:open\s+|emergency\s+|closed\s+)?(?:briefing|meeting|debate|consultations)\b",
        r"\b(?:brief|warn|tell|told)\w*\s+(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?Security\s+Council\b",
        r"\bextend(?:s|ed|ing)?\s+(?:the\s+)?mandate\b",
        r"\bbrief(?:ed|s)\s+(?:UN\s+)?(?:Member\s+States|(?:members\s+of\s+)?the\s+(?:press|media)|reporters|journalists)\b",
        r"\b(?:welcom\w*|appreciat\w*)\b[^.;]{0,120}?\badopt(?:ed|ion)\b",
        # "Statement by the High Representative following the adoption by the United Nations Security Council of
        # Resolution 2270": a statement on the Council's act
        r"\b(?:following|after|on)\s+the\s+(?:unanimous\s+)?adoption\s+(?:by\s+the\s+(?:[\w-]+\s+){1,4})?of\s+"
        r"(?:(?:UN|United\s+Nations)\s+Security\s+Council\s+)?(?:Resolution|UNSCR)\b",
        # "The Government of Japan appreciates that the UNSC sent a clear message": the Council's act, welcomed
        r"\b(?:welcom\w*|appreciat\w*)\s+(?:that\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:UNSC|(?:UN\s+|United\s+Nations\s+)?"
        r"Security\s+Council)\b",
        # the EU's alignment declarations: the act is other states joining measures the Council took
        # (not a statement others join: "The following countries align themselves with this statement: ...")
        r"\balign(?:s|ed)?\s+(?:themselves|itself)\s+with\b(?!\s+(?:this|the)\s+statement)"
        r"|\balignment\s+of\s+certain\s+(?:third\s+)?countries\b",
    ],
    ActionType.report: [
        r"\b(?:published|released|issued|submitted|presented)\s+(?:its|their|a|the)\s+(?:\w+\s+){0,3}report\b",
        r"\breport\s+(?:found|finds|concluded|concludes|documented|documents)\b",
        r"\bin\s+its\s+(?:\w+\s+){0,2}report\b",
        r"\breport\b[^.;]{0,100}?\b(?:said|says|showed|shows|found|finds)\b",
        r"\baccording\s+to\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}report\b",
    ],
}
# The kind of document, not an act: remarks at a briefing, a press conference, testimony. Each scores a flat
# _KIND_WEIGHT wherever it stands, so an act the text reports in its lead ("The United States condemns") still wins.
_VENUE = re.compile(
    r"\b(?:remarks\s+(?:at|to|by|with|following|after)|response\s+at|explanation\s+of\s+vote|"
    r"press\s+(?:conference|briefing|gaggle|availability)|stakeout|testimony\s+of|speech|statement\s+(?:at|in)\s+the)\b",
    re.IGNORECASE,
)
# Under a plain sentence's condemnation (1.0): "We condemn the DPRK for providing Russia with its military
# equipment" in a later paragraph of remarks is the speaker's act, not a tie with the kind of document.
_KIND_WEIGHT = 0.9
_PATTERNS = {kind: [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in cues] for kind, cues in _CUES.items()}
# A text that only calls the act a violation ("yet another outright and grave violation", "violates multiple
# UNSCRs") condemns it without the verb; a weaker cue, so a welcomed resolution or a designation still wins.
_CALLED_A_VIOLATION = re.compile(
    r"\b(?:is|was|are|were|constitutes?|represents?)\s+(?:(?:yet\s+)?another\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:violation|breach|provocation)s?\b|\b(?:launch\w*|tests?)\s+(?:[\w-]+\s+){0,6}?violat(?:es|ed)\b"
    # "launched a ballistic missile in flagrant violation of multiple resolutions"
    r"|\b(?:launch\w*|test\w*|fired|conducted)\b[^.;\n]{0,80}?\bin\s+(?:flagrant\s+|clear\s+|direct\s+|blatant\s+)?"
    r"(?:violation|breach)\s+of\b"
    # "North Korea has once again violated UN Security Council Resolutions", "repeated and blatant violations of"
    r"|\b(?:has|have)\s+(?:once\s+again\s+|again\s+)?violated\b"
    r"|\b(?:blatant|flagrant|clear|serious|grave)\s+(?:and\s+\w+\s+)?(?:violations?|breach(?:es)?)\s+of\b"
    # the act judged without the verb: "in utter disregard of multiple resolutions", "These actions are illegal",
    # "are a threat to international and regional peace", "The UK is concerned about the latest ... launches"
    r"|\bin\s+(?:utter|complete|total|flagrant|blatant)\s+disregard\s+of\b"
    r"|\b(?:actions|launch(?:es)?|tests?)\s+(?:are|is|were|was)\s+(?:illegal|unlawful|unacceptable)\b"
    r"|\b(?:is|are|was|were|poses?|posed)\s+(?:a\s+)?(?:serious\s+|grave\s+|direct\s+)?threat\s+to\s+"
    r"(?:international|regional|the\s+region|peace)\b"
    r"|\b(?:is|are|am)\s+(?:deeply\s+|gravely\s+|seriously\s+)?concerned\s+(?:about|by)\s+[^.;]{0,40}?"
    r"\b(?:launch\w*|tests?)\b"
    # "expresses grave concern over North Korea's ballistic missile launch", "strongly objects to the launch"
    r"|\bexpress(?:es|ed)?\s+(?:its\s+|their\s+|our\s+)?(?:grave|serious|deep|strong)\s+concern\s+(?:over|about|at)\s+"
    r"[^.;]{0,40}?\b(?:launch\w*|tests?)\b"
    r"|\bobject(?:s|ed)?\s+to\s+[^.;]{0,40}?\b(?:launch\w*|tests?)\b",
    re.IGNORECASE | re.MULTILINE,
)
_SOFT_WEIGHT = 0.6
# In remarks, an explanation of vote or a press conference, what the Council did ("The Security Council is sending a
# clear message ...: face the consequences", "a UN Security Council informal meeting ... condemned") or a veto is
# the occasion the speaker speaks of, not the speaker's act.
_TOLD_OF = re.compile(
    r"\b(?:Security\s+)?Council\b(?!\s+(?:\([A-Z]+\)\s+)?resolutions?\b|['’]s\s+resolutions?\b)[^;]*$", re.IGNORECASE
)
# What the speaker speaks at: "Explanation of Vote at the Adoption of UN Security Council Resolution 2397 Imposing New
# Sanctions", "Remarks Following the Adoption of a ... Statement Condemning": the adopted text's act, not the speaker's.
_ADOPTED = re.compile(r"\b(?:at|on|following|after)\s+the\s+adoption\s+of\b[^;]*$", re.IGNORECASE)
# A joint statement or a designation is the act itself, whatever it also condemns or warns about.
_TYPE_WEIGHT = {
    ActionType.joint_statement: 1.5,
    ActionType.designation: 1.3,
    ActionType.delisting: 1.3,
    ActionType.veto: 1.0,
    ActionType.condemnation: 1.0,
    ActionType.denial: 1.0,
    ActionType.warning: 0.9,
    ActionType.report: 0.8,
    ActionType.other: 1.5,
}
# An act someone may do, or did before, is not the act reported; nor is one with no object ("a number of").
_HEDGE = re.compile(
    r"\b(?:will|would|could|may|might|can|won['’]t|not\s+hesitate\s+to|ability\s+to|prepared\s+to|ready\s+to|"
    r"hesitat\w*\s+to|threat\w*\s+to|abilities\s+to|continue\s+to|intention\s+to|intends?\s+to|"
    r"once|"  # "The entities once designated would be subject to an asset freeze"
    r"(?:authori[sz]\w*|allow\w*|enabl\w*|permit\w*)"
    r"\s+(?:\w+\s+){0,2}?to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"^\s*(?:on\s+|against\s+)?(?:a\s+number\s+of|various|numerous|many|multiple)\b", re.IGNORECASE)
# "The following text is a joint statement by", "The text of the following joint statement was released by"
_DESCRIBES_DOCUMENT = re.compile(
    r"\b(?:following|below)\s+(?:text\s+)?is\b|\btext\s+of\s+the\s+following\b", re.IGNORECASE
)
# "Had it passed, the Council would have condemned": what a failed draft would have done was not done, whatever
# the act; nor was a mandate that the Council "failed to extend", or did "not" extend.
_WOULD_HAVE = re.compile(r"\bwould\s+have\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# Nor was what someone "did not at any point condemn", was "unwilling to condemn" or "failed to" do: an act not done.
_NOT_DONE = re.compile(
    r"\b(?:not|never|unwilling\s+to|refus\w*\s+to|fail\w*\s+to|declin\w*\s+to|reluctant\s+to)\s+"
    r"(?:(?!only\b|and\b|but\b)\w+\s+){0,3}$",
    re.IGNORECASE,
)
# "has humanitarian consequences", "with consequences for the region": consequences described, not threatened.
_DESCRIBED = re.compile(
    r"\b(?:has|have|had|having|with)\s+(?:[\w-]+\s+){0,2}$|\b(?:humanitarian|economic|unintended|adverse)\s+$",
    re.IGNORECASE,
)
_A_TEXT_BEFORE = re.compile(r"\b(?:draft|resolution|text)\s+$", re.IGNORECASE)
# "the Veto by Russia of the Draft Resolution Extending the Mandate", "voted on a draft resolution to extend the
# mandate": what a draft provides is no mandate extended
_A_DRAFT_BEFORE = re.compile(r"\bdraft(?:\s+resolution)?\s+(?:to\s+)?$", re.IGNORECASE)
# "committed to coordinate ... efforts to hold Russia accountable": an aim pursued, no warning given.
_AIM = re.compile(r"\b(?:efforts?|work(?:ing)?|commit\w*|seek\w*|aim\w*)\s+to\s+$", re.IGNORECASE)
# "a list of designated persons", "UN-designated entities", "coal and other sanctioned items": a status, not the act.
_STATUS_BEFORE = re.compile(
    r"(?:\b(?:of|to|with|for|by|against|on|from|the|all|any|other|such|these|those|its|their)\s+|-)$", re.IGNORECASE
)
_STATUS_AFTER = re.compile(
    r"^\s+(?:persons?|individuals?|entit(?:y|ies)|parties|nationals?|vessels?|companies|banks?|groups?|terrorists?|"
    r"items|goods|commodities|products)\b",
    re.IGNORECASE,
)
# "The draft resolution was vetoed and hence not adopted": a veto told with no one casting it is the context of the
# text, not what it reports (a report names the vetoer: "vetoed by China and the Russian Federation").
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$", re.IGNORECASE)
# "Russia denounced the joint statement by ...", "rejected the so-called designations": the document or act is
# what the condemnation is against, not an act of the text.
CONDEMNED_OBJECT = (
    r"\b(?:condemn|denounc|deplor|criticiz|criticis|reject|dismiss|slam)\w*\s+"
    r"(?:(?:the|its|their|this|that|so-called|recent|latest|trilateral)\s+)+"
)
_CONDEMNED_BEFORE = re.compile(CONDEMNED_OBJECT + "$", re.IGNORECASE)
# A verb followed by "by" is a passive whose agent comes after it ("vetoed by China").
AGENT_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    # "following the launch" is background, "the following joint statement" is the text below
    r"\b(?:after|since|(?<!the\s)following|when|before|earlier|previously|in\s+the\s+past|last\s+(?:year|month|week)|"
    r"builds\s+on|despite|in\s+spite\s+of)\b"
    r"[^,;]{0,60}$"
    # "Last week, South Korea, the U.S. and Japan strongly condemned"
    r"|^(?:last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year))\b[^;]{0,100}$",
    re.IGNORECASE,
)

# "have repeatedly urged North Korea to ... and, among others, condemned": a record of past acts, however many verbs
# it runs through, not this act.
_RECORD = re.compile(r"\b(?:has|have|had)\s+repeatedly\b[^;]{0,150}$", re.IGNORECASE)
# "adopted a Presidential Statement which strongly condemns", "resolution 2397, which imposes": what a Council text
# does is the Council's act, told by a text about it.
_ADOPTED_TEXT_DOES = re.compile(
    r"\b(?:resolutions?|Presidential\s+Statement)(?:\s+\d{3,4})?(?:\s+\(\d{4}\))?,?\s+(?:which|that)\s+(?:\w+ly\s+)?$"
    # the text as the sentence's subject: "The resolution adopted today condemns the launch and imposes ...", "The
    # draft that has been shared clearly and unequivocally condemns"
    r"|^(?:The|This|That|Today['’]s|Our)\s+(?:draft\s+)?(?:resolution|draft|presidential\s+statement)\b[^;]{0,100}$",
    re.IGNORECASE,
)

# "thanked Foreign Minister Cho for the ROK signing the January 9 joint statement condemning ...": what a text
# thanks, commends or congratulates someone for is that one's act, not the text's.
_CREDITED = re.compile(
    r"\b(?:thank(?:s|ed|ing)?|commend(?:s|ed|ing)?|congratulat\w*|prais(?:e|es|ed|ing))\b[^,;]{0,40}?\bfor\b[^;]{0,100}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    type: ActionType
    sentence: Sentence
    start: int  # offsets into the document
    end: int


def _cue_weight(kind: ActionType, sentence: Sentence, start: int, end: int) -> float:
    before = sentence.text[:start]
    weight = sentence.weight * _TYPE_WEIGHT[kind]
    acts_on_a_list = kind in (ActionType.designation, ActionType.delisting)
    if acts_on_a_list and (_HEDGE.search(before) or _VAGUE.match(sentence.text[end:])):
        return 0.0
    if kind is ActionType.joint_statement and (sentence.in_header or _DESCRIBES_DOCUMENT.search(sentence.text)):
        weight *= 2  # a headline "Joint Statement ..." says what the document is, whatever it condemns
    if _WOULD_HAVE.search(before) or _NOT_DONE.search(before) or _CONDEMNED_BEFORE.search(before):
        return 0.0
    matched = sentence.text[start:end]
    if kind is ActionType.warning and "consequences" in matched.lower() and _DESCRIBED.search(before):
        return 0.0
    if kind is ActionType.warning and _AIM.search(before):
        return 0.0
    if kind in (ActionType.warning, ActionType.designation) and _A_TEXT_BEFORE.search(before):
        weight *= 0.3  # "this draft would impose a complete embargo": what a text provides, told by the speaker
    if kind is ActionType.other and _A_DRAFT_BEFORE.search(before):
        return 0.0
    if (
        matched.lower() in ("designated", "sanctioned")
        and _STATUS_BEFORE.search(before)
        and _STATUS_AFTER.match(sentence.text[end:])
    ):
        return 0.0
    if _CREDITED.search(before):
        return 0.0
    if kind is ActionType.veto and _PASSIVE_BEFORE.search(before) and not AGENT_AFTER.match(sentence.text, end):
        weight *= 0.3
    if _BACKGROUND.search(before) or _RECORD.search(before) or _ADOPTED_TEXT_DOES.search(before):
        weight *= 0.3
    return weight


# "one party that has been sanctioned by the Security Council": the Council named as the doer after the verb.
_BY_THE_COUNCIL = re.compile(r"^\s+by\s+(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?Security\s+Council\b", re.IGNORECASE)


def _occasion(kind: ActionType, before: str, after: str) -> bool:
    """Whether a cue in remarks, an explanation of vote or a press conference tells of the occasion (a veto, an act
    of the Council) rather than of the speaker's act."""
    return kind is ActionType.veto or bool(
        _TOLD_OF.search(before) or _ADOPTED.search(before) or _BY_THE_COUNCIL.match(after)
    )


# A copy of remarks that lost its header still opens as remarks do: "Thank you, Mr. President", "Thank you,
# Under-Secretary-General DiCarlo and Mr. Leff, for your briefings", "Colleagues, ...".
_ADDRESS = re.compile(
    r"^Thank\s+you,?\s+(?:(?:Mr\.?|Madam|Madame)\s+)?[\w-]*(?:President|Chair|Secretary-General)\b|"
    r"^Thank\s+you,?\s+[^.]{0,80}\bfor\s+(?:your|the)\s+briefings?\b|^Colleagues,",
    re.IGNORECASE,
)
_OPENING_SENTENCES = 6
# A reporter's question in a press conference's transcript ("REPORTER: ... Chairman Kim has released a statement
# condemning ...", "Kyodo News, Nakata: I would like to ask about ..."): it tells what others did.
_QUESTION = re.compile(r"^(?:REPORTER|Reporter|QUESTION|Question|Q)\s*:|^[A-Z][\w.&’' -]{0,40},\s*[A-Z][\w’'-]+\s*:")


def names_its_kind(sentences: list[Sentence], url: str | None = None) -> bool:
    """Whether the header (or, for a copy, the headline its URL keeps) says the text is remarks, an explanation of
    vote, a stakeout, a press conference or testimony, or the body opens by addressing the chair or a briefer: a
    speaker telling of an occasion."""
    return _headed(sentences) or _address(sentences) is not None or _url_names_kind(url)


# A statement's header ("PRESS STATEMENT", "Statement by the Foreign Minister on the Veto by Russia ..."): a veto it
# tells of is the one it answers, not its own act.
_STATEMENT_HEADER = re.compile(r"^(?:press\s+)?statement\b(?!\s+(?:at|in)\s+the\b)", re.IGNORECASE)


def _headed(sentences: list[Sentence]) -> bool:
    return any(sentence.in_header and _VENUE.search(sentence.text) for sentence in sentences)


def _url_names_kind(url: str | None) -> bool:
    return bool(_VENUE.search(url_headline(url)))


def _address(sentences: list[Sentence]) -> tuple[Sentence, re.Match[str]] | None:
    """The opening sentence that addresses the chair or a briefer, and the words that do (a short "Thank you, ..."
    line may count as the header, so the first few sentences are read)."""
    for sentence in sentences[:_OPENING_SENTENCES]:
        if match := _ADDRESS.match(sentence.text):
            return sentence, match
    return None


def cues(sentences: list[Sentence], url: str | None = None) -> list[tuple[Cue, float]]:
    """Every cue of every type, with its weight. Each pattern runs once over the sentences joined one a line
    ("^" is a sentence's start), not once per sentence: a text uses few of the cues. `url` is where the text was
    published: a copy's URL may still name its kind."""
    found = []
    whole = "\n".join(sentence.text for sentence in sentences)
    starts = list(itertools.accumulate((len(sentence.text) + 1 for sentence in sentences), initial=0))
    patterns = [
        (ActionType.other, _VENUE),
        (ActionType.condemnation, _CALLED_A_VIOLATION),
        *((k, p) for k, ps in _PATTERNS.items() for p in ps),
    ]
    headed = _headed(sentences)
    address = None if headed else _address(sentences)
    venue = headed or address is not None or _url_names_kind(url)  # names_its_kind, each part read once
    stated = any(sentence.in_header and _STATEMENT_HEADER.match(sentence.text) for sentence in sentences)
    if address is not None:  # remarks with no header: the address scores as the kind of document would
        sentence, match = address
        found.append((Cue(ActionType.other, sentence, sentence.start, sentence.start + match.end()), _KIND_WEIGHT))
    kind_told = address is not None  # the kind of document is one fact: its first mention scores, once
    asked = {sentence.paragraph for sentence in sentences if _QUESTION.match(sentence.text)}
    for kind, pattern in patterns:
        for match in pattern.finditer(whole):
            if "\n" in match.group() or (pattern is _VENUE and kind_told):
                continue  # runs across two sentences, or the kind told again ("I will hold a press conference")
            kind_told = kind_told or pattern is _VENUE
            index = bisect.bisect_right(starts, match.start()) - 1
            sentence = sentences[index]
            start, end = match.start() - starts[index], match.end() - starts[index]
            weight = _KIND_WEIGHT if pattern is _VENUE else _cue_weight(kind, sentence, start, end)
            if pattern is not _VENUE and sentence.paragraph in asked:
                continue  # what a reporter asks about is not the speaker's act
            occasion = venue and _occasion(kind, sentence.text[:start], sentence.text[end:])
            if pattern is not _VENUE and (occasion or (stated and kind is ActionType.veto)):
                weight *= 0.3 / sentence.weight  # told in the headline or not, the occasion is not the act
            if pattern is _CALLED_A_VIOLATION:
                # remarks call launches violations as a matter of course: there it weighs under the kind of document
                weight *= _SOFT_WEIGHT / 2 if venue else _SOFT_WEIGHT
            if weight > 0:
                found.append((Cue(kind, sentence, sentence.start + start, sentence.start + end), weight))
    found.sort(key=lambda pair: pair[0].start)
    return found


def classify(sentences: list[Sentence], found: list[tuple[Cue, float]] | None = None) -> tuple[ActionType, list[Cue]]:
    """The winning type and its cues, strongest first; `other` with no cue when nothing matched. `found` is
    `cues(sentences)` when the caller has it already."""
    found = cues(sentences) if found is None else found
    # One sentence counts once per type, by its strongest cue: "warned of consequences" is one warning. The
    # header counts once too: pages repeat their headline (a title above the same headline, a breadcrumb).
    best: dict[tuple[ActionType, Sentence | None], float] = {}
    for cue, weight in found:
        key = (cue.type, None if cue.sentence.in_header else cue.sentence)
        best[key] = max(best.get(key, 0.0), weight)
    # "the Security Council condemned that test and imposed sanctions": the condemnation is why the measures
    # were taken, so a sentence that imposes them counts for the designation only.
    for _, sentence in [key for key in best if key[0] in (ActionType.designation, ActionType.delisting)]:
        best.pop((ActionType.condemnation, sentence), None)
    totals: dict[ActionType, float] = {}
    for (kind, _), weight in best.items():
        totals[kind] = totals.get(kind, 0.0) + weight
    if not totals:
        return ActionType.other, []
    # A tie goes to the type that weighs more (a joint statement over the condemnation it contains).
    winner = max(totals, key=lambda kind: (totals[kind], _TYPE_WEIGHT[kind]))
    ranked = sorted((pair for pair in found if pair[0].type is winner), key=lambda pair: (-pair[1], pair[0].start))
    return winner, [cue for cue, _ in ranked]
