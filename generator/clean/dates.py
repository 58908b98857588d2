"""Date-time parsing for datelines: ``2025-03-25 16:46:16``, ``2024年05月01日 10:00``, ``2025/3/5 9:07``.

A date without an offset is local time in the ``tz`` the caller passes (Beijing time for Chinese news).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

#: Zone names written before the time (``2012年12月10日, 格林尼治标准时间10:41``) and their UTC offsets in hours.
_ZONES: dict[str, int] = {
    "格林尼治标准时间": 0,
    "格林威治标准时间": 0,
    "格林尼治標準時間": 0,
    "格林威治標準時間": 0,
    "格林尼治时间": 0,
    "格林威治時間": 0,
    "GMT": 0,
    "UTC": 0,
    "北京时间": 8,
    "北京時間": 8,
    "台北时间": 8,
    "台北時間": 8,
    "香港时间": 8,
    "香港時間": 8,
    "HKT": 8,
}
#: Year-month-day with optional time and offset. Separators: ``-``, ``/``, ``.``, or ``年月日``.
_FULL = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{{2}})\s*(?:[-/.]|年)\s*(?P<m>\d{{1,2}})\s*(?:[-/.]|月)\s*(?P<d>\d{{1,2}})(?!\d)\s*日?"
    r"(?:\s*(?:[T ]|\s)?\s*(?:[,，]?\s*(?P<zone>{zones})\s*)?(?:(?P<half>上午|下午|晚上|凌晨|早上)\s*)?"
    r"(?P<H>\d{{1,2}})\s*[:：时]\s*(?P<M>\d{{2}})(?:\s*[:：分]\s*(?P<S>\d{{2}})(?:\.\d+)?)?"
    r"(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
    r"\s*(?P<off>Z|[+-]\d{{2}}:?\d{{2}}(?!\d)|[(（]?(?:GMT|UTC)\s*[+-]\d{{1,2}}(?::?\d{{2}})?(?!\d)[)）]?)?)?".format(
        zones="|".join(_ZONES)
    )
)
#: A date with its year last (``05-19-2013``, ``19/05/2013 14:30``): month and day told apart only when one of
#: them is over 12 (``05/04/2013`` is May 4 in one convention and 5 April in another: not read).
_YEAR_LAST = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d/.-])"
    r"(?:\s+(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?!\d))?"
)
#: Month-day and time without a year (``发布时间：10-0812:00`` on Baidu pages: ``10-08 12:00`` glued).
_NO_YEAR = re.compile(r"(?<![\d-])(?P<m>\d{1,2})(?:-|月)(?P<d>\d{1,2})日?\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?!\d)")
#: Relative dates a page shows instead of a date; they cannot be resolved without the capture time.
#: Words that give the day relatively (``刚刚``, ``今日``, ``3小时前``), as a regular-expression alternation.
RELATIVE_WORDS = r"刚刚|剛剛|今天|今日|昨天|昨日|前天|前日|\d{1,2}\s*(?:分钟|分鐘|小时|小時|天)前"
RELATIVE = re.compile(rf"(?:^|\s)(?:{RELATIVE_WORDS})(?:\s|$)")
#: A relative day with its time, as a dateline shows it (``今日 09:18``, ``昨天 18:30``).
RELATIVE_TIME = re.compile(rf"(?:^|\s)(?:{RELATIVE_WORDS})\s*(?P<time>(?:[01]?\d|2[0-3]):[0-5]\d)(?!\d)", re.M)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date-time found in a line of text."""

    value: dt.datetime
    """The aware date-time (in ``tz`` when the text has no offset)."""
    has_time: bool
    """Whether the text gave a time of day, not only a date."""
    start: int
    """Where the match starts in the text."""
    end: int
    """Where it ends."""


def _offset(text: str) -> dt.tzinfo:
    if text == "Z":
        return dt.UTC
    match = re.search(r"(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", text)
    if not match:
        return dt.UTC
    sign = 1 if match.group("sign") == "+" else -1
    return dt.timezone(sign * dt.timedelta(hours=int(match.group("h")), minutes=int(match.group("m") or 0)))


