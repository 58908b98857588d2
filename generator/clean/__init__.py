"""Shared cleaning helpers for the readers: date-times, bylines, chrome words and publisher profiles."""

from __future__ import annotations

from .bylines import (
    agency_in_lead,
    byline_line,
    credit_at_end,
    parse_byline,
    person_and_publisher,
    reporter_in_lead,
    same_person_list,
)
from .chrome import clean_name, is_caption, is_chrome, is_end_marker, norm
from .dates import (
    RELATIVE_TIME,
    RELATIVE_WORDS,
    DateMatch,
    find_datetimes,
    find_yearless,
    has_relative_date,
    parse_datetime,
)
from .profiles import is_platform, site_from_text, site_from_title, site_from_url, site_name

__all__ = [
    "RELATIVE_TIME",
    "RELATIVE_WORDS",
    "DateMatch",
    "agency_in_lead",
    "byline_line",
    "clean_name",
    "credit_at_end",
    "find_datetimes",
    "find_yearless",
    "has_relative_date",
    "is_caption",
    "is_chrome",
    "is_end_marker",
    "is_platform",
    "norm",
    "parse_byline",
    "parse_datetime",
    "person_and_publisher",
    "reporter_in_lead",
    "same_person_list",
    "site_from_text",
    "site_from_title",
    "site_from_url",
    "site_name",
]
