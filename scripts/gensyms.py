#!/usr/bin/env python3
"""Write the linker version script of the client library: every function
and variable the public headers declare is exported, nothing else is.

usage: gensyms.py OUTPUT HEADER...
"""

import re
import sys


def main():
    out, headers = sys.argv[1], sys.argv[2:]
    names = set()
    for h in headers:
        text = open(h).read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for m in re.finditer(r"\b(vir[A-Za-z0-9_]+)\s*\(", text):
            start = text.rfind("\n", 0, m.start())
            line = text[start:m.start()]
            # Declarations, not typedefs of function pointers or macros.
            if "typedef" in line or "#define" in line or "(*" in line:
                continue
            names.add(m.group(1))
        # Exported variables (VIR_EXPORT_VAR type name;).
        for m in re.finditer(r"VIR_EXPORT_VAR\s+[\w\s\*]+?\b(vir\w+)\s*;", text):
            names.add(m.group(1))
    with open(out, "w") as f:
        f.write("VIRTCLIENT_9.0.0 {\n    global:\n")
        for n in sorted(names):
            f.write("        %s;\n" % n)
        f.write("    local:\n        *;\n};\n")


if __name__ == "__main__":
    main()
