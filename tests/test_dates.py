"""Date phrases resolve against the article date: a table of expressions, then the edge cases."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.dates import PRECISIONS, FactDate, resolve_date

D = dt.date
TUESDAY = D(2025, 9, 9)  # the seed article's date


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("yesterday", D(2025, 9, 8)),
        ("Sunday", D(2025, 9, 7)),
        ("on Sunday", D(2025, 9, 7)),
        ("On Sunday,", D(2025, 9, 7)),
        ("Monday", D(2025, 9, 8)),
        ("on Monday", D(2025, 9, 8)),
        ("Tuesday", D(2025, 9, 9)),  # a weekday is on or before the article date
        ("last Tuesday", D(2025, 9, 2)),  # "last" is strictly before
        ("Wednesday", D(2025, 9, 3)),
        ("Sunday night", D(2025, 9, 7)),
        ("early Sunday", D(2025, 9, 7)),
        ("late on Sunday", D(2025, 9, 7)),
        ("Sunday’s", D(2025, 9, 7)),
        ("late last night", D(2025, 9, 8)),
        ("last night", D(2025, 9, 8)),
        ("yesterday morning", D(2025, 9, 8)),
        ("today", D(2025, 9, 9)),
        ("this morning", D(2025, 9, 9)),
        ("two days ago", D(2025, 9, 7)),
        ("Sunday 7 September", D(2025, 9, 7)),
        ("the early hours of Sunday 7 September", D(2025, 9, 7)),
        ("September 7", D(2025, 9, 7)),
        ("7 September 2024", D(2024, 9, 7)),
        ("September 20", D(2024, 9, 20)),  # past preferred: no year means the last one before
        ("2014-05-01", D(2014, 5, 1)),
    ],
)
def test_dates_day_precise_phrases(phrase, day):
    found = resolve_date(phrase, TUESDAY)
    assert found is not None, phrase
    assert found.day == day
    assert found.earliest == found.latest == day
    assert found.precision == "day"


@pytest.mark.parametrize(
    ("phrase", "earliest", "latest", "precision"),
    [
        ("in January 2023", D(2023, 1, 1), D(2023, 1, 31), "month"),
        ("January 2023", D(2023, 1, 1), D(2023, 1, 31), "month"),
        ("February 2024", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("December 2024", D(2024, 12, 1), D(2024, 12, 31), "month"),
        ("mid-August", D(2025, 8, 1), D(2025, 8, 31), "month"),
        ("last month", D(2025, 8, 1), D(2025, 8, 31), "month"),
        ("earlier this month", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("2014", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("in 2022", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("last year", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("spring 2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("last week", D(2025, 9, 1), D(2025, 9, 7), "week"),  # the calendar week before
        ("this week", D(2025, 9, 8), D(2025, 9, 14), "week"),
        ("the weekend", D(2025, 9, 6), D(2025, 9, 7), "weekend"),
        ("over the weekend", D(2025, 9, 6), D(2025, 9, 7), "weekend"),
        ("the past week", D(2025, 9, 2), D(2025, 9, 9), "period"),
        ("the last two weeks", D(2025, 8, 26), D(2025, 9, 9), "period"),
    ],
)
def test_dates_coarse_phrases_give_bounds_but_no_day(phrase, earliest, latest, precision):
    found = resolve_date(phrase, TUESDAY)
    assert found == FactDate(earliest, latest, precision)
    assert found.day is None
    assert found.precision in PRECISIONS


@pytest.mark.parametrize(
    "phrase",
    [
        None,
        "",
        "the day",  # anaphora: the day the article set earlier
        "that week",
        "the next day",
        "the same day",
        "a day earlier",
        "two weeks",  # durations are not dates
        "four years",
        "three-month-old",
        "hours",
        "since 2022",  # open intervals and deadlines are not the date of the fact
        "until Friday",
        "by Sunday",
        "the 1990s",
        "13",
        "the first time",
        "recent weeks",
        "the past few days",
        "overnight",
    ],
)
def test_dates_phrases_without_a_date(phrase):
    assert resolve_date(phrase, TUESDAY) is None


def test_dates_weekday_on_the_day_itself_and_across_months():
    sunday = D(2025, 9, 7)
    assert resolve_date("Sunday", sunday).day == sunday
    assert resolve_date("last Sunday", sunday).day == D(2025, 8, 31)
    assert resolve_date("Friday", D(2025, 10, 1)).day == D(2025, 9, 26)
    assert resolve_date("the weekend", sunday) == FactDate(D(2025, 9, 6), sunday, "weekend")


def test_dates_without_article_date_only_explicit_years_resolve():
    assert resolve_date("yesterday", None) is None
    assert resolve_date("Sunday", None) is None
    assert resolve_date("2014", None) == FactDate(D(2014, 1, 1), D(2014, 12, 31), "year")
    assert resolve_date("in January 2023", None) == FactDate(D(2023, 1, 1), D(2023, 1, 31), "month")
    assert resolve_date("7 September 2024", None).day == D(2024, 9, 7)


def test_dates_are_deterministic_and_do_not_depend_on_today():
    # the same phrase against two references: the answer moves with the reference, not the clock
    assert resolve_date("yesterday", D(2020, 1, 1)).day == D(2019, 12, 31)
    assert resolve_date("yesterday", D(2030, 3, 1)).day == D(2030, 2, 28)
    assert resolve_date("last month", D(2020, 1, 15)) == FactDate(D(2019, 12, 1), D(2019, 12, 31), "month")
