"""Link, image and embed targets as Markdown may write them: never a script, always parsed whole."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from converters.clean.url_safety import is_inline_data, runs_code
from converters.markdown.escape import ENTITY
from converters.markdown.html_parse import Element

# A parenthesis keeps its place, escaped, so the target is the source's own (`a_\(b\)`).
_URL_ESCAPES = {" ": "%20", "<": "%3C", ">": "%3E", "(": "\\(", ")": "\\)", "|": "%7C", "\\": "%5C"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_URL_SPECIAL = re.compile(r"[ <>()|\\]|&(?=#?[A-Za-z0-9]+;)")
_IMAGE_SOURCES = ("src", "data-src", "data-original", "data-actualsrc")  # lazy loaders too
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "bilibili.com", "youku.com", "qq.com")
_VIDEO_EMBEDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"^(?:https?:)?//player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
    (
        re.compile(r"^(?:https?:)?//player\.bilibili\.com/player\.html\?.*?\bbvid=(\w+)"),
        "https://www.bilibili.com/video/{}",
    ),
)


def safe_url(url: str | None) -> str:
    """The URL to write, or '' when it is missing, would run code, or is an inline blob."""
    url = (url or "").strip()
    if not url or runs_code(url) or is_inline_data(url):
        return ""
    url = _CONTROL.sub("", url)
    return _URL_SPECIAL.sub(lambda m: _URL_ESCAPES.get(m.group(), "\\&"), url)


def title_part(title: str | None) -> str:
    """` "title"` after a link target, or '' for none."""
    title = " ".join((title or "").split())
    if not title:
        return ""
    title = title.replace("\\", "\\\\").replace('"', '\\"')
    return ' "' + ENTITY.sub(lambda m: "\\" + m.group(), title) + '"'


def image_source(img: Element) -> str:
    """The first safe source of an image; an inline `data:` image is no source."""
    for name in _IMAGE_SOURCES:
        raw = (img.get(name) or "").strip()
        if raw and not is_inline_data(raw):
            return safe_url(raw)
    return ""


def video_url(src: str) -> str:
    """The watch page of a known embedded player, else the embed URL itself."""
    for pattern, template in _VIDEO_EMBEDS:
        m = pattern.match(src)
        if m:
            return template.format(m.group(1))
    return "https:" + src if src.startswith("//") else src


def media_label(url: str) -> str:
    """Link text for an embed with no title: 'Video' on a video site, else the URL."""
    host = urlsplit(url).hostname or ""
    return "Video" if host.endswith(_VIDEO_HOSTS) else url
