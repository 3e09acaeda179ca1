#!/usr/bin/env python3
"""The oracle TextWidthOracleTests compares TextWidth with: wcwidth's width of every code point
in the given planes, for the given Unicode version, as runs of equal width, one per line:
`FIRST LAST WIDTH` (hexadecimal code points; width -1 for control characters).

    .build-tools/venv/bin/python scripts/wcwidth-oracle.py 15.0.0 0 1 2 3 14

Surrogates (U+D800..U+DFFF) are left out: they are not characters a string can hold.
"""

import sys

import wcwidth


def main():
    version, planes = sys.argv[1], [int(p) for p in sys.argv[2:]]
    if version not in wcwidth.list_versions():
        sys.exit(f"wcwidth {wcwidth.__version__} has no tables for Unicode {version}")
    print(f"# wcwidth {wcwidth.__version__}, Unicode {version}")
    run = None
    for plane in planes:
        for cp in range(plane << 16, (plane + 1) << 16):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            width = wcwidth.wcwidth(chr(cp), unicode_version=version)
            if run and run[1] == cp - 1 and run[2] == width:
                run[1] = cp
            else:
                if run:
                    print(f"{run[0]:X} {run[1]:X} {run[2]}")
                run = [cp, cp, width]
    if run:
        print(f"{run[0]:X} {run[1]:X} {run[2]}")


if __name__ == "__main__":
    main()
