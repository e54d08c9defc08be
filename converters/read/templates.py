"""Template tags are opaque: kept byte for byte through a conversion, never escaped or split.

A body converted from HTML or plain text goes through parsers, whitespace collapsing and
Markdown escaping that would turn `{{ site.url_x }}` into `{{ site.url\\_x }}`, join the lines
of a multi-line shortcode or percent-encode `{{ site.baseurl }}` in a link. So before the
body is parsed each tag is swapped for a placeholder word of ASCII letters (which no stage
changes), and the write stage swaps the tags back in.

Tags: Liquid and Nunjucks `{% … %}` and `{{ … }}` (a `{% raw %}…{% endraw %}` block whole),
Hugo shortcodes `{{< … >}}` and `{{% … %}}`, kramdown attribute lists `{: …}`. A "tag" with
HTML markup inside it is not one: it would smuggle raw HTML into the Markdown.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

MAX_TAG = 2000  # characters; bounds the scan after an opening that never closes
TEMPLATE_TAG = re.compile(
    rf"\{{%-?\s*raw\s*-?%\}}.{{0,{MAX_TAG}}}?\{{%-?\s*endraw\s*-?%\}}"
    rf"|\{{\{{<.{{0,{MAX_TAG}}}?>\}}\}}|\{{\{{%.{{0,{MAX_TAG}}}?%\}}\}}"
    rf"|\{{%.{{0,{MAX_TAG}}}?%\}}|\{{\{{.{{0,{MAX_TAG}}}?\}}\}}|\{{:[^{{}}\n]{{0,{MAX_TAG}}}\}}",
    re.S,
)
MARKUP = re.compile(r"<[A-Za-z/!?]")
WIDTH = 5  # letters per placeholder index: 26**5 tags per body


def protect(body: str) -> tuple[str, Mapping[str, str]]:
    """The body with each template tag replaced by a placeholder word, and placeholder -> tag."""
    if "{" not in body:
        return body, {}
    prefix = _unused_prefix(body)
    tags: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        tag = match.group()
        if MARKUP.search(tag[3:-3] if tag.startswith("{{<") else tag):
            return tag
        word = prefix + _letters(len(tags))
        tags[word] = tag
        return word

    return TEMPLATE_TAG.sub(swap, body), tags


def restore(text: str, tags: Mapping[str, str]) -> str:
    if not tags:
        return text
    prefix = next(iter(tags))[:-WIDTH]
    pattern = re.compile(rf"{prefix}[a-z]{{{WIDTH}}}")
    return pattern.sub(lambda m: tags.get(m.group(), m.group()), text)


def _unused_prefix(body: str) -> str:
    prefix = "TplZq"
    while prefix in body:
        prefix += "q"
    return prefix


def _letters(number: int) -> str:
    letters = []
    for _ in range(WIDTH):
        number, digit = divmod(number, 26)
        letters.append(string.ascii_lowercase[digit])
    return "".join(reversed(letters))
