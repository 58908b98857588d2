"""Pages saved as one file: MHTML (``.mhtml``/``.mht``, Chrome's and Edge's "Webpage, Single File").

The file is a MIME message (RFC 2557): the page's HTML as one part, in its own encoding under a transfer encoding
(quoted-printable, base64), its images and style sheets as others, and the address it was saved from in the
headers. Python's ``email`` package reads the message; the HTML part goes to the HTML reader like a saved page,
with that address as the page's URL when the page names none itself.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import re
from dataclasses import dataclass

from .errors import ReadError

#: The message's own header block at the start of the file, declaring a multipart/related body.
_HEADER_BLOCK = re.compile(rb"\A(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+")
_RELATED = re.compile(rb"content-type:\s*multipart/related", re.IGNORECASE)


def is_mhtml(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first 16 KiB) is an MHTML file."""
    header = _HEADER_BLOCK.match(head[:16384])
    return header is not None and _RELATED.search(header.group(0)) is not None


def _message(data: bytes) -> email.message.Message | None:
    return email.message_from_bytes(data, policy=email.policy.compat32) if is_mhtml(data) else None


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The HTML part of a page saved as MHTML."""

    html: bytes
    """The HTML, its transfer encoding undone, still in the page's own character encoding."""
    url: str
    """The address the page was saved from (``""`` when the file does not say)."""


def unpack(data: bytes) -> SavedPage | None:
    """The page inside an MHTML file; ``None`` when ``data`` is not one, ``ReadError`` when it holds no page."""
    message = _message(data)
    if message is None:
        return None
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        url = str(part.get("Content-Location") or message.get("Snapshot-Content-Location") or "").strip()
        return SavedPage(payload, url if url.startswith(("http://", "https://")) else "")
    raise ReadError(
        "",
        "the file is a page saved as one file (MHTML), but it holds no HTML page",
        "save the page again (Webpage, Single File, or Webpage, HTML Only) and replace this file",
    )


def saved_images(data: bytes) -> dict[str, bytes]:
    """The images saved with the page, by the address each was saved from (empty when ``data`` is no MHTML)."""
    message = _message(data)
    images: dict[str, bytes] = {}
    for part in message.walk() if message is not None else ():
        url = str(part.get("Content-Location") or "").strip()
        if part.get_content_maintype() == "image" and url.startswith(("http://", "https://")):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                images.setdefault(url, payload)
    return images
