#!/usr/bin/env python3
# Check our public headers (include/libvirt/) against a reference copy of
# libvirt's own headers, normally Debian's libvirt-dev for 9.0.
#
#   compare-enums.py OUR_INCLUDE_DIR [REFERENCE_INCLUDE_DIR]
#   compare-enums.py --dump INCLUDE_DIR      (print what the parser sees)
#
# Without a reference dir, /usr/include is used when it has libvirt/libvirt.h,
# otherwise libvirt-dev is fetched with `apt-get download` into a temporary
# directory (never installed). Exit 77 (skip) only if that download fails.
#
# What is checked:
#   1. each of our headers compiles cleanly on its own: C99 and C++11 with
#      -Wall -Wextra -pedantic -Werror;
#   2. every enum constant we define exists in the reference with the same
#      value, and each enum type we define has exactly the reference's
#      members (VIR_ENUM_SENTINELS is defined on both sides); the *_LAST
#      members are the same ones and hidden without VIR_ENUM_SENTINELS;
#   3. every VIR_*/LIBVIR_* macro we define exists there, with the same
#      value when it is a number or a string, the same arity otherwise;
#   4. every struct we define has the same fields, in order, with the same
#      declarations, sizes and offsets;
#   5. every function, extern variable and non-enum typedef we declare is
#      declared there too, and our declaration, compiled after the
#      reference headers, does not conflict with it.

import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
TOP_HEADERS = ('libvirt/libvirt.h', 'libvirt/virterror.h')
REFERENCE_VERSION = 9000000

IDENT = re.compile(r'[A-Za-z_]\w*')


def compiler(var, default):
    return shlex.split(os.environ.get(var, default))


def top_source():
    return ''.join('#include <%s>\n' % h for h in TOP_HEADERS)


