#!/usr/bin/env python3
"""Files in src/ over 800 lines and functions over 120 lines (tests and tables aside).

    python3 bench/long_functions.py [SRC_DIR]

A function is measured from its `fn` line to the line of its closing brace; a `#[cfg(test)]`
module is not counted. A file's lines are counted without its tests module."""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
FILE_LIMIT, FN_LIMIT = 800, 120
problems = []
for d, _, fs in sorted(os.walk(root)):
    for f in sorted(fs):
        if not f.endswith(".rs"):
            continue
        p = os.path.join(d, f)
        lines = open(p).read().split("\n")
        end = len(lines)
        for i, l in enumerate(lines):
            if l.startswith("#[cfg(test)]"):
                end = i
                break
        if end > FILE_LIMIT:
            problems.append(f"{p}: {end} lines (without tests)")
        i = 0
        while i < end:
            m = re.match(r"\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)", lines[i])
            if not m or lines[i].rstrip().endswith(";"):
                i += 1
                continue
            depth, j, opened = 0, i, False
            while j < end:
                code = re.sub(r'"(?:\\.|[^"\\])*"', '""', lines[j].split("//")[0])
                code = re.sub(r"'(?:\\.|[^'\\])'", "''", code)
                depth += code.count("{") - code.count("}")
                opened |= "{" in code
                if opened and depth <= 0:
                    break
                j += 1
            n = j - i + 1
            if n > FN_LIMIT:
                problems.append(f"{p}:{i + 1}: fn {m.group(1)} is {n} lines")
            i += 1
for x in problems:
    print(x)
print(f"{len(problems)} over the limits ({FILE_LIMIT} lines a file, {FN_LIMIT} a function)")