#: Markers of a 12-hour clock: afternoon and evening add twelve hours, ``12:xx am`` is just after midnight.
_AFTERNOON = frozenset({"pm", "下午", "晚上"})
_MORNING = frozenset({"am", "上午", "凌晨", "早上"})


def _hour_of_day(hour: int, marker: str) -> int:
    """The 24-hour hour of ``hour`` read with its half-day marker (``04:17 pm`` → 16, ``下午3:05`` → 15)."""
    marker = marker.replace(".", "").lower()
    if marker in _AFTERNOON and 1 <= hour < 12:
        return hour + 12
    if marker in _MORNING and hour == 12:
        return 0
    return hour


def find_datetimes(text: str, tz: ZoneInfo) -> list[DateMatch]:
    """Every full date (with a year) in ``text``, in order; impossible dates (2025-02-30) are skipped."""
    found: list[DateMatch] = []
    for match in _FULL.finditer(text):
        hour, minute, second = match.group("H"), match.group("M"), match.group("S")
        try:
            naive = dt.datetime(
                int(match.group("y")),
                int(match.group("m")),
                int(match.group("d")),
                _hour_of_day(int(hour or 0), match.group("ap") or match.group("half") or ""),
                int(minute or 0),
                int(second or 0),
            )
        except ValueError:
            continue
        off, zone = match.group("off"), match.group("zone")
        if off:
            value = naive.replace(tzinfo=_offset(off))
        elif zone:
            value = naive.replace(tzinfo=dt.timezone(dt.timedelta(hours=_ZONES[zone])))
        else:
            value = naive.replace(tzinfo=tz)
        found.append(DateMatch(value, hour is not None, match.start(), match.end()))
    if not found:
        found = _year_last(text, tz)
    return [_with_time_before(m, text) for m in found] if found else found


def _year_last(text: str, tz: ZoneInfo) -> list[DateMatch]:
    """Dates written with the year last, where month and day cannot be confused (see ``_YEAR_LAST``)."""
    found: list[DateMatch] = []
    for match in _YEAR_LAST.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if (a > 12) == (b > 12):
            continue  # ambiguous (both 12 or under) or impossible (both over 12)
        month, day = (b, a) if a > 12 else (a, b)
        hour, minute, second = match.group("H"), match.group("M"), match.group("S")
        try:
            value = dt.datetime(int(match.group("y")), month, day, int(hour or 0), int(minute or 0), int(second or 0))
        except ValueError:
            continue
        found.append(DateMatch(value.replace(tzinfo=tz), hour is not None, match.start(), match.end()))
    return found


#: A time written just before its date (``社會 17:30 2020/08/09``, a list-and-dateline style of Hong Kong sites).
_TIME_BEFORE = re.compile(r"(?<![\d:])(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d)(?![\d:])\s+$")


def _with_time_before(match: DateMatch, text: str) -> DateMatch:
    """A date without a time that follows a bare ``HH:MM`` takes that time."""
    if match.has_time:
        return match
    before = _TIME_BEFORE.search(text, max(0, match.start - 12), match.start)
    if before is None:
        return match
    value = match.value.replace(hour=int(before.group("H")), minute=int(before.group("M")))
    return DateMatch(value, True, before.start(), match.end)


def parse_datetime(text: str, tz: ZoneInfo) -> dt.datetime | None:
    """The first full date-time in ``text`` as an aware datetime, or None."""
    found = find_datetimes(text, tz)
    return found[0].value if found else None


def find_yearless(text: str, tz: ZoneInfo, year: int) -> DateMatch | None:
    """A ``MM-DD HH:MM`` date-time without a year, placed in ``year``; None if absent or impossible."""
    match = _NO_YEAR.search(text)
    if not match:
        return None
    try:
        naive = dt.datetime(
            year, int(match.group("m")), int(match.group("d")), int(match.group("H")), int(match.group("M"))
        )
    except ValueError:
        return None
    return DateMatch(naive.replace(tzinfo=tz), True, match.start(), match.end())


def has_relative_date(text: str) -> bool:
    """Whether the text carries a relative date (``昨天``, ``3小时前``) in place of a real one."""
    return bool(RELATIVE.search(f" {text} "))
