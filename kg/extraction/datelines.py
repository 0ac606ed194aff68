"""Where a report was filed from: the dateline and the source line that open wire stories.

"BANGKOK, Thailand (AP) — ..." says AP filed from Bangkok, which lies in Thailand;
"(Text) Sofia, February 15 (BTA) -- ..." says BTA filed from Sofia; a monitoring service's
source line "Paris AFP in English 0107 GMT 2 Feb 94" says AFP broadcast from Paris. These
lines are read by their layout, not parsed: the tagger reads them poorly (all capitals, no verb).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.ontology import KGO, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DatelineFact", "dateline_end", "dateline_facts", "line_name", "story_start"]

_NAME = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3}"
# A region may come with its abbreviation's period split off ("Md .") as some text has it.
_REGION = rf"{_NAME}(?: \.)?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH})"
# "(Text) Sofia , February 15 (BTA) --", "DAYTON, Ohio (AP)", "Moscow April 25 TASS --"
_DATELINE = re.compile(
    rf"^(?:\(\s*Text\s*\)\s*)?(?P<place>{_NAME}?)(?:\s*,\s*(?P<region>{_REGION}))?"
    rf"(?:\s*,?\s*{_DATE})?\s*(?:\(\s*(?P<agency>{_NAME})\s*\)(?=\s*(?:--|—|–|-|_|$))"
    r"|(?<=\s)(?P<bare>[A-Z]{2,})(?=\s*(?:--|—|–)))"  # the story starts after a dash, or on the next line
)
# "ROCK HILL, S.C." on a line of its own, or before a dash: a dateline without an agency.
_PLACE_LINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'&-]+(?: [A-Z][A-Z.'&-]+){{0,3}})\s*,\s*(?P<region>{_REGION})\s*(?P<dash>--|—|–|-(?=\s)|$)"
)
# A dateline in capitals and the dash after it, the story after: "PORT ALDER, Oregon - The Hawks
# ...", "LONDON (Reuters) - ...", "OSLO, Norway — ...".
_STORY_START = re.compile(
    rf"^(?:\(\s*Text\s*\)\s*)?[A-Z][A-Z.'&-]+(?: [A-Z][A-Z.'&-]+){{0,3}}(?:\s*,\s*{_REGION})?"
    rf"(?:\s*\(\s*{_NAME}\s*\))?\s+(?:--|—|–|-)\s+(?=\S)"
)
# A monitoring service's report number: "PA0302025694", "94WD0125D".
_REPORT = r"(?=[0-9A-Z]*\d)[0-9A-Z]{8,13}"
# "... in Spanish 2153 GMT", "... in Chinese No 3": the language of the broadcast or paper.
_LANGUAGE = r"\s+in\s+[A-Z][a-z]+\s+(?:\d|No\b)"
# "PA0302025694 Panama City ACAN in Spanish 2153 GMT 2 Feb 94", "PM3001110194 London THE TIMES
# 30 Jan 94": the report number, the place and the outlet, then the language, a date or nothing.
_AFTER_REPORT = re.compile(
    rf"\b{_REPORT}\s+(?P<line>[A-Z][^()]*?)(?:(?P<language>{_LANGUAGE})|\s+\d{{1,2}}\s+[A-Z][a-z]{{2}}\s+\d{{2}}\b|\s*$)"
)
# "Paris AFP in English 0107 GMT 2 Feb 94": a source line without a report number.
_SOURCE_LINE = re.compile(rf"^(?P<line>[A-Z][^()]*?)(?P<language>{_LANGUAGE})")
# "Tokyo NIHON KEIZAI SHIMBUN", "Havana Radio Reloj Network": a line of a place and an outlet only.
_MASTHEAD = re.compile(r"^(?P<line>[A-Z][\w.' -]*?)\s*$")
# Words that make a name an outlet's: "Radio Reloj Network", "XINHUA Domestic Service".
_MEDIA_WORDS = frozenset({"radio", "television", "tv", "network", "service", "news", "agency", "press", "times"})


@dataclass(frozen=True)
class DatelineFact:
    """``subject`` –``property``– ``object``: character spans in the paragraph and their NER labels."""

    subject: tuple[int, int, str]
    property: str
    object: tuple[int, int, str]
    confidence: float
    rule: str


def dateline_facts(doc: Doc, lexicon: Lexicon) -> Iterator[DatelineFact]:
    """The facts a paragraph's opening dateline or source line states, if it has one."""
    text = doc.text
    match = _DATELINE.match(text)
    if match and match.group("place") and not _is_date(match.group("region")) and _names_a_place(doc, match):
        place = _span(match, "place", "GPE")
        agency = _span(match, "agency", "ORG") or _span(match, "bare", "ORG")
        yield DatelineFact(agency, KGO + "filedFrom", place, 0.8, "dateline")
        if match.group("region"):
            region = _span(match, "region", "GPE")
            yield DatelineFact(place, KGO + "locatedIn", region, 0.75, "dateline")
            yield DatelineFact(agency, KGO + "filedFrom", region, 0.7, "dateline")
        return
    line = _PLACE_LINE.match(text)
    # a known region, or any before the dash that starts the story ("KESTRELTON, Norvania —")
    if line and (line.group("dash") or lexicon.place(line_name(line.group("region"))) is not None):
        yield DatelineFact(
            _span(line, "place", "GPE"), KGO + "locatedIn", _span(line, "region", "GPE"), 0.75, "dateline"
        )
        return
    found = _AFTER_REPORT.search(text) or _SOURCE_LINE.match(text) or _MASTHEAD.match(text)
    if found:
        masthead = found.re is _MASTHEAD or not found.group("language")
        split = _place_and_outlet(doc, found.start("line"), found.end("line"), lexicon, masthead=masthead)
        if split is not None:
            place, outlet = split
            yield DatelineFact(outlet, KGO + "filedFrom", place, 0.75, "source-line")


