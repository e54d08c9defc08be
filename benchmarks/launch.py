"""Run a command and record its wall time, exit code, peak RSS and CPU time as JSON in a file.

Usage: python -I benchmarks/launch.py RESULT.json COMMAND [ARGS...]

Why a separate small process: the kernel counts into a child's peak RSS the memory image
it was forked from (with vfork, the parent's own peak), so a command started straight from
the benchmark process would report at least the benchmark's 90 MB. Forked from this small
interpreter instead, the figure is the command's own peak (or that of its largest waited-for
descendant, e.g. a pool worker). Only the standard library, so it starts fast.
"""

import json
import os
import sys
import time


def main() -> None:
    result, argv = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(result, "w") as handle:
        cpu = usage.ru_utime + usage.ru_stime  # the command's and its waited-for children's
        json.dump([seconds, os.waitstatus_to_exitcode(status), usage.ru_maxrss, cpu], handle)


main()
