"""Broken structure and pathological HTML: the library converts what it can and never crashes.

Every case goes through `converters.convert`; anything but a ConversionError escaping it, or
an output that is not publishable (see test_hostile.assert_publishable), is a failure.
"""

from __future__ import annotations

import dataclasses
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest

from converters import ConversionError, convert
from converters.document import Document, Settings
from converters.read.decode import decode_bytes
from converters.read.nesting import MAX_CONTAINER_DEPTH, MAX_DEPTH, limit_nesting
from tests.conftest import terminal_signals
from tests.test_hostile import (
    assert_kept_or_publishable,
    assert_publishable,
    post,
    rendered_text,
    squeeze,
)


def converted(text: str) -> tuple[dict[str, object], str]:
    front, tokens = assert_publishable(convert(text, path="bad.md").text)
    return front, rendered_text(tokens)


def refused(text: str) -> ConversionError:
    with pytest.raises(ConversionError) as caught:
        convert(text, path="bad.md")
    assert caught.value.source == "bad.md"
    return caught.value


# ---- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n", "   \n\n\t\n"], ids=["empty", "newline", "blank"])
def test_an_empty_file_stays_as_it_is(text: str) -> None:
    assert convert(text, path="bad.md").text == text  # no front matter added, no bytes lost


def test_front_matter_only_keeps_the_metadata() -> None:
    front, body = converted("---\ntitle: Only metadata\ncomments: false\n---\n")
    assert (front["title"], front["comments"], body.strip()) == ("Only metadata", False, "")


def test_an_unreadable_date_is_a_warning_and_the_post_is_converted() -> None:
    conversion = convert("---\ntitle: t\ndate: Invalid Date\n---\n<p>body</p>\n", path="p.md")
    assert conversion.text == "---\ntitle: t\n---\n\nbody\n"
    assert conversion.warnings == (
        "front matter date: 'Invalid Date' is not a date I can read; left out",
    )


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: x\n<p>body</p>\n", "---\n", "\n---\ntitle: x"],
    ids=["body-after", "fence-only", "leading-newline"],
)
def test_unterminated_front_matter_is_refused_by_the_reader(text: str) -> None:
    error = refused(text)
    assert error.stage == "read"
    assert "---" in error.message


@pytest.mark.parametrize(
    "yaml_text", ["- a\n- b\n", "just a string\n", "42\n"], ids=["list", "string", "number"]
)
def test_front_matter_that_is_not_a_mapping_is_refused(yaml_text: str) -> None:
    error = refused(f"---\n{yaml_text}---\n<p>body</p>\n")
    assert error.stage == "read"
    assert "not keys" in error.message or "mapping" in error.message


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system [{cmd!r}]",
        "!!python/object/apply:subprocess.check_output [[sh, -c, {cmd!r}]]",
        "!!python/object/new:os.system [{cmd!r}]",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system> [{cmd!r}]",
    ],
    ids=["apply", "subprocess", "new", "name", "verbatim-tag"],
)
def test_python_yaml_tags_are_never_executed(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    title = tag.format(cmd=f"touch {marker}")
    try:
        front, _ = converted(f"---\ntitle: {title}\n---\n<p>body</p>\n")
    except ConversionError:
        pass
    else:
        assert isinstance(front["title"], str)
    assert not marker.exists()


BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)),
        "title: boom",
    ]
)


def test_an_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    error = refused(f"---\n{BILLION_LAUGHS}\n---\n<p>body</p>\n")
    assert time.perf_counter() - start < 5
    assert error.stage == "read"


def test_ordinary_aliases_still_work() -> None:
    front, _ = converted("---\ntitle: t\nbase: &b {a: 1}\ncopy: *b\n---\n<p>x</p>\n")
    assert front["copy"] == {"a": 1}


def test_deeply_nested_yaml_does_not_crash() -> None:
    try:
        converted(f"---\ntitle: t\nx: {'[' * 5000}{']' * 5000}\n---\n<p>x</p>\n")
    except ConversionError as error:
        assert error.stage == "read"


