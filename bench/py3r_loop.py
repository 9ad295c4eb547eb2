"""One iteration of py3r's sensitivity loop, for bench/sweep.bench.js.

py3r.behaviour.script runs every iteration of a sweep as a fresh interpreter that runs the
whole script with the iteration's parameters and reports its outputs. This does the same for a
script of `# %%` cells: it runs the cells in order in one `__main__`-like namespace, assigns
each override right after the cell that assigns that parameter (as a sweep does), captures
`Output(value, name=...)` through cellscript's capture hook and prints the outputs as JSON on
one marker line.

    python3 py3r_loop.py SCRIPT '{"n": 3}'
"""

import json
import os
import re
import sys

MARKER = "__PY3R_OUTPUTS__ "


def cells_of(text):
    """The script's cells: lists of lines, split at `# %%` lines."""
    cells = [[]]
    for line in text.splitlines(keepends=True):
        if line.startswith("# %%") and any(cells[-1]):
            cells.append([])
        cells[-1].append(line)
    return ["".join(cell) for cell in cells]


def main(script, overrides):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "src", "kernel"))
    import cellscript

    outputs = {}
    cellscript.capture = outputs.__setitem__
    with open(script) as f:
        text = f.read()
    namespace = {"__name__": "__main__", "__file__": os.path.abspath(script)}
    left = dict(overrides)
    for cell in cells_of(text):
        exec(compile(cell, script, "exec"), namespace)
        for name in list(left):
            if re.search(rf"^{re.escape(name)}\s*=", cell, re.MULTILINE):
                namespace[name] = left.pop(name)
    if left:
        raise SystemExit(f"No cell assigns {', '.join(left)}.")
    print(MARKER + json.dumps(outputs), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]))
