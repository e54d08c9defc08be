"""The front matter as the author wrote it, changed only where a value must change.

What must change: a cover image that the clean stage found to be a placeholder or junk (it is
replaced by the first real content image, or goes), and a value the clean stage lifted out of
the body (an editor line), which is added. Each change is made on the text of the one key it
concerns, in the block's own format; the rest of the block (comments, order, quoting, date
spelling) stays byte for byte.
"""

from __future__ import annotations

from converters.document import Document


def kept_front_matter(doc: Document) -> str:
    return doc.front_text