def test_a_very_long_line_survives_whole() -> None:
    line = "长" * 300_000 + " end of the line"
    front, body = converted(post(f"<p>{line}</p>", title="x" * 10_000))
    assert squeeze(line) in squeeze(body)
    assert front["title"] == "x" * 10_000


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_lone_cr_in_text_are_read_as_lf(newline: str) -> None:
    text = "---\ntitle: Windows post\n---\n<p>one</p>\n<p>two</p>\n".replace("\n", newline)
    front, body = converted(text)
    assert front["title"] == "Windows post"
    assert body.split() == ["one", "two"]


def test_a_byte_order_mark_in_text_does_not_hide_the_front_matter() -> None:
    front, body = converted("\ufeff---\ntitle: BOM post\n---\n<p>text</p>\n")
    assert (front["title"], body.strip()) == ("BOM post", "text")


@pytest.mark.parametrize(
    "dirt", ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\ufffe", "\uffff"], ids=repr
)
def test_control_characters_in_body_and_title_do_not_crash(dirt: str) -> None:
    output = convert(post(f"<p>be{dirt}fore after</p>", title=f"ti{dirt}tle")).text
    _front, tokens = assert_publishable(output)
    assert "after" in rendered_text(tokens)
    assert "\x00" not in output


@pytest.mark.parametrize(
    "entity",
    ["&#0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#99999999999;", "&#x1F600;", "&bogus;"],
)
def test_odd_character_references_give_writable_text(entity: str) -> None:
    _, body = converted(post(f"<p>a{entity}b</p>", title="t"))
    assert "a" in body and "b" in body


# ---- HTML that breaks parsers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p><b>bold <i>both</b> italic</i> plain</p>", ["bold", "both", "italic", "plain"]),
        ("<p>one<p>two<li>three<td>four", ["one", "two", "three", "four"]),
        ("<div><p>open</div>after</p>tail", ["open", "after", "tail"]),
        ("</p></div></b>stray<b", ["stray"]),
        ("<table><tr><td>cell<p>para</table>outside", ["cell", "para", "outside"]),
        ("<a href='https://e.x/'>link <a href='https://e.y/'>nested</a></a>", ["link", "nested"]),
        ("<ul><li>one<ul><li>two</ul><li>three</ul>", ["one", "two", "three"]),
        ("<p>a <b>b <i>c <u>d</b> e</i> f</u> g", ["a", "b", "c", "d", "e", "f", "g"]),
    ],
    ids=["misnested", "unclosed", "div-p", "stray", "table", "nested-a", "lists", "chain"],
)
def test_unclosed_and_misnested_tags_keep_every_word(html: str, words: list[str]) -> None:
    _, body = converted(post(html, title="t"))
    found = body.split()
    assert all(any(word in piece for piece in found) for word in words), body


DEEP = 100_000


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ],
    ids=["div", "span", "b", "blockquote", "list", "table"],
)
def test_100000_deep_nesting_keeps_its_text(opening: str, closing: str) -> None:
    depth = DEEP // opening.count("<")
    html = f"<p>start</p>{opening * depth}deep text{closing * depth}<p>end</p>"
    _, body = converted(post(html, title="t"))
    assert "start" in body and "deep text" in body and "end" in body


def test_deep_nesting_without_closing_tags_keeps_its_text() -> None:
    _, body = converted(post("<div>" * DEEP + "deep text", title="t"))
    assert "deep text" in body


