#!/usr/bin/env python3
"""Run rpcgen on a .x file so that its output names its companion header
by basename (rpcgen would otherwise embed the input's relative path), and
drop the unused buffer variables rpcgen declares in every routine.

usage: rpcgen.py RPCGEN -h|-c INPUT.x OUTPUT
"""

import os
import shutil
import subprocess
import sys
import tempfile


def main():
    rpcgen, mode, src, out = sys.argv[1:5]
    base = os.path.basename(src)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(src, os.path.join(tmp, base))
        target = os.path.splitext(base)[0] + (".h" if mode == "-h" else ".c")
        subprocess.run([rpcgen, mode, "-o", target, base], cwd=tmp, check=True)
        text = open(os.path.join(tmp, target)).read()
    if mode == "-c":
        text = "#pragma GCC diagnostic ignored \"-Wunused-variable\"\n" + text
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
