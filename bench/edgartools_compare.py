"""Times edgartools and relgraph on the same structured filings, in one run, and shows what each
extracted. Run by bench/edgartools.sh, which makes the venv; edgartools is not a relgraph
dependency.

Offline: sockets are blocked, and edgartools' Form 3/4/5 owner look-up (one network request per
owner, to decide whether to reverse the name) is stubbed to "not a company", so no time is spent
in retries.
"""

import json
import re
import socket
import statistics
import subprocess
import sys
import time


def _blocked(*_args, **_kwargs):
    raise OSError("network blocked for the benchmark")


socket.socket.connect = _blocked
socket.create_connection = _blocked

import edgar.ownership.owners as owners  # noqa: E402
from edgar.beneficial_ownership import Schedule13D, Schedule13G  # noqa: E402
from edgar.ownership import Ownership  # noqa: E402

owners.Entity = lambda cik: None  # the per-owner SEC look-up, stubbed


def xml_part(text):
    """The structured document of a file: itself, or the <XML> part of a submission."""
    m = re.search(r"<XML>\s*(.*?)\s*</XML>", text, re.S | re.I)
    return m.group(1) if m else text


def edgartools_parse(path):
    text = xml_part(open(path, encoding="utf-8", errors="replace").read())
    if "ownershipDocument" in text[:3000]:
        return "ownership", lambda: Ownership.from_xml(text)
    if "schedule13D" in text[:3000] or "SCHEDULE 13D" in text[:3000]:
        return "13d", lambda: Schedule13D.parse_xml(text)
    return "13g", lambda: Schedule13G.parse_xml(text)


def edgartools_summary(kind, result):
    if kind == "ownership":
        owners_ = result.reporting_owners
        names = [o.name for o in owners_.owners] if hasattr(owners_, "owners") else []
        tx = result.non_derivative_table
        n_tx = len(tx.transactions) if tx is not None and tx.transactions is not None else 0
        n_hold = len(tx.holdings) if tx is not None and tx.holdings is not None else 0
        return {"persons": names, "transactions": n_tx, "holdings": n_hold,
                "signature": bool(result.signatures)}
    persons = result.get("reporting_persons") or []
    return {"persons": [p.name for p in persons],
            "amounts": [p.aggregate_amount for p in persons],
            "signatures": len(result.get("signatures") or [])}


def time_per_call(fn, reps):
    fn()
    start = time.perf_counter()
    for _ in range(reps):
        fn()
    return (time.perf_counter() - start) / reps


def main():
    relgraph_bin, reps, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    out = subprocess.run([relgraph_bin, "--reps", str(reps * 5), *files],
                         check=True, capture_output=True, text=True).stdout
    ours = {j["file"]: j for j in map(json.loads, out.splitlines())}
    ratios = []
    print(f"{'file':58} {'edgartools':>11} {'relgraph':>9} {'ratio':>6}")
    for f in files:
        kind, fn = edgartools_parse(f)
        try:
            secs = time_per_call(fn, reps)
            theirs = edgartools_summary(kind, fn())
        except Exception as e:  # noqa: BLE001 - a tool's failure is a result to report
            secs, theirs = None, {"error": f"{type(e).__name__}: {e}"}
        r = ours.get(f, {})
        mine = r.get("micros", float("nan")) / 1e6
        ratio = secs / mine if secs else float("nan")
        if secs:
            ratios.append(ratio)
        et = f"{secs * 1e3:8.2f} ms" if secs else "   failed"
        print(f"{f.split('/')[-1][:58]:58} {et:>11} {mine * 1e3:6.3f} ms {ratio:5.0f}x")
        print(f"    edgartools: {json.dumps(theirs)[:400]}")
        summary = {k: r.get(k) for k in ("persons", "holdings", "signs_for", "manages",
                                         "board", "officer", "error") if r.get(k)}
        print(f"    relgraph:   {json.dumps(summary)[:400]}")
    if ratios:
        print(f"per-filing time ratio (edgartools / relgraph): median {statistics.median(ratios):.0f}x, "
              f"min {min(ratios):.0f}x, max {max(ratios):.0f}x over {len(ratios)} filings")


if __name__ == "__main__":
    main()
