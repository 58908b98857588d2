"""decode: BOMs, UTF-8, GB18030/GBK, Big5, UTF-16 without BOM, mismatched meta charset, binary input."""

from __future__ import annotations

import codecs
from pathlib import Path

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


# --- a file in one encoding with a stretch in another: a specific error, never mojibake -----------------------


def _mixed_error(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as caught:
        decode(data)
    assert "mixes encodings" in caught.value.message
    assert "re-save the whole file as UTF-8" in caught.value.hint
    return caught.value


def test_utf8_file_with_a_gbk_paragraph_names_line_and_byte() -> None:
    head = f"# 标题\n\n{TEXT}\n".encode()
    error = _mixed_error(head + TEXT.encode("gbk") + f"\n{TEXT}\n".encode())
    assert error.where == "line 4"
    assert f"most of it is UTF-8, but at line 4 (byte offset {len(head)} of the file) the bytes stop" in error.message
    assert "looks like GB18030/GBK" in error.message


def test_gbk_file_with_a_utf8_line_names_gbk() -> None:
    data = f"标题\n\n{TEXT}\n{TEXT}\n".encode("gbk") + "开源模型的时代\n".encode()
    error = _mixed_error(data)
    assert error.where == "line 5"
    assert "most of it is GB18030/GBK" in error.message and "looks like UTF-8" in error.message


def test_big5_file_with_a_utf8_line_names_big5() -> None:
    error = _mixed_error(f"標題\r\n\r\n{BIG5}\r\n".encode("big5") + "开源模型\r\n".encode())
    assert error.where == "line 4" and "most of it is Big5" in error.message


def test_big5_page_with_a_utf8_word_inside_a_line_names_the_declared_big5() -> None:
    # GB18030 accepts nearly every Big5 byte pair, so it had more valid bytes and was named the page's
    # encoding; the page says it is Big5, and the UTF-8 word is the stretch to fix.
    head = '<html><head><meta charset="big5"><title>新聞</title></head><body>\n'.encode("big5")
    line = "<p>記者".encode("big5")
    data = head + f"<p>{BIG5}</p>\n<p>{BIG5}</p>\n".encode("big5") + line + "陈".encode() + "報導</p>\n".encode("big5")
    error = _mixed_error(data)
    assert error.where == "line 4"
    assert f"most of it is Big5, but at line 4 (byte offset {data.index('陈'.encode())} of" in error.message
    assert "looks like UTF-8" in error.message


def test_utf8_line_that_gb18030_would_also_accept_is_not_turned_into_mojibake() -> None:
    line = "今天中文".encode()
    assert line.decode("gb18030") != line.decode()  # valid GB18030: a plain decode would publish mojibake
    data = f"标题\n\n{TEXT}\n".encode("gbk") + line + b"\n"
    error = _mixed_error(data)
    assert error.where == "line 4"
    assert f"(byte offset {data.index(line)} of the file)" in error.message


def test_gbk_words_pasted_inside_a_utf8_line() -> None:
    before = f"{TEXT}\n{TEXT}\n他说：".encode()
    error = _mixed_error(before + "插入的文字".encode("gbk") + "，然后继续。\n".encode())
    assert error.where == "line 3"
    assert f"(byte offset {len(before)} of the file)" in error.message


def test_committed_mixed_input_points_at_the_utf8_title() -> None:
    data = (Path(__file__).parent / "bad_inputs" / "mixed_encodings.txt").read_bytes()
    error = _mixed_error(data)
    assert error.where == "line 1"
    assert "most of it is GB18030/GBK, but at line 1 (byte offset 16 of the file)" in error.message
    assert "looks like UTF-8 (2 lines in all are not GB18030/GBK)" in error.message
