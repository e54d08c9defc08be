"""Bytes from disk -> text: pick the encoding, refuse binaries, say what was repaired.

Order of evidence, strongest first:

1. a known binary magic number (PNG, ZIP, PDF, ELF, ...): not text, refused;
2. a byte order mark (UTF-8, UTF-16, UTF-32);
3. the NUL pattern of BOM-less UTF-16 (every other byte NUL in ASCII-heavy text);
4. too many control bytes in the first 8 KB: binary, refused;
5. the whole file is valid UTF-8: UTF-8, whatever a `<meta charset>` claims, because a
   Hexo post saved as UTF-8 often still carries the scraped page's `<meta charset=gbk>`;
6. a declaration in the first 8 KB: `<meta charset>`, `<meta http-equiv ... charset=>`, or
   an XML declaration; GB2312/GBK are read as their superset GB18030, Big5 as Big5-HKSCS,
   Latin-1 and ASCII as Windows-1252 (what browsers do);
7. a guess: mostly-UTF-8 with some damage, else GB18030 vs Big5 by which decoding yields
   more of that script's common characters, else Windows-1252, which accepts any byte.

Invalid sequences become U+FFFD with a warning naming the byte offset; NULs are dropped
with a warning. Line endings are left as they are: the pipeline reads them as LF
(`normalize_text`) and gives a post it keeps as written its CRLF back (`line_ending`).
"""

from __future__ import annotations

import codecs
import re

from converters.document import ConversionError

SNIFF_BYTES = 8192
BINARY_CONTROL_RATIO = 0.05  # text has almost none; random bytes have about 11 %
MOSTLY_UTF8_MAX_ERRORS = 0.1  # share of non-ASCII bytes that may be damaged
CJK_MIN_COMMON = 0.5  # share of non-ASCII characters that must be common in the script
SCORE_CHARS = 20_000
MAX_OFFSET_WARNINGS = 10

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
)

BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Labels browsers accept that Python's codec registry does not know.
EXTRA_LABELS = {
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
}
# Superset codecs, as browsers use them: a page labelled GB2312 routinely contains GBK.
# UTF-7 is refused as browsers refuse it: it smuggles markup past filters (`+ADw-script`).
CODEC_OVERRIDES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "utf-7": "utf-8",
    "utf-16": "utf-8",  # a byte-oriented file cannot be UTF-16; browsers read it as UTF-8
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
    "utf-32-le": "utf-8",
    "utf-32-be": "utf-8",
}

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_NEWLINES = re.compile(r"\r\n?")

_CP1252_FOR_LATIN1 = {
    i: c for i in range(0x80, 0xA0) if (c := bytes([i]).decode("cp1252", "ignore"))
}


def decode_bytes(data: bytes, *, source: str) -> tuple[str, tuple[str, ...]]:
    """Decode a file's bytes; raise ConversionError(source, "read", ...) for binaries."""
    _refuse_magic(data, source)
    encoding, skip, why = _choose_encoding(data, source)
    text, warnings = _decode(data, encoding, skip)
    if why:
        warnings.insert(0, why)
    if "\x00" in text:
        warnings.append(_nul_warning(text, data, encoding))
    return text.removeprefix("\ufeff").replace("\x00", ""), tuple(warnings)


def normalize_text(text: str) -> tuple[str, tuple[str, ...]]:
    """The repairs decode_bytes makes, for text that arrives already decoded (the API).

    A leading BOM goes (it would hide the front matter), NULs go with a warning, and CRLF
    and lone CR become LF.
    """
    warnings: tuple[str, ...] = ()
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        count, first = text.count("\x00"), text.index("\x00")
        warnings = (f"{count} NUL character(s) removed, the first at character {first}",)
        text = text.replace("\x00", "")
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text, warnings


def line_ending(text: str) -> str:
    """CRLF when every line of the text ends so, else LF (mixed endings are not kept)."""
    if "\r" not in text:  # the usual case: one fast scan instead of a count of "\r\n"
        return "\n"
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf == text.count("\n") and crlf == text.count("\r") else "\n"


def _refuse_magic(data: bytes, source: str) -> None:
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ConversionError(source, "read", f"binary file, not text ({kind})")


