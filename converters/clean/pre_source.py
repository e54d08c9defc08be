"""Code the scraper did not escape: inside <pre>, markup that is not highlighting is code text.

`<pre><code>return <button onClick={go}>去详情页</button></code></pre>` (JSX), `Map<String, X>`
or `"<init>"` would lose both the tag and its text to the HTML parser. Before parsing, every `<`
inside a <pre> that does not open or close highlighting markup (span, a, b, i, em, strong, code,
br, font and a few like them) or a comment is escaped, so the parser keeps it as text. A copy
button inside the block ("复制代码", "Copy code") is the page's chrome, not code: it goes.
"""

from __future__ import annotations

import re

from converters.clean.work import GENERIC, Work

# A <pre>'s code runs from its opening tag to the first closing one, or to the end of the body.
PRE_OPENING = re.compile(r"<pre\b[^>]*>", re.I)
PRE_CLOSING = re.compile(r"</pre\s*>", re.I)
HIGHLIGHT_TAGS = frozenset({
    "span", "a", "b", "i", "em", "strong", "code", "br", "font", "u", "s", "mark", "small",
    "sub", "sup", "ins", "del", "kbd", "samp", "var", "tt", "strike", "big"
})  # fmt: skip
TAG_START = re.compile(r"<(?!!--)(/?)(?:([A-Za-z][\w:.-]*)(?=[\s/>]|$))?")
# Every case of "<pre" begins with one of these: four substring searches screen a body for
# the regex (HTML tag names are case-insensitive; `<Pre>` is as much a <pre> as `<pre>`).
PRE_STARTS = ("<pr", "<Pr", "<pR", "<PR")
COPY_LABEL = r"(?:复制代码|复制|拷贝代码|一键复制|copy(?:\s+code)?|copied!?|copy\s+to\s+clipboard)"
COPY_BUTTON = re.compile(rf"<(button|div|span|a|i)\b[^>]*>\s*{COPY_LABEL}\s*</\1\s*>", re.I)


def escape_code_markup(body: str, work: Work) -> str:
    """The body with unescaped code inside <pre> made text; other bodies come back as they are."""
    if not any(start in body for start in PRE_STARTS):
        return body
    parts: list[str] = []
    done = 0
    # The closing tag is searched for, not tried at each character of the code as a lazy
    # `.*?` followed by a lookahead would: that costs ten times more.
    while opening := PRE_OPENING.search(body, done):
        closing = PRE_CLOSING.search(body, opening.end())
        end = closing.start() if closing else len(body)
        parts += (body[done : opening.end()], _escaped(body[opening.end() : end], work))
        done = end
    return "".join(parts) + body[done:]


def _escaped(code: str, work: Work) -> str:
    kept = COPY_BUTTON.sub("", code)
    if len(kept) < len(code):
        work.note(GENERIC, "copy-code button", "", len(code) - len(kept))
    return TAG_START.sub(_escape_unless_highlighting, kept)


def _escape_unless_highlighting(tag: re.Match[str]) -> str:
    name = (tag.group(2) or "").lower()
    return tag.group(0) if name in HIGHLIGHT_TAGS else "&lt;" + tag.group(0)[1:]
