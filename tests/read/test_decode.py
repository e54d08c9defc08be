"""decode_bytes: every encoding scraped posts arrive in, and the bytes that are not text."""

from __future__ import annotations

import random

import pytest

from converters.document import ConversionError
from converters.read.decode import decode_bytes, line_ending, normalize_text

SIMPLIFIED = "吉林省疫情形势仍然严峻复杂。省委书记景俊海强调，要坚决遏制疫情传播扩散。"
TRADITIONAL = "吉林省疫情形勢仍然嚴峻複雜。省委書記景俊海強調，要堅決遏制疫情傳播擴散。"


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    return decode_bytes(data, source="post.html")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("中文 ok".encode(), "中文 ok"),
        ("\ufeff中文".encode(), "中文"),
        ("<p>中文</p>".encode("utf-16"), "<p>中文</p>"),
        ("<p>中文</p>".encode("utf-16-le"), "<p>中文</p>"),
        ("<p>中文</p>".encode("utf-16-be"), "<p>中文</p>"),
        ("<p>中文</p>".encode("utf-32"), "<p>中文</p>"),
        (b"", ""),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "utf32-bom", "empty"],
)
def test_unicode_encodings_decode_without_warnings(data: bytes, expected: str) -> None:
    assert decode(data) == (expected, ())


@pytest.mark.parametrize(
    ("declaration", "encoding", "text"),
    [
        ('<meta charset="gb2312">', "gbk", SIMPLIFIED),
        ("<meta charset=GBK>", "gbk", SIMPLIFIED),
        ('<meta charset="gb18030">', "gb18030", SIMPLIFIED + "𠀀"),
        ('<meta charset="x-gbk">', "gbk", SIMPLIFIED),
        ('<meta charset="big5">', "big5", TRADITIONAL),
        ('<?xml version="1.0" encoding="big5"?>', "big5", TRADITIONAL),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "gbk",
            SIMPLIFIED,
        ),
        ('<meta charset="iso-8859-1">', "cp1252", "“Café” – déjà vu"),
    ],
    ids=["gb2312", "gbk", "gb18030", "x-gbk", "big5", "xml-big5", "http-equiv", "latin1-as-1252"],
)
def test_declared_charset_is_followed(declaration: str, encoding: str, text: str) -> None:
    html = f"{declaration}<p>{text}</p>"
    assert decode(html.encode(encoding)) == (html, ())


def test_gbk_characters_outside_gb2312_survive_a_gb2312_label() -> None:
    html = '<meta charset="gb2312"><p>镕</p>'  # in GBK, not in GB2312: pages mislabel this
    assert decode(html.encode("gbk"))[0] == html


def test_valid_utf8_wins_over_a_stale_meta_charset() -> None:
    html = f'<meta charset="gbk"><p>{SIMPLIFIED}</p>'
    assert decode(html.encode()) == (html, ())


def test_declaration_after_the_sniff_window_is_not_seen() -> None:
    html = " " * 9000 + f'<meta charset="big5"><p>{SIMPLIFIED}</p>'
    text, warnings = decode(html.encode("gbk"))
    assert text == html
    assert warnings == ("no charset declared; guessed gb18030",)


@pytest.mark.parametrize(
    ("text", "encoding", "guess"),
    [
        (SIMPLIFIED, "gbk", "gb18030"),
        (TRADITIONAL, "big5", "big5hkscs"),
        ("中文", "gbk", "gb18030"),
        ("中文", "big5", "big5hkscs"),
        ("台灣", "big5", "big5hkscs"),
        ("café au lait, Straße, naïve", "latin-1", "cp1252"),
        ("“smart quotes” — and € signs", "cp1252", "cp1252"),
    ],
)
def test_undeclared_legacy_encoding_is_guessed(text: str, encoding: str, guess: str) -> None:
    assert decode(text.encode(encoding)) == (text, (f"no charset declared; guessed {guess}",))


def test_bytes_undefined_in_cp1252_still_decode() -> None:
    text, _ = decode(b"caf\xe9 \x81\x8d\x8f\x90\x9d")
    assert text == "café \x81\x8d\x8f\x90\x9d"


def test_unknown_declared_charset_falls_back_to_guessing() -> None:
    text, warnings = decode(b'<meta charset="klingon"><p>' + SIMPLIFIED.encode("gbk"))
    assert text.endswith(SIMPLIFIED)
    assert warnings == ("unknown charset 'klingon' declared; no charset declared; guessed gb18030",)


def test_utf7_declaration_is_not_honoured() -> None:
    html = b'<meta charset="utf-7"><p>+ADw-script+AD4-</p>'
    assert decode(html)[0] == html.decode("ascii")


def test_invalid_utf8_is_replaced_and_the_offset_named() -> None:
    data = "héllo wörld ".encode() + b"\xff" + "中文".encode()
    text, warnings = decode(data)
    assert text == "héllo wörld \ufffd中文"
    assert "invalid utf-8 bytes at offset 14 replaced" in warnings


