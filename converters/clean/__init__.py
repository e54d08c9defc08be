"""Stage 3, clean: remove the boilerplate from an HTML body.

In: a Document with an HTML body. Out: the body narrowed to the article, with every removal
listed in ``removed`` and the cover image chosen. Entry: ``remove_boilerplate.remove_boilerplate``.
Site knowledge is data: ``rules/*.toml``, loaded and validated by ``site_rules``, applied by
``rule_actions``; the generic pass for sites no rule knows judges markup (``junk_signals``)
and lines of text by where they stand (``line_signals``).
``url_safety`` is here because cleaning is the first stage to judge URLs; later stages import it.
"""