def test_thousands_of_tiny_paragraphs_all_arrive_in_order() -> None:
    numbers = [str(n) for n in range(20_000)]
    start = time.perf_counter()
    _, body = converted(post("".join(f"<p>{n}</p>" for n in numbers), title="t"))
    assert body.split() == numbers
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize(
    "cell",
    [
        '<td rowspan="999999999" colspan="999999999">x</td>',
        '<td rowspan="-5" colspan="abc">x</td>',
        '<td colspan="65534">x</td><td rowspan="65534">y</td>',
        '<td colspan="1e9">x</td>',
    ],
)
def test_absurd_rowspan_and_colspan_stay_small(cell: str) -> None:
    html = f"<table><tr><th>h</th><th>i</th></tr><tr>{cell}</tr></table>"
    start = time.perf_counter()
    result = convert(post(html, title="t")).text
    assert time.perf_counter() - start < 5
    assert len(result) < 10_000
    _, tokens = assert_publishable(result)
    assert "x" in rendered_text(tokens)


def test_an_entity_bomb_in_a_doctype_does_not_expand() -> None:
    entities = ['<!ENTITY a0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    page = f"<!DOCTYPE html [{''.join(entities)}]><html><body><p>x &a9; y</p></body></html>"
    start = time.perf_counter()
    result = convert(page).text
    assert time.perf_counter() - start < 5
    assert len(result) < 10_000
    assert_publishable(result)


def test_external_entities_are_not_fetched() -> None:
    page = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>a &xxe; b</p></body></html>"
    )
    result = convert(page).text
    assert "root:" not in result
    assert_publishable(result)


def test_many_large_character_references_are_decoded_not_multiplied() -> None:
    _, body = converted(post("<p>" + "&#x4E2D;&nbsp;&amp;" * 50_000 + "</p>", title="t"))
    assert body.count("中") == 50_000


@pytest.mark.parametrize(
    ("html", "word"),
    [
        ("<p>before</p><xmp><b>shown as text</b></xmp>", "shown"),
        ("<p>before</p><![CDATA[ <b>cdata</b> ]]><p>after</p>", "after"),
        ("<p>before</p><?php echo 'pi'; ?><p>after</p>", "after"),
        ('<p>before</p><?xml version="1.0"?><p>after</p>', "after"),
        ("<p>before</p><svg><text>label</text><circle r='1'/></svg><p>after</p>", "after"),
        ("<p>before</p><math><mi>x</mi><mo>=</mo><mn>1</mn></math><p>after</p>", "after"),
        ("<p>before</p><textarea><p>typed</p></textarea><p>after</p>", "after"),
        ("<p>before</p><template><p>hidden</p></template><p>after</p>", "after"),
        ("<p>before</p><title>inner title</title><p>after</p>", "after"),
        ('<p>before</p><base href="javascript:alert(1)//"><p>after</p>', "after"),
        ('<p>before</p><meta http-equiv="refresh" content="0;url=javascript:x"><p>after</p>',
         "after"),
        ("<p>before</p><!-- <p>comment</p> --><p>after</p>", "after"),
        ("<p>before</p><!--unclosed comment <p>after</p>", "before"),
        ("<p>before</p><![if !IE]><p>after</p><![endif]>", "after"),
    ],
    ids=[
        "xmp", "cdata", "php-pi", "xml-pi", "svg", "math", "textarea", "template",
        "title", "base", "meta-refresh", "comment", "unclosed-comment", "conditional",
    ],
)  # fmt: skip
def test_odd_html_constructs_give_publishable_text(html: str, word: str) -> None:
    _, body = converted(post(html, title="t"))
    assert "before" in body and word in body


@pytest.mark.parametrize(
    "html",
    [
        "<ul>loose text<li>item</li></ul>",
        "<ol><li>a</li>loose text<li>b</li></ol>",
        "<table><h1>loose text</h1><tr><td>c</td></tr></table>",
        "<table>loose text</table>",
    ],
)
def test_text_directly_inside_a_list_or_table_is_kept(html: str) -> None:
    _, body = converted(post(html, title="t"))
    assert "loose text" in body


def test_a_tag_with_an_impossible_name_does_not_fail_the_file() -> None:
    _, body = converted(post("<p>before</p><sp\t{<sp<div>inside</div><p>after</p>", title="t"))
    assert "before" in body and "after" in body


