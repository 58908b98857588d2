"""decode: BOMs, UTF-8, GB18030/GBK, Big5, UTF-16 without BOM, mismatched meta charset, binary input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.decode import declared_charset, decode
from generator.errors import ReadError

TEXT = "大厂AI各走“开源”路。当科技巨头们纷纷打开技术黑箱，将核心AI模型像乐高积木般拆解、共享时，产业革命已然拉开帷幕。"
BIG5 = (
    "大廠AI各走「開源」路。當科技巨頭們紛紛打開技術黑箱，將核心AI模型像樂高積木般拆解、共享時，產業革命已然拉開帷幕。"
)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gbk", "gb18030"])
def test_decodes_common_encodings(codec: str) -> None:
    assert decode(TEXT.encode(codec)) == TEXT


def test_decodes_big5() -> None:
    assert decode(BIG5.encode("big5")) == BIG5


def test_utf16_without_bom() -> None:
    assert decode("Title line\nbody 文本".encode("utf-16-le")) == "Title line\nbody 文本"


def test_line_endings_become_lf() -> None:
    assert decode(b"a\r\nb\rc\n") == "a\nb\nc\n"
    assert decode(codecs.BOM_UTF8 + "一\r\n二".encode()) == "一\n二"


def test_meta_charset_that_lies_is_overruled_by_valid_utf8() -> None:
    page = f'<html><head><meta charset="gb2312"></head><body><p>{TEXT}</p></body></html>'.encode()
    assert declared_charset(page) == "gb2312"
    assert TEXT in decode(page)


def test_meta_charset_is_honoured_when_the_bytes_are_not_utf8() -> None:
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><p>{BIG5}</p>'
    assert BIG5 in decode(page.encode("big5"))


def test_page_declaring_utf8_over_gbk_bytes_is_detected() -> None:
    page = f'<html><head><meta charset="utf-8"></head><body><p>{TEXT}</p></body></html>'
    assert TEXT in decode(page.encode("gbk"))


def test_binary_file_is_a_clear_error() -> None:
    with pytest.raises(ReadError, match=r"binary file \(PNG"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError, match="NUL"):
        decode(b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x00\x00\x00\x07")


def test_undecodable_bytes_are_an_error_not_mojibake() -> None:
    with pytest.raises(ReadError) as caught:
        decode(b"\x81\x30\xff\xff\xfe\x80\x80\xff" * 10)
    assert "UTF-8" in caught.value.message
    assert caught.value.hint


def test_empty_is_empty() -> None:
    assert decode(b"") == ""


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        text = decode(data)
    except ReadError as error:
        assert error.message and error.hint
        return
    assert "\r" not in text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="\x00\ufeff", exclude_categories=["Cs"]), max_size=200))
def test_utf8_round_trip(text: str) -> None:
    assume(not text.startswith(("%PDF", "GIF8", "BM", "PK")))
    assert decode(text.encode("utf-8")) == text.replace("\r\n", "\n").replace("\r", "\n")
