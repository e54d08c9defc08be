"""Verdicts by markup: the elements asked, and the cheap screens in front of the patterns."""

import re
import sys

import pytest
from lxml import etree

from converters.clean.fragment import PARSER
from converters.clean.junk_signals import CAPTCHA, CAPTCHA_WORDS, image_junk, is_captcha, marked

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("letter", sorted(set("".join(CAPTCHA_WORDS)) - {"验", "证", "码"}))
def test_what_re_i_matches_for_a_captcha_word_letter_lowers_to_it(letter: str) -> None:
    matched = set(re.findall(letter, EVERY_CHARACTER, re.I))
    assert matched and {char.lower() for char in matched} == {letter}


@pytest.mark.parametrize(
    "names",
    [
        *("/img/captcha.png", "verify-code", "VerificationCode", "check_code", "CHECKCODE"),
        *("seccode.php vcode", "/验证码.jpg", "x VCode y", "ReCaptcha"),  # captchas
        *("https://example.com/photo.jpg", "barcode.png", "/decode/a.png", "code", ""),  # none
    ],
)
def test_the_captcha_screen_says_what_the_pattern_says(names: str) -> None:
    assert is_captcha(names) == (CAPTCHA.search(names) is not None)


def test_the_marked_elements_are_those_the_xpath_found() -> None:
    body = (
        "<div class='a'><p>x<img><!-- c --><?pi p?></p><span style='s'>y</span><b>z</b>"
        "<a href='/u'><img src='i.png'></a><section hidden><i data-x=''>w</i></section></div>"
    )
    root = etree.fromstring(f"<html><body>{body}</body></html>", PARSER).find("body")
    root.set("id", "r")  # the root itself is asked too
    xpath = etree.XPath("descendant-or-self::*[@* or self::img]")
    assert marked(root) == xpath(root)
    assert [el.tag for el in marked(root)] == [
        "body",
        "div",
        "img",
        "span",
        "a",
        "img",
        "section",
        "i",
    ]


@pytest.mark.parametrize("label", ["复制代码", " Copy code ", "copy to clipboard\n"])
def test_a_copy_button_drawn_as_an_image_is_junk_padded_or_not(label: str) -> None:
    img = etree.Element("img", src="https://example.com/copy.png", alt=label)
    assert image_junk(img) == "copy-code button"


def test_an_image_whose_alt_only_mentions_copying_code_is_kept() -> None:
    img = etree.Element("img", src="https://example.com/a.png", alt="How to copy code safely")
    assert image_junk(img) is None
