"""Reader for markdown without front matter: ``# title``, an optional byline, the body as it is.

Newspaper pages copied whole (sample 001) hold several stories under one title; the reader keeps the file
as one article but says so in the report, because an editor should split it.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from ..clean import byline_line, find_datetimes, norm, parse_byline, reporter_in_lead, site_from_url
from ..errors import ReadError
from ..model import Article
from ..report import Report
from .common import split_source_link

_ATX = re.compile(r"^\s{0,3}#\s+(?P<title>.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}=+\s*$")
_SUBHEAD = re.compile(r"^\s{0,3}#{2,6}\s+\S")
#: The opening of a news story (``本报讯``, ``新华社北京3月1日电``, ``记者宋婧报道：``).
_STORY_START = re.compile(
    r"^\s*(?:本报讯|本刊讯|\S{0,12}?(?:讯|电)\s*[（(]?记者|新华社\S{0,12}电|\S{0,6}记者\S{2,4}报道[:：])"
)


def _split_title(lines: list[str]) -> tuple[str, int]:
    """The first ``#`` heading (or setext ``===`` heading) near the top and the index of the line after it."""
    for index, line in enumerate(lines[:30]):
        if match := _ATX.match(line):
            return match.group("title").strip(), index + 1
        if _SETEXT.match(line) and index > 0 and lines[index - 1].strip():
            return lines[index - 1].strip(), index + 1
    return "", 0


def count_stories(body: str) -> int:
    """How many news stories the body seems to hold: story openings after the first story, plus one."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    starts = sum(1 for position, p in enumerate(paragraphs) if position > 0 and _STORY_START.match(p))
    return 1 + starts


def read_markdown(source: str, text: str, tz: ZoneInfo, report: Report) -> Article:
    """Read markdown without front matter: title from the first ``#`` heading, byline lifted to author."""
    lines = text.split("\n")
    title, after = _split_title(lines)
    if not title:
        raise ReadError("title", "no '# ' heading found for the title", "start the file with '# Title'")
    rest = lines[after:]
    author = editor = publisher = ""
    date = None
    # The byline and dateline sit in the first few non-empty lines under the title.
    seen = 0
    for index, line in enumerate(rest):
        if not line.strip():
            continue
        seen += 1
        if seen > 3 or _SUBHEAD.match(line):
            break
        names = byline_line(line)
        fields = parse_byline(line) if len(norm(line)) <= 60 else {}
        found = find_datetimes(line, tz) if len(norm(line)) <= 40 else []
        if names or fields or found:
            author = author or names or fields.get("author", "")
            editor = editor or fields.get("editor", "")
            publisher = publisher or fields.get("publisher", "")
            date = date or (found[0].value if found else None)
            rest[index] = ""
    body = "\n".join(rest).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    body, _label, url = split_source_link(body)
    if not norm(body):
        raise ReadError("body", "the file has a title but no article text", "add the article text under the title")
    first = next((p for p in body.split("\n\n") if p.strip()), "")
    author = author or reporter_in_lead(first)
    stories = count_stories(body)
    if stories > 1:
        report.warn(
            source,
            "body",
            f"the file seems to hold several stories ({stories} story openings such as 本报讯)",
            "split it into one file per story, or keep it if it is one report",
        )
    explicit = {name for name, value in (("author", author), ("editor", editor), ("publisher", publisher)) if value}
    return Article(
        source=source,
        kind="markdown",
        title=title,
        date=date,
        body=body,
        author=author,
        editor=editor,
        publisher=publisher,
        source_url=url,
        site=site_from_url(url) if url else "",
        explicit=frozenset(
            explicit | {"title", "body"} | ({"date"} if date else set()) | ({"source_url"} if url else set())
        ),
    )
