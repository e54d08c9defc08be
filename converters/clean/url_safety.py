"""One answer, used by every stage, to "may this URL be written?"."""

from __future__ import annotations

import re

# What a browser skips inside a scheme, so "java\tscript:" and "&#x200b;javascript:" still count.
INVISIBLE = re.compile(
    r"[\x00-\x20\x7f\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]"
)
CODE_SCHEMES = ("javascript:", "vbscript:", "livescript:", "mocha:", "file:", "data:")
# Inline raster images run nothing; SVG and HTML data URLs can.
RASTER_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp)[;,]")


def scheme_probe(url: str) -> str:
    return INVISIBLE.sub("", url).lower()


# A URL that starts so starts its probe so too, and no code scheme starts with "h": most URLs
# are answered without the probe's pass over the whole URL.
WEB = ("http://", "https://")


def runs_code(url: str) -> bool:
    """True for targets a browser would run as script or open as a local or inline document."""
    if url.startswith(WEB):
        return False
    probe = scheme_probe(url)
    return probe.startswith(CODE_SCHEMES) and not RASTER_DATA.match(probe)


def is_inline_data(url: str) -> bool:
    return not url.startswith(WEB) and scheme_probe(url).startswith("data:")