def dateline_end(doc: Doc, lexicon: Lexicon) -> int:
    """Where the paragraph's opening dateline ends (a character offset; 0 when it has none): its
    words are no clause's subject or object ("BANGKOK, Thailand (AP) — Police arrested ...")."""
    facts = [fact for fact in dateline_facts(doc, lexicon) if fact.rule == "dateline"]
    return max((end for fact in facts for _, end, _ in (fact.subject, fact.object)), default=0)


def story_start(text: str) -> int | None:
    """Where the story starts after an opening dateline in capitals and its dash (a character
    offset), or None: the parser is to start a sentence there, so that the dateline's words are no
    part of the first clause ("PORT ALDER, Oregon - The Hawks beat ...": the Hawks beat)."""
    match = _STORY_START.match(text)
    return match.end() if match else None


def line_name(text: str) -> str:
    """The name a dateline writes: "Md ." is "Md.", and a place in capitals is named as usual."""
    text = text.replace(" .", ".")
    return text.title() if text.isupper() and len(text) > 3 and "." not in text else text


def _span(match: re.Match, group: str, label: str) -> tuple[int, int, str] | None:
    return (match.start(group), match.end(group), label) if match.group(group) else None


def _names_a_place(doc: Doc, match: re.Match) -> bool:
    """ "On Friday, USA Gymnastics (USAG) —" opens with a time, not a dateline's place."""
    words = doc.char_span(match.start("place"), match.end("place"), alignment_mode="expand") or ()
    return not any(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "ADP" for t in words)


def _is_date(text: str | None) -> bool:
    return text is not None and re.fullmatch(_DATE, text) is not None


def _place_and_outlet(
    doc: Doc, start: int, end: int, lexicon: Lexicon, *, masthead: bool
) -> tuple[tuple[int, int, str], tuple[int, int, str]] | None:
    """Split "Guatemala City Teleonce Television" into the place and the outlet: the place is the
    longest known city or country the line starts with, or the place the tagger found first. On
    a line of its own (a masthead) the outlet's name must be in capitals or name a medium."""
    words = doc.text[start:end].split(" ")
    known = next(
        (size for size in range(min(3, len(words) - 1), 0, -1) if _is_place(" ".join(words[:size]), lexicon)), None
    )
    place = next((e for e in doc.ents if e.start_char == start and e.label_ in ("GPE", "LOC")), None)
    if known is not None:
        place_end = start + len(" ".join(words[:known]))
    elif place is not None and place.end_char < end:
        place_end = place.end_char
    else:
        return None
    outlet_start = place_end + 1
    outlet = doc.text[outlet_start:end]
    if not outlet[:1].isupper():
        return None
    if masthead and not (outlet[:2].isupper() or _MEDIA_WORDS & set(outlet.lower().split())):
        return None
    if masthead and any(len(word) > 3 and not word[:1].isupper() for word in outlet.split()):
        return None  # "Chelsea FC named Tom Vale coach.": a sentence, not a line of names
    return (start, place_end, "GPE"), (outlet_start, end, "ORG")


def _is_place(name: str, lexicon: Lexicon) -> bool:
    return lexicon.city(name, min_population=15_000) is not None or lexicon.place(name) is not None
