"""Resolve a fact's date phrase ("yesterday", "on Sunday", "in January 2023") against its article's date.

The phrase is what the extractor found next to the verb (``Triple.when``), as written. The
answer is a :class:`FactDate`: the earliest and latest day the fact can have happened on, and
how precise that is. Only a day-precise answer is a date of the fact (``kgo:factDate``); a
week, month or year gives bounds only (``kgo:earliestDate`` / ``kgo:latestDate``), because
turning "in January 2023" into 2023-01-01 would state a day that the text does not.

Rules, in order (each one documented in ``ontology/README.md``, section "Dates"):

* Phrases that do not place the fact on the calendar give nothing: anaphora whose day the
  article set earlier ("the day", "that week", "the next day"), durations ("two weeks",
  "three-month-old"), open intervals ("since 2022", "until Friday"), decades, bare numbers.
* A weekday alone means the most recent such day on or before the article date (an article of
  Tuesday 2025-09-09 saying "on Sunday" means 2025-09-07, and "on Tuesday" the same day);
  "last Sunday" means strictly before. "The weekend" is the most recent Saturday and Sunday.
* Everything else goes to dateparser, offline and deterministic: English only, the article
  date as ``RELATIVE_BASE``, past dates preferred, no time zone guessing, no Unix timestamps.

Without an article date only phrases with a four-digit year resolve (relative phrases would
need today's date, and the graph must not depend on the day it was built).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

__all__ = ["FactDate", "PRECISIONS", "resolve_date"]

PRECISIONS = ("day", "weekend", "week", "month", "year", "period")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|several|few|a few|many|some|\d+(?:\.\d+)?)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries)s?"
_UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "fortnight": 14}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Leading words that only say where in the period the fact happened ("late last night").
_QUALIFIER = re.compile(
    r"^(?:(?:the )?(?:early|late|small|wee) hours (?:of|on) |"
    r"(?:the )?(?:morning|afternoon|evening|night|end|start|beginning|middle|turn) of |"
    r"(?:early|late|earlier|later|mid)[- ]|"
    r"(?:spring|summer|autumn|fall|winter) (?=\d{4}\b))"
)
# Prepositions that place the fact in the period ("on Sunday", "over the weekend").
_PLACING = re.compile(r"^(?:on|in|at|during|over|throughout|of)\s+")
# Prepositions that make an open interval or a deadline, not the date of the fact.
_OPEN = re.compile(r"^(?:since|until|till|til|by|before|after|from|between|through|ahead of|prior to)\b")
_ANAPHORA = re.compile(
    r"\b(?:the (?:same|next|following|previous|prior|preceding)\b|the day\b|the time\b|that (?:day|night|morning|"
    r"afternoon|evening|week|weekend|month|year)\b|then\b|(?:earlier|later|before|after)$)"
)
_DURATION = re.compile(
    rf"^(?:(?:for|about|around|almost|nearly|over|more than|less than) )?(?:{_COUNT}[- ])?"
    rf"{_UNIT}(?:[- ](?:long|old))?$"
)
_AGE = re.compile(r"-old\b")
_DECADE = re.compile(r"^(?:the )?(?:\d{2})?\d0'?s$")
_YEAR = re.compile(r"^(\d{4})$")
_FOUR_DIGITS = re.compile(r"\b\d{4}\b")
_WEEKDAY = re.compile(rf"^(?:(last|past|this) )?({'|'.join(_WEEKDAYS)})(?: {_PART_OF_DAY})?$")
_WEEKEND = re.compile(r"^(the|last|this|past) weekend$")
_ROLLING = re.compile(rf"^the (?:past|last) (?:({_COUNT}) )?(day|night|week|fortnight)s?$")


@dataclass(frozen=True)
class FactDate:
    """When a fact happened: on some day from ``earliest`` to ``latest`` (both inclusive).

    ``precision`` is one of :data:`PRECISIONS`; ``day`` is the date itself when it is
    day-precise, else ``None``.
    """

    earliest: dt.date
    latest: dt.date
    precision: str

    @property
    def day(self) -> dt.date | None:
        return self.earliest if self.precision == "day" else None


def resolve_date(phrase: str | None, reference: dt.date | None) -> FactDate | None:
    """Resolve a date phrase against the article date ``reference``; ``None`` when it names no date.

    Examples:
        >>> resolve_date("on Sunday", dt.date(2025, 9, 9)).day
        datetime.date(2025, 9, 7)
        >>> resolve_date("yesterday", dt.date(2025, 9, 9)).day
        datetime.date(2025, 9, 8)
        >>> january = resolve_date("in January 2023", dt.date(2025, 9, 9))
        >>> january.earliest, january.latest, january.day
        (datetime.date(2023, 1, 1), datetime.date(2023, 1, 31), None)
        >>> resolve_date("the day", dt.date(2025, 9, 9)) is None
        True
    """
    if not phrase or not phrase.strip():
        return None
    return _resolve(_normalise(phrase), reference)


def _normalise(phrase: str) -> str:
    text = phrase.replace("’", "'").lower()
    text = " ".join(text.split()).strip(" .,;:!?\"'()")
    text = re.sub(r"'s$", "", text)
    return text


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, reference: dt.date | None) -> FactDate | None:
    if _OPEN.match(text):
        return None
    previous = None
    while previous != text:  # "late on Sunday", "in the early hours of Sunday"
        previous = text
        text = _PLACING.sub("", text)
        text = _QUALIFIER.sub("", text)
    if not text or _ANAPHORA.search(text) or _DURATION.match(text) or _AGE.search(text) or _DECADE.match(text):
        return None
    if text.isdigit() and not _YEAR.match(text):
        return None
    year = _YEAR.match(text)
    if year:
        return _year(int(year.group(1)))
    if reference is None:
        found = _FOUR_DIGITS.search(text)
        if found is None:
            return None
        # Only an explicit year resolves; the base fills no part that the answer keeps.
        reference = dt.date(int(found.group()), 12, 31)
    for rule in (_weekday, _weekend, _rolling):
        answer = rule(text, reference)
        if answer is not None:
            return answer
    return _dateparser(text, reference)


def _day(day: dt.date) -> FactDate:
    return FactDate(day, day, "day")


def _year(year: int) -> FactDate | None:
    if not 1000 <= year <= 2999:
        return None
    return FactDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _weekday(text: str, reference: dt.date) -> FactDate | None:
    match = _WEEKDAY.match(text)
    if match is None:
        return None
    modifier, name = match.groups()
    if modifier == "this":  # "this Sunday" in a Tuesday article is ahead: leave it to dateparser
        return None
    back = (reference.weekday() - _WEEKDAYS.index(name)) % 7
    if back == 0 and modifier in ("last", "past"):
        back = 7
    return _day(reference - dt.timedelta(days=back))


def _weekend(text: str, reference: dt.date) -> FactDate | None:
    match = _WEEKEND.match(text)
    if match is None:
        return None
    if match.group(1) == "this" and reference.weekday() < 5:
        return None  # "this weekend" on a weekday may be the coming one
    saturday = reference - dt.timedelta(days=(reference.weekday() - 5) % 7)
    return FactDate(saturday, saturday + dt.timedelta(days=1), "weekend")


def _rolling(text: str, reference: dt.date) -> FactDate | None:
    """ "the past week", "the last two weeks": the days up to the article date."""
    match = _ROLLING.match(text)
    if match is None:
        return None
    count, unit = match.groups()
    number = 1 if count is None else _NUMBERS.get(count) or (int(count) if count.isdigit() else None)
    if number is None:
        return None  # "the past few days": no bound
    return FactDate(reference - dt.timedelta(days=number * _UNIT_DAYS[unit]), reference, "period")


@functools.lru_cache(maxsize=64)
def _parser(reference: dt.date):
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(reference.year, reference.month, reference.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # no "timestamp" (a number is not a Unix time here) and no guessing from run-together digits
        "PARSERS": ["relative-time", "absolute-time"],
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, reference: dt.date) -> FactDate | None:
    found = _parser(reference).get_date_data(text)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period in ("day", "time", "part_of_day"):
        return _day(day)
    if found.period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return FactDate(monday, monday + dt.timedelta(days=6), "week")
    if found.period == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return FactDate(day.replace(day=1), following - dt.timedelta(days=1), "month")
    if found.period == "year":
        return _year(day.year)
    return None
