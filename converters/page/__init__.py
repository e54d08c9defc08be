"""Stage 2b, page (after metadata, before clean): a whole saved page -> the HTML of its article.

In: a Document whose body is a whole page (doctype, <html>, <head> or <body>) and whose
metadata the page's <head> and bylines gave. Out: the body narrowed to the article's subtree,
its headline, byline, dateline and dek left out (they are front matter), relative links made
absolute and in-page anchors made text; a fragment body passes through (its links resolved
when --base-url is given). Entry: ``find_article.find_article``, which hands a whole page to
``article`` (imported for pages only: a fragment needs none of it); ``scoring`` finds the
candidate, ``pruning`` marks page chrome and prunes non-prose inside the article, ``front``
trims the leading front-matter lines, ``links`` resolves URLs. docs/pages.md says why.
"""
