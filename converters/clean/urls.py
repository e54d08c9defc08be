"""URLs in the body: unsafe schemes out, proxies and redirect pages resolved, lazy images loaded.

Every URL a rule or a later step looks at has been through here, so a rule written for a site
matches the real link rather than the wrapper some scraper or CDN put around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import etree

from converters.clean.site_rules import SiteRule
from converters.clean.tree import tagged
from converters.clean.url_safety import runs_code
from converters.clean.work import GENERIC, Work

URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "img": ("src",), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src",), "embed": ("src",),
    "object": ("data",),
}  # fmt: skip
LAZY_SOURCES = ("data-src", "data-original", "data-actualsrc", "data-lazy-src", "data-url")

ENCODED_URL = re.compile(r"^https?%3a", re.I)
PIXEL_SOURCE = re.compile(
    r"/(?:pixel|spacer|blank|1x1|transparent|clear|beacon)\.(?:gif|png)(?:[?#]|$)"
    r"|(?:^|[/.])(?:google-analytics\.com|doubleclick\.net|scorecardresearch\.com)/",
    re.I,
)
# Every PIXEL_SOURCE match holds one of these, and re.I matches their characters only in ASCII:
# a URL that holds none of them, lowered, cannot match (most image URLs) and is not searched.
# (".g", not ".gif": re.I matches "i" to the Turkish dotted and dotless i too.)
PIXEL_WORDS = (".png", ".g", "google-analyt", "doublecl", "corecardre")
AFFILIATE_HOST = re.compile(
    r"(?:^|\.)(?:union-click\.jd\.com|s\.click\.taobao\.com|uland\.taobao\.com|c\.duomai\.com"
    r"|pvxt\.net|sjv\.io|evyy\.net|go\.redirectingat\.com|click\.linksynergy\.com"
    r"|doubleclick\.net|googleadservices\.com|amazon-adsystem\.com)$",
    re.I,
)
# A script wrote a missing value into the URL: `…/undefined`, `…/null` show no image.
BROKEN_SOURCE = re.compile(r"/(?:undefined|null|None|NaN)(?:[?#]|$)")
# Online shops: a link there is a purchase link, an image linked there a shop banner.
SHOP_HOST = re.compile(
    r"(?:^|\.)(?:youzan\.com|dangdang\.com|taobao\.com|tmall\.com|item\.jd\.com|weidian\.com"
    r"|yangkeduo\.com|pinduoduo\.com|suning\.com|kaola\.com|vip\.com)$",
    re.I,
)
# Open CORS proxies put the real URL after the host: cors-anywhere, corsproxy.io, workers.dev ...
CORS_PROXY = re.compile(r"^https?://[^/?#]*cors[^/?#]*/+(?:\?(?:url=)?)?(https?(?::|%3A).+)$", re.I)
# Redirect pages: (host, path) -> the query parameter holding the real URL.
REDIRECTS = {
    ("link.zhihu.com", "/"): ("target",),
    ("link.juejin.cn", "/"): ("target",),
    ("link.csdn.net", "/"): ("target",),
    ("gitee.com", "/link"): ("target",),
    ("www.google.com", "/url"): ("q", "url"),
    ("l.facebook.com", "/l.php"): ("u",),
    ("weibo.cn", "/sinaurl"): ("u",),
    ("www.jianshu.com", "/go-wild"): ("url",),
    ("steamcommunity.com", "/linkfilter/"): ("url",),
}
# Any other redirect page: its last path step or its host's first label says so.
REDIRECT_PATH = re.compile(
    r"/(?:go|goto|gotolink|go-wild|link|links|redirect|redir|jump|jumpto|out|outlink|outbound"
    r"|external|externallink|leave|away|r|url|click|linkfilter|sinaurl|l\.php|visit|exit)/?$",
    re.I,
)
REDIRECT_HOST = re.compile(r"^(?:link|links|go|out|jump|redirect)\.")
TARGET_PARAMETERS = ("url", "target", "u", "to", "dest", "destination", "redirect", "link", "goto")
URL_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:[^/?#@]*@)?([^/?#:]+)", re.I)


# (rule name, pattern whose first group is the real URL), tried before the generic CORS proxy.
Resolvers = list[tuple[str, re.Pattern[str]]]


def rule_resolvers(rules: Iterable[SiteRule]) -> Resolvers:
    return [(rule.name, pattern) for rule in rules for pattern in rule.resolve]


def fix_urls(root: etree._Element, work: Work) -> None:
    resolvers = rule_resolvers(work.rules)
    for el in tagged(root, URL_ATTRIBUTES):
        if el.tag == "img":
            use_lazy_source(el)
        for attribute in URL_ATTRIBUTES[el.tag]:
            url = el.get(attribute)
            if url is not None:
                fix_url(el, attribute, url, resolvers, work)


def fix_url(el: etree._Element, attribute: str, url: str, resolvers: Resolvers, work: Work) -> None:
    if runs_code(url):
        del el.attrib[attribute]
        work.note(GENERIC, f"unsafe {attribute}", url, len(url))
        return
    real, rule = resolve(url.strip(), resolvers)
    if real != url.strip():
        el.set(attribute, real)
        work.note(rule, "proxy URL", url, len(url) - len(real))


def use_lazy_source(img: etree._Element) -> None:
    src = img.get("src", "").strip()
    if src and not src.startswith("data:") and not is_pixel(src):
        return
    lazy = next((img.get(name) for name in LAZY_SOURCES if img.get(name, "").strip()), None)
    if lazy is None and img.get("srcset"):
        lazy = img.get("srcset", "").split(",")[0].split()[0]
    if lazy:
        img.set("src", lazy.strip())


def is_pixel(src: str) -> bool:
    lowered = src.lower()
    if not any(word in lowered for word in PIXEL_WORDS):
        return False
    return PIXEL_SOURCE.search(src) is not None


def resolve(url: str, resolvers: Resolvers) -> tuple[str, str]:
    """The real URL behind a proxy or a redirect page, and the name of the rule that found it."""
    for name, pattern in resolvers:
        found = pattern.search(url)
        if found and found.group(1):
            return decoded(found.group(1)), name
    return generic_target(url), GENERIC


# What generic_target found for a URL: the same URL is resolved for the match facts, then again
# by fix_urls with the matching rules' patterns, which differ but come first.
_GENERIC_TARGETS: dict[str, str] = {}
MAX_TARGETS, MAX_URL = 10_000, 1_000  # remembered URLs; longer URLs are not kept


def generic_target(url: str) -> str:
    """The real URL behind an open CORS proxy or a redirect page; else the URL itself."""
    target = _GENERIC_TARGETS.get(url)
    if target is None:
        found = CORS_PROXY.search(url)
        if found and found.group(1):
            target = decoded(found.group(1))
        else:
            target = redirect_target(url) or url
        if len(url) <= MAX_URL:
            if len(_GENERIC_TARGETS) >= MAX_TARGETS:
                _GENERIC_TARGETS.clear()
            _GENERIC_TARGETS[url] = target
    return target


def decoded(url: str) -> str:
    return unquote(url) if ENCODED_URL.match(url) else url


def redirect_target(url: str) -> str | None:
    """The URL a redirect page sends to: a known one, or any whose path or host says it is one
    (`/action/GoToLink?url=`, `/go?to=`, `link.site.cn/?target=`) and whose parameter holds
    a whole http(s) URL."""
    if "?" not in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    names = REDIRECTS.get((host, parts.path or "/"))
    if names is None and (REDIRECT_PATH.search(parts.path) or REDIRECT_HOST.match(host)):
        names = TARGET_PARAMETERS
    query = parse_qs(parts.query) if names and parts.query else {}
    for name in names or ():
        target = next(iter(query.get(name, ())), "").strip()
        if target.startswith(("http://", "https://")):
            return target
    return None


def hosts(urls: object, resolvers: Resolvers) -> frozenset[str]:
    """The hosts the URLs really point to (an XPath result that is not a list has none)."""
    found = set()
    for url in urls if isinstance(urls, list) else []:
        real = resolve(str(url).strip(), resolvers)[0]
        host = safe_host(real)
        if host:
            found.add(host)
    return frozenset(found)


def is_affiliate(href: str) -> bool:
    return AFFILIATE_HOST.search(safe_host(href)) is not None


def is_shop(href: str) -> bool:
    return SHOP_HOST.search(safe_host(href)) is not None


def safe_host(url: str) -> str:
    """The host in lower case, or "": a regex, so no URL can make it raise as urlsplit may."""
    found = URL_HOST.match(url)
    return found.group(1).lower() if found else ""
