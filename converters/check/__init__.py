"""Stage 6, check: nothing lost, nothing unsafe, or the file fails.

In: a Document with its Markdown. Out: the same Document, or a ConversionError naming what is
wrong. Entry: ``check_output.check_output`` (a cheap screen), which hands doubts to ``safety``
(a real CommonMark parse).
"""
