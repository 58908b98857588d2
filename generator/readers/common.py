"""Small helpers shared by the readers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from ..clean.dates import parse_datetime

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
