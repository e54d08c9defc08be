"""Code as Markdown: inline spans and fenced blocks, fenced so their content cannot end them."""

from __future__ import annotations

import re

import lxml.etree as etree

from converters.markdown.html_parse import Element
from converters.markdown.sentinels import NONCHARACTERS

# highlighter class names that carry the language: language-python, lang-js, brush: sql
_LANGUAGE = re.compile(
    r"(?:^|\s)(?:language-|lang-|highlight-source-|highlight-|brush:\s*)([\w+#.-]+)"
)
_LANGUAGE_NAME = re.compile(r"[\w+#.-]{1,30}")  # any script: `language-föö`


def code_span(code: str) -> str:
    """Inline code: one backtick more than its longest run; padded where a backtick or an
    edge space a renderer would strip touches the fence."""
    fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
    if code[0] == "`" or code[-1] == "`" or (code[0] == code[-1] == " " and code.strip()):
        code = " " + code + " "
    return fence + code + fence


def fenced_code(pre: Element) -> str:
    """A fenced block for `<pre>` ('' when blank), its fence longer than any inside."""
    body = "\n".join(line.rstrip() for line in plain_text(pre).split("\n")).strip("\n")
    if not body:
        return ""
    longest = max((len(r) for r in re.findall(r"`{3,}", body)), default=2)
    fence = "`" * (longest + 1)
    return fence + code_language(pre) + "\n" + body + "\n" + fence


def plain_text(el: Element) -> str:
    """Text of a code element: `<br>` is a newline, highlighting markup falls away.

    A `<br>` right before a newline of the source marks the same line end twice (editors that
    write both): it is one newline, not an empty line after every line of code."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("" if (node.tail or "").startswith(("\n", "\r")) else "\n")
            elif node.text and node.tag not in ("script", "style"):
                parts.append(node.text)
        elif node.tail and node is not el:
            parts.append(node.tail)
    text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    return NONCHARACTERS.sub("\ufffd", text)


def code_language(pre: Element) -> str:
    """The language a `<pre>`, its parent or its `<code>` declares, if it looks like one."""
    candidates = [pre, pre.getparent(), *pre.iterchildren("code")]
    for el in candidates:
        if el is None:
            continue
        lang = el.get("data-lang") or el.get("lang") or ""
        m = _LANGUAGE.search(el.get("class") or "")
        lang = m.group(1) if m else lang
        if _LANGUAGE_NAME.fullmatch(lang):
            return lang
    return ""
