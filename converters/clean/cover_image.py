"""The cover image: kept when real, else the first content image that is not junk or a placeholder.

Runs after the body is cleaned, so an image that left with a promo block cannot become the cover.
"""

from __future__ import annotations

import re

from converters.clean.url_safety import is_inline_data, runs_code
from converters.clean.urls import BROKEN_SOURCE, resolve, rule_resolvers
from converters.clean.work import Work

PLACEHOLDER_IMAGE = re.compile(
    r"^https?://(?:[^/]*\.)?(?:picsum\.photos|via\.placeholder\.com|placehold\.(?:it|co)"
    r"|placekitten\.com|dummyimage\.com)/",
    re.I,
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)")


def markdown_images(body: str) -> list[str]:
    return MARKDOWN_IMAGE.findall(body)


def choose_image(work: Work, content_images: list[str]) -> None:
    """The cover: the given one unless it is a placeholder or junk, else the first content image."""
    given = work.metadata.get("image")
    if not isinstance(given, str) or not given.strip():
        return
    image = resolve(given.strip(), rule_resolvers(work.rules))[0]
    if usable_image(image, work):
        work.metadata["image"] = image
        return
    fallback = next((src for src in content_images if usable_image(src.strip(), work)), None)
    if fallback:
        work.metadata["image"] = fallback.strip()
    else:
        del work.metadata["image"]


def usable_image(src: str, work: Work) -> bool:
    # A site-relative cover (`/assets/cover.png`, common in Jekyll) is as real as a full URL.
    if not src or runs_code(src) or is_inline_data(src) or src in work.junk_images:
        return False
    if PLACEHOLDER_IMAGE.search(src) or BROKEN_SOURCE.search(src):
        return False
    return not any(p.search(src) for rule in work.rules for p in rule.placeholder_images)