def run(cmd, stdin=None, cwd=None):
    return subprocess.run(cmd, input=stdin, cwd=cwd, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


# ---------------------------------------------------------------- parsing

def sentinel_flags(sentinels):
    return ['-DVIR_ENUM_SENTINELS'] if sentinels else []


def preprocess(incdir, cc, sentinels=True):
    """Preprocessed text of the libvirt headers found in incdir only."""
    res = run(cc + ['-E', '-std=gnu11'] + sentinel_flags(sentinels) +
              ['-I', incdir, '-x', 'c', '-'], stdin=top_source())
    if res.returncode != 0:
        raise SystemExit('preprocessing %s failed:\n%s' % (incdir, res.stderr))
    ours = os.path.realpath(os.path.join(incdir, 'libvirt')) + os.sep
    keep = False
    out = []
    for line in res.stdout.splitlines():
        m = re.match(r'#\s*\d+\s+"([^"]*)"', line)
        if m:
            keep = os.path.realpath(m.group(1)).startswith(ours)
            continue
        if keep:
            out.append(line)
    return '\n'.join(out)


def split_top(text, sep):
    """Split text on sep where no bracket is open."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in '({[':
            depth += 1
        elif ch in ')}]':
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append(''.join(cur))
    return [p.strip() for p in parts if p.strip()]


def squash(text):
    """Whitespace-insensitive form of a declaration."""
    toks = re.findall(r'[A-Za-z_]\w*|\d\w*|\S', text)
    return ' '.join(toks)


def drop_attributes(text):
    while True:
        m = re.search(r'__attribute__\s*\(', text)
        if not m:
            return text
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == '(':
                depth += 1
            elif text[i] == ')':
                depth -= 1
                if depth == 0:
                    break
            i += 1
        text = text[:m.start()] + text[i + 1:]


def declarator_name(text):
    t = drop_attributes(text)
    t = re.sub(r'(\s*\[[^\]]*\])+\s*$', '', t.strip())
    m = re.search(r'([A-Za-z_]\w*)\s*$', t)
    return m.group(1) if m else None


def body_of(text):
    a, b = text.index('{'), text.rindex('}')
    return text[:a], text[a + 1:b], text[b + 1:]


class Api:
    """What one copy of the headers declares."""

    def __init__(self):
        self.enums = {}      # enum type name -> [member, ...]
        self.constants = {}  # member -> enum type name
        self.structs = {}    # tag -> [(field name, squashed decl), ...]
        self.functions = {}  # name -> declaration text
        self.externs = {}    # name -> declaration text
        self.typedefs = {}   # name -> declaration text (no enum/struct body)
        self.macros = {}     # name -> (params or None, body)


def parse(incdir, cc, sentinels=True):
    api = Api()
    for decl in split_top(preprocess(incdir, cc, sentinels), ';'):
        decl = ' '.join(decl.split())
        if decl.startswith('typedef') and '{' in decl:
            head, body, tail = body_of(decl)
            name = declarator_name(tail)
            if re.search(r'\benum\b', head):
                add_enum(api, name, body)
            elif re.search(r'\b(struct|union)\b', head):
                api.structs[name] = parse_fields(body)
        elif decl.startswith('typedef'):
            m = re.search(r'\(\s*\*\s*([A-Za-z_]\w*)\s*\)', decl)
            name = m.group(1) if m else declarator_name(decl)
            api.typedefs[name] = decl
        elif re.match(r'(struct|union)\s+\w+\s*\{', decl):
            head, body, _ = body_of(decl)
            api.structs[head.split()[1]] = parse_fields(body)
        elif re.match(r'enum\b', decl) and '{' in decl:
            head, body, _ = body_of(decl)
            add_enum(api, (head.split()[1:] or ['<anonymous>'])[0], body)
        elif '(' in drop_attributes(decl):
            m = re.search(r'([A-Za-z_]\w*)\s*\(', drop_attributes(decl))
            api.functions[m.group(1)] = decl
        elif decl.startswith('extern'):
            api.externs[declarator_name(decl)] = decl
    api.macros = parse_macros(incdir, cc, sentinels)
    return api


def add_enum(api, name, body):
    members = []
    for item in split_top(body, ','):
        member = IDENT.match(item.strip()).group(0)
        members.append(member)
        api.constants[member] = name
    api.enums[name] = members


def parse_fields(body):
    return [(declarator_name(f), squash(f)) for f in split_top(body, ';')]


def parse_macros(incdir, cc, sentinels=True):
    res = run(cc + ['-dM', '-E', '-std=gnu11'] + sentinel_flags(sentinels) +
              ['-I', incdir, '-x', 'c', '-'], stdin=top_source())
    macros = {}
    for line in res.stdout.splitlines():
        m = re.match(r'#define ((?:LIBVIR|VIR)_\w+)(\([^)]*\))?\s*(.*)$', line)
        if m:
            params = None
            if m.group(2) is not None:
                params = [p.strip() for p in m.group(2)[1:-1].split(',') if p.strip()]
            macros[m.group(1)] = (params, m.group(3).strip())
    macros.pop('VIR_ENUM_SENTINELS', None)
    return macros


def macro_kind(api, name):
    params, body = api.macros[name]
    if params is not None:
        return 'function'
    if re.fullmatch(r'"[^"]*"', body):
        return 'string'
    for tok in re.findall(r'[A-Za-z_]\w*', body):
        if tok in api.macros and macro_kind(api, tok) == 'number':
            continue
        if not re.fullmatch(r'\d+[uUlL]*|0[xX][0-9a-fA-F]+[uUlL]*', tok):
            return 'other'
    return 'number' if body else 'other'


# ---------------------------------------------------------------- probing

def probe_values(incdir, cc, api, constants, numbers, strings, structs, workdir):
    """Compile and run a program printing the values of the given names."""
    lines = ['#include <stddef.h>', '#include <stdio.h>', top_source(),
             'int main(void)', '{']
    for name in constants + numbers:
        lines.append('    printf("%%s %%lld\\n", "%s", (long long)(%s));'
                     % (name, name))
    for name in strings:
        lines.append('    printf("%%s %%s\\n", "%s", %s);' % (name, name))
    for tag in structs:
        t = 'struct %s' % tag
        lines.append('    printf("sizeof:%s %%zu\\n", sizeof(%s));' % (tag, t))
        for field, _ in api.structs[tag]:
            lines.append('    printf("%s.%s %%zu+%%zu\\n", offsetof(%s, %s), '
                         'sizeof(((%s *)0)->%s));'
                         % (tag, field, t, field, t, field))
    lines += ['    return 0;', '}', '']
    src = os.path.join(workdir, 'probe.c')
    exe = os.path.join(workdir, 'probe')
    with open(src, 'w') as f:
        f.write('\n'.join(lines))
    res = run(cc + ['-std=gnu11', '-DVIR_ENUM_SENTINELS',
                    '-Wno-deprecated-declarations', '-I', incdir,
                    '-o', exe, src])
    if res.returncode != 0:
        raise SystemExit('probe against %s does not compile:\n%s'
                         % (incdir, res.stderr))
    out = run([exe]).stdout
    os.unlink(exe)
    values = {}
    for line in out.splitlines():
        key, _, val = line.partition(' ')
        values[key] = val
    return values


def values_for(incdir, cc, api, want_constants, want_macros, want_structs, workdir):
    constants = [c for c in want_constants if c in api.constants]
    numbers = [m for m in want_macros
               if m in api.macros and macro_kind(api, m) == 'number']
    strings = [m for m in want_macros
               if m in api.macros and macro_kind(api, m) == 'string']
    structs = [s for s in want_structs if s in api.structs]
    return probe_values(incdir, cc, api, constants, numbers, strings,
                        structs, workdir)


# ---------------------------------------------------------------- checks

class Report:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)


def check_strict(ourinc, cc, cxx, rep, workdir):
    """Our headers on their own, in the strictest modes we promise."""
    combos = []
    headers = sorted(os.path.relpath(h, ourinc) for h in
                     glob.glob(os.path.join(ourinc, 'libvirt', '*.h')))
    for hdr in headers:
        for sentinels in ([], ['-DVIR_ENUM_SENTINELS']):
            combos.append((cc, ['-std=c99', '-x', 'c', '-Wstrict-prototypes'],
                           hdr, sentinels))
            if cxx:
                combos.append((cxx, ['-std=c++11', '-x', 'c++'], hdr, sentinels))
    for comp, lang, hdr, extra in combos:
        src = '#include <%s>\nint main(void) { return 0; }\n' % hdr
        res = run(comp + lang + ['-Wall', '-Wextra', '-pedantic', '-Werror',
                                 '-fsyntax-only', '-I', ourinc] + extra + ['-'],
                  stdin=src)
        rep.check(res.returncode == 0,
                  'strict compile of %s (%s %s) failed:\n%s'
                  % (hdr, ' '.join(lang), ' '.join(extra), res.stderr))


def check_enums(ours, theirs, ov, tv, exact, rep):
    for const in sorted(ours.constants):
        sentinel = (const.endswith('_LAST') and
                    ours.enums[ours.constants[const]][-1] == const)
        if sentinel and not exact:
            continue        # sentinels grow from release to release
        if const not in theirs.constants:
            rep.check(False, 'enum constant %s is not in the reference' % const)
            continue
        rep.check(ov.get(const) is not None and ov.get(const) == tv.get(const),
                  '%s = %s here, %s in the reference'
                  % (const, ov.get(const), tv.get(const)))
    for name, members in sorted(ours.enums.items()):
        if name not in theirs.enums:
            rep.check(False, 'enum type %s is not in the reference' % name)
            continue
        missing = [m for m in theirs.enums[name] if m not in members]
        if exact:
            rep.check(not missing, 'enum %s lacks %s' % (name, ', '.join(missing)))


def check_sentinels(ourinc, refinc, cc, ours, theirs, exact, rep):
    """The *_LAST members appear only with VIR_ENUM_SENTINELS, as upstream."""
    plain_ours = parse(ourinc, cc, sentinels=False)
    plain_theirs = parse(refinc, cc, sentinels=False)
    for name, members in sorted(ours.enums.items()):
        mine = [m for m in members if m not in plain_ours.constants]
        ref = [m for m in theirs.enums.get(name, [])
               if m not in plain_theirs.constants]
        same = mine == ref if exact else len(mine) == len(ref)
        rep.check(same,
                  'enum %s: members hidden without VIR_ENUM_SENTINELS are '
                  '%s here, %s in the reference' % (name, mine, ref))


def check_macros(ours, theirs, ov, tv, exact, rep):
    for name in sorted(ours.macros):
        if name not in theirs.macros:
            rep.check(False, 'macro %s is not in the reference' % name)
            continue
        kind = macro_kind(ours, name)
        if name == 'LIBVIR_VERSION_NUMBER' and not exact:
            kind = 'other'
        if kind in ('number', 'string'):
            rep.check(ov.get(name) is not None and ov.get(name) == tv.get(name),
                      'macro %s = %s here, %s in the reference'
                      % (name, ov.get(name), tv.get(name)))
        elif kind == 'function':
            mine, ref = ours.macros[name][0], theirs.macros[name][0]
            rep.check(ref is not None and len(mine) == len(ref),
                      'macro %s takes %s here, %s in the reference'
                      % (name, mine, ref))
        else:
            rep.check(True, name)


def check_structs(ours, theirs, ov, tv, rep):
    for tag, fields in sorted(ours.structs.items()):
        if tag not in theirs.structs:
            rep.check(False, 'struct %s is not in the reference' % tag)
            continue
        rep.check(fields == theirs.structs[tag],
                  'struct %s differs:\n  here:      %s\n  reference: %s'
                  % (tag, fields, theirs.structs[tag]))
        keys = ['sizeof:%s' % tag] + ['%s.%s' % (tag, f) for f, _ in fields]
        for key in keys:
            rep.check(ov.get(key) is not None and ov.get(key) == tv.get(key),
                      '%s: %s here, %s in the reference'
                      % (key, ov.get(key), tv.get(key)))


def check_declarations(ourinc, refinc, ours, theirs, cc, rep, workdir):
    """Replay our declarations after the reference headers."""
    decls = []
    for kind, mine, ref in (('function', ours.functions, theirs.functions),
                            ('variable', ours.externs, theirs.externs),
                            ('typedef', ours.typedefs, theirs.typedefs)):
        for name in sorted(mine):
            present = name in ref
            rep.check(present, '%s %s is not in the reference' % (kind, name))
            if present:
                decls.append((name, mine[name]))
    src = os.path.join(workdir, 'replay.c')
    with open(src, 'w') as f:
        f.write(top_source())
        for name, text in decls:
            f.write('/* %s */\n%s;\n' % (name, text))
    res = run(cc + ['-std=gnu11', '-fsyntax-only', '-Werror=strict-prototypes',
                    '-Wno-deprecated-declarations', '-I', refinc, src])
    rep.check(res.returncode == 0,
              'our declarations conflict with the reference:\n%s' % res.stderr)
    if res.returncode == 0:
        rep.passed += len(decls)


# ---------------------------------------------------------------- reference

def reference_dir(workdir):
    if os.path.exists('/usr/include/libvirt/libvirt.h'):
        return '/usr/include'
    dl = os.path.join(workdir, 'deb')
    os.makedirs(dl)
    os.chmod(workdir, 0o755)
    os.chmod(dl, 0o777)
    try:
        res = run(['apt-get', 'download', 'libvirt-dev'], cwd=dl)
        why = res.stderr.strip()
    except OSError as e:
        res, why = None, str(e)
    debs = glob.glob(os.path.join(dl, 'libvirt-dev_*.deb'))
    if res is None or res.returncode != 0 or not debs:
        print('# cannot download libvirt-dev: %s' % why)
        return None
    root = os.path.join(workdir, 'root')
    res = run(['dpkg-deb', '-x', debs[0], root])
    if res.returncode != 0:
        raise SystemExit('dpkg-deb -x %s failed:\n%s' % (debs[0], res.stderr))
    print('# reference: %s' % os.path.basename(debs[0]))
    return os.path.join(root, 'usr', 'include')


def dump(incdir, cc):
    api = parse(incdir, cc)
    with tempfile.TemporaryDirectory() as workdir:
        vals = values_for(incdir, cc, api, list(api.constants),
                          list(api.macros), [], workdir)
    for name, members in api.enums.items():
        print('enum %s' % name)
        for m in members:
            print('    %s = %s' % (m, vals.get(m)))
    for tag, fields in api.structs.items():
        print('struct %s' % tag)
        for _, decl in fields:
            print('    %s' % decl)
    for table in (api.typedefs, api.externs, api.functions):
        for text in table.values():
            print(text + ';')
    for name, (params, body) in api.macros.items():
        print('#define %s%s %s' % (name, '' if params is None
                                   else '(%s)' % ', '.join(params), body))


def main():
    ap = argparse.ArgumentParser(description='compare our libvirt headers '
                                 'with a reference copy of libvirt\'s')
    ap.add_argument('ours', help='our include dir (holds libvirt/)')
    ap.add_argument('reference', nargs='?',
                    help='reference include dir (default: /usr/include or '
                    'a downloaded libvirt-dev)')
    ap.add_argument('--dump', action='store_true',
                    help='only print what the parser finds in OURS')
    args = ap.parse_args()
    cc = compiler('CC', 'cc')
    cxx = compiler('CXX', 'c++')
    if not shutil.which(cxx[0]):
        cxx = None

    if args.dump:
        dump(args.ours, cc)
        return 0

    rep = Report()
    workdir = tempfile.mkdtemp(prefix='api-compare-')
    try:
        check_strict(args.ours, cc, cxx, rep, workdir)
        refinc = args.reference or reference_dir(workdir)
        if refinc is None:
            for f in rep.failures:
                print('FAIL: ' + f)
            if rep.failures:
                return 1
            print('SKIP: no reference headers to compare with')
            return SKIP
        ours = parse(args.ours, cc)
        theirs = parse(refinc, cc)

        tv = probe_values(refinc, cc, theirs, [], ['LIBVIR_VERSION_NUMBER'],
                          [], [], workdir)
        refver = int(tv.get('LIBVIR_VERSION_NUMBER', 0))
        exact = refver == REFERENCE_VERSION
        if not exact:
            print('# reference is %d, not %d: only checking that ours is a '
                  'subset' % (refver, REFERENCE_VERSION))

        names = sorted(set(ours.constants) |
                       {m for e in ours.enums for m in theirs.enums.get(e, [])})
        macros = list(ours.macros)
        ov = values_for(args.ours, cc, ours, names, macros,
                        list(ours.structs), workdir)
        tv = values_for(refinc, cc, theirs, names, macros,
                        list(ours.structs), workdir)

        check_enums(ours, theirs, ov, tv, exact, rep)
        check_sentinels(args.ours, refinc, cc, ours, theirs, exact, rep)
        check_macros(ours, theirs, ov, tv, exact, rep)
        check_structs(ours, theirs, ov, tv, rep)
        check_declarations(args.ours, refinc, ours, theirs, cc, rep, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print('# %d enum types, %d enum constants, %d macros, %d structs, '
          '%d functions, %d typedefs, %d variables'
          % (len(ours.enums), len(ours.constants), len(ours.macros),
             len(ours.structs), len(ours.functions), len(ours.typedefs),
             len(ours.externs)))
    for f in rep.failures:
        print('FAIL: ' + f)
    print('%d passed, %d failed' % (rep.passed, len(rep.failures)))
    return 1 if rep.failures else 0


if __name__ == '__main__':
    sys.exit(main())
