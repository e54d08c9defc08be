"""Verdicts by markup: the cheap screens in front of their patterns miss nothing."""

import re
import sys

import pytest

from converters.clean.junk_signals import CAPTCHA, CAPTCHA_WORDS, is_captcha

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