def _choose_encoding(data: bytes, source: str) -> tuple[str, int, str]:
    """(codec, length of the BOM to skip, warning or "") for the file."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom), ""
    utf16 = _utf16_by_nul_pattern(data[:SNIFF_BYTES])
    if utf16:
        return utf16, 0, ""
    if _looks_binary(data[:SNIFF_BYTES]):
        raise ConversionError(source, "read", "binary file, not text")
    if _is_utf8(data):
        return "utf-8", 0, ""
    declared, why = _declared_encoding(data[:SNIFF_BYTES])
    if declared:
        return declared, 0, why
    guessed = _guess_encoding(data)
    return guessed, 0, f"{why}no charset declared; guessed {guessed}"


def _utf16_by_nul_pattern(sample: bytes) -> str | None:
    """ASCII in UTF-16 puts a NUL in every other byte; binaries have NULs all over."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    layouts = ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be"))
    for nuls, quiet, encoding in layouts:
        if nuls >= 0.3 * pairs and quiet <= 0.02 * pairs and _decodes(sample, encoding):
            return encoding
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        # a sample cut inside a multibyte sequence or surrogate pair is still that encoding
        return error.end >= len(data) - 3
    return True


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_RATIO * len(sample)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_encoding(sample: bytes) -> tuple[str | None, str]:
    """The codec a declaration names, or None and a warning when it names nothing usable."""
    match = _XML_ENCODING.search(sample) or _META_CHARSET.search(sample)
    if not match:
        return None, ""
    label = match.group(1).decode("ascii")
    codec = _codec_for(label)
    if codec is None:
        return None, f"unknown charset {label!r} declared; "
    return codec, ""


def _codec_for(label: str) -> str | None:
    label = EXTRA_LABELS.get(label.lower(), label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return CODEC_OVERRIDES.get(name, name)


def _guess_encoding(data: bytes) -> str:
    sample = data[: SCORE_CHARS * 4]
    if _mostly_utf8(sample):
        return "utf-8"
    scores = {codec: _common_share(sample, codec) for codec in ("gb18030", "big5hkscs")}
    best = max(scores, key=lambda codec: scores[codec])  # ties go to GB18030, listed first
    return best if scores[best] >= CJK_MIN_COMMON else "cp1252"


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8 with a few damaged bytes; legacy encodings fail on most of theirs."""
    high_bytes = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    damaged = sample.decode("utf-8", "replace").count("\ufffd")
    return damaged < high_bytes and damaged <= MOSTLY_UTF8_MAX_ERRORS * high_bytes


def _common_share(sample: bytes, codec: str) -> float:
    """Share of non-ASCII characters that are common in the script `codec` is meant for."""
    text = sample.decode(codec, "replace")
    non_ascii = [ch for ch in text[:SCORE_CHARS] if ord(ch) > 0x7F]
    if not non_ascii:
        return 0.0
    common = _is_common_gb if codec == "gb18030" else _is_common_big5
    return sum(1 for ch in non_ascii if common(ch)) / len(non_ascii)


def _is_common_gb(ch: str) -> bool:
    """Full-width punctuation (rows A1-A3) or a level-1 hanzi of GB2312 (rows B0-D7)."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7


def _is_common_big5(ch: str) -> bool:
    """Punctuation (A1-A3) or a frequently used character of Big5 (A4-C6)."""
    try:
        lead = ch.encode("big5")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xC6


def _decode(data: bytes, encoding: str, start: int) -> tuple[str, list[str]]:
    """Decode from byte `start`, replacing invalid bytes and naming their file offsets."""
    if encoding == "cp1252":
        # Windows-1252 leaves five bytes undefined; Latin-1 gives every byte a character.
        return data[start:].decode("latin-1").translate(_CP1252_FOR_LATIN1), []
    parts: list[str] = []
    warnings: list[str] = []
    view = memoryview(data)
    while start < len(data):
        try:
            parts.append(str(view[start:], encoding))
            break
        except UnicodeDecodeError as error:
            parts.append(str(view[start : start + error.start], encoding))
            parts.append("\ufffd")
            warnings.append(f"invalid {encoding} bytes at offset {start + error.start} replaced")
            start += error.end
        if len(warnings) == MAX_OFFSET_WARNINGS:
            rest = str(view[start:], encoding, "replace")
            parts.append(rest)
            if "\ufffd" in rest:
                warnings.append(f"more invalid {encoding} bytes after offset {start} replaced")
            break
    return "".join(parts), warnings


def _nul_warning(text: str, data: bytes, encoding: str) -> str:
    count = text.count("\x00")
    if encoding.startswith(("utf-16", "utf-32")):
        where = f"character {text.index(chr(0))}"
    else:  # in the byte-oriented codecs used here a NUL byte is always a NUL character
        where = f"byte offset {data.index(0)}"
    return f"{count} NUL character(s) removed, the first at {where}"