def test_plaintext_shows_the_rest_of_the_page_as_text() -> None:
    _, body = converted(post("<p>before</p><plaintext><b>after</b> <p>more", title="t"))
    assert "before" in body and "<b>after</b>" in body


# ---- big input ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_body_finishes_with_bounded_memory(tmp_path: Path) -> None:
    """Run in a child process so its peak resident memory can be measured alone."""
    script = tmp_path / "big.py"
    script.write_text(
        "from converters import convert\n"
        "para = '<p>' + '新闻正文 text ' * 30 + '</p>\\n'\n"
        "body = para * (50_000_000 // len(para.encode()))\n"
        "out = convert('---\\ntitle: big\\n---\\n' + body).text\n"
        "assert out.count('新闻正文') == body.count('新闻正文'), 'text lost'\n"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, str(script)], check=True, timeout=600)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"50 MB body: {seconds:.0f} s, peak {peak_mb:.0f} MB")
    assert peak_mb < 2048


# ---- the nesting guard on its own --------------------------------------------------------------


def depth_of(html: str) -> int:
    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.fragment_fromstring(html, create_parent="div", parser=parser)
    return max(len(list(node.iterancestors())) for node in root.iter())


def body_doc(body: str) -> Document:
    return Document(source="x.html", front_matter={}, body=body)


def test_limit_nesting_leaves_ordinary_html_alone() -> None:
    doc = body_doc("<div><p>a <b>b</b></p></div>" * 500)
    assert limit_nesting(doc, Settings()) is doc


def test_limit_nesting_keeps_text_and_caps_depth() -> None:
    body = "<section><div>" * 5_000 + "<p>deep <b>text</b></p>" + "</div></section>" * 5_000
    doc = limit_nesting(body_doc(body), Settings())
    assert depth_of(doc.body) <= MAX_DEPTH + 1
    assert (
        lxml.html.fragment_fromstring(doc.body, create_parent="div").text_content() == "deep text"
    )
    assert doc.warnings == (
        "HTML nested too deeply; the deeper tags were dropped, their text kept",
    )


def test_limit_nesting_keeps_comments_entities_and_scripts_as_written() -> None:
    inner = "<!-- c --><p title='a&amp;b'>x &amp; y &#169;</p><script>if (a<b) {}</script>"
    too_deep = "<div>" * (MAX_DEPTH + 5) + "</div>" * (MAX_DEPTH + 5)
    doc = limit_nesting(body_doc(f"{too_deep}<div>{inner}</div>"), Settings())
    assert f"<div>{inner}</div>" in doc.body


def test_limit_nesting_drops_too_deep_scripts_whole() -> None:
    deep = "<div>" * (MAX_DEPTH + 5)
    body = f"{deep}<script>alert(1)</script><style>p {{}}</style><noscript><p>n</p></noscript>x"
    doc = limit_nesting(body_doc(body), Settings())
    assert doc.body.endswith("<div>x")
    assert "alert" not in doc.body and "{}" not in doc.body


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<blockquote>", "</blockquote>"), ("<ul><li>", "</li></ul>"), ("<ol><li><p>", "</ol>")],
)
def test_limit_nesting_keeps_quotes_and_lists_within_what_renderers_nest(
    opening: str, closing: str
) -> None:
    body = opening * 40 + "deep text" + closing * 40
    doc = limit_nesting(body_doc(body), Settings())
    root = lxml.html.fragment_fromstring(doc.body, create_parent="div")
    containers = "self::blockquote or self::ul or self::ol or self::li"
    deepest = max(len(node.xpath(f"ancestor-or-self::*[{containers}]")) for node in root.iter())
    assert deepest == MAX_CONTAINER_DEPTH
    assert root.text_content() == "deep text"