def test_offsets_count_from_the_start_of_the_file_including_the_bom() -> None:
    text, warnings = decode(b"\xef\xbb\xbfab\xffc")
    assert (text, warnings) == ("ab\ufffdc", ("invalid utf-8 bytes at offset 5 replaced",))


def test_invalid_bytes_in_a_declared_encoding_are_replaced() -> None:
    data = b'<meta charset="gbk">' + "中文".encode("gbk") + b"\x80" + "好".encode("gbk")
    text, warnings = decode(data)
    assert text == '<meta charset="gbk">中文\ufffd好'
    assert warnings == ("invalid gb18030 bytes at offset 24 replaced",)


def test_many_invalid_bytes_give_a_bounded_number_of_warnings() -> None:
    data = b'<meta charset="gbk">' + b"\x80" * 5000
    text, warnings = decode(data)
    assert text.count("\ufffd") == 5000
    assert len(warnings) == 11
    assert warnings[-1].startswith("more invalid gb18030 bytes after offset")


def test_nul_bytes_are_removed_with_a_warning() -> None:
    data = b"<p>some text</p>\x00<p>more text, long enough to be text</p>"
    text, warnings = decode(data)
    assert text == "<p>some text</p><p>more text, long enough to be text</p>"
    assert warnings == ("1 NUL character(s) removed, the first at byte offset 16",)


@pytest.mark.parametrize(
    ("data", "decoded", "newline"),
    [
        (b"a\r\nb\r\n", "a\r\nb\r\n", "\r\n"),
        (b"a\nb\n", "a\nb\n", "\n"),
        (b"a\rb\rc", "a\rb\rc", "\n"),
        (b"a\r\n\nb\n", "a\r\n\nb\n", "\n"),  # mixed: not kept
        ("<p>x</p>\r\n".encode("utf-16"), "<p>x</p>\r\n", "\r\n"),
    ],
)
def test_line_endings_are_decoded_as_they_are_and_crlf_is_recognized(
    data: bytes, decoded: str, newline: str
) -> None:
    """The pipeline reads LF (normalize_text) and gives a post kept as written its CRLF back."""
    text = decode(data)[0]
    assert (text, line_ending(text)) == (decoded, newline)
    assert "\r" not in normalize_text(text)[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"\xff\xd8\xff\xe0" + b"JFIF",
        b"GIF89a" + b"\x01\x00",
        b"PK\x03\x04" + b"\x14\x00",
        b"%PDF-1.7\n%",
        b"\x7fELF\x02\x01\x01",
        b"\x1f\x8b\x08\x00",
    ],
    ids=["png", "jpeg", "gif", "zip", "pdf", "elf", "gzip"],
)
def test_known_binary_formats_are_refused(data: bytes) -> None:
    with pytest.raises(ConversionError) as caught:
        decode(data)
    assert (caught.value.source, caught.value.stage) == ("post.html", "read")
    assert caught.value.message.startswith("binary file, not text")


@pytest.mark.parametrize(
    "data",
    [
        random.Random(5).randbytes(4096),
        b"\x00" * 64,
        bytes(range(256)) * 8,
        b"text\x00\x01\x02\x03\x00\x00\x00\x00\x05\x06",
    ],
    ids=["random", "nuls", "all-bytes", "struct"],
)
def test_control_heavy_bytes_are_refused_as_binary(data: bytes) -> None:
    with pytest.raises(ConversionError, match="binary file, not text"):
        decode(data)


def test_a_long_gbk_file_decodes_exactly() -> None:
    text = f"<p>{SIMPLIFIED}</p>\n" * 20_000
    assert decode(text.encode("gbk")) == (text, ("no charset declared; guessed gb18030",))


def test_mostly_utf8_with_damage_is_still_utf8() -> None:
    text = f"<p>{SIMPLIFIED}</p>\n" * 50
    data = text.encode()
    cut = len(text[:100].encode())
    data = data[:cut] + b"\xfe" + data[cut:]
    decoded, warnings = decode(data)
    assert decoded.replace("\ufffd", "") == text
    assert warnings[0] == "no charset declared; guessed utf-8"


@pytest.mark.parametrize(
    ("text", "expected", "warnings"),
    [
        ("\ufeff---\ntitle: x\n---\n", "---\ntitle: x\n---\n", ()),
        ("a\r\nb\rc\n", "a\nb\nc\n", ()),
        ("a\x00b\x00", "ab", ("2 NUL character(s) removed, the first at character 1",)),
        ("plain \ufeff inside", "plain \ufeff inside", ()),
    ],
    ids=["bom", "newlines", "nul", "inner-bom-kept"],
)
def test_normalize_text_repairs_text_that_arrives_decoded(
    text: str, expected: str, warnings: tuple[str, ...]
) -> None:
    assert normalize_text(text) == (expected, warnings)
