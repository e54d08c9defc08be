"""Widgets at the end of an article: a button and the short line that asks you to press it.

A feed copies the site's tip jar, like or follow box along with the article
(`<div><div>给作者打赏，鼓励TA抓紧创作！</div><button>赞赏</button></div>`). The button itself is
never content and goes with the forms; the line it came with goes too when the box holds
nothing else (no link, no image, no paragraph) and nothing follows it.
"""

from __future__ import annotations

from lxml import etree

from converters.clean.tree import nothing_after, text_size
from converters.clean.work import GENERIC, Work, remove_junk

BOXES = ("div", "section", "aside", "footer")
CONTENT_INSIDE = etree.XPath(
    ".//img | .//a | .//p | .//li | .//h1 | .//h2 | .//h3 | .//table", regexp=False
)
MAX_LABEL = 40  # characters besides the button: a call to press it, not a paragraph


def drop_button_widgets(root: etree._Element, work: Work) -> None:
    for button in list(root.iter("button")):
        box = widget_box(button, root)
        if box is not None and nothing_after(box):
            remove_junk(box, GENERIC, "button widget", work)


def widget_box(button: etree._Element, root: etree._Element) -> etree._Element | None:
    """The box holding the button, when all it shows besides is a short line."""
    box = button.getparent()
    while box is not None and box is not root and box.tag not in BOXES:
        box = box.getparent()
    if box is None or box is root or CONTENT_INSIDE(box):
        return None
    return box if text_size(box) - text_size(button) <= MAX_LABEL else None
