"""Coverage-guided fuzzing of the whole library path: bytes -> decode_bytes -> convert.

Not part of CI (it needs atheris, and it never ends by itself). Run it from the repository
root; docs/robustness.md gives the commands, the seed corpus and what counts as a finding.

A finding is any exception other than ConversionError, and, with FUZZ_CHECK=safe (the
default), an output that is not publishable: front matter that does not load, raw HTML, or a
script-capable link. FUZZ_CHECK=stable also requires that converting the output again changes
nothing; FUZZ_CHECK=crash only looks for exceptions.

With FUZZ_KNOWN=FILE, each finding's signature (exception type and the innermost project
frame) is appended to FILE before the crash, and findings already listed there are ignored:
fuzz/run_fuzz.py restarts the fuzzer that way, so one long run collects distinct findings.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["converters"]):
    from converters import ConversionError, convert
    from converters.read.decode import decode_bytes

from tests.test_hostile import assert_publishable  # noqa: E402  (after instrumenting)

CHECK = os.environ.get("FUZZ_CHECK", "safe")
KNOWN = Path(os.environ["FUZZ_KNOWN"]) if os.environ.get("FUZZ_KNOWN") else None


def convert_and_check(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data, source="fuzz")
        output = convert(text, path="fuzz").text
    except ConversionError:
        return
    if CHECK in ("safe", "stable"):
        assert_publishable(output)
    if CHECK == "stable":
        assert convert(output, path="fuzz").text == output, "a second conversion changed it"


def signature(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if str(ROOT) in f.filename and "/fuzz/" not in f.filename]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].name}" if ours else "?"  # survives edits
    first_line = str(error).split("\n", 1)[0][:80]
    if isinstance(error, AssertionError):  # an oracle verdict: the message names the class
        return f"AssertionError {first_line.split(':', 1)[0]} @ {where}"
    return f"{type(error).__name__} @ {where}"


def test_one_input(data: bytes) -> None:
    try:
        convert_and_check(data)
    except Exception as error:
        if KNOWN is None:
            raise
        found = signature(error)
        known = KNOWN.read_text("utf-8").splitlines() if KNOWN.exists() else []
        if found in known:
            return
        with KNOWN.open("a", encoding="utf-8") as stream:
            stream.write(found + "\n")
        raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