@pytest.mark.parametrize(
    ("opening", "closing", "limit"),
    [("<div>", "</div>", MAX_DEPTH), ("<blockquote>", "</blockquote>", MAX_CONTAINER_DEPTH)],
)
def test_limit_nesting_draws_the_line_at_its_limits(opening: str, closing: str, limit: int) -> None:
    """Up to the limit a body is left alone (the tag count answers), one more level is cut."""
    for levels, cut in ((limit, False), (limit + 1, True)):
        doc = body_doc(opening * levels + "x" + closing * levels)
        assert (limit_nesting(doc, Settings()) is not doc) == cut


def test_limit_nesting_ignores_bodies_that_are_not_html() -> None:
    doc = dataclasses.replace(body_doc("<div>" * 1000), body_kind="text")
    assert limit_nesting(doc, Settings()) is doc


def test_limit_nesting_is_linear_on_stray_end_tags() -> None:
    body = "<b>" * 100_000 + "x" + "</i>" * 100_000
    start = time.perf_counter()
    limit_nesting(body_doc(body), Settings())
    assert time.perf_counter() - start < 10


# ---- files, through the installed command ---------------------------------------------------

ARTICLE2MD = str(Path(sys.executable).with_name("article2md"))
BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
SIMPLIFIED = "吉林省疫情形势仍然严峻复杂。"
TRADITIONAL = "吉林省疫情形勢仍然嚴峻複雜。"
DECODED = {  # fixture: (title, a sentence of the body)
    "gbk-meta.html": ("吉林省疫情通报", SIMPLIFIED),
    "gbk-http-equiv.html": ("吉林省疫情通报", SIMPLIFIED),
    "gbk-no-meta.html": ("吉林省疫情通报", SIMPLIFIED),
    "big5-meta.html": ("吉林省疫情通報", TRADITIONAL),
    "big5-no-meta.html": ("吉林省疫情通報", TRADITIONAL),
    "utf16-bom.html": ("吉林省疫情通报", SIMPLIFIED),
    "utf16le-no-bom.html": ("吉林省疫情通报", SIMPLIFIED),
    "utf8-bom.md": ("带 BOM 的文章", SIMPLIFIED),
    "latin1-no-meta.html": ("Café crème", "Déjà vu, naïve façade."),
    "invalid-utf8.md": ("坏字节", "前面\ufffd\ufffd后面"),
    "nul-bytes.md": ("NUL", "beforeafter, and enough text"),
    "crlf.md": ("Windows line endings", "second"),
    "lone-cr.md": ("Old Mac line endings", "second"),
    "front-matter-only.md": ("Only metadata", ""),
    "hostile-links.html": ("Hostile", "<script>alert(1)</script>"),
}
REFUSED = {  # fixture: what the one-line message says
    "png-named-md.md": "read: binary file, not text (PNG image)",
    "random-bytes.md": "read: binary file, not text",
    "alias-bomb.md": "read: front matter expands to more than",
    "front-matter-list.md": "read: front matter is a list",
    "unterminated-front-matter.md": "read: front matter starts with '---' but never ends",
}


def article2md(
    *args: str | Path, cwd: Path, lose_root: bool = False, **popen: object
) -> subprocess.CompletedProcess[str]:
    """Run the installed command; `lose_root` makes file permissions bind even for root."""
    command = [ARTICLE2MD, "convert", *map(str, args)]
    if lose_root and os.geteuid() == 0:
        command = [sys.executable, "-c", _DROP_DAC, *command]
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False, **popen
    )


# Root ignores file modes through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH; drop both from
# the bounding set before exec, and the command meets permissions as any user would.
_DROP_DAC = (
    "import ctypes, os, sys\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "for cap in (1, 2):\n"
    "    assert libc.prctl(24, cap, 0, 0, 0) == 0, 'PR_CAPBSET_DROP failed'\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and os.access(path, os.R_OK)
    }


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


# Inputs the fuzzer found (see docs/robustness.md); each must be converted or refused.
FUZZ_FINDINGS = sorted(BAD.glob("fuzz-*"))
KNOWN_FUZZ_BUGS: dict[str, tuple[str, bool]] = {}  # file: (reason, still failing?)


