#!/usr/bin/env python3
"""Every table of a relgraph store as (table, row count, digest of its sorted rows): two stores
of the same inputs print the same. The `seen` table (file times) and the graph digest (which
names the binary) are left out; so are `seq` columns (insertion order)."""
import sqlite3, sys, hashlib
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
out = []
out.append(("sqlite_master", sorted(repr(r) for r in db.execute("SELECT type,name,tbl_name,sql FROM sqlite_master"))))
for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
    if t == "seen": continue
    cur = db.execute(f'SELECT * FROM "{t}"' + (" WHERE key <> 'graph_inputs'" if t == "meta" else ""))
    cols = [d[0] for d in cur.description]
    keep = [i for i, c in enumerate(cols) if c != "seq"]
    rows = sorted(repr(tuple(r[i] for i in keep)) for r in cur)
    out.append((t, rows))
for t, rows in out:
    h = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
    print(f"{t}\t{len(rows)}\t{h}")
