#!/usr/bin/env python3
# Lists pairs of files in src/ that import each other (a module path used in one names the other).
import re, os, sys, itertools
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)[:-3]
            parts = rel.split(os.sep)
            if parts[-1] in ('mod', 'lib', 'main'):
                parts = parts[:-1]
            files[tuple(parts)] = p
def module_of(path):
    # deepest prefix that is a file
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in files:
            return tuple(path[:n])
    return None
deps = {}
for mod, p in files.items():
    s = open(p).read()
    s = re.sub(r'#\[cfg\(test\)\]\s*mod tests \{.*', '', s, flags=re.S)
    s = re.sub(r'//[^\n]*', '', s)
    out = set()
    for m in re.finditer(r'\b((?:crate|super|self)(?:::\w+)+)', s):
        segs = m.group(1).split('::')
        is_dir_mod = p.endswith('mod.rs') or p.endswith('lib.rs')
        base = list(mod) if is_dir_mod else list(mod)
        if segs[0] == 'crate':
            path = segs[1:]
        else:
            cur = list(mod)
            i = 0
            while i < len(segs) and segs[i] in ('super', 'self'):
                if segs[i] == 'super':
                    cur = cur[:-1] if not is_dir_mod or i > 0 else cur[:-1]
                i += 1
            path = cur + segs[i:]
        t = module_of(path)
        if t is not None and t != mod:
            out.add(t)
    # `use super::{a, b}` groups
    for m in re.finditer(r'use (crate|super)((?:::\w+)*)::\{([^}]*)\}', s):
        prefix = ([] if m.group(1) == 'crate' else list(mod)[:-1]) + [x for x in m.group(2).split('::') if x]
        for name in re.findall(r'\b(\w+)\b', m.group(3)):
            t = module_of(prefix + [name])
            if t is not None and t != mod:
                out.add(t)
    deps[mod] = out
bad = []
for a, b in itertools.combinations(sorted(deps), 2):
    if b in deps[a] and a in deps[b]:
        fa, fb = files[a], files[b]
        if os.path.dirname(fa) != os.path.dirname(fb):
            bad.append((fa, fb))
for a, b in bad:
    print(f"{a} <-> {b}")
print(f"{len(bad)} pair(s) of files in different folders import each other")
