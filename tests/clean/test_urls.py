"""URL resolution: rule patterns first, then the generic proxies and redirect pages."""

import re
import sys

import pytest

from converters.clean import urls
from converters.clean.urls import GENERIC, PIXEL_SOURCE, PIXEL_WORDS, is_pixel, resolve

REDIRECT = "https://link.zhihu.com/?target=https%3A%2F%2Fexample.org%2Fa"
PROXIED = "https://cors.zfour.workers.dev/?http://lain.bgm.tv/pic/a.jpg"


def test_a_url_resolved_again_gets_the_same_answer() -> None:
    first = resolve(REDIRECT, [])
    assert first == ("https://example.org/a", GENERIC)
    assert resolve(REDIRECT, []) == first
    assert resolve(PROXIED, []) == resolve(PROXIED, []) == ("http://lain.bgm.tv/pic/a.jpg", GENERIC)


def test_a_rule_pattern_wins_over_what_was_found_for_the_url_before() -> None:
    resolve(PROXIED, [])  # generic answer remembered
    own = [("demo", re.compile(r"^https://cors\.zfour\.workers\.dev/\?http://(.+)$"))]
    assert resolve(PROXIED, own) == ("lain.bgm.tv/pic/a.jpg", "demo")


def test_the_memory_of_urls_is_bounded_and_long_urls_are_resolved_unremembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(urls, "_GENERIC_TARGETS", {})
    monkeypatch.setattr(urls, "MAX_TARGETS", 2)
    for n in range(5):
        assert resolve(f"https://example.org/{n}", []) == (f"https://example.org/{n}", GENERIC)
        assert len(urls._GENERIC_TARGETS) <= 2
    long_url = REDIRECT + "&x=" + "y" * urls.MAX_URL
    assert resolve(long_url, []) == ("https://example.org/a", GENERIC)
    assert long_url not in urls._GENERIC_TARGETS


EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("char", sorted(set("".join(PIXEL_WORDS))))
def test_what_re_i_matches_for_a_pixel_word_character_lowers_to_it(char: str) -> None:
    matched = set(re.findall(re.escape(char), EVERY_CHARACTER, re.I))
    assert matched and {found.lower() for found in matched} == {char}


def test_every_pixel_source_branch_holds_a_pixel_word() -> None:
    names = ("pixel", "spacer", "blank", "1x1", "transparent", "clear", "beacon")
    hosts = ("google-analytics.com", "doubleclick.net", "scorecardresearch.com")
    branches = [f"/{name}.{kind}" for name in names for kind in ("gif", "png")]
    branches += [f"/{host}/" for host in hosts]
    for branch in branches:
        assert PIXEL_SOURCE.search(branch) and any(word in branch for word in PIXEL_WORDS)


@pytest.mark.parametrize(
    "src",
    [
        # pixels, some with what re.I matches to "i" and "s" beyond ASCII
        *("https://x.org/pixel.gif", "/img/SPACER.PNG?v=1", "//a.b/1x1.gif#x", "/clear.png"),
        *("https://www.google-analytics.com/collect?v=1", "https://ad.doubleclick.net/x"),
        *("https://sb.scorecardresearch.com/p?c1=2", "HTTPS://WWW.GOOGLE-ANALYTICS.COM/r"),
        *("/pixel.g\u0130f", "/p\u0131xel.g\u0131f", "//google-analyt\u0131c\u017f.com/"),
        *("https://example.com/photo.jpg", "/pixel.jpg", "/pixel.gif.jpg", "/a.png"),  # none
        *("https://notdoubleclick.net/a.png", "google-analytics.com.evil/", ""),
    ],
)
def test_the_pixel_screen_says_what_the_pattern_says(src: str) -> None:
    assert is_pixel(src) == (PIXEL_SOURCE.search(src) is not None)