def fuzz_case(path: Path) -> object:
    if path.name not in KNOWN_FUZZ_BUGS:
        return pytest.param(path, id=path.name)
    reason, failing = KNOWN_FUZZ_BUGS[path.name]
    mark = pytest.mark.xfail(failing, strict=True, reason=reason)
    return pytest.param(path, id=path.name, marks=mark)


@pytest.mark.parametrize("path", [fuzz_case(path) for path in FUZZ_FINDINGS])
def test_fuzz_findings_are_converted_or_refused(path: Path) -> None:
    try:
        text, _ = decode_bytes(path.read_bytes(), source=path.name)
        assert_kept_or_publishable(text, convert(text, path=path.name))
    except ConversionError:
        pass


def test_every_encoding_fixture_converts_through_the_command(tmp_path: Path) -> None:
    inputs = [BAD / name for name in DECODED]
    before = {path: path.read_bytes() for path in inputs}
    result = article2md("-o", tmp_path / "out", *inputs, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name, (title, sentence) in DECODED.items():
        output = (tmp_path / "out" / name).with_suffix(".md").read_text("utf-8")
        front, tokens = assert_publishable(output)
        assert front["title"] == title, name
        assert sentence in rendered_text(tokens), name
    assert {path: path.read_bytes() for path in inputs} == before


def test_refused_files_get_one_line_each_and_the_rest_is_converted(tmp_path: Path) -> None:
    inputs = [*(BAD / name for name in REFUSED), BAD / "gbk-meta.html"]
    result = article2md("-o", tmp_path / "out", *inputs, cwd=tmp_path)
    assert result.returncode == 123
    assert result.stdout == ""
    lines = error_lines(result.stderr)
    assert len(lines) == len(REFUSED)
    for name, message in REFUSED.items():
        assert [line for line in lines if name in line and message in line], name
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["gbk-meta.md"]


def test_a_python_tag_in_a_file_runs_nothing(tmp_path: Path) -> None:
    marker = Path("/tmp/article2md-pwned")  # what fixtures/bad/python-tag.md would create
    marker.unlink(missing_ok=True)
    result = article2md(BAD / "python-tag.md", cwd=tmp_path)
    assert result.returncode == 0
    assert not marker.exists()
    front, _ = assert_publishable(result.stdout)
    assert str(front["title"]).startswith("!!python/object/apply:os.system")


def small_post(title: str) -> str:
    return f"---\ntitle: {title}\n---\n<p>text of {title}</p>\n"


def test_an_unreadable_file_fails_alone(tmp_path: Path) -> None:
    posts = tmp_path / "in"
    posts.mkdir()
    (posts / "ok.md").write_text(small_post("ok"))
    (posts / "secret.md").write_text(small_post("secret"))
    (posts / "secret.md").chmod(0)
    result = article2md("-o", tmp_path / "out", posts, cwd=tmp_path, lose_root=True)
    assert result.returncode == 123
    assert error_lines(result.stderr) == [f"{posts / 'secret.md'}: error: read: Permission denied"]
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["ok.md"]


def test_a_read_only_output_folder_fails_without_leftovers(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(small_post("post"))
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o555)
    result = article2md("-o", tmp_path / "ro", tmp_path / "post.md", cwd=tmp_path, lose_root=True)
    assert result.returncode == 123
    assert error_lines(result.stderr) == [
        f"{tmp_path / 'post.md'}: error: write: Permission denied"
    ]
    assert list((tmp_path / "ro").iterdir()) == []
    assert (tmp_path / "post.md").read_text() == small_post("post")


def test_output_folder_equal_to_the_input_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    """It once converted x.html to x.md beside it, then failed every rerun (x.md became an
    input that x.html's output would overwrite)."""
    (tmp_path / "page.html").write_text("<html><title>Page</title><p>html body</p></html>")
    (tmp_path / "post.md").write_text(small_post("post"))
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    result = article2md("-o", tmp_path, tmp_path, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"article2md: error: -o {tmp_path} is the folder being converted: give another "
        "folder, or --in-place to rewrite the files where they are\n"
    )
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_symlink_loops_and_dangling_links_do_not_hang(tmp_path: Path) -> None:
    posts = tmp_path / "in"
    (posts / "sub").mkdir(parents=True)
    (posts / "sub" / "ok.md").write_text(small_post("ok"))
    (posts / "sub" / "up").symlink_to("..")
    (posts / "a").symlink_to("b")
    (posts / "b").symlink_to("a")
    (posts / "gone.md").symlink_to("nowhere.md")
    result = article2md("-o", tmp_path / "out", posts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # a walk takes regular files only
    assert error_lines(result.stderr) == []
    assert (tmp_path / "out" / "sub" / "ok.md").exists()
    named = article2md("-o", tmp_path / "out", posts / "gone.md", posts / "sub", cwd=tmp_path)
    assert named.returncode == 123
    assert error_lines(named.stderr) == [
        f"{posts / 'gone.md'}: error: read: No such file or directory"
    ]


def test_odd_file_names_are_kept(tmp_path: Path) -> None:
    posts = tmp_path / "in"
    posts.mkdir()
    names = [b"with space.md", b"new\nline.md", b"bad\xff.md", "中文 标题.md".encode()]
    for name in names:
        (Path(os.fsdecode(bytes(posts) + b"/" + name))).write_text(small_post("n"))
    result = article2md("-o", tmp_path / "out", posts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(bytes(tmp_path / "out"))) == sorted(names)


def test_a_full_disk_fails_the_file_and_leaves_no_partial_output(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(small_post("post") * 50)

    def tiny_disk() -> None:  # writes past 100 bytes fail with EFBIG, as ENOSPC would
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    out = tmp_path / "out.md"
    result = article2md("-o", out, tmp_path / "post.md", cwd=tmp_path, preexec_fn=tiny_disk)
    assert result.returncode == 123
    assert error_lines(result.stderr) == [f"{tmp_path / 'post.md'}: error: write: File too large"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["post.md"]  # no temp file left


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_an_output_device_that_is_full_is_reported_and_not_replaced(tmp_path: Path) -> None:
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
    (tmp_path / "post.md").write_text(small_post("post"))
    result = article2md("-o", full, tmp_path / "post.md", cwd=tmp_path)
    assert stat.S_ISCHR(full.lstat().st_mode), "the device was replaced by a regular file"
    assert result.returncode == 123
    assert error_lines(result.stderr) == [
        f"{tmp_path / 'post.md'}: error: write: No space left on device"
    ]


def test_ctrl_c_mid_batch_leaves_only_complete_files(tmp_path: Path) -> None:
    posts, out = tmp_path / "in", tmp_path / "out"
    posts.mkdir()
    body = "<p>" + "新闻正文 text " * 200 + "</p>\n"
    for number in range(300):
        (posts / f"post{number:03}.md").write_text(f"---\ntitle: p{number}\n---\n" + body * 20)
    before = snapshot(posts)
    command = [ARTICLE2MD, "convert", "-o", str(out), "-j", "1", str(posts)]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, preexec_fn=terminal_signals
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.md"))) < 5:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    written = sorted(out.iterdir())
    assert 5 <= len(written) < 300
    for path in written:
        source = (posts / path.name).read_text("utf-8")
        assert path.read_text("utf-8") == convert(source).text, path.name
    assert snapshot(posts) == before


def test_the_robustness_doc_names_only_tests_that_exist() -> None:
    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "robustness.md").read_text("utf-8")
    named = set(re.findall(r"`(test_\w+?)(?:\*)?`", doc))
    defined = {
        name
        for path in (root / "tests").rglob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text("utf-8"), re.M)
    }
    prefixes = {name for name in named if f"`{name}*`" in doc}
    missing = {name for name in named - prefixes if name not in defined}
    missing |= {p for p in prefixes if not any(d.startswith(p) for d in defined)}
    assert named and not missing
