"""Small helpers shared by the readers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from ..clean.dates import DateMatch, find_datetimes, parse_datetime

#: A last line that is only a markdown link, e.g. ``[qq](https://new.qq.com/rain/a/...)``: the source link.
_SOURCE_LINK = re.compile(r"^\[([^\]\n]{1,40})\]\((https?://[^)\s]+)\)\s*$")


def split_source_link(body: str) -> tuple[str, str, str]:
    """Remove a trailing ``[label](url)`` line; return (body, label, url), label/url empty if absent."""
    lines = body.rstrip().split("\n")
    if lines and (match := _SOURCE_LINK.match(lines[-1].strip())):
        return "\n".join(lines[:-1]).rstrip() + "\n", match.group(1), match.group(2)
    return body, "", ""


_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def parse_date_value(value: Any, tz: ZoneInfo) -> dt.datetime | None:
    """A front-matter date (datetime, date or text) as an aware datetime; naive values are in ``tz``."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        return None
    match = _ISO.match(value)
    if match:
        year, month, day, hour, minute, second, offset = match.groups()
        try:
            naive = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        except ValueError:
            return None
        if offset:
            if offset == "Z":
                return naive.replace(tzinfo=dt.UTC)
            sign = 1 if offset[0] == "+" else -1
            digits = offset[1:].replace(":", "")
            delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return naive.replace(tzinfo=dt.timezone(sign * delta))
        return naive.replace(tzinfo=tz)
    return parse_datetime(value, tz)


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")  # fmt: skip
_CN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_MONTH_NUMBER = {
    **{f"{name}月": number for number, name in enumerate(_CN_MONTHS, 1)},
    **{name[:3].lower(): number for number, name in enumerate(_EN_MONTHS, 1)},
}
#: A month written as a word, then the day (English ordinal allowed) and the year: ``November 6th, 2009``,
#: ``Nov. 6, 2009``, and the Chinese-localised WordPress form ``十一月 6th, 2009 at 12:02 下午``.
_MONTH_NAME_DATE = re.compile(
    r"(?<![A-Za-z\u4e00-\u9fff])"
    r"(?P<month>(?:十[一二]?|[一二三四五六七八九])月|(?:{en})\b\.?)"
    r"\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)\s*,?\s*(?P<y>(?:19|20)\d{{2}})(?![\d年])"
    r"(?:\s*(?:,|at|@)?\s*(?P<H>\d{{1,2}})\s*:\s*(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?"
    r"\s*(?P<half>[ap]\.?m\.?(?![A-Za-z])|上午|下午|晚上)?)?".format(
        en="|".join(sorted({*_EN_MONTHS, *(m[:3] for m in _EN_MONTHS), "Sept"}, key=len, reverse=True))
    ),
    re.IGNORECASE,
)


def _month_name_dates(text: str, tz: ZoneInfo) -> list[DateMatch]:
    found: list[DateMatch] = []
    for match in _MONTH_NAME_DATE.finditer(text):
        month = match.group("month").rstrip(".").lower()
        hour = int(match.group("H") or 0)
        half = (match.group("half") or "").lower()
        if half and hour <= 12:
            hour = hour % 12 + (12 if half[0] in "p下晚" else 0)
        try:
            naive = dt.datetime(
                int(match.group("y")),
                _MONTH_NUMBER.get(month, _MONTH_NUMBER.get(month[:3], 0)),
                int(match.group("d")),
                hour,
                int(match.group("M") or 0),
                int(match.group("S") or 0),
            )
        except ValueError:
            continue
        found.append(DateMatch(naive.replace(tzinfo=tz), match.group("H") is not None, match.start(), match.end()))
    return found


#: Every date has a digit; a month-name date has a four-digit year (checked first: most lines have neither).
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")


def find_dates(text: str, tz: ZoneInfo) -> list[DateMatch]:
    """Every full date in ``text``, in order: the numeric forms of ``find_datetimes`` and month-name dates."""
    if not _DIGIT.search(text):
        return []
    found = find_datetimes(text, tz)
    if not _YEAR.search(text):
        return found
    extra = [m for m in _month_name_dates(text, tz) if not any(m.start < f.end and f.start < m.end for f in found)]
    return sorted([*found, *extra], key=lambda m: m.start) if extra else found
