"""Stage 5b, markdown_body: a body that already is Markdown, edited on its source.

In: a Document whose body is Markdown (perhaps with the author's HTML, comments and template
tags). Out: ``markdown`` set to that body; in a post a site rule recognizes as scraped, with a
scraper's leftovers cut out (an empty HTML paragraph, a tracking pixel, a full-width indent),
each cut noted in ``removed``. Every other byte stays as written, nothing is re-rendered.
Entry: ``edit_body.edit_markdown_body``; ``junk`` says what a leftover looks like.
"""
