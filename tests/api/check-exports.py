#!/usr/bin/python3
"""Every function and variable the public headers declare is exported,
and nothing else is: a declared-but-missing function would only show up
when a user's program fails to link."""

import re
import subprocess
import sys


def declared(symsfile):
    return set(re.findall(r"(vir\w+);", open(symsfile).read()))


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[2].split("@")[0] for line in out.splitlines()
            if len(line.split()) == 3 and line.split()[1] in ("T", "D", "B")}


def main():
    syms, lib = sys.argv[1:3]
    want, have = declared(syms), exported(lib)
    missing, extra = sorted(want - have), sorted(have - want)
    for name in missing:
        print("declared but not exported: %s" % name)
    for name in extra:
        print("exported but not declared: %s" % name)
    print("%d functions declared, %d exported" % (len(want), len(have)))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
